import EventModel
import JSON

/// One stream's events and its state at any point of them. The first fold keeps a checkpoint
/// every `checkpointInterval` events, so that any later state costs at most that many events.
/// Immutable once made, so the explorer folds it on a worker and hands it to the UI thread.
public final class AggregateHistory: Sendable {
    public let stream: String
    public let streamType: String
    /// The stream's events in order, after `base` (all of them unless replay starts from a snapshot).
    public let events: StreamEvents
    /// What replay starts from: the initial state, or a store snapshot with its version.
    public let base: JSONValue
    public let baseVersion: Int64
    public let reducer: Reducer
    public let checkpointInterval: Int
    private let aggregate: AggregateRules?
    private let checkpoints: [JSONValue]
    /// What each event could not apply, by event index.
    public let warnings: [[String]]

    public convenience init(stream: String, streamType: String, events: [Event], reducer: Reducer,
                            base: (version: Int64, state: JSONValue)? = nil, checkpointInterval: Int = 256) {
        self.init(stream: stream, streamType: streamType, held: StreamEvents(events), folding: events, reducer: reducer,
                  base: base, checkpointInterval: checkpointInterval)
    }

    /// A history of events read straight into their compact form (a long stream is never held as `[Event]`).
    public convenience init(stream: String, streamType: String, events: StreamEvents, reducer: Reducer,
                            base: (version: Int64, state: JSONValue)? = nil, checkpointInterval: Int = 256) {
        self.init(stream: stream, streamType: streamType, held: events, folding: events, reducer: reducer,
                  base: base, checkpointInterval: checkpointInterval)
    }

    /// `folding` is `held` in the form at hand: the events as given, not made again from `held`.
    private init(stream: String, streamType: String, held: StreamEvents, folding: some Sequence<Event>, reducer: Reducer,
                 base: (version: Int64, state: JSONValue)?, checkpointInterval: Int) {
        self.stream = stream
        self.streamType = streamType
        self.events = held
        self.reducer = reducer
        self.checkpointInterval = max(1, checkpointInterval)
        aggregate = reducer.rules.aggregate(stream: stream, streamType: streamType)
        let start = base?.state ?? aggregate?.initial ?? .emptyObject
        self.base = start
        baseVersion = base?.version ?? 0
        (checkpoints, warnings) = Self.fold(folding, from: start, checkpoints: [start], warnings: [],
                                            reducer: reducer, aggregate: aggregate, interval: self.checkpointInterval)
    }

    private init(extending history: AggregateHistory, with newEvents: StreamEvents) {
        stream = history.stream
        streamType = history.streamType
        var events = history.events
        events.append(contentsOf: newEvents)
        self.events = events
        reducer = history.reducer
        checkpointInterval = history.checkpointInterval
        aggregate = history.aggregate
        base = history.base
        baseVersion = history.baseVersion
        (checkpoints, warnings) = Self.fold(newEvents, from: history.final.state, checkpoints: history.checkpoints,
                                            warnings: history.warnings, reducer: reducer, aggregate: aggregate,
                                            interval: checkpointInterval)
    }

    /// The history with events appended since (a followed store), folding only those.
    public func appending(_ newEvents: StreamEvents) -> AggregateHistory {
        newEvents.isEmpty ? self : AggregateHistory(extending: self, with: newEvents)
    }

    /// Folds `events`, which follow `warnings.count` events already folded into `state`: a
    /// checkpoint after every `interval`-th event, and each event's warnings.
    private static func fold(_ events: some Sequence<Event>, from state: JSONValue, checkpoints: [JSONValue], warnings: [[String]],
                             reducer: Reducer, aggregate: AggregateRules?, interval: Int) -> ([JSONValue], [[String]]) {
        var state = state, checkpoints = checkpoints, warnings = warnings
        warnings.reserveCapacity(warnings.count + events.underestimatedCount)
        for event in events {
            warnings.append(reducer.apply(event, to: &state, aggregate: aggregate))
            if warnings.count % interval == 0 { checkpoints.append(state) }
        }
        return (checkpoints, warnings)
    }

    // MARK: - States

    /// The state after the first `count` events (clamped to the stream).
    public func state(after count: Int) -> ReplayedState {
        let count = min(max(count, 0), events.count)
        let checkpoint = count / checkpointInterval
        var state = checkpoints[checkpoint]
        for event in events[(checkpoint * checkpointInterval)..<count] {
            _ = reducer.apply(event, to: &state, aggregate: aggregate)
        }
        return ReplayedState(stream: stream, streamType: streamType, eventCount: count, event: count > 0 ? events[count - 1] : nil,
                             state: state, warnings: count > 0 ? warnings[count - 1] : [])
    }

    public var final: ReplayedState { state(after: events.count) }

    /// How many events have a version at most `version`.
    public func count(throughVersion version: Int64) -> Int {
        partitionPoint { events.version(at: $0) > version }
    }

    /// How many events have a global position at most `position`.
    public func count(throughPosition position: Int64) -> Int {
        partitionPoint { events.position(at: $0) > position }
    }

    /// The first index for which `isAfter` holds, assuming the events are sorted by it.
    private func partitionPoint(_ isAfter: (Int) -> Bool) -> Int {
        var low = 0, high = events.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    // MARK: - Walking every state

    /// Calls `body` with the state before and after each event, in order, from the base.
    public func forEachTransition(_ body: (_ index: Int, _ before: JSONValue, _ after: JSONValue) throws -> Bool) rethrows {
        var state = base
        for (index, event) in events.enumerated() {
            let before = state
            _ = reducer.apply(event, to: &state, aggregate: aggregate)
            if try !body(index, before, state) { return }
        }
    }
}

extension AggregateHistory: Equatable {
    /// Histories are immutable and held by reference: the same one is the same history.
    public static func == (a: AggregateHistory, b: AggregateHistory) -> Bool { a === b }
}
