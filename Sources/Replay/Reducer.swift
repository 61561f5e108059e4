import EventModel
import JSON

/// Applies events to aggregate state according to rules: the rule for the event's type (and
/// schema version) when there is one, otherwise the aggregate's fallback (deep merge by default).
public struct Reducer: Sendable {
    public let rules: Rules

    public init(rules: Rules) {
        self.rules = rules
    }

    /// The state of a stream before its first event: the aggregate's `initial`, or `{}`.
    public func initialState(stream: String, streamType: String) -> JSONValue {
        rules.aggregate(stream: stream, streamType: streamType)?.initial ?? .emptyObject
    }

    /// Applies one event, returning what could not be applied (the state keeps the rest).
    public func apply(_ event: Event, to state: inout JSONValue) -> [String] {
        apply(event, to: &state, aggregate: rules.aggregate(stream: event.stream, streamType: event.streamType))
    }

    /// As `apply(_:to:)`, with the stream's aggregate already looked up (replays of one stream
    /// look it up once).
    public func apply(_ event: Event, to state: inout JSONValue, aggregate: AggregateRules?) -> [String] {
        var context = EventContext(event)
        var warnings: [String] = []
        if let problem = context.payloadProblem() { warnings.append(problem) }
        if let operations = aggregate?.operations(type: event.type, schemaVersion: event.schemaVersion) {
            for operation in operations {
                if let warning = operation.apply(to: &state, &context) { warnings.append(warning) }
            }
        } else if aggregate?.otherwise != .ignore, warnings.isEmpty {
            let data = context.data()
            if case .object = data {
                state = state.deepMerged(with: data)
            } else {
                warnings.append("data is a \(data.kindName), not an object: not merged")
            }
        }
        return warnings
    }
}
