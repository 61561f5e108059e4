import EventModel
import JSON
import Replay
import TUICore

/// The explorer's one way to change state. It does no I/O: what needs the store (or a file, or
/// long computation) is returned as effects, whose answers come back as actions. After every
/// action it also asks for whatever the screen now shows that is not loaded yet (`DataNeeds`).
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    var effects = apply(&state, action)
    effects += DataNeeds.effects(&state)
    updateTimeline(&state)
    if state.shown?.isCurrent(in: state) != true {
        if let shown = state.shown { state.lastShown = shown }
        state.shown = ShownAggregate(state)
    }
    return effects
}

/// Recomputes the timeline's histogram when the log or the timeline's width changed.
private func updateTimeline(_ state: inout AppState) {
    let buckets = max(0, Layout(state).timeline.width - 2)
    let log = state.store.log
    if let held = state.store.timeline, held.columns == buckets, held.covers(log) { return }
    state.store.timeline = Timeline(log, buckets: buckets)
}

/// The action for a key in the current state: prompts and the stream picker take typing.
public func action(for key: KeyEvent, in state: AppState) -> Action? {
    let picking: Bool
    if case .picker? = state.overlay { picking = true } else { picking = false }
    guard state.prompt != nil || picking else { return KeyMap.action(for: key) }
    switch key.key {
    case .enter: return state.prompt != nil ? .submitPrompt : .activate
    case .escape: return .dismiss
    case .up, .down, .pageUp, .pageDown: return picking ? KeyMap.action(for: key) : .editPrompt(key)
    default: return key == .ctrl("c") ? .dismiss : .editPrompt(key)
    }
}

private func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .resize, .clock, .loaded, .progress, .failed, .storeChanged: break
    default: state.message = nil
    }
    // An overlay covers the panes: keys that would move what is behind it do nothing (up, down,
    // pages and the ends scroll the overlay instead).
    if state.overlay != nil {
        switch action {
        case .moveCursor, .jump, .stepInStream, .nextMark, .nextMatch, .click, .mark, .toggleFollow:
            return []
        default: break
        }
    }
    var effects: [Effect] = []
    switch action {
    case .moveCursor(let delta): state.moveCursor(by: delta)
    case .jump(let position): state.place(cursorAt: position)
    case .pageCursor(let pages): state.step(.pages(pages))
    case .cursorToStart: state.step(.top)
    case .cursorToEnd: state.step(.bottom)
    case .stepInStream(let delta): state.stepInStream(delta)
    case .moveSelection(let delta): state.step(.rows(delta))
    case .activate: effects = state.activate()
    case .focusNext, .focusPrevious:
        let panes = AppState.Pane.allCases
        let index = panes.firstIndex(of: state.focus) ?? 0
        state.focus = panes[(index + (action == .focusNext ? 1 : panes.count - 1)) % panes.count]
        state.open(nil)
    case .toggleZoom: state.zoomed.toggle()
    case .toggleDiff:
        state.aggregate.showsDiff.toggle()
        state.focus = .aggregate
    case .blameSelectedField: effects = state.blameSelectedField()
    case .openPrompt(.position) where state.overlay != nil || state.focus != .events:
        state.step(.top)  // g: the top of the focused pane or overlay; a position only from the events list
    case .openPrompt(let kind): state.prompt = Prompt(kind: kind)
    case .editPrompt(let key):
        if state.prompt == nil { state.editPickerQuery(key) } else { state.editPrompt(key) }
    case .submitPrompt: effects = state.submitPrompt()
    case .dismiss: effects = state.dismiss()
    case .showHelp: state.open(state.overlay == .help ? nil : .help)
    case .openPicker: effects = state.openPicker()
    case .copy: effects = state.copy()
    case .cycleColumns:
        state.columns = state.columns.next
        state.message = "columns: \(state.columns.description) (c cycles)"
    case .mark: state.toggleMark()
    case .nextMark:
        let sorted = state.marks.sorted()
        guard let cursor = state.cursor, let next = sorted.first(where: { $0 > cursor }) ?? sorted.first else {
            state.message = "no marks: m marks the cursor"
            break
        }
        state.place(cursorAt: next)
    case .nextMatch(let forward): state.stepMatch(forward: forward)
    case .toggleOnlyMatches:
        guard state.search != nil else { state.message = "& shows only the matches of a search: / first"; break }
        state.search?.onlyMatches.toggle()
    case .resize(let width, let height):
        state.width = width
        state.height = height
    case .click(let x, let y): state.click(x: x, y: y)
    case .toggleFollow:
        state.follows.toggle()
        state.newWhilePaused = 0
        if state.follows, let last = state.store.log.bounds?.last { state.place(cursorAt: last) }
    case .quit: state.quitRequested = true
    case .clock(let now): state.now = now
    case .loaded(let id, let result): effects = state.take(result, for: id)
    case .progress(let id, let done, let total):
        if let kind = state.requests.kind(of: id) { state.requests.report(kind, done: done, total: total) }
    case .failed(let id, let message): state.takeFailure(message, for: id)
    case .storeChanged(let change): effects = state.take(change)
    }
    // Moving the cursor away from the newest event pauses following.
    if state.follows, let cursor = state.cursor, let last = state.store.log.bounds?.last, cursor != last { state.follows = false }
    return effects
}

// MARK: - Commands

extension AppState {
    mutating func runCommand(_ text: String) -> [Effect] {
        let (name, argument) = text.firstIndex(of: " ").map { (String(text[..<$0]), String(text[text.index(after: $0)...]).trimmingCharacters(in: " ")) } ?? (text, "")
        switch name {
        case "q", "quit": quitRequested = true
        case "find": return find(argument)
        case "write", "w": return write(argument, overwrite: false)
        case "write!", "w!": return write(argument, overwrite: true)
        case "help": open(.help)
        case "stream":
            // `:stream NAME` pins a stream (the picker, `s`, lists them); `:stream` alone unpins.
            pinnedStream = argument.isEmpty ? nil : argument
            store.missingStreams.remove(argument)
        default: message = "unknown command '\(name)' (find EXPR, write FILE, write! FILE, stream NAME, quit)"
        }
        return []
    }

    private mutating func find(_ expression: String) -> [Effect] {
        guard let shown = shown else {
            message = "find: no stream shown yet"
            return []
        }
        let predicate: StatePredicate
        do {
            predicate = try StatePredicate(parsing: expression)
        } catch {
            message = "find: \(error)"
            return []
        }
        return requests.start(.find) { .find($0, shown.history, predicate) }
    }

    /// `:write FILE`: the aggregate state when the aggregate pane has focus, else the cursor event.
    private mutating func write(_ path: String, overwrite: Bool) -> [Effect] {
        guard !path.isEmpty else { message = "write: give a file name"; return [] }
        let json: JSONValue
        if focus == .aggregate, let shown = shown {
            json = ["stream": .string(shown.stream), "version": .int(shown.replayed.version), "state": shown.replayed.state]
        } else if let event = cursorEvent {
            json = EventJSON.value(event)
        } else {
            message = "write: the cursor event is not loaded yet"
            return []
        }
        return requests.start(.write) { .write($0, path: path, contents: JSONWriter.pretty(json) + "\n", overwrite: overwrite) }
    }
}
