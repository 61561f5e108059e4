import Foundation
import TestSupport
import XCTest

/// `evx tail` on a live PostgreSQL store: positions that commit out of order, a server restart.
final class PostgresFollowTests: CommandTestCase {
    private var server: PostgresTestServer!
    private var db: TestDatabase!

    override func setUpWithError() throws {
        server = try PostgresTestServer.require()
        db = try server.createDatabase("evx_follow")
        try PostgresFixtures.messageDBSchema(db)
    }

    override func tearDown() {
        db?.drop()
        super.tearDown()
    }

    /// Whether tail has made its first look for new events (its window query, after which every
    /// commit counts as new), within a generous bound.
    private func following(_ tail: RunningEvx, in database: TestDatabase? = nil) -> Bool {
        (database ?? db).wait(until: """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'evx' AND query LIKE '%LIMIT 1000'
            """, is: "1")
    }

    private func positions(_ lines: [String]) -> [Int] {
        lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary)?["position"] as? Int
        }
    }

    private func write(_ stream: String, _ session: PsqlSession? = nil, commit: Bool = true) {
        let sql = "SELECT message_store.write_message(gen_random_uuid()::text, '\(stream)', 'Happened', '{\"n\": 1}');"
        if let session {
            session.send("BEGIN; " + sql + (commit ? " COMMIT;" : ""))
        } else {
            _ = try? db.run(sql)
        }
    }

    /// Two writers in different categories (so Message DB lets them run at once) whose
    /// transactions commit in the reverse of their positions' order: `tail` holds the later
    /// position back until the earlier one commits, and prints each exactly once, in order.
    func testPositionsCommittedOutOfOrderArePrintedOnceInOrder() throws {
        let tail = try RunningEvx(["tail", db.url, "--json"])
        defer { tail.stop() }
        XCTAssertTrue(following(tail), "tail did not start following: \(tail.stderr)")
        let first = try PsqlSession(db, name: "writer_first"), second = try PsqlSession(db, name: "writer_second")
        defer { first.close(); second.close() }
        let rounds = 3
        for round in 0..<rounds {
            write("alpha-\(round)", first, commit: false)  // takes the lower position, stays open
            XCTAssertTrue(db.wait(until: "SELECT state FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'writer_first'", is: "idle in transaction"))
            write("beta-\(round)", second)  // takes the next position and commits first
            XCTAssertTrue(db.wait(until: "SELECT count(*) FROM message_store.messages WHERE stream_name = 'beta-\(round)'", is: "1"))
            // Let tail poll at least twice while only the later position is visible.
            let committed = try db.run("SELECT clock_timestamp()").trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertTrue(db.wait(until: """
                SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'evx' AND state_change > '\(committed)'::timestamptz + interval '60 milliseconds'
                """, is: "t"))
            XCTAssertEqual(positions(tail.lines).count, 2 * round, "tail printed the later position before the gap filled")
            first.send("COMMIT;")
            XCTAssertTrue(tail.wait(timeout: 30) { self.positions(tail.lines).count == 2 * (round + 1) }, tail.stderr)
        }
        XCTAssertEqual(positions(tail.lines), Array(1...(2 * rounds)))
        XCTAssertEqual(tail.stop(), 0, tail.stderr)
    }

    /// A rolled-back position is a permanent gap: tail passes it once the writers that were
    /// running when it saw it have ended.
    func testARolledBackPositionDoesNotStopTheFollower() throws {
        let tail = try RunningEvx(["tail", db.url, "--json"])
        defer { tail.stop() }
        XCTAssertTrue(following(tail), tail.stderr)
        try db.run("BEGIN; SELECT message_store.write_message(gen_random_uuid()::text, 'gone-1', 'Happened', '{}'); ROLLBACK;")
        write("kept-1")
        XCTAssertTrue(tail.wait(timeout: 30) { self.positions(tail.lines) == [2] }, "tail: \(tail.lines) \(tail.stderr)")
    }

    /// The server restarts under `tail`: it says so, reconnects, and prints what was committed
    /// meanwhile, losing nothing and repeating nothing.
    func testTailRecoversFromAServerRestart() throws {
        let tail = try RunningEvx(["tail", db.url, "--json"])
        defer { tail.stop() }
        XCTAssertTrue(following(tail), tail.stderr)
        for n in 1...3 { write("before-\(n)") }
        XCTAssertTrue(tail.wait(timeout: 30) { self.positions(tail.lines).count == 3 }, tail.stderr)
        try server.restart()
        for n in 1...3 { write("after-\(n)") }
        XCTAssertTrue(tail.wait(timeout: 60) { self.positions(tail.lines).count == 6 }, "tail: \(tail.lines) \(tail.stderr)")
        XCTAssertEqual(positions(tail.lines), Array(1...6))
        XCTAssertFalse(tail.stderr.contains(server.password))
        XCTAssertEqual(tail.stop(), 0, tail.stderr)
    }

    /// Commanded NOTIFYs on every append: tail wakes on it instead of waiting out its interval.
    func testTailWakesOnCommandedNotifications() throws {
        let commanded = try server.createDatabase("evx_notify")
        defer { commanded.drop() }
        try PostgresFixtures.commandedSchema(commanded)
        let tail = try RunningEvx(["tail", commanded.url, "--json", "--interval", "10000"])
        defer { tail.stop() }
        XCTAssertTrue(following(tail, in: commanded), "tail did not start following: \(tail.stderr)")  // it LISTENs before its first look
        try commanded.run("SELECT append_event('order-1', 'OrderCreated', '{\"n\": 1}');")
        // Without the notification the next look would be 10 s away.
        XCTAssertTrue(tail.wait(timeout: 5) { self.positions(tail.lines) == [1] }, "tail: \(tail.lines) \(tail.stderr)")
        try commanded.run("SELECT append_event('order-1', 'ItemAdded', '{\"n\": 2}'); SELECT append_event('order-2', 'OrderCreated', '{}');")
        XCTAssertTrue(tail.wait(timeout: 5) { self.positions(tail.lines) == [1, 2, 3] }, "tail: \(tail.lines) \(tail.stderr)")
    }

    /// A permission taken away under `tail` is not a fault to wait out: one line, exit status 2.
    func testTailStopsWithOneLineWhenItsPermissionIsRevoked() throws {
        let (role, url) = try db.createReader("evx_tail_reader", schema: "message_store")
        defer { db.dropReader(role) }
        let tail = try RunningEvx(["tail", url, "--json"])
        defer { tail.stop() }
        XCTAssertTrue(following(tail), tail.stderr)
        write("before-1")
        XCTAssertTrue(tail.wait(timeout: 30) { self.positions(tail.lines) == [1] }, tail.stderr)
        try db.run("REVOKE SELECT ON message_store.messages FROM \(role);")
        XCTAssertTrue(tail.wait(timeout: 30) { !tail.isRunning }, "tail kept going: \(tail.stderr)")
        XCTAssertEqual(tail.stop(), 2)
        XCTAssertTrue(tail.stderr.hasPrefix("evx: ") && tail.stderr.contains("permission denied"), tail.stderr)
        XCTAssertEqual(tail.stderr.split(separator: "\n").count, 1, tail.stderr)
    }
}
