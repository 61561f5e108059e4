import EventModel
import JSON

/// An aggregate's state after some of its events, with the event that produced it.
public struct ReplayedState: Sendable {
    public let stream: String
    public let streamType: String
    /// How many of the stream's events were applied (0: the initial state).
    public let eventCount: Int
    /// The last event applied, nil for the initial state.
    public let event: Event?
    public let state: JSONValue
    /// What that last event could not apply.
    public let warnings: [String]

    public var version: Int64 { event?.version ?? 0 }
}
