/// A mouse action at a cell (x is the column, y the row, both from 0 at the top left).
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable {
        case left, middle, right
    }

    public enum Kind: Hashable, Sendable {
        case press(Button)
        case release
        case scrollUp
        case scrollDown
        /// The mouse moved with a button held (only on terminals that report motion).
        case drag
    }

    public var x: Int
    public var y: Int
    public var kind: Kind
    public var modifiers: KeyModifiers

    public init(x: Int, y: Int, kind: Kind, modifiers: KeyModifiers = []) {
        self.x = x
        self.y = y
        self.kind = kind
        self.modifiers = modifiers
    }
}
