import EventModel
import TUICore

/// The log around the cursor (or the filter's matches), one event per row; the cursor row is
/// highlighted. Payload text is shown escaped (the Buffer never stores control characters).
struct EventsPane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState, _ session: ExplorerSession) {
        guard rect.height > 0, rect.width > 0, session.isIndexed else { return }
        let rows = Self.visibleIndexes(state: state, height: rect.height, session: session)
        guard !rows.isEmpty else {
            _ = buffer.write(state.filter == nil ? "no events" : "no event matches '\(state.filter?.text ?? "")'",
                             at: rect.x, y: rect.y, maxWidth: rect.width, style: screen.theme.dim)
            return
        }
        let contiguous = state.filter == nil
        let events = contiguous ? session.events(from: rows[0], count: rows.count) : rows.compactMap { session.event(at: $0) }
        for (offset, (index, event)) in zip(rows, events).enumerated() {
            let y = rect.y + offset
            let isCursor = index == state.cursor
            let style = isCursor ? screen.theme.cursor : .plain
            if isCursor { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            var x = rect.x
            let marker = state.marks.contains(index) ? "'" : (event.problems.isEmpty ? " " : "!")
            x += buffer.write(marker, at: x, y: y, style: event.problems.isEmpty ? style : screen.theme.warning)
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

    /// The log indexes shown, keeping the cursor about a third of the way down.
    static func visibleIndexes(state: AppState, height: Int, session: ExplorerSession) -> [Int] {
        guard height > 0 else { return [] }
        if let filter = state.filter {
            let around = filter.matches.firstIndex { $0 >= state.cursor } ?? max(0, filter.matches.count - 1)
            let start = min(max(0, around - height / 3), max(0, filter.matches.count - height))
            return Array(filter.matches[start..<min(filter.matches.count, start + height)])
        }
        let count = session.index.count
        let start = min(max(0, state.cursor - height / 3), max(0, count - height))
        return Array(start..<min(count, start + height))
    }

    /// The log index shown on a row of the pane's inside (for mouse clicks).
    static func index(atRow row: Int, state: AppState, rect: Rect, session: ExplorerSession) -> Int? {
        let rows = visibleIndexes(state: state, height: max(0, rect.height - 2), session: session)
        return rows.indices.contains(row) ? rows[row] : nil
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let shown = DisplayWidth.truncate(text, toWidth: width)
        return shown + String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
    }
}
