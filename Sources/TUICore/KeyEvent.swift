/// A key press with its modifiers. Hashable, so a key map can be a dictionary keyed by it.
public struct KeyEvent: Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var modifiers: KeyModifiers

    public init(_ key: Key, modifiers: KeyModifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// A plain character key, e.g. `.character("q")`.
    public static func character(_ character: Character) -> KeyEvent { KeyEvent(.character(character)) }

    /// Ctrl with a letter, e.g. `.ctrl("c")`; letters are stored lowercase, as the terminal sends them.
    public static func ctrl(_ character: Character) -> KeyEvent {
        KeyEvent(.character(Character(character.lowercased())), modifiers: .control)
    }

    /// Alt (Meta) with a character, e.g. `.alt("x")`.
    public static func alt(_ character: Character) -> KeyEvent { KeyEvent(.character(character), modifiers: .alt) }

    /// The name shown in help screens and footers: "Ctrl+C", "Alt+x", "Shift+Up", "PageDown", "F5", "Space".
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        parts.append(keyName)
        return parts.joined(separator: "+")
    }

    private var keyName: String {
        switch key {
        case .character(" "): return "Space"
        case .character(let character):
            let text = SafeText.escaped(String(character))
            return modifiers.contains(.control) ? text.uppercased() : text
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift+Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .function(let number): return "F\(number)"
        }
    }
}
