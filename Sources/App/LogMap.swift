import EventModel

/// What the explorer knows of the log's positions and times: its bounds, one run of consecutive
/// events (the whole log once a source has been indexed, otherwise the windows read around the
/// cursor), and time probes at spread-out positions for the timeline.
///
/// The cursor is a position, so it means the same event whether the run is the whole log or a
/// window; moves within the run are exact, and near its ends the core asks for more.
public struct LogMap: Equatable, Sendable {
    /// Consecutive events: no event of the log lies between two neighbours here.
    public private(set) var run = EventIndex()
    /// True when the run is the whole log.
    public private(set) var isComplete = false
    /// The log's ends and size (exact once complete).
    public private(set) var bounds: LogBounds?
    /// Times at spread-out positions (windows-only sources), ascending by position.
    public private(set) var probes: [LogEntry] = []
    /// A run kept from windows stays below this many events (the far side is dropped).
    static let windowRunLimit = 200_000

    public init() {}

    public var isEmpty: Bool { bounds == nil }

    // MARK: - Learning

    public mutating func setBounds(_ bounds: LogBounds?) {
        self.bounds = bounds
        if bounds == nil { run = EventIndex(); isComplete = true }
    }

    /// Every position and time: the run becomes the log. Events appended since the index was
    /// read (the watcher reports them while it is built) are kept after it.
    public mutating func setComplete(_ index: EventIndex) {
        var merged = index
        if let last = index.positions.last, reachesEnd, let runLast = run.positions.last, runLast > last {
            merged.append(contentsOf: run.entries.filter { $0.0 > last })
        }
        run = merged
        isComplete = true
        if let first = run.positions.first, let last = run.positions.last {
            bounds = LogBounds(first: first, last: last, count: run.count, countIsExact: true)
        } else {
            bounds = nil
        }
    }

    /// Takes in a window read from `start` on (`before: false`) or ending just before `start`.
    /// A window touching the run extends it; one elsewhere replaces it.
    public mutating func learn(window events: [Event], from start: Int64, before: Bool) {
        guard !isComplete, let first = events.first, let last = events.last else { return }
        let entries = events.map { ($0.position, $0.time) }
        if run.isEmpty {
            run = EventIndex(entries)
        } else if !before, let runLast = run.positions.last, start == runLast + 1 || run.contains(first.position) {
            // A window read from just after the run (or from inside it) continues it.
            run.append(contentsOf: entries.filter { $0.0 > runLast })
        } else if before, let runFirst = run.positions.first, start == runFirst || run.contains(last.position) {
            run = EventIndex(entries.filter { $0.0 < runFirst } + run.entries)
        } else {
            run = EventIndex(entries)
        }
        if run.count > Self.windowRunLimit { run = EventIndex(Array(before ? run.entries.prefix(Self.windowRunLimit) : run.entries.suffix(Self.windowRunLimit))) }
    }

    public mutating func learn(probes entries: [LogEntry]) {
        probes = entries.sorted { $0.position < $1.position }
    }

    /// Events appended by another process: they continue the run when it reaches the log's end.
    /// Positions already known (an index read meanwhile holds them) are not counted twice.
    public mutating func append(_ entries: [LogEntry]) {
        let known = bounds?.last ?? Int64.min
        let entries = entries.filter { $0.position > known }
        guard let newest = entries.last else { return }
        let reachesEnd = bounds == nil || run.positions.last == bounds?.last
        if reachesEnd { run.append(contentsOf: entries.map { ($0.position, $0.time) }) }
        if var known = bounds {
            known.last = max(known.last, newest.position)
            known.count += entries.count
            bounds = known
        } else {
            bounds = LogBounds(first: entries[0].position, last: newest.position, count: entries.count, countIsExact: isComplete)
        }
    }

    // MARK: - Asking

    /// The position `offset` events from `position`, clamped to the run (and so to the log when complete).
    public func position(from position: Int64, offset: Int) -> Int64? {
        guard !run.isEmpty else { return nil }
        let index = run.index(atOrBefore: position)
        let target = min(max(0, index + offset), run.count - 1)
        return run.positions[target]
    }

    /// The last known position at or before `position` (the first known one when none is).
    public func snap(_ position: Int64) -> Int64? {
        guard !run.isEmpty else { return nil }
        return run.positions[run.index(atOrBefore: position)]
    }

    public func contains(_ position: Int64) -> Bool { run.contains(position) }

    /// The event's ordinal in the log (0-based): exact when the run is the log, else estimated from the bounds.
    public func ordinal(of position: Int64) -> (value: Int, exact: Bool)? {
        if isComplete { return run.isEmpty ? nil : (run.index(atOrBefore: position), true) }
        guard let bounds, bounds.last > bounds.first else { return bounds.map { _ in (0, false) } }
        let fraction = Double(position - bounds.first) / Double(bounds.last - bounds.first)
        return (Int((fraction * Double(max(0, bounds.count - 1))).rounded()), false)
    }

    public func time(of position: Int64) -> EventTime? {
        guard run.contains(position) else { return probes.first { $0.position == position }?.time }
        return run.time(at: run.index(atOrBefore: position))
    }

    /// Whether the run ends at the first (or last) event of the log.
    public var reachesStart: Bool { isComplete || (bounds != nil && run.positions.first == bounds?.first) }
    public var reachesEnd: Bool { isComplete || (bounds != nil && run.positions.last == bounds?.last) }

    /// Up to `before` positions before `position` and `after` from it on, as far as the run goes.
    public func positions(around position: Int64, before: Int, after: Int) -> ArraySlice<Int64> {
        guard !run.isEmpty else { return [] }
        let index = run.index(atOrBefore: position)
        let start = max(0, index - before), end = min(run.count, index + after)
        return run.positions[start..<max(start, end)]
    }
}
