import TUICore

/// Up and down, a page, the top and the bottom: in the events list they move the cursor; in
/// another focused pane they scroll it (the aggregate moves its selected row); in an overlay they
/// scroll it or move its selection.
extension AppState {
    /// How far a key moves: by rows, by a page, or to an end.
    enum Step {
        case rows(Int)
        case pages(Int)
        case top, bottom
    }

    mutating func step(_ step: Step) {
        if let overlay {
            stepOverlay(overlay, step)
            return
        }
        switch focus {
        case .events:
            switch step {
            case .rows(let delta): moveCursor(by: delta)
            case .pages(let pages): moveCursor(by: pages * max(1, eventRows), steppingMatches: false)
            case .top: if let first = store.log.bounds?.first { place(cursorAt: first) }
            case .bottom: if let last = store.log.bounds?.last { place(cursorAt: last) }
            }
        case .aggregate:
            let rows = shown?.rows.count ?? 0
            aggregate.selectedRow = Self.moved(aggregate.selectedRow, step, count: rows, page: paneRows(.aggregate) - 1)
        case .projections, .outbox:
            let lines = paneLines(focus)
            let visible = paneRows(focus)
            let moved = Self.moved(scroll[focus] ?? 0, step, count: lines, page: visible)
            scroll[focus] = ScrollView.clamped(moved, lines: lines, height: visible)
        }
    }

    private mutating func stepOverlay(_ overlay: Overlay, _ step: Step) {
        let visible = Overlays.visibleLines(self)
        switch overlay {
        case .blame(let field, let selected):
            self.overlay = .blame(field: field, selected: Self.moved(selected, step, count: store.blame?.entries.count ?? 0, page: visible))
        case .picker(let query, let selected):
            let count = store.streamList.map { StreamPicker.entries(query, $0.streams).count } ?? 0
            self.overlay = .picker(query: query, selected: Self.moved(selected, step, count: count, page: visible - 1))
        case .help, .detail:
            let lines = Overlays(screen: Self.measuringScreen).lines(overlay, self).count
            overlayScroll = ScrollView.clamped(Self.moved(overlayScroll, step, count: lines, page: visible), lines: lines, height: visible)
        }
    }

    /// An index moved by a step within `0..<count`.
    private static func moved(_ index: Int, _ step: Step, count: Int, page: Int) -> Int {
        let target: Int
        switch step {
        case .rows(let delta): target = index + delta
        case .pages(let pages): target = index + pages * max(1, page)
        case .top: target = 0
        case .bottom: target = count - 1
        }
        return min(max(0, target), max(0, count - 1))
    }

    /// Line counts do not depend on colours or glyphs: measured with a plain screen.
    static let measuringScreen = Screen(theme: .monochrome, unicode: true)

    /// Rows inside a pane as laid out now.
    private func paneRows(_ pane: Pane) -> Int {
        max(1, (Layout(self).rect(of: pane)?.height ?? 3) - 2)
    }

    private var eventRows: Int { paneRows(.events) }

    private func paneLines(_ pane: Pane) -> Int {
        switch pane {
        case .projections: return ProjectionsPane(screen: Self.measuringScreen).lines(self).count
        case .outbox: return OutboxPane(screen: Self.measuringScreen).lines(self).count
        case .events, .aggregate: return 0
        }
    }
}
