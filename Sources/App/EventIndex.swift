import EventModel

/// The log's positions and times in global order, so that the cursor is an index: moving it,
/// jumping to a time and drawing the rate histogram need no store queries.
public struct EventIndex: Equatable, Sendable {
    public private(set) var positions: [Int64] = []
    /// Tenths of a second since `origin` for each event (Int32 keeps 10M events in 40 MB and spans
    /// six years; tenths keep a live store's first minute from drawing as a comb); events without a
    /// readable time take the previous event's.
    private var tenths: [Int32] = []
    private static let unit: Int64 = 100_000
    /// The earliest and latest tenths (a log need not be in time order).
    private var lowest: Int32 = 0, highest: Int32 = 0
    /// Whether every event's time is at or after the one before it (to the tenth): binary
    /// searches by time are then exact to the tenth.
    public private(set) var isTimeOrdered = true
    public private(set) var origin: EventTime?

    public init() {}

    /// An index of these positions and times, in order.
    public init(_ entries: [(Int64, EventTime?)]) {
        append(contentsOf: entries)
    }

    public var count: Int { positions.count }
    public var isEmpty: Bool { positions.isEmpty }

    public mutating func append(position: Int64, time: EventTime?) {
        if origin == nil, let time { origin = time }
        positions.append(position)
        let offset = time.map { Int32(clamping: ($0.microseconds - (origin?.microseconds ?? 0)) / Self.unit) } ?? (tenths.last ?? 0)
        if tenths.isEmpty { (lowest, highest) = (offset, offset) } else { (lowest, highest) = (min(lowest, offset), max(highest, offset)) }
        if let previous = tenths.last, offset < previous { isTimeOrdered = false }
        tenths.append(offset)
    }

    public mutating func append(contentsOf entries: [(Int64, EventTime?)]) {
        positions.reserveCapacity(positions.count + entries.count)
        tenths.reserveCapacity(tenths.count + entries.count)
        for (position, time) in entries { append(position: position, time: time) }
    }

    /// Every position with its time, in order.
    public var entries: [(Int64, EventTime?)] {
        positions.indices.map { (positions[$0], time(at: $0)) }
    }

    /// Whether `position` is one of the indexed events.
    public func contains(_ position: Int64) -> Bool {
        guard let first = positions.first, position >= first else { return false }
        return positions[index(atOrBefore: position)] == position
    }

    /// The earliest and latest times (the first and last events' in a log in time order).
    public var timeSpan: (first: EventTime, last: EventTime)? {
        guard let origin, !tenths.isEmpty else { return nil }
        return (EventTime(microseconds: origin.microseconds + Int64(lowest) * Self.unit),
                EventTime(microseconds: origin.microseconds + Int64(highest) * Self.unit))
    }

    /// The event's time, to the tenth of a second.
    public func time(at index: Int) -> EventTime? {
        guard let origin, tenths.indices.contains(index) else { return nil }
        return EventTime(microseconds: origin.microseconds + Int64(tenths[index]) * Self.unit)
    }

    /// The index of the last event at or before `position` (0 when none is).
    public func index(atOrBefore position: Int64) -> Int {
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// The index of the last event recorded at or before `time` (times are assumed mostly ordered).
    public func index(atOrBefore time: EventTime) -> Int {
        guard let origin else { return 0 }
        let target = (time.microseconds - origin.microseconds) / Self.unit
        var low = 0, high = tenths.count
        while low < high {
            let middle = (low + high) / 2
            if Int64(tenths[middle]) <= target { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// How many events fall in each of `count` buckets of `width` microseconds from `start`
    /// (events outside them are not counted).
    public func counts(from start: EventTime, width: Int64, count: Int) -> [Int] {
        guard count > 0, width > 0, let origin else { return [] }
        var counts = [Int](repeating: 0, count: count)
        let offset = origin.microseconds - start.microseconds
        for tenth in tenths {
            let bucket = (offset + Int64(tenth) * Self.unit) / width
            if bucket >= 0, bucket < count { counts[Int(bucket)] += 1 }
        }
        return counts
    }

    /// The first event recorded at or after `time` (the last event when none is; assumes time order).
    public func firstIndex(atOrAfter time: EventTime) -> Int {
        guard let origin else { return 0 }
        let target = (time.microseconds - origin.microseconds + Self.unit - 1) / Self.unit
        var low = 0, high = tenths.count
        while low < high {
            let middle = (low + high) / 2
            if Int64(tenths[middle]) < target { low = middle + 1 } else { high = middle }
        }
        return min(low, max(0, tenths.count - 1))
    }
}
