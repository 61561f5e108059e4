import EventModel
/// Builds the per-event part of a `StoreSummary` in one pass over the log in position order.
/// Two accumulators over consecutive ranges can be merged, so a scan can be split across threads.
struct SummaryAccumulator {
    var eventCount = 0
    var firstPosition: Int64?
    var lastPosition: Int64?
    var earliest: EventTime?
    var latest: EventTime?
    /// Events per type; events, and streams counted at each stream's first event, per stream type.
    var types = NameTally()
    var streamTypes = NameTally()
    var outOfOrder = ExampleCounter()
    var unreadableTimes = ExampleCounter()
    var invalidPayloads = ExampleCounter()
    /// The first and last readable time of this range, to check order across a merge.
    private var firstTimeInRange: EventTime?
    private var previousTime: EventTime?

    mutating func add(position: Int64, type: UnsafeBufferPointer<UInt8>, streamType: UnsafeBufferPointer<UInt8>,
                      startsStream: Bool, time: EventTime?) {
        eventCount += 1
        if firstPosition == nil { firstPosition = position }
        lastPosition = position
        types.add(type, streams: 0)
        streamTypes.add(streamType, streams: startsStream ? 1 : 0)
        guard let time else {
            unreadableTimes.add("position \(position)")
            return
        }
        if firstTimeInRange == nil { firstTimeInRange = time }
        if let previousTime, time < previousTime { outOfOrder.add("position \(position)") }
        previousTime = time
        if earliest.map({ time < $0 }) ?? true { earliest = time }
        if latest.map({ time > $0 }) ?? true { latest = time }
    }

    mutating func add(position: Int64, type: String, streamType: String, startsStream: Bool, time: EventTime?) {
        var type = type, streamType = streamType
        type.withUTF8 { typeBytes in
            streamType.withUTF8 { streamTypeBytes in
                add(position: position, type: typeBytes, streamType: streamTypeBytes, startsStream: startsStream, time: time)
            }
        }
    }

    /// Appends the accumulator of the range that directly follows this one.
    mutating func append(_ later: SummaryAccumulator) {
        eventCount += later.eventCount
        firstPosition = firstPosition ?? later.firstPosition
        lastPosition = later.lastPosition ?? lastPosition
        types.merge(later.types)
        streamTypes.merge(later.streamTypes)
        if let previousTime, let next = later.firstTimeInRange, next < previousTime {
            outOfOrder.add(later.firstPosition.map { "position \($0)" } ?? "")
        }
        outOfOrder.append(later.outOfOrder)
        unreadableTimes.append(later.unreadableTimes)
        invalidPayloads.append(later.invalidPayloads)
        if let t = later.earliest, earliest.map({ t < $0 }) ?? true { earliest = t }
        if let t = later.latest, latest.map({ t > $0 }) ?? true { latest = t }
        firstTimeInRange = firstTimeInRange ?? later.firstTimeInRange
        previousTime = later.previousTime ?? previousTime
    }

    /// Fills the per-event fields of a summary; the source adds streams, tables and its own warnings.
    func summary(kind: SourceKind, path: String) -> StoreSummary {
        var warnings: [IntegrityWarning] = []
        if let w = outOfOrder.warning(.positionsOutOfTimeOrder) { warnings.append(w) }
        if let w = unreadableTimes.warning(.unreadableTimes) { warnings.append(w) }
        if let w = invalidPayloads.warning(.invalidPayloads) { warnings.append(w) }
        return StoreSummary(
            kind: kind, path: path, eventCount: eventCount,
            firstPosition: firstPosition, lastPosition: lastPosition, firstTime: earliest, lastTime: latest,
            eventTypes: types.counts().map { TypeCount(name: $0.name, events: $0.events) }
                .sorted { $0.events != $1.events ? $0.events > $1.events : $0.name < $1.name },
            streamTypes: streamTypes.counts().map { StreamTypeCount(name: $0.name, streams: $0.streams, events: $0.events) }
                .sorted { $0.events != $1.events ? $0.events > $1.events : $0.name < $1.name },
            warnings: warnings)
    }
}

/// A count of problems of one kind with the first few examples.
struct ExampleCounter {
    private(set) var count = 0
    private(set) var examples: [String] = []

    mutating func add(_ example: @autoclosure () -> String) {
        count += 1
        if examples.count < IntegrityWarning.exampleLimit { examples.append(example()) }
    }

    mutating func append(_ other: ExampleCounter) {
        count += other.count
        examples = Array((examples + other.examples).prefix(IntegrityWarning.exampleLimit))
    }

    func warning(_ kind: IntegrityWarning.Kind) -> IntegrityWarning? {
        count == 0 ? nil : IntegrityWarning(kind: kind, count: count, examples: examples)
    }
}
