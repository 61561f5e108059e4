import TUICore

/// The key bindings, as data: the reducer, the footer hints and the help overlay all read this
/// one list, so they cannot drift apart.
public struct KeyBinding: Sendable {
    public let keys: [KeyEvent]
    public let action: Action
    public let help: String
    /// Shown in the footer (short form) when set.
    public let hint: String?

    public init(_ keys: [KeyEvent], _ action: Action, _ help: String, hint: String? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
    }

    /// How the keys read in the help, e.g. `←/h`.
    public var keyNames: String {
        keys.map(\.description).joined(separator: "/")
    }
}

public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding([KeyEvent(.left), .character("h")], .moveCursor(by: -1), "previous event", hint: "←→ scrub"),
        KeyBinding([KeyEvent(.right), .character("l")], .moveCursor(by: 1), "next event"),
        KeyBinding([KeyEvent(.up), .character("k")], .moveSelection(by: -1), "up in the focused pane (events: the cursor; others scroll)"),
        KeyBinding([KeyEvent(.down), .character("j")], .moveSelection(by: 1), "down in the focused pane"),
        KeyBinding([KeyEvent(.pageUp)], .pageCursor(by: -1), "a page up in the focused pane"),
        KeyBinding([KeyEvent(.pageDown)], .pageCursor(by: 1), "a page down in the focused pane"),
        KeyBinding([KeyEvent(.home)], .cursorToStart, "the top: the first event, or the top of the focused pane"),
        KeyBinding([KeyEvent(.end), .character("G")], .cursorToEnd, "the bottom: the last event, or the end of the focused pane"),
        KeyBinding([.character("g")], .openPrompt(.position), "jump to a global position (#1,000); in another pane, its top"),
        KeyBinding([.character("t")], .openPrompt(.time), "jump to a time (ISO, 15:04, -2h30m)", hint: "t time"),
        KeyBinding([.character("[")], .stepInStream(by: -1), "previous event of the aggregate's stream", hint: "[] stream"),
        KeyBinding([.character("]")], .stepInStream(by: 1), "next event of the aggregate's stream"),
        KeyBinding([.character("/")], .openPrompt(.filter), "search: words, stream:, type:, streamtype:, data.x>1 (see below)", hint: "/ search"),
        KeyBinding([.character("n")], .nextMatch(forward: true), "next match of the search"),
        KeyBinding([.character("N")], .nextMatch(forward: false), "previous match of the search"),
        KeyBinding([.character("&")], .toggleOnlyMatches, "show only the search's matches, or every event again"),
        KeyBinding([.character("s")], .openPicker, "pick a stream (or a stream type) from a list", hint: "s streams"),
        KeyBinding([KeyEvent(.enter)], .activate, "event detail / fold a state object / jump to a blamed event", hint: "⏎ detail"),
        KeyBinding([.character("b")], .blameSelectedField, "blame: every event that changed the selected field", hint: "b blame"),
        KeyBinding([.character("d")], .toggleDiff, "diff against the previous version"),
        KeyBinding([.character("y")], .copy, "copy the cursor event (aggregate pane: the selected state) as JSON", hint: "y copy"),
        KeyBinding([.character("c")], .cycleColumns, "next set of columns in the events list"),
        KeyBinding([.character("m")], .mark, "mark the cursor"),
        KeyBinding([.character("'")], .nextMark, "go to the next mark"),
        KeyBinding([KeyEvent(.tab)], .focusNext, "focus the next pane", hint: "⇥ pane"),
        KeyBinding([KeyEvent(.backTab)], .focusPrevious, "focus the previous pane"),
        KeyBinding([.character("z")], .toggleZoom, "zoom the focused pane"),
        KeyBinding([.character("f")], .toggleFollow, "follow the store (LIVE: the cursor stays on the newest event) or pause", hint: "f follow"),
        KeyBinding([.character(":")], .openPrompt(.command), "command: find EXPR, write FILE, write! FILE, stream NAME, quit", hint: ": cmd"),
        KeyBinding([.character("?")], .showHelp, "this help", hint: "? help"),
        KeyBinding([KeyEvent(.escape)], .dismiss, "close the overlay or prompt; cancel a running search or projections"),
        KeyBinding([.character("q"), .ctrl("c")], .quit, "quit", hint: "q quit"),
    ]

    private static let table: [KeyEvent: Action] = {
        var table: [KeyEvent: Action] = [:]
        for binding in bindings {
            for key in binding.keys { table[key] = binding.action }
        }
        return table
    }()

    public static func action(for key: KeyEvent) -> Action? {
        table[key]
    }

    /// The footer's hints, in binding order.
    public static var hints: [String] { bindings.compactMap(\.hint) }
}
