import TUICore

/// The event rate over the store's time span as a histogram, with the cursor (▲) and marks (').
struct TimelinePane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState, _ session: ExplorerSession) {
        let inner = screen.frame(&buffer, rect, title: "Timeline", focused: false)
        guard inner.width > 0, inner.height > 0 else { return }
        guard session.isIndexed, !session.index.isEmpty else {
            _ = buffer.write(session.isIndexed ? "the store holds no events" : "indexing the log: \(DisplayFormat.grouped(session.indexProgress)) events…",
                             at: inner.x, y: inner.y, maxWidth: inner.width, style: screen.theme.dim)
            return
        }
        let index = session.index
        let rows = max(1, inner.height - 1)
        let counts = session.histogram(buckets: inner.width)
        let peak = max(1, counts.max() ?? 1)
        let levels = screen.bars.count - 1
        for (column, count) in counts.enumerated() {
            // Each bucket's bar in eighths of a row, from the bottom row up; a non-empty bucket shows at least a sliver.
            var eighths = count == 0 ? 0 : max(1, count * rows * levels / peak)
            for row in stride(from: rows - 1, through: 0, by: -1) {
                let level = min(levels, eighths)
                eighths -= level
                if level > 0 {
                    buffer.fill(Rect(x: inner.x + column, y: inner.y + row, width: 1, height: 1), character: screen.bars[level], style: screen.theme.bar)
                }
            }
        }
        let markerRow = inner.y + rows
        guard markerRow < inner.maxY else { return }
        for mark in state.marks where index.positions.indices.contains(mark) {
            buffer.fill(Rect(x: inner.x + index.bucket(of: mark, buckets: inner.width), y: markerRow, width: 1, height: 1), character: "'", style: screen.theme.marker)
        }
        let cursorColumn = index.bucket(of: state.cursor, buckets: inner.width)
        // The span's ends go in the bottom border, where the cursor and marks cannot cover them.
        if let first = index.time(at: 0), let last = index.time(at: index.count - 1), inner.width > 44 {
            let seconds = last.microseconds - first.microseconds < 3_600_000_000
            let start = " " + String(first.iso8601.prefix(seconds ? 19 : 16)) + " ", end = " " + String(last.iso8601.prefix(seconds ? 19 : 16)) + " "
            _ = buffer.write(start, at: rect.x + 2, y: rect.maxY - 1, style: screen.theme.dim)
            _ = buffer.write(end, at: rect.maxX - 2 - end.count, y: rect.maxY - 1, style: screen.theme.dim)
        }
        buffer.fill(Rect(x: inner.x + cursorColumn, y: markerRow, width: 1, height: 1), character: screen.box == .ascii ? "^" : "▲", style: screen.theme.marker)
    }
}
