import App
import EventModel
import EventStore
import Foundation
import JSON
import Replay
import StoreGenerator
import TestSupport
import TUICore
import XCTest

/// A settled explorer session over a small generated store, and helpers to drive it.
final class AppFixture {
    static let folder = TemporaryDirectory()
    /// The same store for every test: generated once, never written to after.
    static let storePath: String = {
        let path = folder.path("orders.sqlite")
        try? StoreGenerator.generate(path: path, events: 600, seed: 42, domain: .orders)
        return path
    }()

    let session: ExplorerSession
    var state: AppState

    init(width: Int = 120, height: Int = 40, rules: Rules? = nil) throws {
        let path = Self.storePath
        let rules = try rules ?? RulesLoader.parse(StoreGenerator.rules(for: .orders), file: "orders.evx.yaml")
        session = try ExplorerSession(storeName: "orders.sqlite", rules: rules, storePath: path) { try StoreOpener.open(path: path) }
        session.settle()
        state = AppState(width: width, height: height)
    }

    /// Applies actions, then lets the background catch up on the views at the cursor, as the run
    /// loop does when the cursor rests.
    func send(_ actions: Action...) {
        for action in actions { reduce(&state, action, session) }
        settleViews()
    }

    func type(_ text: String) {
        for character in text { reduce(&state, .editPrompt(.character(character)), session) }
    }

    func settleViews() {
        guard session.index.positions.indices.contains(state.cursor) else { return }
        session.requestProjections(at: session.index.positions[state.cursor])
        if let time = session.index.time(at: state.cursor) { session.requestDelivery(asOf: time) }
        session.settle()
    }

    func screen(unicode: Bool = true) -> String {
        Screen(theme: .monochrome, unicode: unicode).render(state, session).text()
    }

    /// The log index of a global position.
    func index(of position: Int64) -> Int {
        session.index.index(atOrBefore: position)
    }

    /// The position of order-42's events in the fixture store.
    func positions(of stream: String) throws -> [Int64] {
        var positions: [Int64] = []
        try StoreOpener.open(path: Self.storePath).readEvents(EventFilter(stream: stream)) { positions.append($0.position); return true }
        return positions
    }
}

/// Compares a screen with a text file under Snapshots/; `EVX_RECORD_SNAPSHOTS=1` writes them.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = folder.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["EVX_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name).txt; record it with EVX_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    XCTAssertEqual(text + "\n", expected, "screen differs from Snapshots/\(name).txt", file: file, line: line)
}
