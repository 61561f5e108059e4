import EventModel
import Replay

/// Names one request the core made, so that its answer can be matched to it: an answer whose
/// request is no longer the current one of its kind is dropped.
public struct RequestID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    public static func < (a: RequestID, b: RequestID) -> Bool { a.value < b.value }

    public var description: String { "r\(value)" }
}

/// Work `reduce` asks for and does not do itself: reading the store, folding, searching,
/// writing a file. An effect runner does it off the UI thread and answers with actions
/// (`Action.loaded`, `.progress`, `.failed`) carrying the effect's request id.
public enum Effect: Equatable, Sendable {
    /// Opens the store (again, after a reload): its bounds and newest events, then, unless the
    /// source is windows-only, an index of every position and time.
    case open(RequestID)
    /// Events next to a position (`StoreResult.window`).
    case loadWindow(RequestID, Window)
    /// Particular events (the rows of a filtered list).
    case loadEvents(RequestID, positions: [Int64])
    /// Times at a few positions, to draw the timeline before (or instead of) a full index.
    case probe(RequestID, positions: [Int64])
    /// A stream's history, folded (or, given the history already held, extended with its newer
    /// events), as the store stood at `storeVersion` (the count of commits seen).
    case loadStream(RequestID, stream: String, extending: AggregateHistory?, storeVersion: Int)
    /// The rules' projections as of a position.
    case project(RequestID, at: Int64)
    /// The outbox, consumers and checkpoints as of a time, as the store stood at `storeVersion`
    /// (the count of commits seen: a later commit can publish rows, so it asks again).
    case loadDelivery(RequestID, asOf: EventTime, storeVersion: Int)
    /// Where one event went: its outbox rows and the consumers that processed it.
    case loadEventDeliveries(RequestID, eventID: String, storeVersion: Int)
    /// The events near a position that share its correlation id.
    case loadCorrelation(RequestID, around: Int64, correlation: String)
    /// Every event matching a query, over the whole log.
    case search(RequestID, SearchQuery)
    /// The first version of a stream where a predicate holds.
    case find(RequestID, AggregateHistory, StatePredicate)
    /// The events that changed a field of a stream.
    case blame(RequestID, AggregateHistory, field: String)
    /// Writes `contents` to `path`, never over the store and, unless `overwrite`, never over a file.
    case write(RequestID, path: String, contents: String, overwrite: Bool)
    /// Every stream with its type, event count and last event (for the stream picker).
    case listStreams(RequestID)
    /// The log as of a time (`t`): its last event recorded at or before it, and whether that is
    /// a prefix of the log (TimeCut, the one definition `--at-time` uses too).
    case locateTime(RequestID, TimeCut)
    /// Puts text on the terminal's clipboard (OSC 52): the run loop does it, not the store runner.
    case copyToClipboard(String)
    /// The request's answer is no longer wanted: stop the work if it has started.
    case cancel(RequestID)

    /// Which events a window holds.
    public enum Window: Equatable, Sendable {
        /// Up to `limit` events from this position on.
        case from(Int64, limit: Int)
        /// Up to `limit` events before this position.
        case before(Int64, limit: Int)
    }

    /// The request this effect starts (nil for `.cancel`).
    public var request: RequestID? {
        switch self {
        case .open(let id), .loadWindow(let id, _), .loadEvents(let id, _), .probe(let id, _), .loadStream(let id, _, _, _),
             .project(let id, _), .loadDelivery(let id, _, _), .loadEventDeliveries(let id, _, _), .loadCorrelation(let id, _, _),
             .search(let id, _), .find(let id, _, _), .blame(let id, _, _), .write(let id, _, _, _), .listStreams(let id), .locateTime(let id, _):
            return id
        case .cancel, .copyToClipboard:
            return nil
        }
    }
}
