import App
import TUICore
import EventModel
import ExplorerRuntime
import Foundation
import PostgresStore
import Replay
import TestSupport
import XCTest

/// `t` and `--at TIME` in the explorer on a PostgreSQL store, which is never walked whole: the
/// last event recorded by the time is found by bisecting the position index, and the events
/// around it are checked for time order (the real runner on the test cluster).
final class ExplorerTimeJumpTests: XCTestCase {
    private var db: TestDatabase!
    private var driver: ExplorerDriver?
    /// The first event's time; event #n was recorded n − 1 seconds later.
    private let origin = EventTime(iso8601: "2026-01-05T08:00:00Z")

    override func setUpWithError() throws {
        let server = try PostgresTestServer.require()
        db = try server.createDatabase("evx_timejump")
        try PostgresFixtures.messageDBSchema(db)
        try db.run("""
            INSERT INTO message_store.messages (id, stream_name, position, type, data, metadata, time)
            SELECT gen_random_uuid(), 'order-' || (g % 10), g / 10, 'Happened', '{}', '{}', timestamp '2026-01-05 08:00' + (g - 1) * interval '1 second'
            FROM generate_series(1, 2000) g;
            """)
    }

    override func tearDown() {
        driver?.runner.stop()
        db?.drop()
        super.tearDown()
    }

    private func explore(at start: StartPoint? = nil) throws -> ExplorerDriver {
        let url = db.url
        var state = AppState(width: 120, height: 30, source: SourceDescription(name: "db", format: "PostgreSQL", projectionNames: []))
        state.start = start
        let driver = ExplorerDriver(state: state, runner: EffectRunner(rules: Rules(), storePath: nil) { try PostgresSource(uri: url) })
        self.driver = driver
        XCTAssertTrue(driver.settle(timeout: 60))
        return driver
    }

    private func time(ofPosition position: Int, plus seconds: Double = 0) throws -> EventTime {
        let base = try XCTUnwrap(origin)
        return EventTime(microseconds: base.microseconds + Int64((Double(position - 1) + seconds) * 1_000_000))
    }

    private func jump(_ driver: ExplorerDriver, to time: EventTime) {
        driver.send(.openPrompt(.time))
        for character in time.iso8601 { driver.send(.editPrompt(KeyEvent(.character(character)))) }
        driver.send(.submitPrompt)
        XCTAssertTrue(driver.settle(timeout: 60))
    }

    func testTJumpsToTheLastEventRecordedByThenWithoutWalkingTheLog() throws {
        let driver = try explore()
        jump(driver, to: try time(ofPosition: 700, plus: 0.5))
        XCTAssertEqual(driver.state.cursor, 700)
        XCTAssertEqual(driver.state.cursorEvent?.position, 700, "its window is read")
        XCTAssertTrue(driver.state.message?.contains("found through the position index") == true, driver.state.message ?? "")

        jump(driver, to: try time(ofPosition: 1))
        XCTAssertEqual(driver.state.cursor, 1, "exactly the first event's time includes it")
        jump(driver, to: try time(ofPosition: 5000))
        XCTAssertEqual(driver.state.cursor, 2000, "after the last event: the last")
        jump(driver, to: try time(ofPosition: 0))
        XCTAssertEqual(driver.state.message, "t: no event was recorded at or before \(try time(ofPosition: 0).iso8601)")
        XCTAssertEqual(driver.state.cursor, 2000, "the cursor stays")
    }

    /// Times out of order near the answer: the walk around it decides, and says so.
    func testTimesOutOfOrderNearTheAnswerAreWalkedAndNoted() throws {
        try db.run("UPDATE message_store.messages SET time = time - interval '10 seconds' WHERE global_position = 705;")
        let driver = try explore()
        jump(driver, to: try time(ofPosition: 700, plus: 0.5))
        XCTAssertEqual(driver.state.cursor, 705, "#705 was recorded before the time")
        let message = try XCTUnwrap(driver.state.message)
        XCTAssertTrue(message.contains("the log near #700 is not in time order"), message)
    }

    func testOpeningAtATimePlacesTheCursorThere() throws {
        let driver = try explore(at: .time(try time(ofPosition: 1234, plus: 0.9)))
        XCTAssertEqual(driver.state.cursor, 1234)
        XCTAssertEqual(driver.state.cursorEvent?.position, 1234)
    }
}
