/// Something that happened at the terminal, as the run loop sees it.
public enum InputEvent: Hashable, Sendable {
    case key(KeyEvent)
    case mouse(MouseEvent)
    /// The terminal now has this many columns and rows; redraw everything.
    case resize(width: Int, height: Int)
    /// Nothing arrived before the timeout: a chance to poll for store changes or animate.
    case tick
}
