import Foundation
import EventModel
import GRDB

extension SQLiteSource {
    /// Rows per batch handed from the stepping thread to the decoding ones.
    static let copiedBatchSize = 1024

    /// A long read of payloads that cost more to decode than to step (inflating, decrypting,
    /// converting YAML; see `decodesOnEveryCore`): one thread steps the statement inside the
    /// connection's `read` and copies the rows' bytes out in batches, one decoding thread per
    /// core turns batches into events, and `body` gets them here in position order. Stepping
    /// alone, one thread cannot keep up with inflating on the others.
    ///
    /// Only for families whose stream types need no lookup: a lookup is a statement of the
    /// connection, and is stepped on its thread only.
    func decodedOnEveryCore(_ statement: SQLStatement, relation: EventRelation, admits: RowAdmission, limit: Int,
                            _ body: (Event) throws -> Bool) throws {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let work = OrderedBatchWork<CopiedRows, [Event]>(window: 2 * cores + 2)
        let path = path, cipherKey = options.cipherKey, connection = driver.queue
        let stepper = HelperThreads.start(1, name: "evx SQLite reader") {
            do {
                try connection.read { db in
                    let columns = Int32(DialectQueries.EventColumn.allCases.count)
                    var batch = CopiedRows(columns: columns, capacity: Self.copiedBatchSize)
                    try db.forEachRawRow(statement) { row in
                        batch.append(row)
                        guard batch.count == Self.copiedBatchSize else { return true }
                        defer { batch = CopiedRows(columns: columns, capacity: Self.copiedBatchSize) }
                        return work.submit(batch)
                    }
                    if batch.count > 0 { _ = work.submit(batch) }
                }
                work.close()
            } catch {
                work.close(failure: SQLiteConnection.storeError(error, path: path))
            }
        }
        // One decoder fewer than the cores: this thread decodes too while its next batch is not ready.
        let decoders = HelperThreads.start(max(1, cores - 1), name: "evx decoder") {
            var decoder = EventRowDecoder(relation: relation, cipherKey: cipherKey)
            while let (index, rows) = work.take() {
                work.deliver(index, Self.events(rows, admits: admits, &decoder))
            }
        }
        // However the caller stops, the threads are released and gone before this returns.
        defer {
            work.cancel()
            stepper.wait()
            decoders.wait()
        }
        var decoder = EventRowDecoder(relation: relation, cipherKey: cipherKey)
        var remaining = limit
        while let batch = try work.collect(workingMeanwhile: { Self.events($0, admits: admits, &decoder) }) {
            for index in batch.indices {
                remaining -= 1
                if try !body(batch[index]) || remaining == 0 { return }
            }
        }
    }

    private static func events(_ rows: CopiedRows, admits: RowAdmission, _ decoder: inout EventRowDecoder) -> [Event] {
        var events: [Event] = []
        events.reserveCapacity(rows.count)
        rows.forEach { row in
            if let event = admits.event(row, &decoder) { events.append(event) }
        }
        return events
    }
}
