/// The characters used to draw borders and separators.
///
/// `light` uses Unicode box drawing; `ascii` (`+ - |`) is for terminals whose locale is not
/// UTF-8, where box drawing would come out as garbage.
public struct BoxCharacters: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// ├ — a separator leaving a vertical line to the right.
    public var teeRight: Character
    /// ┤ — a separator leaving a vertical line to the left.
    public var teeLeft: Character
    /// ┬ — a separator leaving a horizontal line downwards.
    public var teeDown: Character
    /// ┴ — a separator leaving a horizontal line upwards.
    public var teeUp: Character
    public var cross: Character

    public init(
        horizontal: Character, vertical: Character,
        topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
        teeRight: Character, teeLeft: Character, teeDown: Character, teeUp: Character, cross: Character
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.teeRight = teeRight
        self.teeLeft = teeLeft
        self.teeDown = teeDown
        self.teeUp = teeUp
        self.cross = cross
    }

    /// Unicode light box drawing: ┌─┐│└┘├┤┬┴┼.
    public static let light = BoxCharacters(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴", cross: "┼"
    )

    /// Plain ASCII: + for corners and joins, - and |.
    public static let ascii = BoxCharacters(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+", cross: "+"
    )

    /// `light` on a Unicode terminal, `ascii` otherwise.
    public static func forTerminal(isUnicode: Bool) -> BoxCharacters { isUnicode ? .light : .ascii }
}
