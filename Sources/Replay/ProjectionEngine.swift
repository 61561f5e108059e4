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
    /// Streams seen by aggregate and stream counts, numbered in order of first appearance.
    private var streamNumbers = StreamNumbering()
    /// Event types numbered in order of first appearance, so that per-type facts are array lookups.
    private var typeNumbers = NameNumbering()
    /// Stream types numbered likewise, with the aggregate (its index in the rules) named after each
    /// (nil: none is, and stream patterns decide per stream).
    private var streamTypeNumbers = NameNumbering()
    private var aggregateNamedAfterStreamType: [Int?] = []
    private let hasStreamPatterns: Bool
    /// Each projection's kind without its payload, read per event without copying the state.
    private let measuresAggregates: [Bool]
    /// Whether any projection groups by stream type, or counts streams: what to work out per event.
    private let needsStreamTypeSlots: Bool
    private let countsStreams: Bool
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
        states = rules.projections.map { ProjectionState(definition: $0, rules: rules) }
        hasStreamPatterns = rules.hasStreamPatterns
        measuresAggregates = rules.projections.map {
            if case .countAggregates = $0.measure { return true } else { return false }
        }
        needsStreamTypeSlots = states.contains { $0.needsStreamTypeSlot }
        countsStreams = states.contains { $0.countsStreams }
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
        let typeSlot = typeNumbers.number(for: event.type)
        let streamTypeSlot = needsStreamTypeSlots ? streamTypeNumbers.number(for: event.streamType) : -1
        var streamID: Int32? = countsStreams ? id(for: event.stream) : nil
        var aggregate: Int??
        // Work on a local array (moved out and back, not copied): mutating a class's stored array
        // element by element costs an exclusivity check each time.
        var current: [ProjectionState] = []
        swap(&current, &states)
        for index in current.indices {
            if measuresAggregates[index] {
                if aggregate == nil { aggregate = aggregateIndex(for: event, streamTypeSlot: streamTypeSlot) }
                guard let found = aggregate ?? nil, current[index].countedAggregate == found else { continue }
                if streamID == nil { streamID = id(for: event.stream) }
                current[index].applyAggregateEvent(&context, id: streamID ?? 0, typeSlot: typeSlot)
            } else {
                current[index].applyEvent(&context, typeSlot: typeSlot, streamTypeSlot: streamTypeSlot, streamID: streamID ?? -1)
            }
        }
        swap(&current, &states)
        position = event.position
        eventsApplied += 1
        if checkpointBudget > 0, eventsApplied % checkpointSpacing == 0 { addCheckpoint() }
    }

    /// Brings the projections to `target`: forward from here, or back from the nearest checkpoint
    /// (or the start). Before any event the log is read from its start, so that a log whose
    /// positions start at 0 or below is read whole.
    public func move(to target: Int64, source: EventSource) throws {
        try move(to: target, source: source) { _ in true }
    }

    /// As `move(to:source:)`, telling `progress` the position reached every `reportEvery` events;
    /// when it answers false the move stops there (the engine stays consistent at that position,
    /// and a later move goes on from it).
    public func move(to target: Int64, source: EventSource, reportEvery: Int = 65_536, progress: (Int64) -> Bool) throws {
        if target < position {
            if let checkpoint = checkpoints.last(where: { $0.position <= target }) {
                states = checkpoint.states
                position = checkpoint.position
                eventsApplied = checkpoint.eventsApplied
                checkpoints.removeAll { $0.position > checkpoint.position }
            } else {
                reset()
            }
        }
        guard target > position || eventsApplied == 0 else { return }
        var filter = ProjectionEngine.readFilter(rules)
        filter.fromPosition = eventsApplied == 0 ? nil : position + 1
        var sinceReport = 0
        try source.readEvents(filter) { event in
            guard event.position <= target else { return false }
            apply(event)
            sinceReport += 1
            if sinceReport == reportEvery {
                sinceReport = 0
                return progress(position)
            }
            return true
        }
    }

    /// How to read events for projections: no payload checks (replay reports bad payloads itself),
    /// and no ids or metadata unless a rule reads metadata.
    public static func readFilter(_ rules: Rules) -> EventFilter {
        var filter = EventFilter()
        filter.checksPayloads = false
        filter.includesDetails = rules.readsMetadata
        return filter
    }

    private func reset() {
        states = rules.projections.map { ProjectionState(definition: $0, rules: rules) }
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

    /// The aggregate an event's stream belongs to; `streamTypeSlot` is its stream type's number
    /// when already worked out (else -1).
    private func aggregateIndex(for event: Event, streamTypeSlot: Int) -> Int? {
        let number = streamTypeSlot >= 0 ? streamTypeSlot : streamTypeNumbers.number(for: event.streamType)
        if number == aggregateNamedAfterStreamType.count {
            aggregateNamedAfterStreamType.append(rules.aggregates.firstIndex { $0.name == event.streamType })
        }
        return aggregateNamedAfterStreamType[number] ?? (hasStreamPatterns ? patternIndex(event.stream) : nil)
    }

    private func patternIndex(_ stream: String) -> Int? {
        rules.aggregates.firstIndex { $0.streams?.matches(stream) ?? false }
    }

    private func id(for stream: String) -> Int32 {
        streamNumbers.number(for: stream)
    }
}
