import EventModel
import GRDB

/// The outbox, consumers and projection checkpoints as of a moment. The outbox and consumers are
/// the native format's tables; checkpoints come from each family's own table. Times are compared
/// as text, which is exact for the native format's canonical ISO-8601 UTC (docs/store-format.md).
extension SQLiteSource: DeliveryTables {
    /// Whether the native format's delivery table is there.
    private func hasNative(_ table: String) -> Bool {
        dialect.hasNativeDelivery && dialect.countedTables.contains(table)
    }

    public func outboxStatus(asOf time: EventTime) throws -> OutboxStatus? {
        guard hasNative("outbox") else { return nil }
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
        guard hasNative("processed_events") else { return nil }
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

    /// Each projection's or consumer's checkpoint (the latest per name), from the family's table.
    public func projectionCheckpoints() throws -> [ProjectionCheckpoint]? {
        guard let statement = queries.checkpoints() else { return nil }
        return try read { db in
            var checkpoints: [ProjectionCheckpoint] = []
            try db.forEachRawRow(statement) { row in
                // Text checkpoints (Emmett) hold the position's digits, sometimes zero-padded.
                let position = row.isInteger(1) ? row.int64(1) : Int64(String(row.string(1).prefix { $0.isNumber })) ?? 0
                let updatedAt = row.isNull(2) ? nil : EventTime(iso8601Bytes: row.bytes(2))
                if let index = checkpoints.firstIndex(where: { $0.projection == row.string(0) }) {
                    checkpoints[index].position = max(checkpoints[index].position, position)
                } else {
                    checkpoints.append(ProjectionCheckpoint(projection: row.string(0), position: position, updatedAt: updatedAt))
                }
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
            if hasNative("outbox") {
                try db.forEachRawRow("SELECT destination, published_at, attempts, last_error FROM outbox WHERE event_id = ? ORDER BY id", arguments: [id]) { row in
                    outbox.append(.init(destination: row.string(0), publishedAt: row.isNull(1) ? nil : row.string(1),
                                        attempts: Int(row.int64(2)), lastError: row.isNull(3) ? nil : row.string(3)))
                    return true
                }
            }
            var processed: [(consumer: String, at: String)] = []
            if hasNative("processed_events") {
                try db.forEachRawRow("SELECT consumer, processed_at FROM processed_events WHERE event_id = ? ORDER BY processed_at", arguments: [id]) { row in
                    processed.append((row.string(0), row.string(1)))
                    return true
                }
            }
            return EventDeliveries(outbox: outbox, processedBy: processed)
        }
    }

    /// Runs `work` on the store's connection, with errors turned into one-line `StoreError`s.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        try driver.read(work)
    }
}
