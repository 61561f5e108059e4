import EventModel
import Replay
import TUICore

/// Draws the whole frame for a state: header, timeline, panes, footer, overlays. It reads the
/// state alone (never the store): what is not loaded yet draws as a placeholder.
public struct Screen: Sendable {
    public let theme: Theme
    public let box: BoxCharacters
    /// Block characters for the histogram (ASCII on terminals without Unicode).
    public let bars: [Character]

    public init(theme: Theme, unicode: Bool) {
        self.theme = theme
        box = BoxCharacters.forTerminal(isUnicode: unicode)
        bars = unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", ":", ":", "|", "|", "#", "#"]
    }

    public func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(width: max(0, state.width), height: max(0, state.height))
        let layout = Layout(state)
        drawHeader(&buffer, layout.header, state)
        TimelinePane(screen: self).draw(&buffer, layout.timeline, state)
        for (pane, rect) in layout.panes {
            let inner = layout.isTabbed ? tabs(&buffer, rect, focused: pane) : frame(&buffer, rect, title: pane.title, focused: pane == state.focus)
            switch pane {
            case .events: EventsPane(screen: self).draw(&buffer, inner, state)
            case .aggregate: AggregatePane(screen: self).draw(&buffer, inner: inner, frame: rect, state)
            case .projections: ProjectionsPane(screen: self).draw(&buffer, inner: inner, frame: rect, state)
            case .outbox: OutboxPane(screen: self).draw(&buffer, inner: inner, frame: rect, state)
            }
        }
        drawFooter(&buffer, layout.footer, state)
        if let overlay = state.overlay {
            Overlays(screen: self).draw(&buffer, overlay, state)
        }
        return buffer
    }

    /// A box with a title; returns the inside.
    func frame(_ buffer: inout Buffer, _ rect: Rect, title: String, focused: Bool) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.drawBox(rect, box: box, style: focused ? theme.focusedBorder : theme.border)
        _ = buffer.write(ui(" \(title) "), at: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: focused ? theme.focusedBorder : theme.title)
        return rect.inset(by: 1)
    }

    /// A box whose top border names every pane, the shown one highlighted (Tab moves along);
    /// returns the inside.
    func tabs(_ buffer: inout Buffer, _ rect: Rect, focused: AppState.Pane) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.drawBox(rect, box: box, style: theme.focusedBorder)
        var x = rect.x + 2
        for pane in AppState.Pane.allCases {
            let label = pane == focused ? "[\(pane.title)]" : " \(pane.title) "
            guard x + DisplayWidth.of(label) < rect.maxX - 1 else { break }
            x += buffer.write(label, at: x, y: rect.y, style: pane == focused ? theme.focusedBorder : theme.dim) + 1
        }
        return rect.inset(by: 1)
    }

    /// Text evx writes itself, with its symbols in ASCII on a terminal without UTF-8.
    func ui(_ text: String) -> String {
        box == .ascii ? Glyphs.ascii(text) : text
    }

    /// "…" on terminals that can show it, "..." otherwise: what is not loaded yet, or cut.
    var ellipsis: String { box == .ascii ? "..." : "…" }
    var arrow: String { box == .ascii ? "->" : "→" }
    /// Between parts of a line (the header's, the footer's).
    var separator: String { box == .ascii ? "|" : "·" }
    /// Before a number that is an estimate.
    var approximately: String { box == .ascii ? "~" : "≈" }
    /// Marks a warning.
    var warningSign: String { box == .ascii ? "!" : "⚠" }

    // MARK: - Header and footer

    private func drawHeader(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState) {
        buffer.fill(rect, style: theme.header)
        // The cursor comes first, so that narrow screens still show where it is.
        var parts: [String] = []
        let log = state.store.log
        if let cursor = state.cursor, let bounds = log.bounds {
            parts.append("#\(DisplayFormat.grouped(Int(cursor)))")
            if let event = state.cursorEvent { parts.append(event.time?.iso8601 ?? event.recordedAt) }
            parts.append(state.follows ? "LIVE" : (state.newWhilePaused > 0 ? "PAUSED +\(DisplayFormat.grouped(state.newWhilePaused)) new" : "PAUSED"))
            if let ordinal = log.ordinal(of: cursor) {
                let approximate = ordinal.exact && bounds.countIsExact ? "" : approximately
                parts.append("\(approximate)\(DisplayFormat.grouped(ordinal.value + 1))/\(approximate)\(DisplayFormat.grouped(bounds.count)) events")
            }
            if state.requests.isRunning(.open), let progress = state.requests.progress[.open] {
                parts.append("indexing \(DisplayFormat.grouped(progress.done))\(ellipsis)")
            }
        } else if state.store.isOpen {
            parts.append("no events")
        } else {
            parts.append("opening\(ellipsis)")
        }
        parts += [state.source.name, state.source.format, "evx"]
        _ = buffer.write(" " + parts.joined(separator: " \(separator) "), at: rect.x, y: rect.y, maxWidth: rect.width, style: theme.header)
    }

    private func drawFooter(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState) {
        if let prompt = state.prompt {
            let used = buffer.write(prompt.kind.rawValue + prompt.text, at: rect.x, y: rect.y, maxWidth: rect.width)
            _ = buffer.write(ui("▏"), at: rect.x + used, y: rect.y, maxWidth: max(0, rect.width - used), style: theme.marker)
            return
        }
        if let message = state.message ?? state.store.problem {
            _ = buffer.write(ui(message), at: rect.x, y: rect.y, maxWidth: rect.width, style: theme.marker)
            return
        }
        var search = ""
        if let active = state.search {
            if let matches = active.matches {
                search = "/\(active.text): \(DisplayFormat.grouped(matches.count)) match\(matches.count == 1 ? "" : "es")\(active.onlyMatches ? " (only matches)" : "") · n/N · Esc clears · "
            } else {
                let done = state.requests.progress[.search].map { " \(DisplayFormat.grouped($0.done)) events read" } ?? ""
                search = "/\(active.text): searching\(ellipsis)\(done) · Esc cancels · "
            }
        }
        _ = buffer.write(ui(search + KeyMap.hints.joined(separator: "  ")), at: rect.x, y: rect.y, maxWidth: rect.width, style: search.isEmpty ? theme.dim : theme.title)
    }
}
