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
}

extension EventSource {
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

public enum SourceKind: String, Sendable, Codable {
    case sqlite
    case jsonl
}
