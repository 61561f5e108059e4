import EventModel
@testable import PostgresStore
import TestSupport
import XCTest

/// evx's sessions are read-only from their first statement and bounded in time, whatever the role
/// may do.
final class ReadOnlySessionTests: XCTestCase {
    private var server: PostgresTestServer!

    override func setUpWithError() throws {
        server = try PostgresTestServer.require()
    }

    private func connect() throws -> ServerConnection {
        try ServerConnection.open(try ConnectionSettings.resolve(uri: server.adminURL))
    }

    func testTheSessionIsReadOnlyWithTimeoutsEvenForASuperuser() throws {
        let connection = try connect()
        XCTAssertEqual(try connection.rows("SHOW transaction_read_only").first?.string(0), "on")
        XCTAssertEqual(try connection.rows("SHOW default_transaction_read_only").first?.string(0), "on")
        XCTAssertEqual(try connection.rows("SHOW statement_timeout").first?.string(0), "30s")
        XCTAssertEqual(try connection.rows("SHOW lock_timeout").first?.string(0), "5s")
        XCTAssertEqual(try connection.rows("SHOW idle_in_transaction_session_timeout").first?.string(0), "1min")
        XCTAssertEqual(try connection.rows("SHOW application_name").first?.string(0), "evx")
        for write in ["CREATE TABLE evx_must_not_exist (x int)", "CREATE TEMP TABLE evx_temp (x int)"] {
            XCTAssertThrowsError(try connection.rows(write), write) { error in
                XCTAssertTrue("\(error)".contains("read-only transaction"), "\(error)")
            }
        }
        XCTAssertEqual(try server.psql(database: "postgres", "SELECT count(*) FROM pg_class WHERE relname = 'evx_must_not_exist'")
            .trimmingCharacters(in: .whitespacesAndNewlines), "0")
    }

    func testARunawayQueryIsCancelledWithOneLine() throws {
        let connection = try connect()
        _ = try connection.rows("SET statement_timeout = '50ms'")
        XCTAssertThrowsError(try connection.rows("SELECT pg_sleep(5)")) { error in
            XCTAssertTrue("\(error)".contains("ran longer than the statement timeout"), "\(error)")
            XCTAssertFalse("\(error)".contains(server.password))
        }
        XCTAssertEqual(try connection.rows("SELECT 1").first?.int64(0), 1, "the connection stays usable")
    }
}
