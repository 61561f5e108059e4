@testable import EventStore
import EventModel
import GRDB
import TestSupport
import XCTest

/// `evx info` on SQLite reads the events in ranges of positions on two threads and merges what
/// each range found: the merged summary must be the one a single pass gives, whatever the cut.
final class SummaryRangesTests: XCTestCase {
    let folder = TemporaryDirectory()

    /// A store whose problems sit on both sides of many cuts: gaps in positions, times that go
    /// back (also from one range to the next), unreadable times, streams with missing and repeated
    /// versions, more stream types than a counter's first table holds, and checkpoints before,
    /// inside, between and after the events.
    private func makeStore() throws -> (path: String, types: [String: Int], checkpoints: [String: Int64]) {
        let path = folder.path("ranges.sqlite")
        let store = try StoreBuilder(path: path, schema: StoreSummaryTests.looseSchema + """
            CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL);
            """)
        var types: [String: Int] = [:]
        var versions: [String: Int64] = [:]
        var position: Int64 = -20
        for index in 0..<300 {
            position += index % 7 == 0 ? 3 : 1
            let stream = "s\(index % 90)-\(index % 45)"
            var version = (versions[stream] ?? 0) + 1
            if index == 100 { version += 1 }         // a missing version
            if index == 200 { version -= 1 }         // a repeated version
            versions[stream] = version
            let type = "Type\(index % 11)"
            types[type, default: 0] += 1
            let seconds = index % 13 == 0 ? position - 40 : position   // back in time now and then
            let time = index % 29 == 0 ? "not a time" : StoreBuilder.time(seconds)
            try store.event(position, stream: stream, type: type, version: version, streamType: "T\(index % 90)", recordedAt: time)
        }
        let checkpoints: [String: Int64] = ["before": -100, "first": -19, "middle": 37, "late": position - 5, "last": position, "after": position + 50]
        for (name, at) in checkpoints {
            try store.execute("INSERT INTO projection_checkpoints VALUES ('\(name)', \(at), '2026-01-05T08:00:00.000Z')")
        }
        try store.close()
        return (path, types, checkpoints)
    }

    func testEveryCutGivesTheSummaryOfOnePass() throws {
        let (path, types, checkpoints) = try makeStore()
        let source = try SQLiteSource(path: path)
        let whole = try source.summary(smallestRange: .max)
        XCTAssertEqual(whole.eventCount, 300)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: whole.eventTypes.map { ($0.name, $0.events) }), types)
        XCTAssertEqual(whole.streamTypes.count, 90)
        let kinds: Set<IntegrityWarning.Kind> = [.missingStreamVersions, .duplicateStreamVersions, .positionsOutOfTimeOrder, .unreadableTimes]
        XCTAssertEqual(Set(whole.warnings.map(\.kind)), kinds)
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        for lag in whole.checkpoints {
            let behind = try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE position > ?", arguments: [lag.checkpoint.position])
            }
            XCTAssertEqual(lag.eventsBehind, behind, lag.checkpoint.projection)
        }
        try queue.close()
        XCTAssertEqual(Set(whole.checkpoints.map(\.checkpoint.projection)), Set(checkpoints.keys))

        for size: Int64 in [1, 2, 3, 7, 64, 1000] {
            XCTAssertEqual(try source.summary(smallestRange: size), whole, "ranges of \(size) positions")
        }
    }
}
