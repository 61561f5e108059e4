import EventModel
import JSON

/// Computes the rules' projections over the log, event by event. Moving forward applies only the
/// new events; moving back restores the nearest checkpoint and replays from there. Checkpoints
/// are thinned out as the log grows, so their memory stays within `checkpointBudget` bytes.
public final class ProjectionEngine {
    public let rules: Rules
    /// The last position applied (0 before any event).
    public var position: Int64 { fold.position }
    public var eventsApplied: Int { fold.eventsApplied }

    private var fold: ProjectionFold
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
        fold = ProjectionFold(rules: rules)
        if checkpointBudget > 0 { checkpoints = [Checkpoint(position: 0, eventsApplied: 0, states: fold.states)] }
    }

    /// Each projection's name and value now.
    public var values: [(name: String, value: JSONValue)] {
        zip(rules.projections, fold.states).map { ($0.name, $1.value) }
    }

    // MARK: - Applying events

    /// Applies the next event of the log (positions must increase).
    public func apply(_ event: Event) {
        fold.apply(event)
        if checkpointBudget > 0, fold.eventsApplied % checkpointSpacing == 0 { addCheckpoint() }
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
                fold.states = checkpoint.states
                fold.position = checkpoint.position
                fold.eventsApplied = checkpoint.eventsApplied
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
        fold.states = ProjectionFold.initialStates(rules)
        fold.position = 0
        fold.eventsApplied = 0
        checkpoints = checkpointBudget > 0 ? [Checkpoint(position: 0, eventsApplied: 0, states: fold.states)] : []
    }

    // MARK: - Checkpoints

    private func addCheckpoint() {
        checkpoints.append(Checkpoint(position: position, eventsApplied: eventsApplied, states: fold.states))
        let bytes = fold.states.reduce(0) { $0 + $1.approximateBytes }
        if bytes * checkpoints.count > checkpointBudget, checkpoints.count > 2 {
            // Keep every other checkpoint and double the spacing from now on.
            checkpoints = checkpoints.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            checkpointSpacing *= 2
        }
    }
}
