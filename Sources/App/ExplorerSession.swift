import EventModel
#if canImport(Glibc)
import Glibc
#endif
import JSON
import Replay

/// The explorer's access to one store: the log's index, event windows, stream histories,
/// projections and delivery status. Slow work (indexing, projections, delivery queries) runs in
/// the background on its own read-only connection; the UI polls for results with `poll()`.
public final class ExplorerSession {
    public let storeName: String
    public let kind: SourceKind
    public let rules: Rules
    private var source: EventSource
    private let openSource: @Sendable () throws -> EventSource
    /// The store file, to notice it being replaced, truncated or deleted (nil: not watched).
    public let storePath: String?
    private var fileIdentity: FileIdentity?
    private let work = BackgroundWork()
    private let results = Locked(BackgroundResults())
    /// What the UI has seen of the background's results (copied in `poll`).
    public private(set) var index = EventIndex()
    public private(set) var indexProgress = 0
    public private(set) var isIndexed = false
    public private(set) var projections: ProjectionsSnapshot?
    public private(set) var delivery: DeliverySnapshot?
    public private(set) var problem: String?
    private var generation = 0
    private var window: (start: Int, events: [Event]) = (0, [])
    private var histories: [(stream: String, history: AggregateHistory)] = []

    /// Opens the session: `openSource` is called twice (UI and background connections).
    public init(storeName: String, rules: Rules, storePath: String? = nil,
                openSource: @escaping @Sendable () throws -> EventSource) throws {
        self.storeName = storeName
        self.rules = rules
        self.openSource = openSource
        self.storePath = storePath
        fileIdentity = storePath.flatMap(FileIdentity.init(path:))
        source = try openSource()
        kind = source.kind
        background = try BackgroundSource(openSource(), rules: rules)
        startIndexing()
    }

    /// Indexes the log in the background (again after a reload).
    private func startIndexing() {
        let results = self.results, background = self.background
        work.submit(kind: "index") {
            var index = EventIndex()
            do {
                try background.source.forEachPositionAndTime(after: Int64.min) { position, time in
                    index.append(position: position, time: time)
                    if index.count % 65_536 == 0 { results.update { $0.indexProgress = index.count } }
                }
                results.update { $0.index = index; $0.indexProgress = index.count; $0.generation += 1 }
            } catch {
                results.update { $0.problem = "\(error)"; $0.generation += 1 }
            }
        }
    }

    private var background: BackgroundSource

    /// Looks for commits by other processes (cheap: one query) and extends the index with the new
    /// events. Returns how many arrived; a commit that adds no event (the relay marking outbox
    /// rows, say) returns 0 but still refreshes the delivery views.
    public func followStore() -> Int {
        if let storePath, let known = fileIdentity {
            guard let current = FileIdentity(path: storePath) else {
                report("the store file is gone; showing what was read (q quits)")
                return 0
            }
            if current.inode != known.inode || current.size < known.size {
                reload(notice: "the store file was replaced or truncated: reloaded")
                return 0
            }
            fileIdentity = current
        }
        guard isIndexed, let token = try? source.changeToken() else { return 0 }
        defer { lastChangeToken = token }
        guard let previous = lastChangeToken, previous != token else { return 0 }
        let before = index.count
        do {
            try source.forEachPositionAndTime(after: index.positions.last ?? Int64.min) { position, time in
                index.append(position: position, time: time)
            }
        } catch {
            report("\(error)")
            return 0
        }
        // New events may extend any stream and end the cached window: read them again when needed.
        histories.removeAll()
        correlationCache = nil
        if window.start + window.events.count >= before { window = (0, []) }
        changesSeen += 1
        return index.count - before
    }

    /// Reopens the store and indexes it again (the screen keeps its state; the cursor is clamped).
    private func reload(notice: String) {
        guard let reopened = try? openSource(), let backgroundSource = try? openSource(),
              let fresh = try? BackgroundSource(backgroundSource, rules: rules) else {
            report("the store file changed and cannot be reopened; showing what was read")
            fileIdentity = nil
            return
        }
        source = reopened
        background = fresh
        fileIdentity = storePath.flatMap(FileIdentity.init(path:))
        results.update { $0 = BackgroundResults(); $0.generation = generation + 1; $0.problem = notice }
        index = EventIndex()
        isIndexed = false
        histories.removeAll()
        window = (0, [])
        histogramCache = nil
        deliveriesCache = nil
        correlationCache = nil
        lastChangeToken = nil
        changesSeen += 1
        startIndexing()
    }

    /// Shows a one-line problem (it survives `poll`, which copies the background's results).
    private func report(_ message: String) {
        guard problem != message else { return }
        results.update { $0.problem = message; $0.generation += 1 }
        problem = message
    }

    /// Counts the commits seen, so that views can be asked for again after each.
    public private(set) var changesSeen = 0
    private var lastChangeToken: Int64?

    /// Takes in what the background finished; true when something changed (redraw).
    @discardableResult
    public func poll() -> Bool {
        let latest = results.get()
        let changed = latest.generation != generation || latest.indexProgress != indexProgress
        if let finished = latest.index, !isIndexed {
            index = finished
            isIndexed = true
            lastChangeToken = try? source.changeToken()
        }
        indexProgress = latest.indexProgress
        projections = latest.projections
        delivery = latest.delivery
        problem = latest.problem
        generation = latest.generation
        return changed
    }

    /// Waits for the background to finish what it was given (tests).
    public func settle() {
        work.drain()
        poll()
    }

    // MARK: - Events

    /// The events at indexes `start..<start+count` (fewer at the end of the log).
    public func events(from start: Int, count: Int) -> [Event] {
        guard isIndexed, start >= 0, start < index.count, count > 0 else { return [] }
        let end = min(index.count, start + count)
        if start >= window.start, end <= window.start + window.events.count {
            return Array(window.events[(start - window.start)..<(end - window.start)])
        }
        // Read a little around the request so scrolling one row needs no query.
        let from = max(0, start - 64)
        var events: [Event] = []
        do {
            try source.readEvents(EventFilter(fromPosition: index.positions[from], limit: end - from + 64)) { event in
                events.append(event)
                return true
            }
        } catch {
            report("\(error)")
        }
        window = (from, events)
        let lower = start - from
        return lower < events.count ? Array(events[lower..<min(events.count, lower + (end - start))]) : []
    }

    public func event(at position: Int) -> Event? {
        events(from: position, count: 1).first
    }

    /// The indexes of the events whose stream or type is `text`, or whose stream, type or data
    /// contains it (ignoring case). Reads the whole log.
    public func indexes(matching text: String) -> [Int] {
        let needle = text.lowercased()
        var matches: [Int] = []
        var index = 0
        do {
            try source.readEvents(EventFilter()) { event in
                if event.stream == text || event.type == text || event.stream.lowercased().contains(needle)
                    || event.type.lowercased().contains(needle) || event.data.lowercased().contains(needle) {
                    matches.append(index)
                }
                index += 1
                return true
            }
        } catch {
            report("\(error)")
        }
        return matches
    }

    /// The timeline's histogram, kept until the log grows or the width changes.
    public func histogram(buckets: Int) -> [Int] {
        if let cached = histogramCache, cached.count == index.count, cached.buckets == buckets { return cached.counts }
        let counts = index.histogram(buckets: buckets)
        histogramCache = (index.count, buckets, counts)
        return counts
    }

    private var histogramCache: (count: Int, buckets: Int, counts: [Int])?

    // MARK: - Streams

    /// The stream's history (kept for the last few streams looked at).
    public func history(of stream: String) -> AggregateHistory? {
        if let cached = histories.firstIndex(where: { $0.stream == stream }) {
            let entry = histories.remove(at: cached)
            histories.insert(entry, at: 0)
            return entry.history
        }
        var events: [Event] = []
        do {
            try source.readEvents(EventFilter(stream: stream)) { events.append($0); return true }
        } catch {
            report("\(error)")
            return nil
        }
        guard let first = events.first else { return nil }
        let history = AggregateHistory(stream: stream, streamType: first.streamType, events: events, reducer: Reducer(rules: rules))
        histories.insert((stream, history), at: 0)
        if histories.count > 8 { histories.removeLast() }
        return history
    }

    // MARK: - Background views

    /// Asks for the projections as of `position`; they arrive through `poll()`.
    public func requestProjections(at position: Int64, force: Bool = false) {
        guard !rules.projections.isEmpty, force || projections?.position != position else { return }
        let results = self.results, background = self.background
        work.submit(kind: "projections") {
            do {
                try background.engine.move(to: position, source: background.source)
                let values = background.engine.values
                results.update { $0.projections = ProjectionsSnapshot(position: position, values: values); $0.generation += 1 }
            } catch {
                results.update { $0.problem = "\(error)"; $0.generation += 1 }
            }
        }
    }

    /// Asks for the outbox, consumers and checkpoints as of `time`; they arrive through `poll()`.
    public func requestDelivery(asOf time: EventTime, force: Bool = false) {
        guard force || delivery?.asOf != time, let tables = background.source as? DeliveryTables else { return }
        let results = self.results, box = UncheckedBox(tables)
        work.submit(kind: "delivery") {
            do {
                let snapshot = DeliverySnapshot(asOf: time, outbox: try box.value.outboxStatus(asOf: time),
                                                consumers: try box.value.consumerStatuses(asOf: time),
                                                checkpoints: try box.value.projectionCheckpoints())
                results.update { $0.delivery = snapshot; $0.generation += 1 }
            } catch {
                results.update { $0.problem = "\(error)"; $0.generation += 1 }
            }
        }
    }

    public var hasDeliveryTables: Bool { background.source is DeliveryTables }

    /// The cursor event's outbox rows and consumers (kept for the last event asked about).
    public func deliveries(of event: Event) -> EventDeliveries? {
        if let cached = deliveriesCache, cached.id == event.id { return cached.deliveries }
        guard let tables = source as? DeliveryTables, let deliveries = try? tables.deliveries(ofEvent: event.id) else { return nil }
        deliveriesCache = (event.id, deliveries)
        return deliveries
    }

    private var deliveriesCache: (id: String, deliveries: EventDeliveries)?

    /// The events near `index` (within `radius` events either side) whose metadata carries the same
    /// correlation id: the business transaction the event belongs to, as far as is cheap to see.
    /// Kept for the last event asked about: the detail is drawn on every frame while it is open.
    public func correlatedEvents(around index: Int, correlation: String, radius: Int = 2000) -> [Event] {
        if let cached = correlationCache, cached.index == index, cached.correlation == correlation { return cached.events }
        let start = max(0, index - radius)
        let chain = events(from: start, count: 2 * radius + 1).filter { event in
            event.metadata.contains(correlation)
                && (try? JSONParser.value(at: ["correlation_id"], in: event.metadata)) == .string(correlation)
        }
        correlationCache = (index, correlation, chain)
        return chain
    }

    private var correlationCache: (index: Int, correlation: String, events: [Event])?
}

/// Projection values as of a position.
public struct ProjectionsSnapshot: Sendable {
    public let position: Int64
    public let values: [(name: String, value: JSONValue)]
}

/// The delivery side as of a time; nil members are tables the store does not have.
public struct DeliverySnapshot: Sendable {
    public let asOf: EventTime
    public let outbox: OutboxStatus?
    public let consumers: [ConsumerStatus]?
    public let checkpoints: [ProjectionCheckpoint]?
}

/// What identifies a store file on disk: a new inode means it was replaced, a smaller size that it
/// was truncated.
private struct FileIdentity {
    let inode: UInt64
    let size: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
    }
}

private struct BackgroundResults {
    var generation = 0
    var index: EventIndex?
    var indexProgress = 0
    var projections: ProjectionsSnapshot?
    var delivery: DeliverySnapshot?
    var problem: String?
}

/// The background's own connection and projection engine, used only on the background queue.
private final class BackgroundSource: @unchecked Sendable {
    let source: EventSource
    let engine: ProjectionEngine

    init(_ source: EventSource, rules: Rules) throws {
        self.source = source
        engine = ProjectionEngine(rules: rules)
    }
}

private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
