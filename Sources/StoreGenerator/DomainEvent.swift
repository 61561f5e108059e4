import JSON

/// An event a synthetic domain decided on, before the generator gives it a position, an id and a time.
struct DomainEvent {
    var stream: String
    var streamType: String
    var type: String
    var schemaVersion: Int64 = 1
    var data: JSONValue
    /// The business transaction this event belongs to (all events of one order share it).
    var correlationID: String
    /// The event or command that caused this one.
    var causationID: String
    var user: String
    /// Outbox destinations this event is published to (empty for internal events).
    var destinations: [String] = []
}

/// A synthetic business domain: decides which event happens next. The generator owns time,
/// ids, positions and the delivery side (outbox, consumers, projections).
protocol SyntheticDomain {
    /// The next event, given the time it will be recorded at.
    mutating func nextEvent(at time: Int64, random: inout SeededRandom) -> DomainEvent
    /// Records the id the generator gave the event just returned, for causation chains.
    mutating func recorded(eventID: String, for event: DomainEvent)
    /// Streams whose state the application snapshots, and how often (in versions).
    func snapshotInterval(streamType: String) -> Int?
    /// The consumers subscribed to each outbox destination.
    var consumers: [String: [String]] { get }
    /// Projection names whose checkpoints the store keeps.
    var projections: [String] { get }
    /// The rules file text for this domain (`DomainRules`).
    var rulesYAML: String { get }
}

public enum GeneratedDomain: String, CaseIterable, Sendable {
    case orders
    case bank
}
