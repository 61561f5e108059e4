import EventModel
import GRDB

/// Reads the native evx format (docs/store-format.md), and any SQLite file laid out like it,
/// without ever writing to it: the connection is read-only and `query_only`.
public final class SQLiteSource: EventSource {
    public let kind = SourceKind.sqlite
    public let path: String
    public private(set) var readWarnings: [String] = []
    let queue: DatabaseQueue
    let schema: SQLiteSchema

    public init(path: String) throws {
        self.path = path
        queue = try SQLiteConnection.open(path: path)
        do {
            schema = try queue.read { db in try SQLiteSchema.read(db, path: path) }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    // MARK: - Events

    public func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let stream = filter.stream { conditions.append("stream_id = ?"); arguments.append(stream) }
        if let type = filter.type { conditions.append("type = ?"); arguments.append(type) }
        if let from = filter.fromPosition { conditions.append("position >= ?"); arguments.append(from) }
        var sql = "SELECT \(schema.eventColumns(includingDetails: filter.includesDetails)) FROM events"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY position"
        let filtersTime = filter.since != nil || filter.until != nil
        if let limit = filter.limit, !filtersTime { sql += " LIMIT \(limit)" }

        let limit = filter.limit ?? Int.max
        guard limit > 0 else { return }
        do {
            try queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                try statement.setArguments(StatementArguments(arguments))
                // Times are compared after parsing: stores mix formats and zones, so text order is not time order.
                // Used on one thread at a time (the decoding one), like the statement.
                var names = StringInterner()
                let decode = { (row: SQLiteRawRow) -> Event? in
                    if filtersTime, !filter.admits(time: EventTime(iso8601Bytes: row.bytes(9))) { return nil }
                    return row.event(checkingPayloads: filter.checksPayloads, includingDetails: filter.includesDetails, names: &names)
                }
                if limit <= Self.pipelineThreshold {
                    var remaining = limit
                    try SQLiteRawRow.step(statement) { row in
                        guard let event = decode(row) else { return true }
                        remaining -= 1
                        return try body(event) && remaining > 0
                    }
                } else {
                    try Self.pipelined(statement, limit: limit, decode: decode, body)
                }
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    /// Listings longer than this decode rows on one thread while the caller consumes on another.
    static let pipelineThreshold = 4096

    /// Steps and decodes rows on one thread, in batches, while `body` runs on another: for full
    /// scans, decoding (strings, times) costs about as much as what callers do with the events.
    private static func pipelined(_ statement: Statement, limit: Int, decode: (SQLiteRawRow) -> Event?,
                                  _ body: (Event) throws -> Bool) throws {
        let channel = BatchChannel<Event>(capacity: 4)
        let batchSize = 1024
        _ = try ParallelWork.both(
            {
                defer { channel.close() }
                var batch: [Event] = []
                batch.reserveCapacity(batchSize)
                try SQLiteRawRow.step(statement) { row in
                    guard let event = decode(row) else { return true }
                    batch.append(event)
                    guard batch.count == batchSize else { return true }
                    defer { batch.removeAll(keepingCapacity: true) }
                    return channel.send(batch)
                }
                if !batch.isEmpty { _ = channel.send(batch) }
            },
            {
                defer { channel.cancel() }
                var remaining = limit
                while let batch = channel.receive() {
                    for event in batch {
                        remaining -= 1
                        if try !body(event) || remaining == 0 { return }
                    }
                }
            })
    }

    // MARK: - Snapshots

    public func snapshots(stream: String?) throws -> [Snapshot] {
        guard schema.optionalTablesPresent.contains("snapshots") else { return [] }
        var sql = "SELECT stream_id, version, state, taken_at FROM snapshots"
        var arguments: StatementArguments = []
        if let stream {
            sql += " WHERE stream_id = ?"
            arguments = [stream]
        }
        sql += " ORDER BY stream_id, version"
        do {
            return try queue.read { db in
                var result: [Snapshot] = []
                try db.forEachRawRow(sql, arguments: arguments) { row in
                    result.append(Snapshot(stream: row.string(0), version: row.int64(1), state: row.string(2), takenAt: row.string(3)))
                    return true
                }
                return result
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    // MARK: - Summary

    /// One pass over the events table for counts and times, one walk of the (stream_id, version)
    /// index for streams and their versions, and the optional tables' row counts. The table pass is
    /// split in two halves by position and the work shared between two threads, each with its own
    /// read-only connection.
    public func summary() throws -> StoreSummary {
        do {
            // Two queries: SQLite answers a lone min() or max() from the b-tree's edge, but scans for both at once.
            let (lowest, highest) = try queue.read { db in
                (try Int64.fetchOne(db, sql: "SELECT min(position) FROM events"),
                 try Int64.fetchOne(db, sql: "SELECT max(position) FROM events"))
            }
            guard let low = lowest, let high = highest else {
                var empty = StoreSummary(kind: kind, path: path)
                empty.tables = try queue.read { db in try tableCounts(db) }
                return empty
            }
            let middle = low + (high - low) / 2
            let other = try SQLiteConnection.open(path: path)
            let ((firstHalf, streams), (secondHalf, tables, duplicates)) = try ParallelWork.both(
                {
                    try queue.read { db in
                        (try scanEvents(db, from: low, through: middle), try streamIntegrity(db, through: high))
                    }
                },
                {
                    try other.read { db in
                        (try scanEvents(db, from: middle + 1, through: high), try tableCounts(db), try duplicateEventIDs(db))
                    }
                })
            var accumulator = firstHalf
            accumulator.append(secondHalf)
            var summary = accumulator.summary(kind: kind, path: path)
            summary.streamCount = streams.count
            summary.warnings += streams.warnings + [duplicates].compactMap { $0 }
            summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
            summary.tables = tables
            return summary
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    private func scanEvents(_ db: Database, from low: Int64, through high: Int64) throws -> SummaryAccumulator {
        var accumulator = SummaryAccumulator()
        let sql = "SELECT position, type, stream_type, version, recorded_at FROM events WHERE position BETWEEN ? AND ? ORDER BY position"
        try db.forEachRawRow(sql, arguments: [low, high]) { row in
            // A stream is counted under its type at its version 1 (the unique index rules out a second one).
            accumulator.add(position: row.int64(0), type: row.bytes(1), streamType: row.bytes(2),
                            startsStream: row.int64(3) == 1, time: EventTime(iso8601Bytes: row.bytes(4)))
            return true
        }
        return accumulator
    }

    /// Counts streams and finds those whose versions are not exactly 1, 2, 3...: walks the events
    /// in (stream_id, version) order, which the format's unique index gives without sorting.
    private func streamIntegrity(_ db: Database, through high: Int64) throws -> (count: Int, warnings: [IntegrityWarning]) {
        var streams = 0
        var missing = ExampleCounter()
        var duplicated = ExampleCounter()
        var previousStream: [UInt8] = []
        var previousVersion: Int64 = 0
        var currentFlagged = (missing: false, duplicated: false)
        let sql = "SELECT stream_id, version FROM events WHERE position <= ? ORDER BY stream_id, version"
        try db.forEachRawRow(sql, arguments: [high]) { row in
            let stream = row.bytes(0)
            let version = row.int64(1)
            if previousStream.withUnsafeBufferPointer({ $0.hasSameBytes(as: stream) }) {
                if version == previousVersion, !currentFlagged.duplicated {
                    duplicated.add(row.string(0))
                    currentFlagged.duplicated = true
                } else if version > previousVersion + 1, !currentFlagged.missing {
                    missing.add(row.string(0))
                    currentFlagged.missing = true
                }
            } else {
                streams += 1
                previousStream.removeAll(keepingCapacity: true)
                previousStream.append(contentsOf: stream)
                currentFlagged = (version != 1, false)
                if version != 1 { missing.add(row.string(0)) }
            }
            previousVersion = version
            return true
        }
        return (streams, [duplicated.warning(.duplicateStreamVersions), missing.warning(.missingStreamVersions)].compactMap { $0 })
    }

    private func tableCounts(_ db: Database) throws -> [TableCount] {
        try schema.optionalTablesPresent.map { table in
            TableCount(name: table, rows: try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)
        }
    }

    /// Event ids used more than once; skipped when a unique index already forbids them.
    private func duplicateEventIDs(_ db: Database) throws -> IntegrityWarning? {
        guard !schema.eventIDsAreUnique else { return nil }
        var duplicates = ExampleCounter()
        try db.forEachRawRow("SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1") { row in
            duplicates.add(row.string(0))
            return true
        }
        return duplicates.warning(.duplicateEventIDs)
    }
}
