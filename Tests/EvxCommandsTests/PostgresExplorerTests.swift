import Foundation
import TestSupport
import XCTest

/// The explorer on a PostgreSQL store, as a person uses it: the real binary in tmux.
final class PostgresExplorerTests: CommandTestCase {
    private var session: TmuxSession?
    private var db: TestDatabase?

    override func tearDown() {
        session?.kill()
        db?.drop()
        super.tearDown()
    }

    /// A Message DB store opens at its newest events (the header names the database without its
    /// password), jumps to a position, follows a commit made while it is open, quits cleanly, and
    /// leaves the database as it was.
    func testTheExplorerOpensJumpsAndFollowsAMessageDBStore() throws {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed") }
        let server = try PostgresTestServer.require()
        let db = try server.createDatabase("evx_explorer")
        self.db = db
        let events = try FixtureEvent.read(sqlite: try generatedStore(events: 300))
        try PostgresFixtures.messageDB(db, events: events)
        let before = try db.dump()
        let session = try TmuxSession(width: 140, height: 40, directory: folder.url)
        self.session = session
        try session.type("SWIFT_BACKTRACE=interactive=no '\(EvxProcess.binary.path)' '\(db.url)'; echo exit=$?")
        session.waitForScreen("the first frame") { $0.contains("#300 · ") }
        let first = session.screen()
        XCTAssertTrue(first.contains("Message DB") || first.contains("PostgreSQL"), first)
        XCTAssertFalse(first.contains(server.password), "the password shows:\n\(first)")

        try session.press("g")
        try session.type("120")
        session.waitForScreen("the jump") { $0.split(separator: "\n").first?.contains("#120 · ") ?? false }

        try session.press("f")  // follow: the cursor goes to the newest event and stays there
        try db.run("SELECT message_store.write_message(gen_random_uuid()::text, 'order-9999', 'OrderCreated', '{}');")
        session.waitForScreen("the new event") { $0.split(separator: "\n").first?.contains("#301 · ") ?? false }
        try session.press("q")
        session.waitForScreen("the explorer to quit") { $0.split(separator: "\n").contains("exit=0") }
        try db.run("DELETE FROM message_store.messages WHERE stream_name = 'order-9999';")
        XCTAssertEqual(try db.dump(), before, "the explorer changed the database")
    }

    /// Faults under a following explorer: the server restarts (it reconnects by itself and shows
    /// what was committed after), then its sessions are ended while its role may not log in (the
    /// footer says what is wrong; once logins are allowed again the event committed meanwhile
    /// shows). It quits cleanly afterwards.
    func testTheExplorerRecoversFromARestartAndADroppedConnection() throws {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed") }
        let server = try PostgresTestServer.require()
        let db = try server.createDatabase("evx_explorer_faults")
        self.db = db
        try PostgresFixtures.messageDB(db, events: try FixtureEvent.read(sqlite: try generatedStore(events: 300)))
        let (role, url) = try db.createReader("evx_explorer_reader", schema: "message_store")
        defer {
            db.dropReader(role)
            db.drop()
            self.db = nil
        }
        let session = try TmuxSession(width: 140, height: 40, directory: folder.url)
        self.session = session
        try session.type("SWIFT_BACKTRACE=interactive=no '\(EvxProcess.binary.path)' '\(url)'; echo exit=$?")
        session.waitForScreen("the first frame") { $0.contains("#300 · ") }
        try session.press("f")
        let header = { (screen: String) in screen.split(separator: "\n").first.map(String.init) ?? "" }
        let footer = { (screen: String) in screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last.map(String.init) ?? "" }
        let write = { try db.run("SELECT message_store.write_message(gen_random_uuid()::text, 'order-9999', 'OrderCreated', '{}');") }

        try server.restart()
        try write()
        session.waitForScreen("the event committed after the restart") { header($0).contains("#301 · ") }

        try db.run("""
            ALTER ROLE \(role) NOLOGIN;
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '\(role)';
            """)
        let notice = session.waitForScreen("the notice") { footer($0).contains("(retrying)") || footer($0).contains("not permitted to log in") }
        XCTAssertFalse(notice.contains(TestDatabase.readerPassword), notice)
        try write()
        try db.run("ALTER ROLE \(role) LOGIN;")
        session.waitForScreen("the event committed while disconnected, and the notice gone") {
            header($0).contains("#302 · ") && !footer($0).contains("(retrying)") && !footer($0).contains("log in")
        }
        try session.press("q")
        session.waitForScreen("the explorer to quit") { $0.split(separator: "\n").contains("exit=0") }
    }
}
