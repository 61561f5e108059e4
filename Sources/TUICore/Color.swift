/// A terminal colour: the eight ANSI colours, their bright variants, or the terminal's own default.
///
/// Only these sixteen are offered so that a theme renders the same on every terminal that has
/// colours at all; the backend maps bright colours to bold on terminals with only eight.
public enum Color: Hashable, Sendable, CaseIterable {
    /// The terminal's configured foreground or background (what the user's theme chose).
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The ANSI colour number: 0–7 for the base colours, 8–15 for the bright ones, nil for `.default`.
    public var ansiIndex: Int? {
        switch self {
        case .default: return nil
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        }
    }

    /// True for the eight bright variants.
    public var isBright: Bool { (ansiIndex ?? 0) >= 8 }
}
