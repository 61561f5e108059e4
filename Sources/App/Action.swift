import EventModel
import TUICore

/// What happened, in the explorer's terms. Keys become actions through the `KeyMap`; the run
/// loop adds resizes, mouse input, ticks of the clock, and the answers of the effect runner.
public enum Action: Equatable, Sendable {
    case moveCursor(by: Int)
    /// To the event at (or else just before) a global position.
    case jump(to: Int64)
    case pageCursor(by: Int)
    case cursorToStart
    case cursorToEnd
    /// To the previous (-1) or next (+1) event of the aggregate pane's stream.
    case stepInStream(by: Int)
    /// Up or down within the focused pane or overlay (the events list moves the cursor).
    case moveSelection(by: Int)
    case activate
    case focusNext
    case focusPrevious
    case toggleZoom
    case toggleDiff
    case blameSelectedField
    case openPrompt(Prompt.Kind)
    case editPrompt(KeyEvent)
    case submitPrompt
    /// Esc: closes what is open, cancels what is running, then clears the filter.
    case dismiss
    case showHelp
    case mark
    case nextMark
    /// To the next (or previous) match of the search.
    case nextMatch(forward: Bool)
    /// Shows only the search's matches in the events list, or every event again.
    case toggleOnlyMatches
    /// Opens the stream picker.
    case openPicker
    /// Copies the cursor event (or the selected part of the aggregate's state) as JSON.
    case copy
    /// The events list's next set of columns.
    case cycleColumns
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int)
    case toggleFollow
    case quit

    /// The wall clock (the run loop sends it about once a second): "as of now" while following.
    case clock(EventTime)
    /// A request's answer.
    case loaded(RequestID, StoreResult)
    /// How far a long request has got (`total` when known).
    case progress(RequestID, done: Int, total: Int?)
    /// A request failed; the message is one line for the footer.
    case failed(RequestID, String)
    /// Another process changed the store (the runner's watcher noticed).
    case storeChanged(StoreChange)
}

/// What the store watcher saw.
public enum StoreChange: Equatable, Sendable {
    /// Events were appended after the last known position.
    case appended([LogEntry])
    /// A commit that added no event (outbox rows published, checkpoints moved).
    case committed
    /// The file was replaced or truncated: everything read so far is void.
    case replaced
    /// The file is gone; what was read stays on screen.
    case gone
    /// Looking for changes failed (the server restarted, the connection dropped, a lock): the
    /// watcher keeps trying. One line for the footer.
    case failing(String)
    /// Looking for changes works again after `failing`; nothing committed meanwhile was missed.
    case recovered
}

/// One event's place in the log, without its payload.
public struct LogEntry: Equatable, Sendable {
    public var position: Int64
    public var time: EventTime?
    public var stream: String

    public init(position: Int64, time: EventTime?, stream: String) {
        self.position = position
        self.time = time
        self.stream = stream
    }
}
