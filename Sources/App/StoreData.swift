import EventModel
import Replay

/// What the explorer has read from the store, kept by what each piece depends on: events by
/// position, histories by stream, projections by position, delivery by time and store version.
/// A reload empties it; a commit by another process bumps `version`, which marks what can change.
public struct StoreData: Sendable {
    /// True once the store answered `open` (its bounds and newest events are known).
    public var isOpen = false
    /// The log's positions and times, as far as they are known.
    public var log = LogMap()
    public var events = EventCache()
    public var windowsRead = WindowsRead()
    /// True once the timeline's probes were read (they are read once per opening).
    public var probed = false
    public var histories = HistoryCache()
    /// Streams the store does not have (asked for by name).
    public var missingStreams: Set<String> = []
    public var projections: ProjectionValues?
    /// Where Esc stopped the projections: they are not asked for again until the cursor moves.
    public var projectionsCancelledAt: Int64?
    public var delivery: DeliverySnapshot?
    /// The store version `delivery` was read at.
    public var deliveryVersion = -1
    public var eventDeliveries: (eventID: String, storeVersion: Int, deliveries: EventDeliveries)?
    public var correlation: (position: Int64, events: [Event])?
    /// Every stream, for the picker (read once per store version when the picker opens).
    public var streamList: (storeVersion: Int, streams: [StreamSummary])?
    /// The blame overlay's rows, for a stream and field.
    public var blame: (stream: String, field: String, entries: [BlameEntry])?
    /// The timeline's histogram at the current width (kept: over a full index it costs a pass).
    public internal(set) var timeline: Timeline?
    /// Counts the commits seen since the store was opened.
    public var version = 0
    /// Bumped by every reload: the store read before it is another store.
    public var generation = 0
    /// The last problem reading the store (shown in the footer until the next success).
    public var problem: String?
    /// When each kind of read last failed: it is asked for again a second later, not at once.
    public var failures: [Requests.Kind: EventTime] = [:]

    public init() {}

    /// Caches `events`. Windows read before are forgotten when this drops events from the cache,
    /// or a window whose events were dropped would never be read again (its rows placeholders).
    mutating func cache(_ events: [Event], near: Int64?) {
        if self.events.insert(events, near: near) { windowsRead = WindowsRead() }
    }
}

/// A few thousand events by position, around wherever the cursor has been: what the panes draw.
public struct EventCache: Sendable {
    public static let capacity = 4096
    private var byPosition: [Int64: Event] = [:]

    public init() {}

    public subscript(position: Int64) -> Event? { byPosition[position] }

    public var count: Int { byPosition.count }

    /// Keeps `events`, dropping those farthest from `near` when over capacity; true when it did.
    @discardableResult
    public mutating func insert(_ events: [Event], near: Int64?) -> Bool {
        for event in events { byPosition[event.position] = event }
        guard byPosition.count > Self.capacity else { return false }
        let center = near ?? events.first?.position ?? 0
        let farthest = byPosition.keys.sorted { abs($0 - center) > abs($1 - center) }
        for position in farthest.prefix(byPosition.count - Self.capacity * 3 / 4) { byPosition[position] = nil }
        return true
    }
}

/// The last few streams' histories, newest first, each with the store version it was read at,
/// and the version at which each stream was last appended to: a history read before its
/// stream's last append is stale and is extended.
public struct HistoryCache: Sendable {
    public static let capacity = 8
    private var histories: [(history: AggregateHistory, version: Int)] = []
    /// The store version of the newest append per stream (streams appended to while explored).
    private var appendedAt: [String: Int] = [:]

    public init() {}

    public subscript(stream: String) -> AggregateHistory? { histories.first { $0.history.stream == stream }?.history }

    /// Whether events were appended to the stream after its history was read.
    public func isStale(_ stream: String) -> Bool {
        guard let appended = appendedAt[stream], let held = histories.first(where: { $0.history.stream == stream }) else { return false }
        return appended > held.version
    }

    public mutating func insert(_ history: AggregateHistory, readAt version: Int) {
        histories.removeAll { $0.history.stream == history.stream }
        histories.insert((history, version), at: 0)
        if histories.count > Self.capacity { histories.removeLast() }
    }

    /// Remembers which streams a commit appended to; past 10,000 streams, only those held are kept.
    public mutating func noteAppended(_ entries: [LogEntry], version: Int) {
        for entry in entries { appendedAt[entry.stream] = version }
        if appendedAt.count > 10_000 {
            appendedAt = appendedAt.filter { stream, _ in self[stream] != nil }
        }
    }
}

/// Windows already read at a store version: one that came back short is not asked for again
/// until the store changes (so a row whose event vanished cannot make the core ask forever).
public struct WindowsRead: Sendable {
    private var read: [(window: Effect.Window, version: Int)] = []

    public init() {}

    public func contains(_ window: Effect.Window, version: Int) -> Bool {
        read.contains { $0.window == window && $0.version == version }
    }

    public mutating func insert(_ window: Effect.Window, version: Int) {
        read.append((window, version))
        if read.count > 64 { read.removeFirst() }
    }
}
