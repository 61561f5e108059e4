import TUICore

/// The explorer's styles. With colours it uses the terminal's palette; without (NO_COLOR, or a
/// monochrome terminal) it relies on bold, dim, underline and reverse alone.
public struct Theme: Sendable {
    public var header: Style
    public var border: Style
    public var focusedBorder: Style
    public var title: Style
    public var cursor: Style
    public var dim: Style
    public var added: Style
    public var changed: Style
    public var removed: Style
    public var warning: Style
    public var bar: Style
    public var marker: Style
    public var selected: Style
    /// Colours for event types, chosen per type by a stable hash of its name (empty: no colour).
    public var typeColors: [Color]
    /// Rows of the pinned stream's events in the events list.
    public var pinned: Style
    /// A search match inside a row or the detail.
    public var match: Style

    public static let color = Theme(
        header: Style(foreground: .black, background: .cyan, bold: true),
        border: Style(foreground: .brightBlack),
        focusedBorder: Style(foreground: .cyan, bold: true),
        title: Style(bold: true),
        cursor: Style(reverse: true),
        dim: Style(foreground: .brightBlack),
        added: Style(foreground: .green, bold: true),
        changed: Style(foreground: .yellow, bold: true),
        removed: Style(foreground: .red),
        warning: Style(foreground: .red, bold: true),
        bar: Style(foreground: .blue),
        marker: Style(foreground: .yellow, bold: true),
        selected: Style(underline: true),
        typeColors: [.cyan, .green, .magenta, .yellow, .blue, .brightCyan, .brightGreen, .brightMagenta, .brightYellow, .brightBlue, .red, .brightRed],
        pinned: Style(bold: true),
        match: Style(foreground: .black, background: .yellow))

    public static let monochrome = Theme(
        header: Style(reverse: true),
        border: Style(dim: true),
        focusedBorder: Style(bold: true),
        title: Style(bold: true),
        cursor: Style(reverse: true),
        dim: Style(dim: true),
        added: Style(bold: true),
        changed: Style(bold: true, underline: true),
        removed: Style(dim: true),
        warning: Style(bold: true),
        bar: Style(),
        marker: Style(bold: true),
        selected: Style(underline: true),
        typeColors: [],
        pinned: Style(bold: true),
        match: Style(underline: true))

    /// The style of an event type's name: the same colour for the same type in every run.
    public func style(ofType type: String) -> Style {
        guard !typeColors.isEmpty else { return .plain }
        var hash: UInt32 = 2_166_136_261  // FNV-1a: stable across runs, unlike Hasher
        for byte in type.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Style(foreground: typeColors[Int(hash % UInt32(typeColors.count))])
    }

    public static func forTerminal(_ support: ColorSupport) -> Theme {
        support == .none ? .monochrome : .color
    }
}
