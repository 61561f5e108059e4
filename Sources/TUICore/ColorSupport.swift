/// How many colours the terminal can show, as the backend found out at start.
///
/// The app picks its theme from this: with `.none` (no colours, or `NO_COLOR` set) it should
/// rely on bold, underline and reverse video alone.
public enum ColorSupport: Hashable, Sendable {
    /// Monochrome: only attributes (bold, dim, underline, reverse) are shown.
    case none
    /// The eight ANSI colours; bright foregrounds are shown as bold.
    case basic8
    /// 256 colours (or at least 16), so bright colours are real colours.
    case colors256
}
