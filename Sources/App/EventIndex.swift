import EventModel

/// The log's positions and times in global order, so that the cursor is an index: moving it,
/// jumping to a time and drawing the rate histogram need no store queries.
public struct EventIndex: Sendable {
    public private(set) var positions: [Int64] = []
    /// Tenths of a second since `origin` for each event (Int32 keeps 10M events in 40 MB and spans
    /// six years; tenths keep a live store's first minute from drawing as a comb); events without a
    /// readable time take the previous event's.
    private var tenths: [Int32] = []
    private static let unit: Int64 = 100_000
    public private(set) var origin: EventTime?

    public init() {}

    public var count: Int { positions.count }
    public var isEmpty: Bool { positions.isEmpty }

    public mutating func append(position: Int64, time: EventTime?) {
        if origin == nil, let time { origin = time }
        positions.append(position)
        let offset = time.map { Int32(clamping: ($0.microseconds - (origin?.microseconds ?? 0)) / Self.unit) } ?? (tenths.last ?? 0)
        tenths.append(offset)
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

    /// How many events fall in each of `buckets` equal slices of the time span.
    public func histogram(buckets: Int) -> [Int] {
        guard buckets > 0, let last = tenths.last, let first = tenths.first else { return [] }
        let span = max(1, Int64(last) - Int64(first) + 1)
        var counts = [Int](repeating: 0, count: buckets)
        for offset in tenths {
            let slot = Int((Int64(offset) - Int64(first)) * Int64(buckets) / span)
            counts[min(max(slot, 0), buckets - 1)] += 1
        }
        return counts
    }

    /// The histogram bucket an event falls in, for marking the cursor.
    public func bucket(of index: Int, buckets: Int) -> Int {
        guard buckets > 0, let last = tenths.last, let first = tenths.first, tenths.indices.contains(index) else { return 0 }
        let span = max(1, Int64(last) - Int64(first) + 1)
        return min(buckets - 1, Int((Int64(tenths[index]) - Int64(first)) * Int64(buckets) / span))
    }

    /// The first event of a histogram bucket (for clicks on the timeline).
    public func firstIndex(inBucket bucket: Int, buckets: Int) -> Int {
        guard buckets > 0, let last = tenths.last, let first = tenths.first else { return 0 }
        let span = max(1, Int64(last) - Int64(first) + 1)
        let target = Int64(first) + Int64(bucket) * span / Int64(buckets)
        var low = 0, high = tenths.count
        while low < high {
            let middle = (low + high) / 2
            if Int64(tenths[middle]) < target { low = middle + 1 } else { high = middle }
        }
        return min(low, max(0, tenths.count - 1))
    }
}
