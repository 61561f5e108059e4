import Dispatch
import EventModel
import GRDB

/// `evx info`'s numbers. What the indexes answer comes from them: the first and last positions
/// from the position b-tree's edges, the streams with their gaps and repeats from a walk of the
/// (stream, version) index. Types, stream types and times need one pass over the events; it is
/// cut into ranges of positions, and two threads, each stepping its own connection inside that
/// connection's `read`, take the walk, the other tables' counts and the ranges from one list
/// until it is empty, so both cores stay busy to the end. The pass also counts the events up to
/// each checkpoint, which gives the checkpoints' lags without counting the table again.
extension SQLiteSource {
    public func summary() throws -> StoreSummary {
        try summary(smallestRange: SummaryPlan.smallestRange)
    }

    /// The summary with the pass over the events cut into ranges of at least `smallestRange`
    /// positions (tests cut a small store into many).
    func summary(smallestRange: Int64) throws -> StoreSummary {
        // Two queries: SQLite answers a lone min() or max() from the b-tree's edge, but scans for both at once.
        let (lowest, highest) = try driver.read { db in
            (try db.integer(queries.edgePosition(last: false)), try db.integer(queries.edgePosition(last: true)))
        }
        let checkpoints = try projectionCheckpoints() ?? []
        let plan = SummaryPlan(positions: lowest.flatMap { low in highest.map { low...max(low, $0) } },
                               smallestRange: smallestRange, tables: dialect.countedTables,
                               checkpoints: checkpoints.map(\.position), checksEventIDs: queries.duplicateEventIDs() != nil)
        let scans = SummaryScans(dialect: dialect, queries: queries, cipherKey: options.cipherKey)
        let outcomes = try scans.run(plan, connection: driver.queue, path: path)

        var events = SummaryAccumulator()
        var streams: (count: Int, warnings: [IntegrityWarning]) = (0, [])
        var tables: [TableCount] = []
        var lags = [Int](repeating: 0, count: checkpoints.count)
        var duplicates: IntegrityWarning?
        for (task, outcome) in zip(plan.tasks, outcomes) {
            switch (task, outcome) {
            case (.events(let from, let through), .events(let range, let eventsThrough)):
                events.append(range)
                for (index, checkpoint) in checkpoints.enumerated() where checkpoint.position < through {
                    // The range's events after the checkpoint: all of them when it starts after it.
                    lags[index] += range.eventCount - (checkpoint.position < from ? 0 : eventsThrough[checkpoint.position] ?? 0)
                }
            case (.streams, .streams(let count, let warnings)): streams = (count, warnings)
            case (.rows(let table), .count(let rows)): tables.append(TableCount(name: table, rows: rows))
            case (.duplicateEventIDs, .duplicates(let warning)): duplicates = warning
            default: preconditionFailure("a summary task answered with another task's outcome")
            }
        }
        var summary = events.summary(kind: kind, path: path)
        summary.streamCount = streams.count
        summary.warnings += streams.warnings + [duplicates].compactMap { $0 }
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
        summary.tables = tables
        summary.family = dialect.family
        summary.checkpoints = zip(checkpoints, lags).map { CheckpointLag(checkpoint: $0, eventsBehind: $1) }
        return summary
    }
}

/// The summary's work as a list of tasks, the longest first, so that two threads taking them in
/// turn finish together: the stream walk, the duplicate-id check, the other tables' counts, then
/// the pass over the events in ranges of positions, in order, each noting how many of its events
/// come at or before the checkpoints that fall in it.
struct SummaryPlan: Sendable {
    enum Task: Sendable {
        case streams(through: Int64)
        case duplicateEventIDs
        case rows(table: String)
        case events(from: Int64, through: Int64)
    }

    /// The fewest positions in a range of the pass, and the most ranges it is cut into: enough
    /// to share the pass out evenly, few enough that merging their counts costs nothing.
    static let smallestRange: Int64 = 65_536
    static let mostRanges: Int64 = 32

    let tasks: [Task]
    /// Whether a second thread is worth its connection.
    let wantsSecondThread: Bool

    /// The checkpoints' positions, in order: each range's events are counted up to those in it.
    let checkpoints: [Int64]

    init(positions: ClosedRange<Int64>?, smallestRange: Int64, tables: [String], checkpoints: [Int64], checksEventIDs: Bool) {
        self.checkpoints = Array(Set(checkpoints)).sorted()
        var tasks: [Task] = []
        var ranges: [Task] = []
        if let positions {
            tasks.append(.streams(through: positions.upperBound))
            if checksEventIDs { tasks.append(.duplicateEventIDs) }
            // Positions may span more than Int64 holds (a store with negative ones).
            let (span, overflow) = positions.upperBound.subtractingReportingOverflow(positions.lowerBound)
            let size = max(smallestRange, 1, (overflow ? Int64.max : span) / Self.mostRanges + 1)
            var from = positions.lowerBound
            while true {
                let (end, overflow) = from.addingReportingOverflow(size - 1)
                let through = overflow ? positions.upperBound : min(end, positions.upperBound)
                ranges.append(.events(from: from, through: through))
                if through == positions.upperBound { break }
                from = through + 1
            }
        }
        tasks += tables.map { .rows(table: $0) } + ranges
        self.tasks = tasks
        wantsSecondThread = ranges.count > 1
    }
}

/// The summary's scans, as plain values that a thread with its own connection can run.
struct SummaryScans: Sendable {
    let dialect: StoreDialect
    let queries: DialectQueries
    let cipherKey: CipherKey?

    enum Outcome: Sendable {
        /// A range's events, and how many come at or before each checkpoint position in the range.
        case events(SummaryAccumulator, eventsThrough: [Int64: Int])
        case streams(count: Int, warnings: [IntegrityWarning])
        case count(Int)
        case duplicates(IntegrityWarning?)
    }

    /// Runs the plan's tasks on the source's connection and, when worth it, a second one on another
    /// thread; each thread takes the next task until none is left. The outcomes come in the
    /// plan's order. When the second connection cannot be opened (the file was deleted since it
    /// was opened), the first does everything.
    func run(_ plan: SummaryPlan, connection: DatabaseQueue, path: String) throws -> [Outcome] {
        let tasks = plan.tasks
        let next = Locked(0)
        let outcomes = Locked([Outcome?](repeating: nil, count: tasks.count))
        let failure = Locked<StoreError?>(nil)
        DispatchQueue.concurrentPerform(iterations: plan.wantsSecondThread ? 2 : 1) { @Sendable worker in
            let work = { (db: Database) throws in
                while let index = next.withLock({ (taken: inout Int) -> Int? in
                    guard taken < tasks.count else { return nil }
                    taken += 1
                    return taken - 1
                }) {
                    let outcome = try run(tasks[index], checkpoints: plan.checkpoints, db)
                    outcomes.update { $0[index] = outcome }
                }
            }
            do {
                if worker == 0 {
                    try connection.read(work)
                } else if let sibling = try? SQLiteConnection.open(path: path) {
                    try sibling.read(work)
                }
            } catch {
                failure.update { $0 = $0 ?? SQLiteConnection.storeError(error, path: path) }
                next.set(tasks.count)  // the other thread stops after its current task
            }
        }
        if let failure = failure.get() { throw failure }
        let done = outcomes.get().compactMap { $0 }
        guard done.count == tasks.count else { preconditionFailure("the summary's threads returned with tasks left") }
        return done
    }

    private func run(_ task: SummaryPlan.Task, checkpoints: [Int64], _ db: Database) throws -> Outcome {
        switch task {
        case let .streams(through):
            let (count, warnings) = try streamIntegrity(db, through: through)
            return .streams(count: count, warnings: warnings)
        case .duplicateEventIDs:
            return .duplicates(try duplicateEventIDs(db))
        case let .rows(table):
            return .count(Int(try db.integer(queries.rowCount(of: table)) ?? 0))
        case let .events(from, through):
            var marks = CheckpointMarks(checkpoints.filter { (from..<through).contains($0) })
            let events = try scanEvents(db, from: from, through: through, marks: &marks)
            return .events(events, eventsThrough: marks.eventsThrough(total: events.eventCount))
        }
    }

    private func scanEvents(_ db: Database, from low: Int64, through high: Int64, marks: inout CheckpointMarks) throws -> SummaryAccumulator {
        var accumulator = SummaryAccumulator()
        let relation = dialect.events
        if let statement = queries.namesAndTimes(fromPosition: low, throughPosition: high) {
            // Names and times straight from the row's bytes: no event is made.
            var times = EventTimeReader()
            let base = relation.versionBase
            let null = UnsafeBufferPointer<UInt8>(start: nil, count: 0)  // read as empty, as a listing does
            try db.forEachRawRow(statement) { row in
                let position = row.int64(0)
                marks.pass(position, eventsBefore: accumulator.eventCount)
                accumulator.add(position: position, type: row.text(1) ?? null, streamType: row.text(2) ?? null,
                                startsStream: row.int64(3) == base, time: times.time(row.text(4) ?? null))
                return true
            }
        } else {
            let statement = queries.events(.init(fromPosition: low, throughPosition: high, includingDetails: false, includingPayloads: false))
            var decoder = try SQLiteSource.makeDecoder(db, relation: relation, cipherKey: cipherKey, streamTypeLookup: queries.streamTypeLookup())
            try db.forEachRawRow(statement) { row in
                let event = decoder.event(row, checkingPayloads: false, includingDetails: false)
                marks.pass(event.position, eventsBefore: accumulator.eventCount)
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
            let stream = row.text(0) ?? UnsafeBufferPointer(start: nil, count: 0)
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

/// Counts a range's events at or before each checkpoint position in it, as the pass goes by
/// them in order of position.
struct CheckpointMarks {
    private let positions: [Int64]
    private var counts: [Int] = []

    init(_ sortedPositions: [Int64]) { positions = sortedPositions }

    /// Notes the checkpoints before `position`, with the range's events before it.
    mutating func pass(_ position: Int64, eventsBefore: Int) {
        while counts.count < positions.count, position > positions[counts.count] { counts.append(eventsBefore) }
    }

    /// Events at or before each checkpoint, once the range has been read (`total` events).
    func eventsThrough(total: Int) -> [Int64: Int] {
        Dictionary(uniqueKeysWithValues: positions.enumerated().map { ($1, $0 < counts.count ? counts[$0] : total) })
    }
}
