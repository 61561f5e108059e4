import EventModel
import JSON
import Replay

/// The aggregate the pane shows: its stream, its history, and its state as of the cursor.
public struct ShownAggregate {
    public let stream: String
    public let history: AggregateHistory
    /// How many of the stream's events the cursor has passed.
    public let count: Int
    public let replayed: ReplayedState
    /// The state before the last applied event (for highlighting and the diff view).
    public let previous: JSONValue?
    public let rows: [TreeRow]

    /// Resolves the shown stream (pinned, or the cursor event's) and replays it to the cursor.
    public init?(_ state: AppState, _ session: ExplorerSession) {
        guard session.isIndexed, session.index.positions.indices.contains(state.cursor) else { return nil }
        let stream: String
        if let pinned = state.pinnedStream {
            stream = pinned
        } else if let event = session.event(at: state.cursor) {
            stream = event.stream
        } else {
            return nil
        }
        guard let history = session.history(of: stream) else { return nil }
        self.stream = stream
        self.history = history
        count = history.count(throughPosition: session.index.positions[state.cursor])
        replayed = history.state(after: count)
        previous = count > 0 ? history.state(after: count - 1).state : nil
        rows = AggregateTree.rows(replayed.state, before: previous, folded: state.aggregate.folded)
    }
}
