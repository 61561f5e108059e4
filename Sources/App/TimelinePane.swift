import TUICore

/// The event rate over the store's time span as a histogram, with the cursor (▲) and marks (').
struct TimelinePane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState) {
        // No scale until some times are known (while indexing before the first probes).
        let scale = state.store.timeline.flatMap { $0.span == nil ? nil : " · \($0.isEstimate ? "≈" : "")bars of \($0.widthLabel)" } ?? ""
        let inner = screen.frame(&buffer, rect, title: "Timeline" + scale, focused: false)
        guard inner.width > 0, inner.height > 0 else { return }
        guard let timeline = state.store.timeline, timeline.columns == inner.width, !timeline.counts.isEmpty else {
            let text: String
            if state.store.isOpen && state.store.log.isEmpty {
                text = "the store holds no events"
            } else if let progress = state.requests.progress[.open] {
                text = "indexing the log: \(DisplayFormat.grouped(progress.done)) events\(screen.ellipsis)"
            } else {
                text = "reading\(screen.ellipsis)"
            }
            _ = buffer.write(text, at: inner.x, y: inner.y, maxWidth: inner.width, style: screen.theme.dim)
            return
        }
        let rows = max(1, inner.height - 1)
        let peak = max(1, timeline.counts.max() ?? 1)
        let levels = screen.bars.count - 1
        let cells = timeline.cellsPerColumn
        for (column, count) in timeline.counts.enumerated() {
            // Each bucket's bar in eighths of a row, from the bottom row up; a non-empty bucket shows at least a sliver.
            var eighths = count == 0 ? 0 : max(1, count * rows * levels / peak)
            for row in stride(from: rows - 1, through: 0, by: -1) {
                let level = min(levels, eighths)
                eighths -= level
                if level > 0 {
                    buffer.fill(Rect(x: inner.x + column * cells, y: inner.y + row, width: cells, height: 1), character: screen.bars[level], style: screen.theme.bar)
                }
            }
        }
        let markerRow = inner.y + rows
        guard markerRow < inner.maxY else { return }
        for mark in state.marks {
            if let column = timeline.cell(of: mark) {
                buffer.fill(Rect(x: inner.x + column, y: markerRow, width: 1, height: 1), character: "'", style: screen.theme.marker)
            }
        }
        // The span's ends go in the bottom border, where the cursor and marks cannot cover them,
        // and between them a legend of the types listed in the events pane, in their colours.
        if let span = timeline.span, inner.width > 44 {
            let seconds = span.last.microseconds - span.first.microseconds < 3_600_000_000
            let start = " " + String(span.first.iso8601.prefix(seconds ? 19 : 16)) + " ", end = " " + String(span.last.iso8601.prefix(seconds ? 19 : 16)) + " "
            let legendStart = rect.x + 2 + buffer.write(start, at: rect.x + 2, y: rect.maxY - 1, style: screen.theme.dim) + 1
            let endX = rect.maxX - 2 - DisplayWidth.of(end)
            _ = buffer.write(end, at: endX, y: rect.maxY - 1, style: screen.theme.dim)
            drawLegend(&buffer, state, from: legendStart, to: endX - 1, y: rect.maxY - 1)
        }
        if let cursor = state.cursor, let column = timeline.cell(of: cursor) {
            buffer.fill(Rect(x: inner.x + column, y: markerRow, width: 1, height: 1), character: screen.box == .ascii ? "^" : "▲", style: screen.theme.marker)
        }
    }

    /// The types of the events listed (most frequent first), each as a coloured block and its
    /// name, as many as fit between `x` and `limit`. Without colours there is nothing to explain.
    private func drawLegend(_ buffer: inout Buffer, _ state: AppState, from x: Int, to limit: Int, y: Int) {
        guard !screen.theme.typeColors.isEmpty else { return }
        var counts: [String: Int] = [:]
        for position in EventsPane.visiblePositions(state, height: state.height) {
            if let type = state.store.events[position]?.type { counts[type, default: 0] += 1 }
        }
        var x = x
        for type in counts.keys.sorted(by: { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }) {
            let width = DisplayWidth.of(type) + 3
            guard x + width <= limit else { break }
            x += buffer.write(screen.ui("■"), at: x, y: y, style: screen.theme.style(ofType: type))
            x += buffer.write(" " + type + " ", at: x, y: y, style: screen.theme.dim)
        }
    }
}
