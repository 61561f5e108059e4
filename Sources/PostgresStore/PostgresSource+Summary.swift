import EventModel
import EventStore

/// `evx info` on PostgreSQL. Exact on a store of up to `exactRowLimit` events (by the planner's
/// estimate); beyond that, estimated without reading the table: the row count from
/// `pg_class.reltuples`, types and stream types from `sampleWindows` windows of `sampleWindow`
/// events spread evenly over the positions (index scans; streams are the sampled events that open
/// a stream). The positions and the first and last events' times are exact in both cases (index
/// edges). `exactSummary()` reads the whole log in windows (asked for with `--exact`).
extension PostgresSource: EstimatingSource {
    static let exactRowLimit = 200_000
    static let sampleWindows = 20
    static let sampleWindow = 5000

    public func summary() throws -> StoreSummary {
        guard let (first, last) = try positionBounds() else { return try emptySummary() }
        let estimate = try sizeEstimate(first: first, last: last)
        guard estimate > Self.exactRowLimit else { return try exactSummary() }
        var tally = SummaryTally(checksStreams: false)
        let span = Double(last - first)
        for index in 0..<Self.sampleWindows {
            let start = first + Int64(span * Double(index) / Double(Self.sampleWindows))
            for event in try events(.init(fromPosition: start, limit: Self.sampleWindow, includingDetails: false, includingPayloads: false),
                                    checkingPayloads: false, includingDetails: false) {
                tally.add(event)
            }
        }
        var summary = tally.summary(kind: kind, path: path, scale: tally.events == 0 ? 0 : Double(estimate) / Double(tally.events))
        summary.eventCount = estimate
        summary.countsAreEstimates = true
        summary.firstTime = try timeProbe(atOrAfter: first)?.time
        summary.lastTime = try timeProbe(atOrAfter: last)?.time
        summary.warnings = []
        return try finished(summary, first: first, last: last)
    }

    public func exactSummary() throws -> StoreSummary {
        guard let (first, last) = try positionBounds() else { return try emptySummary() }
        var tally = SummaryTally(checksStreams: true)
        var from = first
        while true {
            let window = try events(.init(fromPosition: from, limit: Self.batch * 4, includingDetails: false, includingPayloads: false),
                                    checkingPayloads: false, includingDetails: false)
            window.forEach { tally.add($0) }
            guard window.count == Self.batch * 4, let end = window.last?.position, end < Int64.max else { break }
            from = end + 1
        }
        return try finished(tally.summary(kind: kind, path: path, scale: 1), first: first, last: last)
    }

    private func emptySummary() throws -> StoreSummary {
        var summary = StoreSummary(kind: kind, path: path)
        summary.family = family
        summary.checkpoints = try checkpointLags()
        return summary
    }

    private func finished(_ summary: StoreSummary, first: Int64, last: Int64) throws -> StoreSummary {
        var summary = summary
        summary.family = family
        summary.firstPosition = first
        summary.lastPosition = last
        summary.checkpoints = try checkpointLags()
        return summary
    }

    /// Each checkpoint's distance to the last event: in positions (events, for sequences with rare
    /// gaps) and recorded time, two index probes each; stalled when behind and last updated more
    /// than a minute before the last event was recorded.
    func checkpointLags() throws -> [CheckpointLag] {
        guard let checkpoints = try projectionCheckpoints(), !checkpoints.isEmpty,
              let last = try positionBounds()?.last else { return [] }
        let lastTime = try timeProbe(atOrAfter: last)?.time
        return try checkpoints.map { checkpoint in
            let behind = max(0, last - checkpoint.position)
            var time: Int64? = behind == 0 ? 0 : nil
            if behind > 0, let lastTime, let at = try timeProbe(atOrAfter: checkpoint.position)?.time {
                time = max(0, lastTime.microseconds - at.microseconds)
            }
            let stalled = behind > 0 && checkpoint.updatedAt.map { updated in
                lastTime.map { $0.microseconds - updated.microseconds > CheckpointLag.stallMicroseconds } ?? false
            } ?? false
            return CheckpointLag(checkpoint: checkpoint, eventsBehind: Int(behind), microsecondsBehind: time, stalled: stalled)
        }
    }
}

/// Counts what `info` reports from events read in position order: types, stream types (streams
/// counted at their first version), times and, when asked, each stream's versions (streams,
/// missing and repeated versions).
struct SummaryTally {
    let checksStreams: Bool
    private(set) var events = 0
    private var types: [String: Int] = [:]
    private var streamTypes: [String: (streams: Int, events: Int)] = [:]
    private var streams: [String: (count: Int64, lowest: Int64, highest: Int64)] = [:]
    private var earliest: EventTime?
    private var latest: EventTime?
    private var previousTime: EventTime?
    private var outOfOrder: (count: Int, examples: [String]) = (0, [])
    private var unreadableTimes: (count: Int, examples: [String]) = (0, [])

    init(checksStreams: Bool) { self.checksStreams = checksStreams }

    mutating func add(_ event: Event) {
        events += 1
        types[event.type, default: 0] += 1
        let current = streamTypes[event.streamType] ?? (0, 0)
        streamTypes[event.streamType] = (current.streams + (event.version == 1 ? 1 : 0), current.events + 1)
        if checksStreams {
            let known = streams[event.stream] ?? (0, event.version, event.version)
            streams[event.stream] = (known.count + 1, min(known.lowest, event.version), max(known.highest, event.version))
        }
        guard let time = event.time else {
            Self.note(&unreadableTimes, "position \(event.position)")
            return
        }
        if let previousTime, time < previousTime { Self.note(&outOfOrder, "position \(event.position)") }
        previousTime = time
        if earliest.map({ time < $0 }) ?? true { earliest = time }
        if latest.map({ time > $0 }) ?? true { latest = time }
    }

    private static func note(_ counter: inout (count: Int, examples: [String]), _ example: String) {
        counter.count += 1
        if counter.examples.count < IntegrityWarning.exampleLimit { counter.examples.append(example) }
    }

    /// The summary, counts multiplied by `scale` (a sample's share of the log).
    func summary(kind: SourceKind, path: String, scale: Double) -> StoreSummary {
        let scaled = { (n: Int) in Int((Double(n) * scale).rounded()) }
        var summary = StoreSummary(kind: kind, path: path, eventCount: events, firstTime: earliest, lastTime: latest)
        summary.eventTypes = types.map { TypeCount(name: $0.key, events: scaled($0.value)) }
            .sorted { ($0.events, $1.name) > ($1.events, $0.name) }
        summary.streamTypes = streamTypes.map { StreamTypeCount(name: $0.key, streams: scaled($0.value.streams), events: scaled($0.value.events)) }
            .sorted { ($0.events, $1.name) > ($1.events, $0.name) }
        summary.streamCount = checksStreams ? streams.count : summary.streamTypes.reduce(0) { $0 + $1.streams }
        if checksStreams {
            var missing: [String] = [], repeated: [String] = []
            for (stream, versions) in streams {
                if versions.lowest != 1 || versions.highest > versions.count { missing.append(stream) }
                if versions.highest - versions.lowest + 1 < versions.count { repeated.append(stream) }
            }
            for (kind, list) in [(IntegrityWarning.Kind.missingStreamVersions, missing), (.duplicateStreamVersions, repeated)] where !list.isEmpty {
                summary.warnings.append(IntegrityWarning(kind: kind, count: list.count, examples: Array(list.sorted().prefix(IntegrityWarning.exampleLimit))))
            }
        }
        if outOfOrder.count > 0 {
            summary.warnings.append(IntegrityWarning(kind: .positionsOutOfTimeOrder, count: outOfOrder.count, examples: outOfOrder.examples))
        }
        if unreadableTimes.count > 0 {
            summary.warnings.append(IntegrityWarning(kind: .unreadableTimes, count: unreadableTimes.count, examples: unreadableTimes.examples))
        }
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
        return summary
    }
}
