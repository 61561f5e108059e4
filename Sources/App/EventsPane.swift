import EventModel
import TUICore

/// The log around the cursor (or the search's matches only), one event per row; the cursor row
/// is highlighted and matches are marked. Payload text is shown escaped (the Buffer never stores
/// control characters). Rows whose event is not read yet show a placeholder.
struct EventsPane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState) {
        guard rect.height > 0, rect.width > 0 else { return }
        let rows = Self.visiblePositions(state, height: rect.height)
        guard !rows.isEmpty else {
            let text: String
            if !state.store.isOpen || state.cursor != nil {
                text = "reading\(screen.ellipsis)"
            } else if let search = state.search, search.onlyMatches {
                text = "no event matches '\(search.text)'"
            } else {
                text = "no events"
            }
            _ = buffer.write(text, at: rect.x, y: rect.y, maxWidth: rect.width, style: screen.theme.dim)
            return
        }
        for (offset, position) in rows.enumerated() {
            let y = rect.y + offset
            let isCursor = position == state.cursor
            let style = isCursor ? screen.theme.cursor : .plain
            if isCursor { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            guard let event = state.store.events[position] else {
                _ = buffer.write(" #\(position) \(screen.ellipsis)", at: rect.x, y: y, maxWidth: rect.width, style: isCursor ? style : screen.theme.dim)
                continue
            }
            var x = rect.x
            let isMatch = state.search?.isMatch(position) == true
            let marker = state.marks.contains(position) ? "'" : (event.problems.isEmpty ? (isMatch ? "*" : " ") : "!")
            x += buffer.write(marker, at: x, y: y, style: event.problems.isEmpty ? (isMatch ? screen.theme.marker : style) : screen.theme.warning)
            let columns = [
                Self.pad("#\(event.position)", 7), String((event.time?.iso8601 ?? event.recordedAt).dropFirst(11).prefix(12)),
                Self.pad(event.stream, 14), Self.pad(event.type + (event.schemaVersion == 1 ? "" : "@\(event.schemaVersion)"), 17),
            ]
            for (column, text) in columns.enumerated() {
                let columnStyle = column == 1 && !isCursor ? screen.theme.dim : style
                x += buffer.write(text + " ", at: x, y: y, maxWidth: max(0, rect.maxX - x), style: columnStyle)
            }
            if x < rect.maxX {
                _ = buffer.write(event.data, at: x, y: y, maxWidth: rect.maxX - x, style: isCursor ? style : screen.theme.dim)
            }
        }
    }

    /// The positions shown, keeping the cursor about a third of the way down.
    static func visiblePositions(_ state: AppState, height: Int) -> [Int64] {
        guard height > 0, let cursor = state.cursor else { return [] }
        if let search = state.search, search.onlyMatches {
            guard let matches = search.matches, !matches.isEmpty else { return [] }
            let around = matches.firstIndex { $0 >= cursor } ?? matches.count - 1
            let start = min(max(0, around - height / 3), max(0, matches.count - height))
            return Array(matches[start..<min(matches.count, start + height)])
        }
        let log = state.store.log
        guard log.contains(cursor) else { return [] }
        let run = log.run
        let index = run.index(atOrBefore: cursor)
        let start = min(max(0, index - height / 3), max(0, run.count - height))
        return Array(run.positions[start..<min(run.count, start + height)])
    }

    /// The position shown on a row of the pane's inside (for mouse clicks).
    static func position(atRow row: Int, state: AppState, height: Int) -> Int64? {
        let rows = visiblePositions(state, height: max(0, height))
        return rows.indices.contains(row) ? rows[row] : nil
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let shown = DisplayWidth.truncate(text, toWidth: width)
        return shown + String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
    }
}
