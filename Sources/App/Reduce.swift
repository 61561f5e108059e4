import EventModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JSON
import Replay
import TUICore

/// The explorer's one way to change state. It may read the session (the log index, events,
/// histories) but changes nothing outside `state`, apart from files written by `:write`.
public func reduce(_ state: inout AppState, _ action: Action, _ session: ExplorerSession) {
    let count = session.isIndexed ? session.index.count : 0
    switch action {
    case .resize, .storeGrew: break
    default: state.message = nil
    }
    // The help and the detail cover the panes: keys that would move what is behind them do nothing.
    if state.overlay == .help || state.overlay == .detail {
        switch action {
        case .moveCursor, .jumpCursor, .pageCursor, .cursorToStart, .cursorToEnd, .stepInStream, .moveSelection, .nextMark, .click:
            return
        default: break
        }
    }
    switch action {
    case .moveCursor(let delta):
        if let filter = state.filter, abs(delta) == 1 {
            let next = delta > 0 ? filter.matches.first { $0 > state.cursor } : filter.matches.last { $0 < state.cursor }
            if let next { moveCursor(&state, to: next, count) }
        } else {
            moveCursor(&state, to: state.cursor + delta, count)
        }
    case .jumpCursor(let index): moveCursor(&state, to: index, count)
    case .pageCursor(let pages): moveCursor(&state, to: state.cursor + pages * max(1, state.height - 8), count)
    case .cursorToStart: moveCursor(&state, to: 0, count)
    case .cursorToEnd: moveCursor(&state, to: count - 1, count)
    case .stepInStream(let delta): stepInStream(&state, delta, session)
    case .moveSelection(let delta): moveSelection(&state, delta, session)
    case .activate: activate(&state, session)
    case .focusNext, .focusPrevious:
        let panes = AppState.Pane.allCases
        let index = panes.firstIndex(of: state.focus) ?? 0
        state.focus = panes[(index + (action == .focusNext ? 1 : panes.count - 1)) % panes.count]
        state.overlay = nil
    case .toggleZoom: state.zoomed.toggle()
    case .toggleDiff:
        state.aggregate.showsDiff.toggle()
        state.focus = .aggregate
    case .blameSelectedField: blame(&state, session)
    case .openPrompt(let kind): state.prompt = Prompt(kind: kind)
    case .editPrompt(let key): edit(&state, key)
    case .submitPrompt: submitPrompt(&state, session)
    case .dismiss:
        if state.prompt != nil { state.prompt = nil } else if state.overlay != nil { state.overlay = nil } else { state.filter = nil }
    case .showHelp: state.overlay = state.overlay == .help ? nil : .help
    case .mark:
        if let existing = state.marks.firstIndex(of: state.cursor) {
            state.marks.remove(at: existing)
            state.message = "mark removed"
        } else {
            state.marks.append(state.cursor)
            state.message = "marked #\(session.index.positions.indices.contains(state.cursor) ? session.index.positions[state.cursor] : 0) (' cycles through \(state.marks.count) mark\(state.marks.count == 1 ? "" : "s"))"
        }
    case .nextMark:
        let sorted = state.marks.sorted()
        guard let next = sorted.first(where: { $0 > state.cursor }) ?? sorted.first else {
            state.message = "no marks: m marks the cursor"
            return
        }
        moveCursor(&state, to: next, count)
    case .resize(let width, let height):
        state.width = width
        state.height = height
    case .click(let x, let y): click(&state, x: x, y: y, session)
    case .toggleFollow:
        state.follows.toggle()
        state.newWhilePaused = 0
        if state.follows { moveCursor(&state, to: count - 1, count) }
    case .storeGrew(let added):
        if state.follows { moveCursor(&state, to: count - 1, count) } else { state.newWhilePaused += added }
    case .quit: state.quitRequested = true
    }
    // Moving the cursor away from the newest event pauses following.
    if state.follows, state.cursor != session.index.count - 1 { state.follows = false }
}

/// The action for a key in the current state: prompts take typing, overlays take their keys.
public func action(for key: KeyEvent, in state: AppState) -> Action? {
    if state.prompt != nil {
        switch key.key {
        case .enter: return .submitPrompt
        case .escape: return .dismiss
        default: return key == .ctrl("c") ? .dismiss : .editPrompt(key)
        }
    }
    return KeyMap.action(for: key)
}

// MARK: - Cursor

private func moveCursor(_ state: inout AppState, to index: Int, _ count: Int) {
    guard count > 0 else { return }
    state.cursor = min(max(index, 0), count - 1)
    state.aggregate.selectedRow = 0
}

private func stepInStream(_ state: inout AppState, _ delta: Int, _ session: ExplorerSession) {
    guard let shown = ShownAggregate(state, session) else { return }
    let target = shown.count - 1 + delta
    guard shown.history.events.indices.contains(target) else {
        state.message = delta < 0 ? "first event of \(shown.stream)" : "last event of \(shown.stream)"
        return
    }
    state.pinnedStream = shown.stream
    moveCursor(&state, to: session.index.index(atOrBefore: shown.history.events[target].position), session.index.count)
}

private func moveSelection(_ state: inout AppState, _ delta: Int, _ session: ExplorerSession) {
    switch state.overlay {
    case .blame(let field, let selected)?:
        state.overlay = .blame(field: field, selected: max(0, selected + delta))
        return
    case .help?, .detail?:
        return
    case nil:
        break
    }
    switch state.focus {
    case .aggregate:
        let rows = ShownAggregate(state, session)?.rows.count ?? 0
        state.aggregate.selectedRow = min(max(0, state.aggregate.selectedRow + delta), max(0, rows - 1))
    case .events:
        guard let filter = state.filter else { return moveCursor(&state, to: state.cursor + delta, session.index.count) }
        let next = delta > 0 ? filter.matches.first { $0 > state.cursor } : filter.matches.last { $0 < state.cursor }
        if let next { moveCursor(&state, to: next, session.index.count) }
    case .projections, .outbox:
        moveCursor(&state, to: state.cursor + delta, session.index.count)
    }
}

private func activate(_ state: inout AppState, _ session: ExplorerSession) {
    if case .blame(let field, let selected)? = state.overlay {
        guard let shown = ShownAggregate(state, session) else { return }
        let entries = shown.history.blame(StatePath(field))
        guard !entries.isEmpty else { return }
        let entry = entries[min(selected, entries.count - 1)]
        state.overlay = nil
        state.pinnedStream = shown.stream
        moveCursor(&state, to: session.index.index(atOrBefore: entry.event.position), session.index.count)
        return
    }
    if state.focus == .aggregate, let shown = ShownAggregate(state, session), shown.rows.indices.contains(state.aggregate.selectedRow) {
        let row = shown.rows[state.aggregate.selectedRow]
        if row.isContainer {
            let key = row.path.description
            if state.aggregate.folded.contains(key) { state.aggregate.folded.remove(key) } else { state.aggregate.folded.insert(key) }
        }
        return
    }
    state.overlay = state.overlay == .detail ? nil : .detail
}

private func blame(_ state: inout AppState, _ session: ExplorerSession) {
    guard let shown = ShownAggregate(state, session), shown.rows.indices.contains(state.aggregate.selectedRow) else {
        state.message = "blame: select a field in the aggregate pane first (Tab, ↑↓)"
        return
    }
    let field = shown.rows[state.aggregate.selectedRow].path.description
    state.focus = .aggregate
    state.overlay = .blame(field: field, selected: 0)
}

private func click(_ state: inout AppState, x: Int, y: Int, _ session: ExplorerSession) {
    let layout = Layout(state)
    if layout.timeline.contains(x: x, y: y), session.isIndexed {
        let bars = max(1, layout.timeline.width - 2)
        let bucket = min(max(0, x - layout.timeline.x - 1), bars - 1)
        moveCursor(&state, to: session.index.firstIndex(inBucket: bucket, buckets: bars), session.index.count)
        return
    }
    for (pane, rect) in layout.panes where rect.contains(x: x, y: y) {
        state.focus = pane
        if pane == .events, let row = EventsPane.index(atRow: y - rect.y - 1, state: state, rect: rect, session: session) {
            moveCursor(&state, to: row, session.index.count)
        }
    }
}

// MARK: - Prompts

private func edit(_ state: inout AppState, _ key: KeyEvent) {
    guard var prompt = state.prompt else { return }
    switch key.key {
    case .backspace, .delete:
        if prompt.text.isEmpty { state.prompt = nil; return }
        prompt.text.removeLast()
    case .character(let character) where !key.modifiers.contains(.control) && !key.modifiers.contains(.alt):
        if prompt.text.count < 500 { prompt.text.append(character) }
    default:
        return
    }
    state.prompt = prompt
}

private func submitPrompt(_ state: inout AppState, _ session: ExplorerSession) {
    guard let prompt = state.prompt else { return }
    state.prompt = nil
    let text = prompt.text.trimmingCharacters(in: " ")
    let count = session.index.count
    switch prompt.kind {
    case .position:
        guard let position = PositionJump.parse(text) else { state.message = "g: cannot read '\(text)' as a global position (e.g. 1000 or #1,000)"; return }
        moveCursor(&state, to: session.index.index(atOrBefore: position), count)
    case .time:
        guard let cursorTime = session.index.time(at: state.cursor), let time = TimeJump.parse(text, relativeTo: cursorTime) else {
            state.message = "t: cannot read '\(text)' (try 2026-01-05T08:00:00Z, 15:04 or -5m)"
            return
        }
        moveCursor(&state, to: session.index.index(atOrBefore: time), count)
    case .stream:
        if text.isEmpty {
            state.pinnedStream = nil
        } else if session.history(of: text) == nil {
            state.message = "no stream '\(text)'"
        } else {
            state.pinnedStream = text
        }
    case .filter:
        state.filter = text.isEmpty ? nil : EventListFilter(text: text, matches: session.indexes(matching: text))
        if let filter = state.filter {
            state.message = "\(filter.matches.count) events match '\(text)'"
            if let first = filter.matches.first(where: { $0 >= state.cursor }) ?? filter.matches.last { moveCursor(&state, to: first, count) }
        }
    case .command:
        runCommand(&state, text, session)
    }
}

private func runCommand(_ state: inout AppState, _ text: String, _ session: ExplorerSession) {
    let (name, argument) = text.firstIndex(of: " ").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) } ?? (text, "")
    switch name {
    case "q", "quit": state.quitRequested = true
    case "find": find(&state, argument, session)
    case "write", "w": write(&state, argument, overwrite: false, session)
    case "write!", "w!": write(&state, argument, overwrite: true, session)
    case "help": state.overlay = .help
    default: state.message = "unknown command '\(name)' (find EXPR, write FILE, write! FILE, quit)"
    }
}

private func find(_ state: inout AppState, _ expression: String, _ session: ExplorerSession) {
    guard let shown = ShownAggregate(state, session) else { return }
    let predicate: StatePredicate
    do {
        predicate = try StatePredicate(parsing: expression)
    } catch {
        state.message = "find: \(error)"
        return
    }
    guard let match = shown.history.transitions(to: predicate, all: false).first else {
        state.message = "find: never holds in \(shown.stream)"
        return
    }
    let event = shown.history.events[match]
    state.pinnedStream = shown.stream
    moveCursor(&state, to: session.index.index(atOrBefore: event.position), session.index.count)
    state.message = "find: first holds at version \(event.version) (#\(event.position))"
}

/// `:write FILE`: the aggregate state when the aggregate pane has focus, else the cursor event.
/// Never the store itself (or its journal files), and never over an existing file unless the
/// command is `:write!`.
private func write(_ state: inout AppState, _ path: String, overwrite: Bool, _ session: ExplorerSession) {
    guard !path.isEmpty else { state.message = "write: give a file name"; return }
    if let store = session.storePath, [store, store + "-wal", store + "-shm", store + "-journal"]
        .contains(where: { FileManager.default.fileExists(atPath: $0) && sameFile($0, path) }) {
        state.message = "write: \(path) is the store being explored; evx never writes to it"
        return
    }
    if FileManager.default.fileExists(atPath: path), !overwrite {
        state.message = "write: \(path) exists; :write! \(path) replaces it"
        return
    }
    let json: JSONValue
    if state.focus == .aggregate, let shown = ShownAggregate(state, session) {
        json = ["stream": .string(shown.stream), "version": .int(shown.replayed.version), "state": shown.replayed.state]
    } else if let event = session.event(at: state.cursor) {
        json = EventJSON.value(event)
    } else {
        return
    }
    do {
        try (JSONWriter.pretty(json) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        state.message = "wrote \(path)"
    } catch {
        state.message = "write: cannot write \(path) (\(error.localizedDescription))"
    }
}

/// Whether two paths name the same file (same device and inode), or the same path when the
/// second does not exist yet.
private func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
}
