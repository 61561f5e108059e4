import Foundation
import JSON
import TestSupport
import XCTest

/// The explorer as a person uses it: the real binary in tmux, keys typed, the screen read.
final class ExplorerEndToEndTests: CommandTestCase {
    private var session: TmuxSession?

    override func setUpWithError() throws {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed") }
    }

    override func tearDown() {
        session?.kill()
    }

    /// Starts `evx ARGUMENTS` in a 120×40 pane (printing its exit status after it) and waits for
    /// the first frame.
    private func open(_ arguments: String, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let session = try TmuxSession(width: width, height: height, directory: folder.url)
        self.session = session
        try session.type("SWIFT_BACKTRACE=interactive=no '\(EvxProcess.binary.path)' \(arguments); echo exit=$?")
        session.waitForScreen("the first frame") { $0.contains("Events") || $0.contains("exit=") }
        return session
    }

    private func quitAndCheckTheShell(_ session: TmuxSession) throws {
        try session.press("q")
        session.waitForScreen("the explorer to quit") { $0.split(separator: "\n").contains("exit=0") }
        XCTAssertEqual(session.paneFormat("#{alternate_on} #{cursor_flag}"), "0 1")
        try session.type("echo ok-$((1+1))")
        session.waitForScreen("the shell to run a command") { $0.split(separator: "\n").contains("ok-2") }
    }

    func testScrubToTheWorkedExampleAndBack() throws {
        let store = try generatedStore(events: 600, seed: 42, name: "orders.sqlite")
        let before = fileBytes(store)
        let positions = try evx("events", store, "--stream", "order-42", "--json").stdoutLines.map {
            try JSONParser.parse($0)["position"]?.intValue ?? 0
        }
        XCTAssertEqual(positions.count, 4)
        let session = try open("'\(store)'")

        try session.press("g")
        try session.type(String(positions[3]))
        var screen = session.waitForScreen("order-42 shipped") { $0.contains("order-42 (Order) v4 of 4") }
        XCTAssertTrue(screen.contains(#"status: "SHIPPED""#), screen)
        XCTAssertTrue(screen.contains("paid: 50"), screen)
        XCTAssertTrue(screen.contains(#"items: ["A"]"#), screen)
        XCTAssertTrue(screen.contains(#"tracking: "XY123""#), screen)

        try session.press("[")
        screen = session.waitForScreen("the state before shipping") { $0.contains("order-42 (Order) v3 of 4") }
        XCTAssertTrue(screen.contains(#"status: "CREATED""#), screen)
        XCTAssertFalse(screen.contains(#"+ tracking"#) || screen.contains(#"tracking: "XY123""#), screen)

        try session.press("?")
        session.waitForScreen("the help") { $0.contains("Keys (Esc closes)") }
        try session.press("Escape")
        session.waitForScreen("the help to close") { !$0.contains("Keys (Esc closes)") }

        try quitAndCheckTheShell(session)
        XCTAssertEqual(fileBytes(store), before, "the explorer changed the store")
    }

    func testNarrowScreensShowTheFocusedPane() throws {
        let store = try generatedStore(events: 300, name: "narrow.sqlite")
        let session = try open("'\(store)'", width: 40, height: 12)
        try session.press("Tab")
        session.waitForScreen("the aggregate pane") { $0.contains("Aggregate") && $0.contains("(Order)") || $0.contains("(Inventory)") }
        try session.resize(width: 120, height: 40)
        session.waitForScreen("every pane after the resize") { $0.contains("Projections") && $0.contains("Outbox") }
        try quitAndCheckTheShell(session)
    }

    func testFollowsAStoreWhileTheDemoWritesIt() throws {
        let store = folder.path("live.sqlite")
        let demo = Process()
        demo.executableURL = EvxProcess.binary
        demo.arguments = ["demo", store, "--rate", "100", "--duration", "30"]
        demo.standardOutput = FileHandle.nullDevice
        demo.standardError = FileHandle.nullDevice
        try demo.run()
        defer { demo.terminate(); demo.waitUntilExit() }
        let deadline = Date().addingTimeInterval(10)
        while (try? GRDBReader(path: store).int("SELECT count(*) FROM events")) ?? 0 < 5, Date() < deadline { usleep(20_000) }

        // A store being written opens LIVE by itself (docs/ui.md), following the newest event.
        let session = try open("'\(store)'")
        let first = session.waitForScreen("LIVE") { $0.contains("LIVE") }
        let count = { (screen: String) -> Int in
            // The header: "#N · time · LIVE · i/N events · …"
            let header = screen.split(separator: "\n").first ?? ""
            let field = header.components(separatedBy: " · ").first { $0.hasSuffix(" events") } ?? ""
            return Int(field.split(separator: "/").last?.split(separator: " ").first?.replacingOccurrences(of: ",", with: "") ?? "") ?? 0
        }
        let start = count(first)
        XCTAssertGreaterThan(start, 0, first)
        session.waitForScreen("the event count to grow") { count($0) > start + 20 }
        try quitAndCheckTheShell(session)
    }

    func testSIGTERMRestoresTheTerminal() throws {
        let store = try generatedStore(events: 200, name: "term.sqlite")
        let session = try open("'\(store)'")
        let pids = try EvxProcess.runTool("/usr/bin/pgrep", ["-f", "evx \(store)"]).split(separator: "\n").compactMap { Int32($0) }
        XCTAssertFalse(pids.isEmpty)
        for pid in pids { kill(pid, SIGTERM) }
        session.waitForScreen("the explorer to end") { $0.split(separator: "\n").contains { $0.hasPrefix("exit=") } }
        XCTAssertEqual(session.paneFormat("#{alternate_on} #{cursor_flag}"), "0 1")
        try session.type("echo ok-$((1+1))")
        session.waitForScreen("the shell to run a command") { $0.split(separator: "\n").contains("ok-2") }
    }
}
