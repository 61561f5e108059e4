import EventModel
import Replay
import TUICore

/// Draws the whole frame for a state: header, timeline, panes, footer, overlays.
public struct Screen {
    public let theme: Theme
    public let box: BoxCharacters
    /// Block characters for the histogram (ASCII on terminals without Unicode).
    public let bars: [Character]

    public init(theme: Theme, unicode: Bool) {
        self.theme = theme
        box = BoxCharacters.forTerminal(isUnicode: unicode)
        bars = unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", ":", ":", "|", "|", "#", "#"]
    }

    public func render(_ state: AppState, _ session: ExplorerSession) -> Buffer {
        // The log may have shrunk under the cursor (a store truncated or replaced): draw within it.
        var state = state
        state.cursor = min(max(0, state.cursor), max(0, session.index.count - 1))
        var buffer = Buffer(width: max(0, state.width), height: max(0, state.height))
        let layout = Layout(state)
        drawHeader(&buffer, layout.header, state, session)
        TimelinePane(screen: self).draw(&buffer, layout.timeline, state, session)
        for (pane, rect) in layout.panes {
            let inner = frame(&buffer, rect, title: pane.title, focused: pane == state.focus)
            switch pane {
            case .events: EventsPane(screen: self).draw(&buffer, inner, state, session)
            case .aggregate: AggregatePane(screen: self).draw(&buffer, inner, state, session)
            case .projections: ProjectionsPane(screen: self).draw(&buffer, inner, state, session)
            case .outbox: OutboxPane(screen: self).draw(&buffer, inner, state, session)
            }
        }
        drawFooter(&buffer, layout.footer, state, session)
        if let overlay = state.overlay {
            Overlays(screen: self).draw(&buffer, overlay, state, session)
        }
        return buffer
    }

    /// A box with a title; returns the inside.
    func frame(_ buffer: inout Buffer, _ rect: Rect, title: String, focused: Bool) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.drawBox(rect, box: box, style: focused ? theme.focusedBorder : theme.border)
        _ = buffer.write(" \(title) ", at: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: focused ? theme.focusedBorder : theme.title)
        return rect.inset(by: 1)
    }

    // MARK: - Header and footer

    private func drawHeader(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState, _ session: ExplorerSession) {
        buffer.fill(rect, style: theme.header)
        // The cursor comes first, so that narrow screens still show where it is.
        var parts: [String] = []
        if session.isIndexed, !session.index.isEmpty {
            let position = session.index.positions[state.cursor]
            parts.append("#\(DisplayFormat.grouped(Int(position)))")
            if let event = session.event(at: state.cursor) { parts.append(event.time?.iso8601 ?? event.recordedAt) }
            parts.append(state.follows ? "LIVE" : (state.newWhilePaused > 0 ? "PAUSED +\(DisplayFormat.grouped(state.newWhilePaused)) new" : "PAUSED"))
            parts.append("\(DisplayFormat.grouped(state.cursor + 1))/\(DisplayFormat.grouped(session.index.count)) events")
        } else {
            parts.append(session.isIndexed ? "no events" : "indexing \(DisplayFormat.grouped(session.indexProgress)) events…")
        }
        parts += [session.storeName, session.kind == .sqlite ? "SQLite" : "JSON Lines", "evx"]
        _ = buffer.write(" " + parts.joined(separator: " · "), at: rect.x, y: rect.y, maxWidth: rect.width, style: theme.header)
    }

    private func drawFooter(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState, _ session: ExplorerSession) {
        if let prompt = state.prompt {
            let used = buffer.write(prompt.kind.rawValue + prompt.text, at: rect.x, y: rect.y, maxWidth: rect.width)
            _ = buffer.write("▏", at: rect.x + used, y: rect.y, maxWidth: max(0, rect.width - used), style: theme.marker)
            return
        }
        if let message = state.message ?? session.problem {
            _ = buffer.write(message, at: rect.x, y: rect.y, maxWidth: rect.width, style: theme.marker)
            return
        }
        let filter = state.filter.map { "filter '\($0.text)': \($0.matches.count) · Esc clears · " } ?? ""
        _ = buffer.write(filter + KeyMap.hints.joined(separator: "  "), at: rect.x, y: rect.y, maxWidth: rect.width, style: theme.dim)
    }
}
