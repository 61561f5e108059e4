import EventModel
import JSON

/// What the screen shows that is not loaded yet, as requests. `reduce` asks after every action,
/// so panes fill by themselves (after opening, a reload, an append) without a key pressed, and
/// the UI never waits: what is missing draws as a placeholder until its answer arrives.
enum DataNeeds {
    /// Events read per window: a few screens, so scrolling seldom waits.
    static let windowSize = 256
    /// Spread-out positions whose times draw the timeline of a log that is not indexed.
    static let probeCount = 64
    /// A failed read is asked for again after this long (a locked store, say).
    static let retryMicroseconds: Int64 = 1_000_000

    static func effects(_ state: inout AppState) -> [Effect] {
        guard state.store.isOpen else {
            guard !state.requests.isRunning(.open), mayRetry(.open, state) else { return [] }
            return state.requests.start(.open) { .open($0) }
        }
        guard let cursor = state.cursor else { return [] }
        var effects = window(&state, cursor)
        effects += matchRows(&state)
        effects += stream(&state)
        effects += projections(&state, cursor)
        effects += delivery(&state)
        effects += overlay(&state, cursor)
        effects += probes(&state)
        return effects
    }

    private static func mayRetry(_ kind: Requests.Kind, _ state: AppState) -> Bool {
        guard let failed = state.store.failures[kind] else { return true }
        guard let now = state.now else { return false }
        return now.microseconds - failed.microseconds >= retryMicroseconds
    }

    // MARK: - Events

    /// The window the events list needs most: around a cursor not read yet, then rows whose
    /// events are not cached, then (for logs read in windows) the run's near end.
    private static func window(_ state: inout AppState, _ cursor: Int64) -> [Effect] {
        guard mayRetry(.window, state) else { return [] }
        let log = state.store.log
        let reach = max(windowSize / 2, state.height * 2)
        let need: Effect.Window?
        var urgent = true
        if !log.contains(cursor) {
            need = .before(cursor == Int64.max ? cursor : cursor + 1, limit: windowSize)
        } else if let missing = EventsPane.visiblePositions(state, height: state.height).first(where: { state.store.events[$0] == nil }) {
            need = .from(missing, limit: windowSize)
        } else if !log.reachesStart, log.positions(around: cursor, before: reach, after: 0).count < reach, let first = log.run.positions.first {
            need = .before(first, limit: windowSize)
            urgent = false
        } else if !log.reachesEnd, log.positions(around: cursor, before: 0, after: reach).count < reach, let last = log.run.positions.last {
            need = .from(last + 1, limit: windowSize)
            urgent = false
        } else {
            need = nil
        }
        guard let need, !state.store.windowsRead.contains(need, version: state.store.version) else { return [] }
        // A prefetch waits for the window being read; what the screen lacks replaces it.
        if !urgent, state.requests.isRunning(.window) { return [] }
        return state.requests.start(.window) { .loadWindow($0, need) }
    }

    /// With only the matches shown, their events (they are not neighbours in the log).
    private static func matchRows(_ state: inout AppState) -> [Effect] {
        guard state.search?.onlyMatches == true, mayRetry(.events, state) else { return [] }
        let missing = EventsPane.visiblePositions(state, height: state.height).filter { state.store.events[$0] == nil }
        guard !missing.isEmpty else { return [] }
        return state.requests.start(.events) { .loadEvents($0, positions: Array(missing)) }
    }

    // MARK: - Panes

    private static func stream(_ state: inout AppState) -> [Effect] {
        guard let stream = state.shownStream, !state.store.missingStreams.contains(stream), mayRetry(.stream, state) else { return [] }
        let held = state.store.histories[stream]
        if held != nil, !state.store.histories.isStale(stream) { return [] }
        // Following, the cursor's stream changes with nearly every append: a read under way is let
        // finish (its aggregate is shown meanwhile) rather than superseded again and again.
        if state.follows, case .loadStream(_, let reading, _, _)? = state.requests.running(.stream), reading != stream { return [] }
        let version = state.store.version
        return state.requests.start(.stream) { .loadStream($0, stream: stream, extending: held, storeVersion: version) }
    }

    private static func projections(_ state: inout AppState, _ cursor: Int64) -> [Effect] {
        guard !state.source.projectionNames.isEmpty, state.store.projections?.position != cursor, mayRetry(.projections, state) else { return [] }
        // Esc cancelled the projections at this cursor: wait for the cursor to move.
        if state.store.projectionsCancelledAt == cursor { return [] }
        return state.requests.start(.projections) { .project($0, at: cursor) }
    }

    /// The outbox and consumers as of the cursor event's own time (as of now while following).
    private static func delivery(_ state: inout AppState) -> [Effect] {
        guard state.store.delivery?.hasTables != false, mayRetry(.delivery, state) else { return [] }
        guard let asOf = state.follows ? state.now.map(wholeSecond) ?? state.cursorEvent?.time : state.cursorEvent?.time else { return [] }
        let version = state.store.version
        if let held = state.store.delivery, held.asOf == asOf, state.store.deliveryVersion == version { return [] }
        return state.requests.start(.delivery) { .loadDelivery($0, asOf: asOf, storeVersion: version) }
    }

    private static func wholeSecond(_ time: EventTime) -> EventTime {
        EventTime(microseconds: time.microseconds / 1_000_000 * 1_000_000)
    }

    /// The detail's deliveries and correlation chain.
    private static func overlay(_ state: inout AppState, _ cursor: Int64) -> [Effect] {
        guard state.overlay == .detail, let event = state.cursorEvent else { return [] }
        var effects: [Effect] = []
        let version = state.store.version
        if state.store.delivery?.hasTables != false, mayRetry(.eventDeliveries, state),
           state.store.eventDeliveries?.eventID != event.id || state.store.eventDeliveries?.storeVersion != version {
            effects += state.requests.start(.eventDeliveries) { .loadEventDeliveries($0, eventID: event.id, storeVersion: version) }
        }
        if let correlation = EventDetail.correlationID(of: event), state.store.correlation?.position != cursor, mayRetry(.correlation, state) {
            effects += state.requests.start(.correlation) { .loadCorrelation($0, around: cursor, correlation: correlation) }
        }
        return effects
    }

    /// Time probes, for a log that is read in windows only (no index is coming).
    private static func probes(_ state: inout AppState) -> [Effect] {
        let log = state.store.log
        guard !log.isComplete, !state.requests.isRunning(.open), !state.store.probed, !state.requests.isRunning(.probe),
              let bounds = log.bounds, mayRetry(.probe, state) else { return [] }
        let span = bounds.last - bounds.first
        let positions = (0...probeCount).map { bounds.first + span / Int64(probeCount) * Int64($0) }
        return state.requests.start(.probe) { .probe($0, positions: Array(Set(positions)).sorted()) }
    }
}
