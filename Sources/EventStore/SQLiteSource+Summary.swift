import Dispatch
import EventModel
import GRDB

/// `evx info`'s numbers: one pass over the events by position (types, stream types, times), one
/// walk of the events in (stream, version) order (streams, gaps, repeats), and the other tables'
/// row counts. The position pass is split in two halves shared between two threads: one steps the
/// source's connection, the other a connection of its own, each only inside that connection's `read`.
extension SQLiteSource {
    public func summary() throws -> StoreSummary {
        // Two queries: SQLite answers a lone min() or max() from the b-tree's edge, but scans for both at once.
        let (lowest, highest) = try driver.read { db in
            (try db.integer(queries.edgePosition(last: false)), try db.integer(queries.edgePosition(last: true)))
        }
        let scans = SummaryScans(dialect: dialect, queries: queries, cipherKey: options.cipherKey)
        var summary: StoreSummary
        if let low = lowest, let high = highest {
            let middle = low + (high - low) / 2
            let parts = Locked<[Int: Result<SummaryScans.Part, any Error>]>([:])
            let path = path, connection = driver.queue
            DispatchQueue.concurrentPerform(iterations: 2) { @Sendable half in
                let part = Result { () throws -> SummaryScans.Part in
                    do {
                        if half == 0 {
                            return try connection.read { db in try scans.firstHalf(db, from: low, through: middle, last: high) }
                        }
                        return try SQLiteConnection.open(path: path).read { db in try scans.secondHalf(db, from: middle + 1, through: high) }
                    } catch {
                        throw SQLiteConnection.storeError(error, path: path)
                    }
                }
                parts.update { $0[half] = part }
            }
            let results = parts.get()
            guard let first = try results[0]?.get(), let second = try results[1]?.get() else {
                preconditionFailure("concurrentPerform returned before both halves ran")
            }
            var accumulator = first.events
            accumulator.append(second.events)
            summary = accumulator.summary(kind: kind, path: path)
            summary.streamCount = first.streams?.count ?? 0
            summary.warnings += (first.streams?.warnings ?? []) + [second.duplicates].compactMap { $0 }
            summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
            summary.tables = second.tables
        } else {
            summary = StoreSummary(kind: kind, path: path)
            summary.tables = try driver.read { db in try scans.tableCounts(db) }
        }
        summary.family = dialect.family
        summary.checkpoints = try (projectionCheckpoints() ?? []).map { checkpoint in
            CheckpointLag(checkpoint: checkpoint, eventsBehind: Int(try driver.read { db in
                try db.integer(queries.eventCount(after: checkpoint.position)) ?? 0
            }))
        }
        return summary
    }
}

/// The summary's scans, as plain values that a thread with its own connection can run.
struct SummaryScans: Sendable {
    let dialect: StoreDialect
    let queries: DialectQueries
    let cipherKey: CipherKey?

    /// What one thread found: its half of the events, and the streams or the tables.
    struct Part: Sendable {
        var events: SummaryAccumulator
        var streams: (count: Int, warnings: [IntegrityWarning])?
        var tables: [TableCount] = []
        var duplicates: IntegrityWarning?
    }

    func firstHalf(_ db: Database, from low: Int64, through middle: Int64, last high: Int64) throws -> Part {
        Part(events: try scanEvents(db, from: low, through: middle), streams: try streamIntegrity(db, through: high))
    }

    func secondHalf(_ db: Database, from middle: Int64, through high: Int64) throws -> Part {
        Part(events: try scanEvents(db, from: middle, through: high), streams: nil,
             tables: try tableCounts(db), duplicates: try duplicateEventIDs(db))
    }

    private func scanEvents(_ db: Database, from low: Int64, through high: Int64) throws -> SummaryAccumulator {
        var accumulator = SummaryAccumulator()
        let relation = dialect.events
        let statement = queries.events(.init(fromPosition: low, throughPosition: high, includingDetails: false, includingPayloads: false))
        if case .expression = relation.streamType, relation.typeNaming == .asStored, case .expression = relation.time {
            // Names and times straight from the row's bytes: no event is made.
            typealias Column = DialectQueries.EventColumn
            try db.forEachRawRow(statement) { row in
                accumulator.add(position: row.int64(Column.position.rawValue), type: row.bytes(Column.type.rawValue),
                                streamType: row.bytes(Column.streamType.rawValue),
                                startsStream: row.int64(Column.version.rawValue) == relation.versionBase,
                                time: EventTime(iso8601Bytes: row.bytes(Column.time.rawValue)))
                return true
            }
        } else {
            var decoder = try SQLiteSource.makeDecoder(db, relation: relation, cipherKey: cipherKey, streamTypeLookup: queries.streamTypeLookup())
            try db.forEachRawRow(statement) { row in
                let event = decoder.event(row, checkingPayloads: false, includingDetails: false)
                accumulator.add(position: event.position, type: event.type, streamType: event.streamType,
                                startsStream: event.version == 1, time: event.time)
                return true
            }
        }
        return accumulator
    }

    /// Counts streams and finds those whose versions are not exactly 1, 2, 3...: walks the events
    /// in (stream, version) order, which the families' unique keys give without sorting.
    private func streamIntegrity(_ db: Database, through high: Int64) throws -> (count: Int, warnings: [IntegrityWarning]) {
        var streams = 0
        var missing = ExampleCounter()
        var duplicated = ExampleCounter()
        var previousStream: [UInt8] = []
        var previousVersion: Int64 = 0
        var currentFlagged = (missing: false, duplicated: false)
        let base = dialect.events.versionBase
        try db.forEachRawRow(queries.streamVersions(throughPosition: high)) { row in
            let stream = row.bytes(0)
            let version = row.int64(1) - base + 1
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

    func tableCounts(_ db: Database) throws -> [TableCount] {
        try dialect.countedTables.map { table in
            TableCount(name: table, rows: Int(try db.integer(queries.rowCount(of: table)) ?? 0))
        }
    }

    /// Event ids used more than once; skipped when a unique index already forbids them.
    private func duplicateEventIDs(_ db: Database) throws -> IntegrityWarning? {
        guard let statement = queries.duplicateEventIDs() else { return nil }
        var duplicates = ExampleCounter()
        try db.forEachRawRow(statement) { row in
            duplicates.add(row.string(0))
            return true
        }
        return duplicates.warning(.duplicateEventIDs)
    }
}
