import EventModel
import EventStore
import Foundation
import GRDB
import TestSupport
import XCTest

/// The outbox and consumers as of a moment, answered from memory, equal what SQL counts over the
/// tables at every kind of moment, also after another connection adds and publishes rows.
final class DeliveryIndexTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testEqualsSQLAtRowTimesAndAroundThem() throws {
        let path = Fixtures.sample("orders.sqlite")
        let source = try XCTUnwrap(try StoreOpener.open(path: path) as? DeliveryTables)
        let oracle = try SQLDeliveryCounts(path: path)
        let moments = try oracle.momentsAroundRows(every: 89)
        XCTAssertGreaterThan(moments.count, 150)
        for moment in moments {
            XCTAssertEqual(try source.outboxStatus(asOf: moment), try oracle.outbox(asOf: moment), "outbox as of \(moment)")
            XCTAssertEqual(try source.consumerStatuses(asOf: moment), try oracle.consumers(asOf: moment), "consumers as of \(moment)")
        }
    }

    func testFollowsRowsAnotherConnectionAddsAndPublishes() throws {
        let path = folder.path("orders.sqlite")
        try FileManager.default.copyItem(atPath: Fixtures.sample("orders.sqlite"), toPath: path)
        let source = try XCTUnwrap(try StoreOpener.open(path: path) as? DeliveryTables)
        let oracle = try SQLDeliveryCounts(path: path)
        let later = EventTime(iso8601: "2026-02-01T00:00:00.000Z")!
        XCTAssertEqual(try source.outboxStatus(asOf: later), try oracle.outbox(asOf: later))
        let pendingBefore = try XCTUnwrap(try source.outboxStatus(asOf: later)).pending
        XCTAssertGreaterThan(pendingBefore, 3)

        let writer = try DatabaseQueue(path: path)
        try writer.write { db in
            // Three pending rows published (one after two attempts), one failing, new rows, a consumer's progress.
            try db.execute(sql: """
                UPDATE outbox SET published_at = '2026-01-20T10:00:00.000Z', attempts = 2
                  WHERE id IN (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 3)
                """)
            try db.execute(sql: """
                UPDATE outbox SET last_error = 'timeout', attempts = attempts + 1
                  WHERE id = (SELECT max(id) FROM outbox WHERE published_at IS NULL)
                """)
            try db.execute(sql: """
                INSERT INTO outbox (event_id, destination, payload, created_at, published_at, attempts) VALUES
                  ('new-1', 'orders', '{}', '2026-01-20T09:00:00.000Z', NULL, 0),
                  ('new-2', 'audit', '{}', '2026-01-20T09:00:01.000Z', '2026-01-20T09:30:00.000Z', 1),
                  ('new-3', 'billing', '{}', '2026-01-03T00:00:00.000Z', '2026-01-20T11:00:00.000Z', 3)
                """)
            try db.execute(sql: "INSERT INTO processed_events VALUES ('accounting', 'new-2', '2026-01-20T09:45:00.000Z')")
        }
        try writer.close()
        for text in ["2026-01-03T00:00:00.000Z", "2026-01-20T09:00:00.500Z", "2026-01-20T09:59:59.999Z",
                     "2026-01-20T10:00:00.000Z", "2026-01-20T10:30:00.000Z", "2026-02-01T00:00:00.000Z"] {
            let moment = EventTime(iso8601: text)!
            XCTAssertEqual(try source.outboxStatus(asOf: moment), try oracle.outbox(asOf: moment), "outbox as of \(text)")
            XCTAssertEqual(try source.consumerStatuses(asOf: moment), try oracle.consumers(asOf: moment), "consumers as of \(text)")
        }
        XCTAssertEqual(try XCTUnwrap(try source.outboxStatus(asOf: later)).pending, pendingBefore - 3 + 1)
    }
}

/// The definitions, as SQL over the tables (a scan each): the index must count the same.
private struct SQLDeliveryCounts {
    let database: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        database = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Moments at, just before and just after the times of every `stride`-th row, and outside them all.
    func momentsAroundRows(every stride: Int) throws -> [EventTime] {
        let texts = try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT created_at FROM outbox WHERE id % \(stride) = 0
                UNION SELECT published_at FROM outbox WHERE id % \(stride) = 1 AND published_at IS NOT NULL
                UNION SELECT processed_at FROM processed_events WHERE rowid % \(stride) = 2
                """)
        }
        let times = texts.compactMap { EventTime(iso8601: $0) }
        let around = times.flatMap { [$0, EventTime(microseconds: $0.microseconds - 1_000), EventTime(microseconds: $0.microseconds + 1_000)] }
        return around + [EventTime(microseconds: 0), EventTime(iso8601: "2030-01-01T00:00:00Z")!]
    }

    func outbox(asOf time: EventTime) throws -> OutboxStatus {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT destination, count(*),
                  sum(published_at IS NOT NULL AND published_at <= :t),
                  sum(published_at IS NULL OR published_at > :t),
                  sum((published_at IS NULL OR published_at > :t) AND last_error IS NOT NULL),
                  sum(attempts > 1 AND published_at IS NOT NULL AND published_at <= :t),
                  min(CASE WHEN published_at IS NULL OR published_at > :t THEN created_at END)
                FROM outbox WHERE created_at <= :t GROUP BY destination ORDER BY destination
                """, arguments: ["t": time.iso8601])
            let destinations = rows.map { row in
                OutboxStatus.Destination(name: row[0], total: row[1], published: row[2], pending: row[3], failing: row[4],
                                         redelivered: row[5], oldestPending: (row[6] as String?).flatMap { EventTime(iso8601: $0) })
            }
            let window = OutboxStatus.historyWindowMicroseconds
            let history = try (1...24).map { bucket -> Int in
                let end = EventTime(microseconds: time.microseconds - window + window * Int64(bucket) / 24).iso8601
                return try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM outbox WHERE created_at <= ? AND (published_at IS NULL OR published_at > ?)
                    """, arguments: [end, end]) ?? 0
            }
            return OutboxStatus(asOf: time, destinations: destinations, pendingHistory: history)
        }
    }

    func consumers(asOf time: EventTime) throws -> [ConsumerStatus] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT consumer, count(*), max(processed_at) FROM processed_events WHERE processed_at <= ?
                GROUP BY consumer ORDER BY consumer
                """, arguments: [time.iso8601]).map { row in
                ConsumerStatus(name: row[0], processed: row[1], lastProcessedAt: EventTime(iso8601: row[2] as String))
            }
        }
    }
}
