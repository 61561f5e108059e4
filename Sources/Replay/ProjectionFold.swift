import EventModel

/// The projections' states and everything worked out per event (names numbered, the aggregate
/// each stream belongs to), folded forward one event at a time. A struct, so that applying an
/// event is one access to the engine's stored property: each stored property of a class mutated
/// per event would cost a run-time exclusivity check (measured: five per event, a tenth of the fold).
struct ProjectionFold {
    let rules: Rules
    /// The last position applied (0 before any event), and how many events were applied.
    var position: Int64 = 0
    var eventsApplied = 0
    var states: [ProjectionState]

    /// Streams seen by aggregate and stream counts, numbered in order of first appearance.
    private var streamNumbers = NameNumbering()
    /// Event types numbered in order of first appearance, so that per-type facts are array lookups.
    private var typeNumbers = NameNumbering()
    /// Stream types numbered likewise, with the aggregate (its index in the rules) named after each
    /// (nil: none is, and stream patterns decide per stream).
    private var streamTypeNumbers = NameNumbering()
    private var aggregateNamedAfterStreamType: [Int?] = []
    private let hasStreamPatterns: Bool
    /// The aggregate whose stream pattern each stream matches, by stream number (-1: none; -2:
    /// not worked out yet): a pattern is matched once per stream, not once per event.
    private var aggregateMatchingStream: [Int32] = []
    /// Each projection's kind without its payload, read per event without copying the state.
    private let measuresAggregates: [Bool]
    /// Whether any projection groups by stream type, or counts streams: what to work out per event.
    private let needsStreamTypeSlots: Bool
    private let countsStreams: Bool

    init(rules: Rules) {
        self.rules = rules
        states = Self.initialStates(rules)
        hasStreamPatterns = rules.hasStreamPatterns
        measuresAggregates = rules.projections.map {
            if case .countAggregates = $0.measure { return true } else { return false }
        }
        needsStreamTypeSlots = states.contains { $0.needsStreamTypeSlot }
        countsStreams = states.contains { $0.countsStreams }
    }

    static func initialStates(_ rules: Rules) -> [ProjectionState] {
        rules.projections.map { ProjectionState(definition: $0, rules: rules) }
    }

    /// Applies the next event of the log (positions must increase).
    mutating func apply(_ event: Event) {
        var context = EventContext(event)
        let typeSlot = Int(typeNumbers.number(for: event.type))
        let streamTypeSlot = needsStreamTypeSlots ? Int(streamTypeNumbers.number(for: event.streamType)) : -1
        var streamID: Int32? = countsStreams ? streamNumbers.number(for: event.stream) : nil
        var aggregate: Int??
        for index in states.indices {
            if measuresAggregates[index] {
                if aggregate == nil { aggregate = aggregateIndex(for: event, streamTypeSlot: streamTypeSlot, streamID: &streamID) }
                guard let found = aggregate ?? nil, states[index].countedAggregate == found else { continue }
                let id = streamID ?? streamNumbers.number(for: event.stream)
                streamID = id
                states[index].applyAggregateEvent(&context, id: id, typeSlot: typeSlot)
            } else {
                states[index].applyEvent(&context, typeSlot: typeSlot, streamTypeSlot: streamTypeSlot, streamID: streamID ?? -1)
            }
        }
        position = event.position
        eventsApplied += 1
    }

    /// The aggregate an event's stream belongs to; `streamTypeSlot` is its stream type's number
    /// when already worked out (else -1), `streamID` its stream's (worked out here if needed).
    private mutating func aggregateIndex(for event: Event, streamTypeSlot: Int, streamID: inout Int32?) -> Int? {
        let number = streamTypeSlot >= 0 ? streamTypeSlot : Int(streamTypeNumbers.number(for: event.streamType))
        if number == aggregateNamedAfterStreamType.count {
            aggregateNamedAfterStreamType.append(rules.aggregates.firstIndex { $0.name == event.streamType })
        }
        if let named = aggregateNamedAfterStreamType[number] { return named }
        guard hasStreamPatterns else { return nil }
        let stream = streamID ?? streamNumbers.number(for: event.stream)
        streamID = stream
        let slot = Int(stream)
        if slot >= aggregateMatchingStream.count {
            aggregateMatchingStream.append(contentsOf: repeatElement(-2, count: slot - aggregateMatchingStream.count + 1))
        }
        if aggregateMatchingStream[slot] == -2 {
            aggregateMatchingStream[slot] = Int32(rules.aggregates.firstIndex { $0.streams?.matches(event.stream) ?? false } ?? -1)
        }
        let matched = aggregateMatchingStream[slot]
        return matched >= 0 ? Int(matched) : nil
    }
}
