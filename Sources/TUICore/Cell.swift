/// One screen cell: a grapheme cluster, its style and how many columns it takes.
///
/// A wide character (CJK, emoji) takes two cells: the first holds the character with
/// `width == 2`, the second is a continuation cell (`width == 0`) that the terminal never draws.
/// A cell only ever holds a character that is safe to send to a terminal.
public struct Cell: Hashable, Sendable {
    /// What the cell shows; a space for blank and continuation cells.
    public let character: Character
    public var style: Style
    /// 1 or 2 for a cell that starts a character, 0 for the second half of a wide character.
    public let width: Int

    /// A cell showing `character`. Characters that must not reach a terminal raw (controls,
    /// escape sequences, bidi overrides, zero-width characters) become U+FFFD; use
    /// `Buffer.write` to show them escaped instead.
    public init(_ character: Character = " ", style: Style = .plain) {
        if Cell.isSafe(character) {
            self.init(character, width: DisplayWidth.of(character), style: style)
        } else {
            self.init("\u{FFFD}", width: 1, style: style)
        }
    }

    init(_ character: Character, width: Int, style: Style) {
        self.character = character
        self.width = width
        self.style = style
    }

    /// A blank cell with the plain style.
    public static let blank = Cell()

    /// A blank cell with `style` (so a background colour still shows).
    public static func blank(_ style: Style) -> Cell { Cell(" ", width: 1, style: style) }

    /// The second half of a wide character.
    static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }

    /// What a terminal whose character set is not UTF-8 shows here: the character when it is
    /// ASCII, `?` otherwise (the backend draws exactly this, and ASCII snapshots show it).
    public var asciiFallback: Character {
        character.isASCII ? character : "?"
    }

    /// True when `character` can be sent to a terminal as is: it takes at least one column and
    /// holds nothing SafeText would escape.
    static func isSafe(_ character: Character) -> Bool {
        DisplayWidth.of(character) > 0 && !character.unicodeScalars.contains(where: SafeText.needsEscape)
    }
}
