import CNcurses
import TUICore

/// Turns a `Style` into curses attributes and a colour pair, creating pairs the first time a
/// combination is used (terminals have a limited number of them).
struct Palette {
    let colorSupport: ColorSupport
    /// The terminal supports "default colour" (-1) via use_default_colors.
    let defaultColors: Bool
    private var pairs: [PairColors: Int16] = [:]
    private var nextPair: Int16 = 1

    private struct PairColors: Hashable {
        let foreground: Int16
        let background: Int16
    }

    init(colorSupport: ColorSupport, defaultColors: Bool) {
        self.colorSupport = colorSupport
        self.defaultColors = defaultColors
    }

    /// Attributes and colour pair for `style`. With eight colours a bright foreground is shown
    /// as bold; without colours only the attributes remain.
    mutating func attributes(for style: Style) -> (attributes: attr_t, pair: Int16) {
        var attributes = evx_a_normal()
        if style.bold || (colorSupport == .basic8 && style.foreground.isBright) { attributes |= evx_a_bold() }
        if style.dim { attributes |= evx_a_dim() }
        if style.underline { attributes |= evx_a_underline() }
        if style.reverse { attributes |= evx_a_reverse() }
        guard colorSupport != .none else { return (attributes, 0) }
        let colors = PairColors(
            foreground: number(for: style.foreground, defaultNumber: 7),
            background: number(for: style.background, defaultNumber: 0)
        )
        return (attributes, pair(for: colors))
    }

    /// The curses colour number; `defaultNumber` stands in for `.default` on terminals that
    /// cannot keep their own default colours.
    private func number(for color: Color, defaultNumber: Int16) -> Int16 {
        guard let index = color.ansiIndex else { return defaultColors ? -1 : defaultNumber }
        return Int16(colorSupport == .colors256 ? index : index % 8)
    }

    /// Pair 0 is the terminal's default pair; when the pairs run out, colours fall back to it.
    private mutating func pair(for colors: PairColors) -> Int16 {
        if colors == PairColors(foreground: defaultColors ? -1 : 7, background: defaultColors ? -1 : 0) { return 0 }
        if let pair = pairs[colors] { return pair }
        guard Int(nextPair) < min(Int(evx_color_pairs()), Int(Int16.max)),
              init_pair(nextPair, colors.foreground, colors.background) == OK else { return 0 }
        pairs[colors] = nextPair
        nextPair += 1
        return pairs[colors] ?? 0
    }
}
