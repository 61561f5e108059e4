import EventModel

/// The timeline's histogram: columns of one "nice" width of time (100 ms, 1 s, 5 min, 1 h, 1 d…),
/// the smallest that fits the span in the pane with enough events in each, aligned on the clock. A steady rate then draws
/// flat at any width, since every column holds the same stretch of time (equal slices of the
/// span would hold 8 or 9 ticks of a 1-per-second writer, and draw a comb). The columns are
/// counted from the whole index once there is one, otherwise estimated from time probes.
public struct Timeline: Equatable, Sendable {
    /// The widths a column can have, in microseconds.
    static let widths: [Int64] = [
        100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 15_000_000, 20_000_000, 30_000_000,
        60_000_000, 120_000_000, 300_000_000, 600_000_000, 900_000_000, 1_200_000_000, 1_800_000_000,
        3_600_000_000, 7_200_000_000, 10_800_000_000, 14_400_000_000, 21_600_000_000, 28_800_000_000, 43_200_000_000,
        86_400_000_000, 172_800_000_000, 604_800_000_000, 1_209_600_000_000, 2_592_000_000_000,
        7_776_000_000_000, 15_552_000_000_000, 31_536_000_000_000, 157_680_000_000_000, 315_360_000_000_000,
    ]

    /// The columns available.
    public let columns: Int
    /// Events per time column (there may be fewer than `columns`).
    public let counts: [Int]
    /// Screen cells each time column is drawn with: as many as fit, so a short log still spans
    /// most of the pane (whole cells, so every column still stands for the same time).
    public var cellsPerColumn: Int { counts.isEmpty ? 1 : max(1, columns / counts.count) }
    /// When the first column starts, and each column's width in microseconds.
    public let start: EventTime
    public let width: Int64
    /// The earliest and latest event times.
    public let span: (first: EventTime, last: EventTime)?
    /// True when the counts are estimates.
    public let isEstimate: Bool
    private let log: LogMap

    public init(_ log: LogMap, buckets: Int) {
        self.log = log
        columns = max(0, buckets)
        let span = log.isComplete ? log.run.timeSpan : Self.probeSpan(log)
        self.span = span
        isEstimate = !log.isComplete
        guard let span, columns > 0 else {
            (start, width, counts) = (EventTime(microseconds: 0), 1, [])
            return
        }
        width = Self.width(for: span, columns: columns, events: log.bounds?.count ?? log.run.count)
        let aligned = Int64((Double(span.first.microseconds) / Double(width)).rounded(.down)) * width
        start = EventTime(microseconds: aligned)
        let used = min(columns, Self.columnsNeeded(span, width: width))
        counts = log.isComplete ? log.run.counts(from: start, width: width, count: used) : Self.estimate(log, start: start, width: width, count: used)
    }

    /// Events a column should hold on average, so that a steady writer's jitter (one event early
    /// or late across a column's edge) does not draw as teeth.
    static let eventsPerColumn = 20
    /// Fewer columns than this would say little about the shape of the log.
    static let fewestColumns = 24

    /// The smallest width that fits the span in the columns and gives each about
    /// `eventsPerColumn` events, without falling under `fewestColumns`.
    static func width(for span: (first: EventTime, last: EventTime), columns: Int, events: Int) -> Int64 {
        let fitting = widths.filter { columnsNeeded(span, width: $0) <= columns }
        guard var chosen = fitting.first else { return widths[widths.count - 1] }
        for width in fitting {
            let needed = columnsNeeded(span, width: width)
            if needed < fewestColumns { break }
            chosen = width
            if events / max(1, needed) >= eventsPerColumn { break }
        }
        return chosen
    }

    private static func columnsNeeded(_ span: (first: EventTime, last: EventTime), width: Int64) -> Int {
        let first = Int64((Double(span.first.microseconds) / Double(width)).rounded(.down))
        let last = Int64((Double(span.last.microseconds) / Double(width)).rounded(.down))
        return Int(clamping: last - first + 1)
    }

    /// Whether this was drawn from the log as it stands (same events, bounds and probes).
    func covers(_ other: LogMap) -> Bool {
        log.run.count == other.run.count && log.bounds == other.bounds && log.probes == other.probes && log.isComplete == other.isComplete
            && log.run.positions.first == other.run.positions.first
    }

    public static func == (a: Timeline, b: Timeline) -> Bool {
        a.columns == b.columns && a.counts == b.counts && a.start == b.start && a.width == b.width && a.isEstimate == b.isEstimate
    }

    /// The column of a time.
    public func column(of time: EventTime) -> Int? {
        guard !counts.isEmpty else { return nil }
        let column = (time.microseconds - start.microseconds) / width
        return Int(min(max(0, column), Int64(counts.count - 1)))
    }

    /// The screen cell (from the pane's left) an event's column starts at (nil when its time is not known).
    public func cell(of position: Int64) -> Int? {
        guard let time = log.time(of: position) ?? interpolatedTime(position), let column = column(of: time) else { return nil }
        return column * cellsPerColumn
    }

    /// The first event of the column drawn at a screen cell (for clicks): exact with an index,
    /// interpolated between probes otherwise.
    public func firstPosition(atCell cell: Int) -> Int64? {
        let target = EventTime(microseconds: start.microseconds + Int64(cell / cellsPerColumn) * width)
        if log.isComplete {
            guard !log.run.isEmpty else { return nil }
            return log.run.positions[log.run.firstIndex(atOrAfter: target)]
        }
        let probes = log.probes.filter { $0.time != nil }
        guard let after = probes.firstIndex(where: { ($0.time ?? target) >= target }) else { return probes.last?.position }
        guard after > 0, let t1 = probes[after].time, let t0 = probes[after - 1].time, t1 > t0 else { return probes[after].position }
        let p0 = probes[after - 1].position, p1 = probes[after].position
        return p0 + Int64(Double(p1 - p0) * Double(target.microseconds - t0.microseconds) / Double(t1.microseconds - t0.microseconds))
    }

    /// A column's width as people say it: `100ms`, `5s`, `15m`, `1h`, `7d`.
    public var widthLabel: String {
        let units: [(Int64, String)] = [(86_400_000_000, "d"), (3_600_000_000, "h"), (60_000_000, "m"), (1_000_000, "s"), (1_000, "ms")]
        for (unit, name) in units where width % unit == 0 { return "\(width / unit)\(name)" }
        return "\(width)us"
    }

    private func interpolatedTime(_ position: Int64) -> EventTime? {
        let probes = log.probes.filter { $0.time != nil }
        guard let after = probes.firstIndex(where: { $0.position >= position }) else { return probes.last?.time }
        guard after > 0, let t0 = probes[after - 1].time, let t1 = probes[after].time else { return probes[after].time }
        let p0 = probes[after - 1].position, p1 = probes[after].position
        guard p1 > p0 else { return t0 }
        return EventTime(microseconds: t0.microseconds + Int64(Double(t1.microseconds - t0.microseconds) * Double(position - p0) / Double(p1 - p0)))
    }

    private static func probeSpan(_ log: LogMap) -> (first: EventTime, last: EventTime)? {
        let times = log.probes.compactMap(\.time)
        guard let first = times.min(), let last = times.max() else { return nil }
        return (first, last)
    }

    /// Each stretch between two probes holds its share of the log's events, spread evenly over
    /// the stretch's time.
    private static func estimate(_ log: LogMap, start: EventTime, width: Int64, count: Int) -> [Int] {
        let probes = log.probes.filter { $0.time != nil }
        guard count > 0, let bounds = log.bounds, probes.count >= 2 else { return [] }
        let eventsPerPosition = Double(bounds.count) / Double(max(1, bounds.last - bounds.first))
        var counts = [Double](repeating: 0, count: count)
        for (a, b) in zip(probes, probes.dropFirst()) {
            guard let t0 = a.time, let t1 = b.time else { continue }
            let events = Double(b.position - a.position) * eventsPerPosition
            let from = Double(min(t0, t1).microseconds - start.microseconds) / Double(width)
            let to = max(from + 1e-9, Double(max(t0, t1).microseconds - start.microseconds) / Double(width))
            let low = min(count - 1, max(0, Int(from))), high = min(count - 1, max(0, Int(to)))
            for bucket in low...high {
                let overlap = min(to, Double(bucket + 1)) - max(from, Double(bucket))
                counts[bucket] += events * max(0, overlap) / (to - from)
            }
        }
        return counts.map { Int($0.rounded()) }
    }
}
