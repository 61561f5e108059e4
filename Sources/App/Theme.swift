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
        selected: Style(underline: true))

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
        selected: Style(underline: true))

    public static func forTerminal(_ support: ColorSupport) -> Theme {
        support == .none ? .monochrome : .color
    }
}
