/// A key on the keyboard, without modifiers.
public enum Key: Hashable, Sendable {
    /// A printable character. Ctrl+letter arrives as the lowercase letter with `.control`.
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1 is `.function(1)`.
    case function(Int)
}
