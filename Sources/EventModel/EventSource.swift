/// A read-only event store. Every format evx reads (SQLite, JSON Lines, later others) implements
/// this, and nothing above this layer knows which format it has.
public protocol EventSource: AnyObject {
    /// Which format this is, e.g. `sqlite` or `jsonl`.
    var kind: SourceKind { get }
    /// The file it reads.
    var path: String { get }

    /// Counts, time span, optional tables and integrity warnings, in one pass where possible.
    func summary() throws -> StoreSummary

    /// Calls `body` with each matching event in global order until the filter's limit is reached
    /// or `body` returns `false`. Flagged events (see `Event.problems`) are passed on, not dropped.
    func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws

    /// Problems met while reading that belong to no single event (skipped lines, for example).
    var readWarnings: [String] { get }

    /// The store's snapshots, of one stream or of all, ordered by stream and version (none when the
    /// format has no snapshots).
    func snapshots(stream: String?) throws -> [Snapshot]

    /// The position and time of every event after `position`, in global order: what the explorer
    /// indexes the log by (and extends it with while following a store).
    func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws

    /// A value that changes whenever another process commits to the store (cheap: followers ask
    /// for it several times a second).
    func changeToken() throws -> Int64

    /// The first and last positions and how many events lie between them (exact or estimated);
    /// nil when the log is empty. The explorer's first frame needs only this and one window.
    func bounds() throws -> LogBounds?

    /// Calls `body` with the `limit` events just before `position` (all positions below it), in
    /// ascending order: a window that ends at the cursor, or the newest events of the log.
    func readEvents(before position: Int64, limit: Int, _ body: (Event) throws -> Bool) throws

    /// True where reading the whole log to index it is not acceptable (a production database):
    /// the explorer then works from windows, probes and estimates only.
    var windowsOnly: Bool { get }

    /// Followers (`evx tail`, the explorer's watcher) read what was committed after `position`
    /// through this (whole events, payloads checked). Stores whose positions can become
    /// visible out of order override it so that a late commit below a seen position is not skipped.
    func readAppended(after position: Int64, _ body: (Event) throws -> Bool) throws
}

/// The ends of a log and its size.
public struct LogBounds: Sendable, Equatable {
    public var first: Int64
    public var last: Int64
    public var count: Int
    /// False when `count` is an estimate (shown with ≈).
    public var countIsExact: Bool

    public init(first: Int64, last: Int64, count: Int, countIsExact: Bool) {
        self.first = first
        self.last = last
        self.count = count
        self.countIsExact = countIsExact
    }
}

extension EventSource {
    /// Sources read whole are indexed by the explorer in the background.
    public var windowsOnly: Bool { false }

    /// Positions commit in order (SQLite has one writer, a JSON Lines file grows at its end).
    public func readAppended(after position: Int64, _ body: (Event) throws -> Bool) throws {
        try readEvents(EventFilter(fromPosition: position == Int64.max ? position : position + 1), body)
    }

    /// One pass over positions; sources with indexes override it.
    public func bounds() throws -> LogBounds? {
        var bounds: LogBounds?
        try forEachPositionAndTime(after: Int64.min) { position, _ in
            if bounds == nil {
                bounds = LogBounds(first: position, last: position, count: 1, countIsExact: true)
            } else {
                bounds?.last = position
                bounds?.count += 1
            }
        }
        return bounds
    }

    /// One pass keeping the last `limit` events before `position`; sources with indexes override it.
    public func readEvents(before position: Int64, limit: Int, _ body: (Event) throws -> Bool) throws {
        guard limit > 0 else { return }
        var kept: [Event] = []
        var start = 0
        try readEvents(EventFilter()) { event in
            guard event.position < position else { return false }
            if kept.count < limit { kept.append(event) } else { kept[start] = event; start = (start + 1) % limit }
            return true
        }
        for event in kept[start...] + kept[..<start] {
            if try !body(event) { return }
        }
    }

    /// Reads whole events; sources with a cheaper way override it.
    public func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws {
        var filter = EventFilter(fromPosition: position + 1)
        filter.checksPayloads = false
        filter.includesDetails = false
        try readEvents(filter) { event in
            body(event.position, event.time)
            return true
        }
    }
}

/// Sources whose `summary()` may estimate counts on a large store; `exactSummary()` counts them
/// (and checks integrity), reading the whole log.
public protocol EstimatingSource: EventSource {
    func exactSummary() throws -> StoreSummary
}

public enum SourceKind: String, Sendable, Codable {
    case sqlite
    case jsonl
    /// A CSV export with a header row, read with the JSON Lines field names and rules.
    case csv
    case postgres

    /// The format's name for people.
    public var displayName: String {
        switch self {
        case .sqlite: return "SQLite"
        case .jsonl: return "JSON Lines"
        case .csv: return "CSV"
        case .postgres: return "PostgreSQL"
        }
    }

    /// Whether the store is a text file read from its start: finding an event by position costs
    /// a scan, so several are best found in one pass.
    public var isReadInOnePass: Bool { self == .jsonl || self == .csv }
}
