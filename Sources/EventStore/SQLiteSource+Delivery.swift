import EventModel
import GRDB

/// The outbox, consumers and projection checkpoints as of a moment. The outbox and consumers are
/// the native format's tables, answered from a `DeliveryIndex`; checkpoints come from each
/// family's own table.
extension SQLiteSource: DeliveryTables {
    /// Whether the native format's delivery table is there.
    private func hasNative(_ table: String) -> Bool {
        dialect.hasNativeDelivery && dialect.countedTables.contains(table)
    }

    public func outboxStatus(asOf time: EventTime) throws -> OutboxStatus? {
        guard hasNative("outbox") else { return nil }
        return try upToDateDeliveryIndex().outboxStatus(asOf: time)
    }

    public func consumerStatuses(asOf time: EventTime) throws -> [ConsumerStatus]? {
        guard hasNative("processed_events") else { return nil }
        return try upToDateDeliveryIndex().consumerStatuses(asOf: time)
    }

    /// The delivery index: read whole the first time, then brought up to date when another
    /// connection has committed since (new rows after the last id read; the open rows read again).
    /// Rows are taken as the format writes them: added, published once, never deleted.
    private func upToDateDeliveryIndex() throws -> DeliveryIndex {
        try read { db in
            let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            if let held = deliveryIndex, held.dataVersion == version { return held.index }
            var index = deliveryIndex?.index ?? DeliveryIndex()
            deliveryIndex = nil
            if hasNative("outbox") {
                let open = index.openRowIDs
                try forEachOutboxBatch(db, where: "id > ?", [index.lastOutboxID]) { index.add($0, new: true) }
                for start in stride(from: 0, to: open.count, by: 500) {
                    let ids = Array(open[start..<min(open.count, start + 500)])
                    let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                    try forEachOutboxBatch(db, where: "id IN (\(marks))", StatementArguments(ids)) { index.add($0, new: false) }
                }
            }
            if hasNative("processed_events") {
                try db.forEachRawRow("SELECT rowid, consumer, processed_at FROM processed_events WHERE rowid > ?",
                                     arguments: [index.lastProcessedRowID]) { row in
                    if let at = EventTime(iso8601Bytes: row.bytes(2)) { index.addProcessed(rowID: row.int64(0), consumer: row.string(1), at: at.microseconds) }
                    return true
                }
            }
            index.settle()
            deliveryIndex = (index, version)
            return index
        }
    }

    /// Rows read per batch while indexing (bounds what is held besides the index).
    private static let deliveryBatch = 65_536

    /// Outbox rows in batches. A row whose creation time cannot be read is left out.
    private func forEachOutboxBatch(_ db: Database, where condition: String, _ arguments: StatementArguments,
                                    _ body: ([DeliveryIndex.OutboxRow]) -> Void) throws {
        var batch: [DeliveryIndex.OutboxRow] = []
        let sql = "SELECT id, destination, created_at, published_at, attempts, last_error IS NOT NULL FROM outbox WHERE \(condition)"
        try db.forEachRawRow(sql, arguments: arguments) { row in
            if let created = EventTime(iso8601Bytes: row.bytes(2)) {
                batch.append(DeliveryIndex.OutboxRow(
                    id: row.int64(0), destination: row.string(1), created: created.microseconds,
                    published: row.isNull(3) ? nil : EventTime(iso8601Bytes: row.bytes(3))?.microseconds,
                    attempts: row.int64(4), failing: row.int64(5) != 0))
            }
            if batch.count == Self.deliveryBatch { body(batch); batch.removeAll(keepingCapacity: true) }
            return true
        }
        body(batch)
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
