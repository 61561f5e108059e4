import Foundation
import TestSupport
import XCTest

/// The explorer as a new user meets it: opened and left alone, every pane fills by itself; then
/// search, the stream picker and copying, driven by keys in tmux.
final class ExplorerPanesFillTests: CommandTestCase {
    private var session: TmuxSession?

    override func setUpWithError() throws {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed") }
    }

    override func tearDown() {
        session?.kill()
    }

    /// A copy of a sample store (with its rules file) in this test's folder, written an hour ago.
    private func sample(_ name: String) throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-stores")
        let path = folder.path(name)
        try FileManager.default.copyItem(atPath: source.appendingPathComponent(name).path, toPath: path)
        let base = (name as NSString).deletingPathExtension
        let rules = source.appendingPathComponent(base + ".evx.yaml").path
        if FileManager.default.fileExists(atPath: rules) { try FileManager.default.copyItem(atPath: rules, toPath: folder.path(base + ".evx.yaml")) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
        return path
    }

    private func open(_ path: String, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let session = try TmuxSession(width: width, height: height, directory: folder.url)
        self.session = session
        try session.type("SWIFT_BACKTRACE=interactive=no '\(EvxProcess.binary.path)' '\(path)'; echo exit=$?")
        return session
    }

    /// Opened and never touched: the timeline, the events, the aggregate, the projections and the
    /// outbox all show their numbers, and nothing says it is still working.
    func testEveryPaneFillsWithoutAKey() throws {
        let session = try open(try sample("orders.sqlite"))
        let screen = session.waitForScreen("every pane filled, no key pressed") { screen in
            screen.contains("5,000/5,000 events") && screen.contains("bars of ") && screen.contains("#5000")
                && screen.contains("(Inventory) v1313 of 1313") && screen.contains("orders_by_status")
                && screen.contains("outbox 3,836:") && !screen.contains("reading") && !screen.contains("updating")
                && !screen.contains("computing")
        }
        XCTAssertFalse(screen.contains("reading"), screen)
        XCTAssertFalse(screen.contains("computing"), screen)
    }

    /// Another library's store and a JSON Lines export fill the same way.
    func testOtherFormatsFillWithoutAKey() throws {
        for (name, expected) in [("bank-eventsourcing.sqlite", "eventsourcing"), ("orders.jsonl", "JSON Lines")] {
            let session = try open(try sample(name))
            let screen = session.waitForScreen("\(name) filled, no key pressed") { screen in
                screen.contains(expected) && screen.contains(" events ") && screen.contains("bars of ")
                    && screen.contains("Projections") && !screen.contains("reading") && !screen.contains("computing")
            }
            // Checkpoints (eventsourcing's tracking table) are the Projections pane's; this one says plainly what is missing.
            XCTAssertTrue(screen.contains("no outbox or consumer tables"), screen)
            try session.press("q")
            session.waitForScreen("the explorer to quit") { $0.contains("exit=0") }
            session.kill()
            self.session = nil
        }
    }

    /// `/` finds whole words and `type:`, marks the count, and n/N step through the matches.
    func testSearchStepsThroughMatches() throws {
        let session = try open(try sample("orders.sqlite"))
        session.waitForScreen("the first frame") { $0.contains("5,000/5,000 events") }
        try session.press("Home")
        session.waitForScreen("the first event") { $0.contains(" 1/5,000 events") }
        try session.press("/")
        try session.type("type:OrderCancelled")
        var screen = session.waitForScreen("the match count") { $0.contains("154 events match 'type:OrderCancelled'") }
        try session.press("n")
        screen = session.waitForScreen("the next match") { $0.contains("match 2 of 154") }
        XCTAssertTrue(screen.contains("OrderCancelled"), screen)
        try session.press("N")
        session.waitForScreen("the previous match") { $0.contains("match 1 of 154") }
        try session.press("Escape")
        session.waitForScreen("the search cleared") { !$0.contains("/type:OrderCancelled") }
    }

    /// `s` lists streams; typing filters them; Enter pins the chosen one in the aggregate pane.
    func testThePickerPinsAStream() throws {
        let session = try open(try sample("orders.sqlite"))
        session.waitForScreen("the first frame") { $0.contains("5,000/5,000 events") }
        try session.press("s")
        session.waitForScreen("the stream list") { $0.contains("Streams (type to filter") && $0.contains("events · last #") }
        try session.press("o", "r", "d", "e", "r", "-", "4", "2")
        session.waitForScreen("order-42 at the top") { $0.contains("order-42") }
        try session.press("Enter")
        session.waitForScreen("order-42 pinned") { $0.contains("order-42 (Order) v4 of 4 · pinned") }
    }

    /// `y` puts the cursor event's JSON on the clipboard with an OSC 52 sequence.
    func testCopyWritesAnOSC52Sequence() throws {
        let session = try open(try sample("orders.sqlite"))
        session.waitForScreen("the first frame") { $0.contains("5,000/5,000 events") && $0.contains("#5000") }
        let raw = folder.path("raw-output")
        try session.recordOutput(to: raw)
        try session.press("y")
        session.waitForScreen("the confirmation") { $0.contains("copied event #5000") }
        let output = (try? String(contentsOfFile: raw, encoding: .isoLatin1)) ?? ""
        let start = try XCTUnwrap(output.range(of: "\u{1B}]52;c;"), "no OSC 52 in the pane's output")
        let encoded = output[start.upperBound...].prefix { $0 != "\u{07}" && $0 != "\u{1B}" }
        let decoded = try XCTUnwrap(Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) })
        XCTAssertTrue(decoded.contains(#""position" : 5000"#) || decoded.contains(#""position": 5000"#), decoded)
        XCTAssertTrue(decoded.contains(#""stream""#), decoded)
    }
}
