import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import JSON
import Replay
import StoreGenerator
import TestSupport
import TUICore
import XCTest

/// The explorer's core driven by a real effect runner over a small generated store: the actions
/// a person's keys make, answered by the workers, settled before each assertion.
final class AppFixture {
    static let folder = TemporaryDirectory()
    /// The same store for every test: generated once, never written to after.
    static let storePath: String = {
        let path = folder.path("orders.sqlite")
        try? StoreGenerator.generate(path: path, events: 600, seed: 42, domain: .orders)
        // Written an hour ago, as far as the explorer can tell: it opens paused, not LIVE.
        try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
        return path
    }()

    let driver: ExplorerDriver

    init(width: Int = 120, height: Int = 40, rules: Rules? = nil, path: String = AppFixture.storePath) throws {
        let rules = try rules ?? RulesLoader.parse(StoreGenerator.rules(for: .orders), file: "orders.evx.yaml")
        let source = SourceDescription(name: "orders.sqlite", format: "SQLite", projectionNames: rules.projections.map(\.name))
        driver = ExplorerDriver(state: AppState(width: width, height: height, source: source),
                                runner: EffectRunner(rules: rules, storePath: path) { try StoreOpener.open(path: path) })
        XCTAssertTrue(driver.settle(), "the store did not open")
    }

    deinit { driver.runner.stop() }

    var state: AppState { driver.state }

    /// Applies actions, then waits until every request they made is answered.
    func send(_ actions: Action...) {
        for action in actions { driver.send(action) }
        XCTAssertTrue(driver.settle(), "requests still in flight")
    }

    func type(_ text: String) {
        for character in text { driver.send(.editPrompt(.character(character))) }
    }

    /// The screen as text; without Unicode, as a terminal that is not UTF-8 really shows it.
    func screen(unicode: Bool = true) -> String {
        Screen(theme: .monochrome, unicode: unicode).render(state).text(asciiTerminal: !unicode)
    }

    /// The screen with its styles (colour theme), for snapshots that check more than text.
    func styledScreen(unicode: Bool = true) -> String {
        StyledSnapshot.of(Screen(theme: .color, unicode: unicode).render(state), asciiTerminal: !unicode)
    }

    /// The positions of a stream's events in the fixture store.
    func positions(of stream: String) throws -> [Int64] {
        var positions: [Int64] = []
        try StoreOpener.open(path: Self.storePath).readEvents(EventFilter(stream: stream)) { positions.append($0.position); return true }
        return positions
    }
}

/// A buffer as text, then one line per row naming each cell's style by a letter, with a legend:
/// a snapshot that fails when a highlight, a colour or a dimmed hint changes, not only the text.
enum StyledSnapshot {
    static func of(_ buffer: Buffer, asciiTerminal: Bool = false) -> String {
        var letters: [Style: Character] = [.plain: "."]
        var legend: [(Character, Style)] = []
        var rows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for cell in buffer.row(y) {
                if let letter = letters[cell.style] {
                    row.append(letter)
                } else {
                    let letter = Character(UnicodeScalar(UInt8(97 + legend.count % 26)))
                    letters[cell.style] = letter
                    legend.append((letter, cell.style))
                    row.append(letter)
                }
            }
            rows.append(row)
        }
        let names = legend.map { letter, style in "\(letter) = \(describe(style))" }
        return buffer.text(asciiTerminal: asciiTerminal) + "\n--- styles\n" + rows.joined(separator: "\n") + "\n--- legend\n" + names.joined(separator: "\n")
    }

    private static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != Style.plain.foreground { parts.append("fg \(style.foreground)") }
        if style.background != Style.plain.background { parts.append("bg \(style.background)") }
        if style.bold { parts.append("bold") }
        if style.dim { parts.append("dim") }
        if style.underline { parts.append("underline") }
        if style.reverse { parts.append("reverse") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
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
