import EventModel
import JSON

/// A read model computed over the log up to a position (docs/rules.md, "projections").
public struct ProjectionDefinition: Sendable {
    public enum Measure: Sendable {
        /// How many aggregates of a type exist, optionally grouped by a field of their state.
        case countAggregates(type: String, by: StatePath?)
        /// How many events match, optionally grouped by an event value.
        case countEvents(by: ValueExpression?)
        /// How many distinct streams have matching events, optionally grouped by an event value
        /// (a stream with events in several groups counts in each).
        case countStreams(by: ValueExpression?)
        /// Sum, minimum, maximum or average of a numeric event value, optionally grouped.
        case sum(ValueExpression, by: ValueExpression?)
        case min(ValueExpression, by: ValueExpression?)
        case max(ValueExpression, by: ValueExpression?)
        case average(ValueExpression, by: ValueExpression?)
    }

    public var name: String
    public var measure: Measure
    /// Which events count (`where:`); aggregates are selected by type instead.
    public var filter: EventFilterRule

    /// Whether computing this reads event metadata.
    var readsMetadata: Bool {
        switch measure {
        case .countAggregates: return false
        case .countEvents(let by), .countStreams(let by): return by?.readsMetadata ?? false
        case .sum(let value, let by), .min(let value, let by), .max(let value, let by), .average(let value, let by):
            return value.readsMetadata || (by?.readsMetadata ?? false)
        }
    }

    public init(name: String, measure: Measure, filter: EventFilterRule = EventFilterRule()) {
        self.name = name
        self.measure = measure
        self.filter = filter
    }
}

/// The `where:` of a projection: event types, stream types and a stream pattern, all optional.
public struct EventFilterRule: Sendable {
    public var types: Set<String>?
    public var streamTypes: Set<String>?
    public var stream: Glob?

    public init(types: Set<String>? = nil, streamTypes: Set<String>? = nil, stream: Glob? = nil) {
        self.types = types
        self.streamTypes = streamTypes
        self.stream = stream
    }

    public func admits(_ event: Event) -> Bool {
        if let types, !types.contains(event.type) { return false }
        if let streamTypes, !streamTypes.contains(event.streamType) { return false }
        if let stream, !stream.matches(event.stream) { return false }
        return true
    }
}
