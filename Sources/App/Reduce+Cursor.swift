import EventModel
import Replay
import TUICore

/// Moving the cursor, the selection and the marks.
extension AppState {
    /// The event under the cursor, once read.
    public var cursorEvent: Event? { cursor.flatMap { store.events[$0] } }

    /// The stream the aggregate pane shows: the pinned one, or the cursor event's.
    public var shownStream: String? { pinnedStream ?? cursorEvent?.stream }

    /// Puts the cursor on `position` (it snaps to the event at or before it once that is known).
    mutating func place(cursorAt position: Int64) {
        cursor = store.log.contains(position) ? position : (store.log.isComplete ? store.log.snap(position) ?? position : position)
        aggregate.selectedRow = 0
    }

    /// `delta` events along the log; with a search showing only its matches, one step is one match.
    mutating func moveCursor(by delta: Int, steppingMatches: Bool = true) {
        guard let cursor else { return }
        if steppingMatches, let search, search.onlyMatches, abs(delta) == 1 {
            if let next = search.match(after: cursor, forward: delta > 0) { place(cursorAt: next) }
            return
        }
        guard let target = store.log.position(from: cursor, offset: delta) else { return }
        place(cursorAt: target)
    }

    mutating func stepMatch(forward: Bool) {
        guard let search else { message = "n and N step through the matches of a search: / first"; return }
        guard search.matches != nil else { message = "searching…"; return }
        guard let cursor, let next = search.match(after: cursor, forward: forward) else {
            message = forward ? "no match after the cursor" : "no match before the cursor"
            return
        }
        place(cursorAt: next)
        if let matches = search.matches, let index = matches.firstIndex(of: next) {
            message = "match \(DisplayFormat.grouped(index + 1)) of \(DisplayFormat.grouped(matches.count))"
        }
    }

    mutating func stepInStream(_ delta: Int) {
        guard let shown = shown else { return }
        let target = shown.count - 1 + delta
        guard shown.history.events.indices.contains(target) else {
            message = delta < 0 ? "first event of \(shown.stream)" : "last event of \(shown.stream)"
            return
        }
        pinnedStream = shown.stream
        place(cursorAt: shown.history.events[target].position)
    }

    mutating func toggleMark() {
        guard let cursor else { return }
        if let existing = marks.firstIndex(of: cursor) {
            marks.remove(at: existing)
            message = "mark removed"
        } else {
            marks.append(cursor)
            message = "marked #\(DisplayFormat.grouped(Int(cursor))) (' cycles through \(marks.count) mark\(marks.count == 1 ? "" : "s"))"
        }
    }

    /// Opens an overlay (or closes it, with nil) at its top.
    mutating func open(_ overlay: Overlay?) {
        self.overlay = overlay
        overlayScroll = 0
    }

    mutating func activate() -> [Effect] {
        if case .picker(let query, let selected)? = overlay {
            return pick(query: query, selected: selected)
        }
        if case .blame(_, let selected)? = overlay {
            guard let entries = store.blame?.entries, !entries.isEmpty, let stream = store.blame?.stream else { return [] }
            let entry = entries[min(selected, entries.count - 1)]
            overlay = nil
            pinnedStream = stream
            place(cursorAt: entry.event.position)
            return []
        }
        if focus == .aggregate, let shown = shown, shown.rows.indices.contains(aggregate.selectedRow) {
            let row = shown.rows[aggregate.selectedRow]
            if row.isContainer {
                let key = row.path.description
                if aggregate.folded.contains(key) { aggregate.folded.remove(key) } else { aggregate.folded.insert(key) }
            }
            return []
        }
        open(overlay == .detail ? nil : .detail)
        return []
    }

    mutating func blameSelectedField() -> [Effect] {
        guard let shown = shown, shown.rows.indices.contains(aggregate.selectedRow) else {
            message = "blame: select a field in the aggregate pane first (Tab, ↑↓)"
            return []
        }
        let field = shown.rows[aggregate.selectedRow].path.description
        focus = .aggregate
        open(.blame(field: field, selected: 0))
        store.blame = nil
        return requests.start(.blame) { .blame($0, shown.history, field: field) }
    }

    /// Esc: the prompt, then the overlay, then a running search (or else the search itself).
    mutating func dismiss() -> [Effect] {
        if prompt != nil { prompt = nil; return [] }
        if overlay != nil { open(nil); return [] }
        if search != nil {
            let running = requests.isRunning(.search)
            search = nil
            if running { message = "search cancelled" }
            return requests.cancel(.search)
        }
        guard requests.isRunning(.projections) else { return [] }
        store.projectionsCancelledAt = cursor
        message = "projections cancelled (they resume when the cursor moves)"
        return requests.cancel(.projections)
    }

    mutating func click(x: Int, y: Int) {
        let layout = Layout(self)
        if layout.timeline.contains(x: x, y: y) {
            let bars = max(1, layout.timeline.width - 2)
            let bucket = min(max(0, x - layout.timeline.x - 1), bars - 1)
            if let position = store.timeline?.firstPosition(atCell: bucket) { place(cursorAt: position) }
            return
        }
        for (pane, rect) in layout.panes where rect.contains(x: x, y: y) {
            focus = pane
            if pane == .events, let position = EventsPane.position(atRow: y - rect.y - 1, state: self, height: rect.height - 2) {
                place(cursorAt: position)
            }
        }
    }
}
