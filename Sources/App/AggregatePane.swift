import JSON
import Replay
import TUICore

/// The shown stream's state as of the cursor, as a foldable tree: what the cursor event added
/// (+), changed (~) or removed (-) is highlighted; its replay warnings follow. `d` switches to the
/// diff against the previous version.
struct AggregatePane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, inner rect: Rect, frame: Rect, _ state: AppState) {
        guard rect.height > 0, rect.width > 0 else { return }
        if let shown = state.shown {
            draw(shown, title: title(of: shown, state), &buffer, inner: rect, frame: frame, state)
            return
        }
        let text: String
        if let stream = state.shownStream, state.store.missingStreams.contains(stream) {
            text = "no stream '\(stream)'"
        } else if state.shownStream == nil, state.store.isOpen, state.cursor == nil {
            text = "no stream to show"
        } else {
            text = "reading\(state.shownStream.map { " " + $0 } ?? "")\(screen.ellipsis)"
            // The last aggregate stays while the next one is read (a followed store moves to another
            // stream with nearly every append): the pane is never blank, and says what it shows.
            if let last = state.lastShown {
                let title = "\(text) \(screen.separator) shown: \(last.stream) v\(last.replayed.version)"
                draw(last, title: screen.ui(title), &buffer, inner: rect, frame: frame, state)
                return
            }
        }
        _ = buffer.write(text, at: rect.x, y: rect.y, maxWidth: rect.width, style: screen.theme.dim)
    }

    private func title(of shown: ShownAggregate, _ state: AppState) -> String {
        let events = shown.history.events, total = events.count
        var title = "\(shown.stream) (\(shown.history.streamType)) v\(shown.replayed.version) of \(total > 0 ? events.version(at: total - 1) : 0)"
        if state.pinnedStream != nil { title += " · pinned" }
        if state.aggregate.showsDiff { title += " · diff with the previous version (d)" }
        if shown.count == 0 { title += " · before its first event" }
        if shown.count < total { title += " · next #\(events.position(at: shown.count))" }
        if state.requests.isRunning(.stream) { title += " · updating…" }
        return screen.ui(title)
    }

    private func draw(_ shown: ShownAggregate, title: String, _ buffer: inout Buffer, inner rect: Rect, frame: Rect, _ state: AppState) {
        _ = buffer.write(title, at: rect.x, y: rect.y, maxWidth: rect.width, style: state.shown == nil ? screen.theme.dim : screen.theme.title)
        var y = rect.y + 1
        let warnings = shown.replayed.warnings
        let bottom = rect.maxY - min(warnings.count, 2)
        if state.aggregate.showsDiff {
            let changes = StateDiff.between(shown.previous ?? shown.history.base, shown.replayed.state)
            if changes.isEmpty, y < bottom {
                _ = buffer.write("no change from the previous version", at: rect.x, y: y, maxWidth: rect.width, style: screen.theme.dim)
            }
            for change in changes where y < bottom {
                let (symbol, style, text) = Self.describe(change, screen.theme, arrow: screen.arrow)
                _ = buffer.write(symbol + " " + text, at: rect.x, y: y, maxWidth: rect.width, style: style)
                y += 1
            }
        } else {
            let visible = max(0, bottom - y)
            let selected = min(state.aggregate.selectedRow, max(0, shown.rows.count - 1))
            let start = min(max(0, selected - visible / 2), max(0, shown.rows.count - visible))
            let scrolls = shown.rows.count > visible
            let scroller = ScrollView(screen: screen)
            if scrolls { scroller.drawBar(&buffer, x: rect.maxX - 1, y: y, height: visible, first: start, total: shown.rows.count) }
            let width = scrolls ? rect.width - 1 : rect.width
            if scrolls, frame.width > 12 {
                let last = min(shown.rows.count, start + visible)
                let label = screen.ui(" \(start + 1)-\(last)/\(shown.rows.count)\(last < shown.rows.count ? " more ↓" : "") ")
                _ = buffer.write(label, at: frame.maxX - 2 - DisplayWidth.of(label), y: frame.maxY - 1, style: screen.theme.dim)
            }
            for (offset, row) in shown.rows.dropFirst(start).prefix(visible).enumerated() {
                let isSelected = state.focus == .aggregate && start + offset == selected
                var style: Style
                let symbol: String
                switch row.change {
                case .added: (symbol, style) = ("+", screen.theme.added)
                case .changed: (symbol, style) = ("~", screen.theme.changed)
                case .removed: (symbol, style) = ("-", screen.theme.removed)
                case .none: (symbol, style) = (" ", .plain)
                }
                if isSelected { style.reverse = true }
                let indent = String(repeating: "  ", count: row.depth)
                _ = buffer.write(symbol + " " + indent + row.text(ellipsis: screen.ellipsis), at: rect.x, y: y + offset, maxWidth: width, style: style)
            }
        }
        for (offset, warning) in warnings.prefix(2).enumerated() {
            _ = buffer.write(screen.warningSign + " " + warning, at: rect.x, y: bottom + offset, maxWidth: rect.width, style: screen.theme.warning)
        }
    }

    static func describe(_ change: StateChange, _ theme: Theme, arrow: String) -> (String, Style, String) {
        let old = change.old.map(JSONWriter.compact) ?? "", new = change.new.map(JSONWriter.compact) ?? ""
        switch change.kind {
        case .added: return ("+", theme.added, "\(change.path): \(new)")
        case .removed: return ("-", theme.removed, "\(change.path): \(old)")
        case .changed: return ("~", theme.changed, "\(change.path): \(old) \(arrow) \(new)")
        }
    }
}
