import EventModel
import JSON
import Replay

/// The aggregate the pane shows: its stream, its history, and its state as of the cursor.
public struct ShownAggregate: Sendable {
    public let stream: String
    public let history: AggregateHistory
    /// How many of the stream's events the cursor has passed.
    public let count: Int
    public let replayed: ReplayedState
    /// The state before the last applied event (for highlighting and the diff view).
    public let previous: JSONValue?
    public let rows: [TreeRow]

    /// The folded paths the rows were made with.
    let folded: Set<String>

    /// The shown stream (pinned, or the cursor event's) replayed to the cursor, once its history
    /// has been read (nil before).
    init?(_ state: AppState) {
        guard let stream = state.shownStream, let history = state.store.histories[stream] else { return nil }
        self.init(history, state)
    }

    /// `history` replayed to the cursor.
    init?(_ history: AggregateHistory, _ state: AppState) {
        guard let cursor = state.cursor else { return nil }
        stream = history.stream
        self.history = history
        count = history.count(throughPosition: cursor)
        replayed = history.state(after: count)
        previous = count > 0 ? history.state(after: count - 1).state : nil
        folded = state.aggregate.folded
        rows = AggregateTree.rows(replayed.state, before: previous, folded: folded)
    }

    /// Whether this is still what `state` shows (same stream, history, cursor and folds).
    func isCurrent(in state: AppState) -> Bool {
        guard let cursor = state.cursor, state.shownStream == stream, state.store.histories[stream] === history,
              folded == state.aggregate.folded else { return false }
        return history.count(throughPosition: cursor) == count
    }
}
