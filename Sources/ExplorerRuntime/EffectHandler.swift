import App
import EventModel
import Foundation
import JSON
import Replay

/// What each effect does with a worker's connection: the reads, folds and writes behind the
/// core's requests. Long work reports progress and stops when its token is cancelled.
struct EffectHandler {
    let context: WorkerContext
    let request: RequestID
    let token: CancellationToken
    let mailbox: Mailbox
    let storePath: String?

    /// Events read at once when the explorer opens a store (its newest).
    static let newestWindow = 256
    /// Long reads say how far they got about this often (in events).
    static let progressEvery = 65_536
    /// How far either side of an event its correlation chain is looked for.
    static let correlationRadius = 2000

    private var source: EventSource { context.source }

    // MARK: - Opening and indexing

    struct Opened {
        let bounds: LogBounds?
        let indexing: Bool
        let action: Action
    }

    /// The log's ends and its newest events: enough for a first frame, whatever the store's size.
    func open() throws -> Opened {
        let bounds = try source.bounds()
        var newest: [Event] = []
        if let bounds {
            try source.readEvents(before: bounds.last == Int64.max ? bounds.last : bounds.last + 1, limit: Self.newestWindow) { newest.append($0); return true }
        }
        let indexing = bounds != nil && !source.windowsOnly
        let beingWritten = Self.isBeingWritten(newest: newest.last?.time, storePath: storePath)
        return Opened(bounds: bounds, indexing: indexing,
                      action: .loaded(request, .opened(bounds, newest: newest, indexing: indexing, beingWritten: beingWritten)))
    }

    /// How recent a write makes a store "being written": its newest event, or its file (or WAL) changed this long ago.
    static let recentWriteSeconds: Double = 10

    /// Whether another process is writing the store now: its newest event is moments old, or the
    /// file or its write-ahead log was modified moments ago.
    static func isBeingWritten(newest: EventTime?, storePath: String?) -> Bool {
        let now = Date().timeIntervalSince1970
        if let newest, now - Double(newest.microseconds) / 1e6 < recentWriteSeconds { return true }
        guard let storePath else { return false }
        return [storePath, storePath + "-wal"].contains { path in
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return false }
            return now - modified.timeIntervalSince1970 < recentWriteSeconds
        }
    }

    /// Every position and time, reporting progress; nil when cancelled.
    func index() throws -> Action? {
        var index = EventIndex()
        var cancelled = false
        try source.forEachPositionAndTime(after: Int64.min) { position, time in
            guard !cancelled else { return }
            index.append(position: position, time: time)
            if index.count % Self.progressEvery == 0 {
                cancelled = token.isCancelled
                mailbox.post(.progress(request, done: index.count, total: nil))
            }
        }
        return cancelled ? nil : .loaded(request, .indexed(index))
    }

    // MARK: - Answers

    func answer(_ effect: Effect) throws -> Action? {
        switch effect {
        case .open, .cancel, .copyToClipboard:
            return nil
        case .loadWindow(_, let window):
            return .loaded(request, .window(try events(in: window)))
        case .loadEvents(_, let positions):
            return .loaded(request, .events(try events(at: positions)))
        case .probe(_, let positions):
            return .loaded(request, .probes(try probes(at: positions)))
        case .loadStream(_, let stream, let held, _):
            return try history(of: stream, extending: held).map { .loaded(request, .stream($0)) }
        case .project(_, let position):
            return try projections(at: position).map { .loaded(request, .projections($0)) }
        case .loadDelivery(_, let time, _):
            return .loaded(request, .delivery(try delivery(asOf: time)))
        case .loadEventDeliveries(_, let id, _):
            let tables = source as? DeliveryTables
            return .loaded(request, .eventDeliveries(try tables?.deliveries(ofEvent: id) ?? EventDeliveries(outbox: [], processedBy: [])))
        case .loadCorrelation(_, let position, let correlation):
            return .loaded(request, .correlation(try correlated(around: position, correlation: correlation)))
        case .search(_, let query):
            return try search(query).map { .loaded(request, .searched($0)) }
        case .find(_, let history, let predicate):
            return .loaded(request, .found(history.transitions(to: predicate, all: false).first))
        case .blame(_, let history, let field):
            return .loaded(request, .blamed(history.blame(StatePath(field))))
        case .write(_, let path, let contents, let overwrite):
            try FileWriter(storePath: storePath).write(contents, to: path, overwrite: overwrite)
            return .loaded(request, .written(path: path))
        case .listStreams:
            return try streams().map { .loaded(request, .streams($0)) }
        case .locateTime(_, let cut):
            if source.windowsOnly { return .loaded(request, try locateByProbes(cut)) }
            return try locate(cut).map { .loaded(request, .located($0)) }
        }
    }

    private func events(in window: Effect.Window) throws -> [Event] {
        var events: [Event] = []
        switch window {
        case .from(let position, let limit):
            try source.readEvents(EventFilter(fromPosition: position, limit: limit)) { events.append($0); return true }
        case .before(let position, let limit):
            try source.readEvents(before: position, limit: limit) { events.append($0); return true }
        }
        return events
    }

    /// Particular events: a lookup each where the source can seek, one pass over the range otherwise.
    private func events(at positions: [Int64]) throws -> [Event] {
        guard let low = positions.min(), let high = positions.max() else { return [] }
        let wanted = Set(positions)
        var events: [Event] = []
        if source.kind.isReadInOnePass {
            try source.readEvents(EventFilter(fromPosition: low)) { event in
                if wanted.contains(event.position) { events.append(event) }
                return event.position < high
            }
        } else {
            for position in wanted.sorted() {
                try source.readEvents(EventFilter(fromPosition: position, limit: 1)) { event in
                    if event.position == position { events.append(event) }
                    return false
                }
            }
        }
        return events
    }

    private func probes(at positions: [Int64]) throws -> [LogEntry] {
        var entries: [LogEntry] = []
        var filter = EventFilter(limit: 1)
        filter.includesDetails = false
        filter.checksPayloads = false
        for position in positions {
            filter.fromPosition = position
            try source.readEvents(filter) { event in
                entries.append(LogEntry(position: event.position, time: event.time, stream: event.stream))
                return false
            }
        }
        return entries
    }

    /// The stream's events folded into a history (or the held history extended with events after
    /// its last); nil when cancelled. A stream with no event answers `.stream(nil)`.
    private func history(of stream: String, extending held: AggregateHistory?) throws -> AggregateHistory?? {
        var filter = EventFilter(stream: stream)
        filter.checksPayloads = false
        if let held, !held.events.isEmpty { filter.fromPosition = held.events.position(at: held.events.count - 1) + 1 }
        var events = StreamEvents()
        var cancelled = false
        try source.readEvents(filter) { event in
            events.append(event)
            if events.count % 16_384 == 0 {
                cancelled = token.isCancelled
                mailbox.post(.progress(request, done: events.count, total: nil))
            }
            return !cancelled
        }
        if cancelled { return nil }
        if let held { return .some(held.appending(events)) }
        guard let first = events.first else { return .some(nil) }
        return .some(AggregateHistory(stream: stream, streamType: first.streamType, events: events, reducer: Reducer(rules: context.rules)))
    }

    private func projections(at position: Int64) throws -> ProjectionValues? {
        let engine = context.engine
        let start = engine.position
        try engine.move(to: position, source: source) { reached in
            mailbox.post(.progress(request, done: Int(clamping: abs(reached - start)), total: Int(clamping: abs(position - start))))
            return !token.isCancelled
        }
        guard !token.isCancelled, engine.position <= position else { return nil }
        return ProjectionValues(position: position, values: engine.values.map { NamedValue(name: $0.name, value: $0.value) })
    }

    private func delivery(asOf time: EventTime) throws -> DeliverySnapshot {
        guard let tables = source as? DeliveryTables else { return .none(asOf: time) }
        return DeliverySnapshot(asOf: time, outbox: try tables.outboxStatus(asOf: time), consumers: try tables.consumerStatuses(asOf: time),
                                checkpoints: try tables.projectionCheckpoints())
    }

    /// The events within `correlationRadius` either side of `position` whose metadata carries the
    /// same correlation id: the business transaction, as far as is cheap to see.
    private func correlated(around position: Int64, correlation: String) throws -> [Event] {
        var events: [Event] = []
        let keep = { (event: Event) -> Bool in
            if event.metadata.contains(correlation), EventDetail.correlationID(of: event) == correlation { events.append(event) }
            return true
        }
        try source.readEvents(before: position, limit: Self.correlationRadius, keep)
        try source.readEvents(EventFilter(fromPosition: position, limit: Self.correlationRadius + 1), keep)
        return events
    }

    /// Every stream with its type, event count and last event, in one pass; nil when cancelled.
    private func streams() throws -> [StreamSummary]? {
        var byStream: [String: (type: String, events: Int, last: Int64, time: EventTime?)] = [:]
        var read = 0
        var cancelled = false
        var filter = EventFilter()
        filter.checksPayloads = false
        filter.includesDetails = false
        try source.readEvents(filter) { event in
            var entry = byStream[event.stream] ?? (event.streamType, 0, event.position, event.time)
            entry.events += 1
            entry.last = event.position
            entry.time = event.time ?? entry.time
            byStream[event.stream] = entry
            read += 1
            if read % Self.progressEvery == 0 {
                cancelled = token.isCancelled
                mailbox.post(.progress(request, done: read, total: nil))
            }
            return !cancelled
        }
        if cancelled { return nil }
        return byStream.map { StreamSummary(stream: $0.key, streamType: $0.value.type, events: $0.value.events, lastPosition: $0.value.last, lastTime: $0.value.time) }
    }

    /// The log as of a time: a walk over every position and exact time (TimeCut, as `--at-time`);
    /// nil when cancelled.
    private func locate(_ cut: TimeCut) throws -> TimeCut.Walk? {
        var walk = TimeCut.Walk(cut)
        var read = 0
        var cancelled = false
        try source.forEachPositionAndTime(after: Int64.min) { position, time in
            guard !cancelled else { return }
            _ = walk.add(position: position, time: time)
            read += 1
            if read % Self.progressEvery == 0 {
                cancelled = token.isCancelled
                mailbox.post(.progress(request, done: read, total: nil))
            }
        }
        return cancelled ? nil : walk
    }

    /// Events either side of a time found by probes whose times are checked for order.
    static let locateCheckRadius = 128

    /// The log as of a time on a source too large to walk (windows-only): the last event
    /// recorded by then, found by bisecting the positions with one-row index probes (about
    /// log2(span) of them: 24 on 10M events), which takes times to grow with positions. The
    /// events around it are then walked: where their times are out of order, the walk's answer
    /// is taken, with a note.
    private func locateByProbes(_ cut: TimeCut) throws -> StoreResult {
        let none = StoreResult.locatedByProbes(cut, position: nil, note: nil)
        guard let bounds = try source.bounds(), let first = try entry(atOrAfter: bounds.first), cut.includes(first.time) else { return none }
        // low: an event recorded by the time; high: a position whose next event was recorded after it.
        var low = first.position
        var high = bounds.last
        if let last = try entry(atOrAfter: bounds.last), cut.includes(last.time) { low = last.position }
        while high - low > 1, !token.isCancelled {
            let middle = low + (high - low) / 2
            guard let entry = try entry(atOrAfter: middle), entry.position < high, cut.includes(entry.time) else {
                high = middle
                continue
            }
            low = entry.position
        }
        var walk = TimeCut.Walk(cut)
        try source.readEvents(before: low + 1, limit: Self.locateCheckRadius + 1) { _ = walk.add($0); return true }
        try source.readEvents(EventFilter(fromPosition: low + 1, limit: Self.locateCheckRadius)) { _ = walk.add($0); return true }
        let position = walk.lastIncludedPosition ?? low
        return .locatedByProbes(cut, position: position, note: position == low ? nil : walk.outOfOrderNote(walking: "the log near #\(low)"))
    }

    /// The position and time of the first event at or after `position` (one index probe).
    private func entry(atOrAfter position: Int64) throws -> LogEntry? {
        try probes(at: [position]).first
    }

    /// The positions of every event the query matches; nil when cancelled.
    private func search(_ query: SearchQuery) throws -> [Int64]? {
        var matches: [Int64] = []
        var read = 0
        var cancelled = false
        var filter = EventFilter()
        filter.checksPayloads = false
        try source.readEvents(filter) { event in
            if query.matches(event) { matches.append(event.position) }
            read += 1
            if read % Self.progressEvery == 0 {
                cancelled = token.isCancelled
                mailbox.post(.progress(request, done: read, total: nil))
            }
            return !cancelled
        }
        return cancelled ? nil : matches
    }
}
