import TUICore

/// What happened, in the explorer's terms. Keys become actions through the `KeyMap`; the run
/// loop adds resizes, mouse input and background results.
public enum Action: Equatable, Sendable {
    case moveCursor(by: Int)
    case jumpCursor(to: Int)
    case pageCursor(by: Int)
    case cursorToStart
    case cursorToEnd
    /// To the previous (-1) or next (+1) event of the aggregate pane's stream.
    case stepInStream(by: Int)
    /// Up or down within the focused pane (the events list moves the cursor).
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
    case dismiss
    case showHelp
    case mark
    case nextMark
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int)
    case toggleFollow
    /// Another process appended this many events (the run loop noticed).
    case storeGrew(by: Int)
    case quit
}
