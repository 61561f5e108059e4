import EventModel
import JSON
import Replay

/// Loads one stream's events from a store into an `AggregateHistory`, optionally starting the fold
/// from the store's latest snapshot at or before a version.
enum StreamHistory {
    /// The stream's events in version order (none when the store does not hold the stream).
    static func events(of stream: String, in source: EventSource) throws -> [Event] {
        var events: [Event] = []
        try source.readEvents(EventFilter(stream: stream)) { events.append($0); return true }
        return events.sorted { $0.version != $1.version ? $0.version < $1.version : $0.position < $1.position }
    }

    /// Whether any event matches `filter` (reading at most one).
    static func holdsAny(_ filter: EventFilter, in source: EventSource) throws -> Bool {
        var found = false
        var first = filter
        first.limit = 1
        try source.readEvents(first) { _ in found = true; return false }
        return found
    }

    /// The history to replay `events` (at least one) with; from a snapshot at or before `version` when asked and
    /// one is usable (a snapshot whose state is not a JSON object is skipped with a warning).
    static func history(_ events: [Event], rules: Rules, source: EventSource, snapshotAtOrBefore version: Int64?) throws -> AggregateHistory {
        let first = events[0]
        let reducer = Reducer(rules: rules)
        if let version {
            let candidates = try source.snapshots(stream: first.stream).filter { $0.version <= version }.reversed()
            for snapshot in candidates {
                guard let state = try? JSONParser.parse(snapshot.state), case .object = state else {
                    StandardOutput.warn("snapshot of \(first.stream) at version \(snapshot.version) is not a JSON object; not used")
                    continue
                }
                return AggregateHistory(stream: first.stream, streamType: first.streamType,
                                        events: events.filter { $0.version > snapshot.version }, reducer: reducer,
                                        base: (snapshot.version, state))
            }
        }
        return AggregateHistory(stream: first.stream, streamType: first.streamType, events: events, reducer: reducer)
    }

    /// Prints the warnings of the events up to `count` to stderr, naming each event.
    static func reportWarnings(_ history: AggregateHistory, through count: Int) {
        for index in 0..<min(count, history.events.count) {
            let event = history.events[index]
            for warning in history.warnings[index] {
                StandardOutput.warn("\(event.stream) version \(event.version) (position \(event.position), \(event.type)): \(warning)")
            }
        }
    }
}
