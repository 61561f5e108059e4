import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import PostgresStore
import Replay
import StoreGenerator
import TestSupport
import TUICore
import XCTest

/// Faults of a PostgreSQL server under the explorer (the real runner, its workers and watcher, on
/// the test cluster): a restart, connections dropped while logins are refused, a table the role
/// may not read, a lock held past evx's lock timeout. The footer says what is wrong, keys keep
/// working, and once the server is back every event committed meanwhile shows, once.
final class PostgresFaultsWhileExploringTests: XCTestCase {
    private var server: PostgresTestServer!
    private var db: TestDatabase!
    private var drivers: [ExplorerDriver] = []
    private var roles: [String] = []

    override func setUpWithError() throws {
        server = try PostgresTestServer.require()
        db = try server.createDatabase("evx_faults")
    }

    override func tearDown() {
        for driver in drivers { driver.runner.stop() }
        for role in roles { db?.dropReader(role) }
        db?.drop()
        super.tearDown()
    }

    // MARK: - Helpers

    /// A Message DB store with `count` events over ten streams, one second apart.
    private func messageDB(events count: Int) throws {
        try PostgresFixtures.messageDBSchema(db)
        try db.run("""
            INSERT INTO message_store.messages (id, stream_name, position, type, data, metadata, time)
            SELECT gen_random_uuid(), 'order-' || (g % 10), g / 10, 'Happened', jsonb_build_object('n', g), '{}',
                   timestamp '2026-01-05 08:00' + g * interval '1 second'
            FROM generate_series(1, \(count)) g;
            """)
    }

    private func write(_ count: Int) throws {
        for _ in 0..<count {
            try db.run("SELECT message_store.write_message(gen_random_uuid()::text, 'order-77', 'Happened', '{}');")
        }
    }

    /// A role that may log in and read the store's tables (all of them unless `tables` says which).
    private func reader(schema: String, tables: [String]? = nil) throws -> String {
        let (role, url) = try db.createReader("evx_faults_reader", schema: schema, tables: tables)
        roles.append(role)
        return url
    }

    private func explore(_ url: String, follows: Bool) -> ExplorerDriver {
        let source = SourceDescription(name: "db", format: "PostgreSQL", projectionNames: Rules.merge.projections.map(\.name))
        let driver = ExplorerDriver(state: AppState(width: 120, height: 30, source: source, follows: follows),
                                    runner: EffectRunner(rules: .merge, storePath: nil) { try PostgresSource(uri: url) })
        drivers.append(driver)
        XCTAssertTrue(driver.settle(timeout: 60), "the explorer did not settle")
        return driver
    }

    private func footer(_ driver: ExplorerDriver) -> String {
        Screen(theme: .monochrome, unicode: true).render(driver.state).text().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The database's positions, in order.
    private func storedPositions() throws -> [Int64] {
        try db.run("SELECT global_position FROM message_store.messages ORDER BY 1;").split(separator: "\n").compactMap { Int64($0) }
    }

    /// The explorer counted every event the watcher brought, once (a repeat would count twice),
    /// and at the end of the log shows the database's newest events.
    private func assertNothingLostOrRepeated(_ driver: ExplorerDriver, file: StaticString = #filePath, line: UInt = #line) throws {
        let stored = try storedPositions()
        XCTAssertEqual(driver.state.store.log.bounds?.count, stored.count, "events counted", file: file, line: line)
        XCTAssertEqual(driver.state.store.log.bounds?.last, stored.last, "the last position", file: file, line: line)
        driver.send(.cursorToEnd)
        XCTAssertTrue(driver.wait(timeout: 60) { $0.cursorEvent != nil && $0.cursor == stored.last }, file: file, line: line)
        let run = driver.state.store.log.run.positions
        XCTAssertEqual(Array(run.suffix(20)), Array(stored.suffix(20)), "the newest events", file: file, line: line)
        XCTAssertEqual(Set(run).count, run.count, "an event shows twice", file: file, line: line)
    }

    // MARK: - Tests

    /// The server restarts under a following explorer: every session ends, the watcher and the
    /// workers reconnect by themselves, and the events committed after the restart arrive, once.
    func testTheExplorerReconnectsAfterTheServerRestarts() throws {
        try messageDB(events: 300)
        let driver = explore(db.url, follows: true)
        XCTAssertEqual(driver.state.cursor, 300)
        try server.restart()
        try write(3)
        let last = try XCTUnwrap(try storedPositions().last)
        XCTAssertTrue(driver.wait(timeout: 60) { $0.cursor == last && $0.store.problem == nil && $0.cursorEvent != nil },
                      "cursor \(String(describing: driver.state.cursor)), footer: \(footer(driver))")
        try assertNothingLostOrRepeated(driver)
        // The workers' connections came back too: a window not read before is read now.
        driver.send(.cursorToStart)
        XCTAssertTrue(driver.wait(timeout: 60) { $0.cursorEvent?.position == 1 && $0.store.problem == nil }, footer(driver))
    }

    /// The explorer's sessions are ended while its role may not log in: the footer says so and
    /// keys keep being answered; events committed meanwhile arrive once logins are allowed again.
    func testTheExplorerSaysItIsDisconnectedAndCatchesUpWhenItIsBack() throws {
        try messageDB(events: 300)
        let role = try reader(schema: "message_store")
        let driver = explore(role, follows: true)
        let roleName = try XCTUnwrap(URLComponents(string: role)?.user)
        try db.run("""
            ALTER ROLE \(roleName) NOLOGIN;
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '\(roleName)';
            """)
        XCTAssertTrue(driver.wait(timeout: 60) { $0.store.problem != nil }, "no notice: \(footer(driver))")
        let problem = try XCTUnwrap(driver.state.store.problem)
        XCTAssertTrue(problem.contains("(retrying)") || problem.contains("not permitted to log in"), problem)
        XCTAssertTrue(footer(driver).contains(problem.prefix(60)), footer(driver))
        XCTAssertFalse(problem.contains(TestDatabase.readerPassword))
        try write(3)
        // Keys are answered while the store cannot be read: the jump is made, its window waits.
        driver.send(.cursorToStart)
        XCTAssertNil(driver.state.cursorEvent)
        XCTAssertNotNil(driver.state.store.problem)
        try db.run("ALTER ROLE \(roleName) LOGIN;")
        let last = try XCTUnwrap(try storedPositions().last)
        XCTAssertTrue(driver.wait(timeout: 60) { $0.store.log.bounds?.last == last && $0.cursorEvent?.position == 1 && $0.store.problem == nil },
                      "footer: \(footer(driver))")
        try assertNothingLostOrRepeated(driver)
    }

    /// A role that may read the events but not Marten's progression table: the checkpoints'
    /// read fails with PostgreSQL's message in the footer; everything else works, nothing hangs.
    func testATableTheRoleMayNotReadIsANoticeNotAFailure() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("evx-faults-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        try StoreGenerator.generate(path: store, events: 200, seed: 3, domain: .orders)
        try PostgresFixtures.marten(db, events: try FixtureEvent.read(sqlite: store))
        try db.run("INSERT INTO mt_event_progression (name, last_seq_id) VALUES ('Orders:All', 150);")
        let role = try reader(schema: "public", tables: ["mt_events", "mt_streams"])
        let driver = explore(role, follows: false)
        XCTAssertTrue(driver.wait(timeout: 60) { $0.store.problem?.contains("permission denied") == true && $0.cursorEvent != nil },
                      "footer: \(footer(driver))")
        XCTAssertEqual(driver.state.cursorEvent?.position, 200)
        driver.send(.jump(to: 20))
        XCTAssertTrue(driver.wait(timeout: 60) { $0.cursorEvent?.position == 20 })
    }

    /// A writer holds the events table locked longer than evx's lock timeout: the read is
    /// cancelled by the server, the footer says so, keys are answered, and the window fills in
    /// once the lock is gone.
    func testALockHeldPastTheLockTimeoutIsANoticeAndTheWindowFillsInAfterwards() throws {
        try messageDB(events: 2000)
        let driver = explore(db.url, follows: false)
        let writer = try PsqlSession(db, name: "evx-test-locker")
        defer { writer.close() }
        writer.send("BEGIN; LOCK TABLE message_store.messages IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600);")
        XCTAssertTrue(db.wait(until: "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'messages' AND l.mode = 'AccessExclusiveLock' AND l.granted",
                              is: "1"))
        driver.send(.jump(to: 10))
        XCTAssertEqual(driver.state.cursor, 10, "the key is answered at once")
        XCTAssertTrue(driver.wait(timeout: 60) { $0.store.problem?.contains("lock timeout") == true }, "footer: \(footer(driver))")
        _ = try server.psql(database: db.name, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'evx-test-locker';")
        XCTAssertTrue(driver.wait(timeout: 60) { $0.cursorEvent?.position == 10 && $0.store.problem == nil }, "footer: \(footer(driver))")
    }
}
