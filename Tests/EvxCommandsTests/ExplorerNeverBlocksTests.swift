import Foundation
import GRDB
import TestSupport
import XCTest

/// The explorer's screen never waits for the store: with a writer holding an exclusive lock on a
/// rollback-journal store, keys are still answered, the panes say they are waiting, and they fill
/// in once the lock goes (measured latencies are in docs/benchmarks.md, not asserted here).
final class ExplorerNeverBlocksTests: CommandTestCase {
    private var session: TmuxSession?

    override func setUpWithError() throws {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed") }
    }

    override func tearDown() {
        session?.kill()
    }

    func testKeysAreAnsweredWhileAWriterHoldsTheStoreLocked() throws {
        let store = try generatedStore(events: 3000, name: "busy.sqlite")
        try DatabaseQueue(path: store).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: store)
        let session = try TmuxSession(width: 120, height: 40, directory: folder.url)
        self.session = session
        try session.type("SWIFT_BACKTRACE=interactive=no '\(EvxProcess.binary.path)' '\(store)'; echo exit=$?")
        session.waitForScreen("every pane filled") { $0.contains("3,000/3,000 events") && $0.contains("outbox ") && !$0.contains("reading") }

        let writer = try DatabaseQueue(path: store)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            try db.execute(sql: "DELETE FROM projection_checkpoints")
            // The lock is held from here until the ROLLBACK below, whatever the explorer does.
            try session.press("Home")
            session.waitForScreen("the cursor at the first event, its rows waiting") { $0.contains(" 1/3,000 events") && $0.contains("#1 …") }
            try session.press("?")
            session.waitForScreen("the help, drawn while the store is locked") { $0.contains("Keys (Esc closes)") }
            try session.press("Escape")
            session.waitForScreen("the help closed") { !$0.contains("Keys (Esc closes)") }
            try session.press("z")
            session.waitForScreen("the pane zoomed, with its tabs") { $0.contains("[Events]") }
            try session.press("Tab")
            session.waitForScreen("the next pane focused") { $0.contains("[Aggregate]") }
            try session.press("Tab", "Tab", "Tab", "z")
            session.waitForScreen("the reads saying the store is locked") { $0.contains("locked") }
            try db.execute(sql: "ROLLBACK")
        }
        let screen = session.waitForScreen("the panes filled once the lock went") {
            $0.contains(" 1/3,000 events") && $0.contains("#1 ") && !$0.contains("#1 …") && !$0.contains("locked") && !$0.contains("reading")
        }
        XCTAssertTrue(screen.contains("(Order) v1 of"), screen)
        try session.press("q")
        session.waitForScreen("the explorer to quit") { $0.contains("exit=0") }
    }
}
