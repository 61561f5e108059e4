import EventModel
import JSON

/// How events change state, from a rules file (docs/rules.md). Without one, every stream is
/// its events' data deep-merged in order.
public struct Rules: Sendable {
    public var aggregates: [AggregateRules]
    public var projections: [ProjectionDefinition]
    /// Where the rules came from, for messages; nil for the built-in default.
    public var source: String?

    public init(aggregates: [AggregateRules] = [], projections: [ProjectionDefinition] = [], source: String? = nil) {
        self.aggregates = aggregates
        self.projections = projections
        self.source = source
    }

    /// No rules file: deep merge everywhere, and the standard projections.
    public static let merge = Rules().withStandardProjections

    /// The read models every store has, shown with or without a rules file (docs/rules.md).
    public static let standardProjections = [
        ProjectionDefinition(name: "events_per_type", measure: .countEvents(by: .type)),
        ProjectionDefinition(name: "events_per_stream_type", measure: .countEvents(by: .streamType)),
        ProjectionDefinition(name: "streams_per_stream_type", measure: .countStreams(by: .streamType)),
    ]

    /// These rules with the standard projections after their own, except those they define
    /// under the same name.
    public var withStandardProjections: Rules {
        var rules = self
        let own = Set(projections.map(\.name))
        rules.projections += Self.standardProjections.filter { !own.contains($0.name) }
        return rules
    }

    /// The aggregate a stream belongs to: the first whose type equals the stream type or whose
    /// stream pattern matches the stream id.
    public func aggregate(stream: String, streamType: String) -> AggregateRules? {
        aggregates.first { $0.name == streamType } ?? aggregate(matchingStream: stream)
    }

    /// The first aggregate whose stream pattern matches the stream id.
    public func aggregate(matchingStream stream: String) -> AggregateRules? {
        aggregates.first { $0.streams?.matches(stream) ?? false }
    }

    /// Whether any rule or projection reads event metadata (if none does, projections can skip it).
    public var readsMetadata: Bool {
        let operations = aggregates.flatMap { $0.handlers.values.flatMap { ($0.anyVersion ?? []) + $0.bySchemaVersion.values.flatMap { $0 } } }
        return operations.contains { $0.value?.readsMetadata ?? false } || projections.contains { $0.readsMetadata }
    }

    /// Whether any aggregate selects streams by pattern (if none does, the stream type alone decides).
    public var hasStreamPatterns: Bool { aggregates.contains { $0.streams != nil } }
}

/// The rules for one aggregate type.
public struct AggregateRules: Sendable {
    public enum Fallback: String, Sendable {
        /// Events without a rule are deep-merged into the state.
        case merge
        /// Events without a rule leave the state unchanged.
        case ignore
    }

    /// The aggregate type, e.g. `Order`; streams of this stream type belong to it.
    public var name: String
    /// A pattern on stream ids that also selects this aggregate, e.g. `order-*`.
    public var streams: Glob?
    public var initial: JSONValue
    /// The rule for each event type.
    public var handlers: [String: EventRule]
    public var otherwise: Fallback

    public init(name: String, streams: Glob? = nil, initial: JSONValue = .emptyObject,
                handlers: [String: EventRule] = [:], otherwise: Fallback = .merge) {
        self.name = name
        self.streams = streams
        self.initial = initial
        self.handlers = handlers
        self.otherwise = otherwise
    }

    /// The operations for an event: the schema version's own rule first, then the type's.
    public func operations(type: String, schemaVersion: Int64) -> [ReducerOperation]? {
        guard let rule = handlers[type] else { return nil }
        return rule.bySchemaVersion[schemaVersion] ?? rule.anyVersion
    }
}

/// What one event type does: one list of operations for every schema version (`Type:` in the
/// file), and lists for particular versions (`Type@2:`) that take precedence.
public struct EventRule: Sendable {
    public var anyVersion: [ReducerOperation]?
    public var bySchemaVersion: [Int64: [ReducerOperation]]

    public init(anyVersion: [ReducerOperation]? = nil, bySchemaVersion: [Int64: [ReducerOperation]] = [:]) {
        self.anyVersion = anyVersion
        self.bySchemaVersion = bySchemaVersion
    }
}
