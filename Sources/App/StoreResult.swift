import EventModel
import JSON
import Replay

/// The answer to an effect, as it comes back to `reduce`.
public enum StoreResult: Equatable, Sendable {
    /// `Effect.open`: the log's ends (nil: empty) and its newest events; `indexing` when an
    /// index of the whole log follows (`.indexed`), false for windows-only sources; `beingWritten`
    /// when another process appended to it moments ago.
    case opened(LogBounds?, newest: [Event], indexing: Bool, beingWritten: Bool = false)
    /// `Effect.open`, later: every position and time (sources indexed whole).
    case indexed(EventIndex)
    case window([Event])
    case events([Event])
    case probes([LogEntry])
    /// nil: the store has no such stream.
    case stream(AggregateHistory?)
    case projections(ProjectionValues)
    case delivery(DeliverySnapshot)
    case eventDeliveries(EventDeliveries)
    case correlation([Event])
    /// The positions of every matching event, ascending.
    case searched([Int64])
    /// The index of the first event where the predicate holds, nil when it never does.
    case found(Int?)
    case blamed([BlameEntry])
    case written(path: String)
    case streams([StreamSummary])
    /// `Effect.locateTime`: the walk over the log (its last included event, what it left out).
    case located(TimeCut.Walk)
    /// `Effect.locateTime` on a windows-only source: the last event recorded by the time, found
    /// by bisecting the position index (nil: none was); `note` when times are out of order near it.
    case locatedByProbes(TimeCut, position: Int64?, note: String?)
}

/// One stream as the picker lists it.
public struct StreamSummary: Equatable, Sendable {
    public let stream: String
    public let streamType: String
    public let events: Int
    public let lastPosition: Int64
    public let lastTime: EventTime?

    public init(stream: String, streamType: String, events: Int, lastPosition: Int64, lastTime: EventTime?) {
        self.stream = stream
        self.streamType = streamType
        self.events = events
        self.lastPosition = lastPosition
        self.lastTime = lastTime
    }
}

/// Projection values as of a position.
public struct ProjectionValues: Equatable, Sendable {
    public let position: Int64
    public let values: [NamedValue]

    public init(position: Int64, values: [NamedValue]) {
        self.position = position
        self.values = values
    }
}

public struct NamedValue: Equatable, Sendable {
    public let name: String
    public let value: JSONValue

    public init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
    }
}

/// The delivery side as of a time; nil members are tables the store does not have.
public struct DeliverySnapshot: Equatable, Sendable {
    public let asOf: EventTime
    public let outbox: OutboxStatus?
    public let consumers: [ConsumerStatus]?
    public let checkpoints: [ProjectionCheckpoint]?

    public init(asOf: EventTime, outbox: OutboxStatus?, consumers: [ConsumerStatus]?, checkpoints: [ProjectionCheckpoint]?) {
        self.asOf = asOf
        self.outbox = outbox
        self.consumers = consumers
        self.checkpoints = checkpoints
    }

    /// A store without delivery tables.
    public static func none(asOf: EventTime) -> DeliverySnapshot {
        DeliverySnapshot(asOf: asOf, outbox: nil, consumers: nil, checkpoints: nil)
    }

    public var hasTables: Bool { outbox != nil || consumers != nil || checkpoints != nil }
}
