/// Which events a listing wants, in global order. Every condition present must hold.
public struct EventFilter: Sendable, Equatable {
    public var stream: String?
    public var type: String?
    /// The first position to include.
    public var fromPosition: Int64?
    /// Events at or after this time (inclusive) and before `until` (exclusive).
    public var since: EventTime?
    public var until: EventTime?
    /// Stop after this many matching events.
    public var limit: Int?
    /// Whether the source checks that payloads are JSON objects (and flags the events whose are
    /// not). Replay turns it off: it parses the payloads it needs anyway and reports failures itself.
    public var checksPayloads = true
    /// Whether events carry their ids, metadata and recorded time as text (the parsed time is always
    /// there). Projections that never read them turn this off: decoding those texts is a good part
    /// of the cost of reading an event (they read as "", "{}" and "").
    public var includesDetails = true

    public init(stream: String? = nil, type: String? = nil, fromPosition: Int64? = nil,
                since: EventTime? = nil, until: EventTime? = nil, limit: Int? = nil) {
        self.stream = stream
        self.type = type
        self.fromPosition = fromPosition
        self.since = since
        self.until = until
        self.limit = limit
    }

    /// Whether a time passes the time window. An event whose time is unreadable passes only
    /// when no window is set.
    public func admits(time: EventTime?) -> Bool {
        if since == nil && until == nil { return true }
        guard let time else { return false }
        if let since, time < since { return false }
        if let until, time >= until { return false }
        return true
    }

    public func admits(_ event: Event) -> Bool {
        if let stream, event.stream != stream { return false }
        if let type, event.type != type { return false }
        if let fromPosition, event.position < fromPosition { return false }
        return admits(time: event.time)
    }
}
