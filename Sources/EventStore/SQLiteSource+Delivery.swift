import EventModel
import GRDB

/// The outbox, consumers and projection checkpoints as of a moment. Times are compared as text,
/// which is exact for the native format's canonical ISO-8601 UTC (docs/store-format.md).
extension SQLiteSource: DeliveryTables {
    public func outboxStatus(asOf time: EventTime) throws -> OutboxStatus? {
        guard schema.optionalTablesPresent.contains("outbox") else { return nil }
        let sql = """
            SELECT destination, count(*),
              sum(published_at IS NOT NULL AND published_at <= :t),
              sum(published_at IS NULL OR published_at > :t),
              sum((published_at IS NULL OR published_at > :t) AND last_error IS NOT NULL),
              sum(attempts > 1 AND published_at IS NOT NULL AND published_at <= :t),
              min(CASE WHEN published_at IS NULL OR published_at > :t THEN created_at END)
            FROM outbox WHERE created_at <= :t GROUP BY destination ORDER BY destination
            """
        return try read { db in
            var destinations: [OutboxStatus.Destination] = []
            try db.forEachRawRow(sql, arguments: ["t": time.iso8601]) { row in
                destinations.append(OutboxStatus.Destination(
                    name: row.string(0), total: Int(row.int64(1)), published: Int(row.int64(2)), pending: Int(row.int64(3)),
                    failing: Int(row.int64(4)), redelivered: Int(row.int64(5)),
                    oldestPending: row.isNull(6) ? nil : EventTime(iso8601Bytes: row.bytes(6))))
                return true
            }
            return OutboxStatus(asOf: time, destinations: destinations, pendingHistory: try pendingHistory(db, until: time, buckets: 24))
        }
    }

    /// Pending rows at the end of each slice of the hour before `time`: one pass over the rows
    /// that were pending at some point of that hour.
    private func pendingHistory(_ db: Database, until time: EventTime, buckets: Int) throws -> [Int] {
        let window = OutboxStatus.historyWindowMicroseconds
        let start = time.microseconds - window
        let ends = (1...buckets).map { start + window * Int64($0) / Int64(buckets) }
        var counts = [Int](repeating: 0, count: buckets)
        let sql = "SELECT created_at, published_at FROM outbox WHERE created_at <= ? AND (published_at IS NULL OR published_at > ?)"
        try db.forEachRawRow(sql, arguments: [time.iso8601, EventTime(microseconds: start).iso8601]) { row in
            guard let created = EventTime(iso8601Bytes: row.bytes(0))?.microseconds else { return true }
            let published = row.isNull(1) ? Int64.max : (EventTime(iso8601Bytes: row.bytes(1))?.microseconds ?? Int64.max)
            for (index, end) in ends.enumerated() where created <= end && published > end { counts[index] += 1 }
            return true
        }
        return counts
    }

    public func consumerStatuses(asOf time: EventTime) throws -> [ConsumerStatus]? {
        guard schema.optionalTablesPresent.contains("processed_events") else { return nil }
        let sql = "SELECT consumer, count(*), max(processed_at) FROM processed_events WHERE processed_at <= ? GROUP BY consumer ORDER BY consumer"
        return try read { db in
            var consumers: [ConsumerStatus] = []
            try db.forEachRawRow(sql, arguments: [time.iso8601]) { row in
                consumers.append(ConsumerStatus(name: row.string(0), processed: Int(row.int64(1)),
                                                lastProcessedAt: EventTime(iso8601Bytes: row.bytes(2))))
                return true
            }
            return consumers
        }
    }

    public func projectionCheckpoints() throws -> [ProjectionCheckpoint]? {
        guard schema.optionalTablesPresent.contains("projection_checkpoints") else { return nil }
        return try read { db in
            var checkpoints: [ProjectionCheckpoint] = []
            try db.forEachRawRow("SELECT projection, position, updated_at FROM projection_checkpoints ORDER BY projection") { row in
                checkpoints.append(ProjectionCheckpoint(projection: row.string(0), position: row.int64(1),
                                                        updatedAt: EventTime(iso8601Bytes: row.bytes(2))))
                return true
            }
            return checkpoints
        }
    }

    /// The event's outbox rows and processing records (each a scan of its table: the format has no
    /// index on event_id there, and evx creates none).
    public func deliveries(ofEvent id: String) throws -> EventDeliveries {
        try read { db in
            var outbox: [EventDeliveries.OutboxRow] = []
            if schema.optionalTablesPresent.contains("outbox") {
                try db.forEachRawRow("SELECT destination, published_at, attempts, last_error FROM outbox WHERE event_id = ? ORDER BY id", arguments: [id]) { row in
                    outbox.append(.init(destination: row.string(0), publishedAt: row.isNull(1) ? nil : row.string(1),
                                        attempts: Int(row.int64(2)), lastError: row.isNull(3) ? nil : row.string(3)))
                    return true
                }
            }
            var processed: [(consumer: String, at: String)] = []
            if schema.optionalTablesPresent.contains("processed_events") {
                try db.forEachRawRow("SELECT consumer, processed_at FROM processed_events WHERE event_id = ? ORDER BY processed_at", arguments: [id]) { row in
                    processed.append((row.string(0), row.string(1)))
                    return true
                }
            }
            return EventDeliveries(outbox: outbox, processedBy: processed)
        }
    }

    /// SQLite's data version: it changes when another connection commits (docs: PRAGMA data_version).
    public func changeToken() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Every position and its time, in global order: the explorer's index of the log.
    public func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws {
        try read { db in
            try db.forEachRawRow("SELECT position, recorded_at FROM events WHERE position > ? ORDER BY position", arguments: [position]) { row in
                body(row.int64(0), EventTime(iso8601Bytes: row.bytes(1)))
                return true
            }
        }
    }

    /// Runs `work` on the store's connection, with errors turned into one-line `StoreError`s.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(work)
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }
}
