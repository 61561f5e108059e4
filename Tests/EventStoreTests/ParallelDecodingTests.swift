import EventModel
@testable import EventStore
import GRDB
import TestSupport
import XCTest

/// Long reads of compressed payloads are decoded on every core (`decodedOnEveryCore`): they
/// must give exactly the events, in exactly the order, that short reads decoded on the
/// connection's own thread give, bad payloads included, and stop where the reader stops.
final class ParallelDecodingTests: XCTestCase {
    let folder = TemporaryDirectory()

    /// The library-written zlib fixture (88 events) copied 60 times under other stream ids (an `x`,
    /// which no hex id starts with, and the copy's number), so that a whole read is long enough
    /// to be decoded on every core, in several batches; plus damaged rows.
    private func largeZlibStore() throws -> String {
        let path = folder.path("zlib-large.sqlite")
        try FileManager.default.copyItem(atPath: Fixtures.path("eventsourcing/zlib.sqlite"), toPath: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for copy in 1...60 {
                try db.execute(sql: """
                    INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state)
                    SELECT ? * 1000 + rowid, 'x' || printf('%02d', ?) || substr(originator_id, 4), originator_version, topic, state
                    FROM stored_events WHERE rowid <= 88
                    """, arguments: [copy, copy])
            }
            // A stream that looks compressed and is not, and a NULL topic: events with problems.
            try db.execute(sql: "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) VALUES (30500, 'damaged', 1, 'bank:Account.Opened', X'789C0000FFFF')")
            try db.execute(sql: "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) VALUES (30501, 'damaged', 2, NULL, X'7B7D')")
        }
        return path
    }

    /// The events read in windows short enough to be decoded where they are stepped.
    private func readInShortWindows(_ source: SQLiteSource) throws -> [Event] {
        var events: [Event] = []
        var from: Int64 = .min
        while true {
            var window: [Event] = []
            try source.readEvents(EventFilter(fromPosition: from, limit: 500)) { window.append($0); return true }
            events += window
            guard window.count == 500, let last = window.last else { return events }
            from = last.position + 1
        }
    }

    func testAWholeReadEqualsShortReadsEventForEvent() throws {
        let source = try SQLiteSource(path: try largeZlibStore())
        XCTAssertTrue(source.decodesOnEveryCore)
        let expected = try readInShortWindows(source)
        XCTAssertEqual(expected.count, 88 * 61 + 2)
        XCTAssertGreaterThan(expected.count, SQLiteSource.pipelineThreshold)
        XCTAssertGreaterThan(expected.count, 4 * SQLiteSource.copiedBatchSize)
        XCTAssertEqual(expected.filter { !$0.problems.isEmpty }.map(\.position), [30500, 30501])

        var whole: [Event] = []
        try source.readEvents(EventFilter()) { whole.append($0); return true }
        XCTAssertEqual(whole.count, expected.count)
        XCTAssertEqual(whole, expected)
    }

    func testALongReadStopsWhereItsLimitOrItsReaderStops() throws {
        let source = try SQLiteSource(path: try largeZlibStore())
        let expected = try readInShortWindows(source)

        var limited: [Event] = []
        try source.readEvents(EventFilter(limit: 5000)) { limited.append($0); return true }
        XCTAssertEqual(limited, Array(expected.prefix(5000)))

        var stopped: [Event] = []
        try source.readEvents(EventFilter()) { event in
            stopped.append(event)
            return stopped.count < 1234
        }
        XCTAssertEqual(stopped, Array(expected.prefix(1234)))

        // After the early stop, the source reads again from the start (its threads are gone).
        var again = 0
        try source.readEvents(EventFilter()) { _ in again += 1; return true }
        XCTAssertEqual(again, expected.count)
    }

    /// Plain JSON state is cheap to unwrap: decoded where it is stepped, so that the fold keeps a core.
    func testOnlyCompressedOrSealedStateIsDecodedOnEveryCore() throws {
        XCTAssertFalse(try SQLiteSource(path: Fixtures.path("eventsourcing/plain.sqlite")).decodesOnEveryCore)
        XCTAssertTrue(try SQLiteSource(path: Fixtures.path("eventsourcing/zlib.sqlite")).decodesOnEveryCore)
    }
}
