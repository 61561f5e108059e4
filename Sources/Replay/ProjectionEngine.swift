import EventModel
import JSON

/// Computes the rules' projections over the log, event by event. Moving forward applies only the
/// new events; moving back restores the nearest checkpoint and replays from there. Checkpoints
/// are thinned out as the log grows, so their memory stays within `checkpointBudget` bytes.
public final class ProjectionEngine {
    public let rules: Rules
    /// The last position applied (0 before any event).
    public private(set) var position: Int64 = 0
    public private(set) var eventsApplied = 0

    private var states: [ProjectionState]
    /// Aggregates seen by count projections, numbered in order of first appearance.
    private var aggregateIDs: [String: Int32] = [:]
    private var aggregateCache: [String: AggregateRules?] = [:]
    private let checkpointBudget: Int
    private var checkpointSpacing: Int
    private var checkpoints: [Checkpoint] = []

    private struct Checkpoint {
        let position: Int64
        let eventsApplied: Int
        let states: [ProjectionState]
    }

    /// `checkpointBudget` bounds the checkpoints' memory (0: no checkpoints, for one forward pass);
    /// `checkpointSpacing` is the initial number of events between them.
    public init(rules: Rules, checkpointBudget: Int = 64 << 20, checkpointSpacing: Int = 65_536) {
        self.rules = rules
        self.checkpointBudget = checkpointBudget
        self.checkpointSpacing = max(1, checkpointSpacing)
        states = rules.projections.map { ProjectionState(definition: $0) }
        if checkpointBudget > 0 { checkpoints = [Checkpoint(position: 0, eventsApplied: 0, states: states)] }
    }

    /// Each projection's name and value now.
    public var values: [(name: String, value: JSONValue)] {
        zip(rules.projections, states).map { ($0.name, $1.value) }
    }

    // MARK: - Applying events

    /// Applies the next event of the log (positions must increase).
    public func apply(_ event: Event) {
        var context = EventContext(event)
        var aggregateID: Int32?
        var aggregate: AggregateRules??
        for index in states.indices {
            switch states[index].kind {
            case .aggregates(let type, _):
                if aggregate == nil { aggregate = aggregateRules(for: event) }
                guard let rules = aggregate ?? nil, rules.name == type else { continue }
                if aggregateID == nil { aggregateID = id(for: event.stream) }
                states[index].applyAggregateEvent(&context, aggregate: rules, id: aggregateID ?? 0)
            case .events:
                states[index].applyEvent(&context)
            }
        }
        position = event.position
        eventsApplied += 1
        if checkpointBudget > 0, eventsApplied % checkpointSpacing == 0 { addCheckpoint() }
    }

    /// Brings the projections to `target`: forward from here, or back from the nearest checkpoint.
    public func move(to target: Int64, source: EventSource) throws {
        if target < position {
            guard let checkpoint = checkpoints.last(where: { $0.position <= target }) else {
                reset()
                return try move(to: target, source: source)
            }
            states = checkpoint.states
            position = checkpoint.position
            eventsApplied = checkpoint.eventsApplied
            checkpoints.removeAll { $0.position > checkpoint.position }
        }
        guard target > position else { return }
        try source.readEvents(EventFilter(fromPosition: position + 1)) { event in
            guard event.position <= target else { return false }
            apply(event)
            return true
        }
    }

    private func reset() {
        states = rules.projections.map { ProjectionState(definition: $0) }
        position = 0
        eventsApplied = 0
        checkpoints = checkpointBudget > 0 ? [Checkpoint(position: 0, eventsApplied: 0, states: states)] : []
    }

    // MARK: - Checkpoints

    private func addCheckpoint() {
        checkpoints.append(Checkpoint(position: position, eventsApplied: eventsApplied, states: states))
        let bytes = states.reduce(0) { $0 + $1.approximateBytes }
        if bytes * checkpoints.count > checkpointBudget, checkpoints.count > 2 {
            // Keep every other checkpoint and double the spacing from now on.
            checkpoints = checkpoints.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            checkpointSpacing *= 2
        }
    }

    // MARK: - Aggregates

    private func aggregateRules(for event: Event) -> AggregateRules? {
        if let cached = aggregateCache[event.streamType] { return cached ?? rules.aggregate(stream: event.stream, streamType: event.streamType) }
        let byType = rules.aggregates.first { $0.name == event.streamType }
        aggregateCache[event.streamType] = .some(byType)
        return byType ?? rules.aggregate(stream: event.stream, streamType: event.streamType)
    }

    private func id(for stream: String) -> Int32 {
        if let id = aggregateIDs[stream] { return id }
        let id = Int32(aggregateIDs.count)
        aggregateIDs[stream] = id
        return id
    }
}
