import EventModel
import JSON
import Replay
import TUICore

/// The stream picker and copying to the clipboard.
extension AppState {
    mutating func openPicker() -> [Effect] {
        open(.picker(query: "", selected: 0))
        guard store.streamList?.storeVersion != store.version else { return [] }
        return requests.start(.streamList) { .listStreams($0) }
    }

    /// Typing in the picker filters it (the selection goes back to the best match).
    mutating func editPickerQuery(_ key: KeyEvent) {
        guard case .picker(var query, _)? = overlay else { return }
        switch key.key {
        case .backspace, .delete:
            guard !query.isEmpty else { return }
            query.removeLast()
        case .character(let character) where !key.modifiers.contains(.control) && !key.modifiers.contains(.alt):
            guard query.count < 200 else { return }
            query.append(character)
        default:
            return
        }
        overlay = .picker(query: query, selected: 0)
    }

    /// Enter on a stream pins it; on a stream type, the events list shows only that type's events.
    mutating func pick(query: String, selected: Int) -> [Effect] {
        guard let streams = store.streamList?.streams else { return [] }
        let entries = StreamPicker.entries(query, streams)
        guard entries.indices.contains(selected) else { return [] }
        open(nil)
        switch entries[selected] {
        case .stream(let summary):
            pinnedStream = summary.stream
            store.missingStreams.remove(summary.stream)
            if let cursor, cursor < summary.lastPosition, store.histories[summary.stream] == nil { message = "pinned \(summary.stream)" }
            return []
        case .streamType(let name, _, _):
            guard let query = try? SearchQuery(parsing: "streamtype:" + name) else { return [] }
            search = SearchState(query: query)
            search?.onlyMatches = true
            return requests.start(.search) { .search($0, query) }
        }
    }

    /// `y`: the selected part of the aggregate's state when that pane has focus, else the cursor
    /// event, as JSON on the clipboard.
    mutating func copy() -> [Effect] {
        let json: JSONValue
        let what: String
        if focus == .aggregate, let shown, shown.rows.indices.contains(aggregate.selectedRow) {
            let row = shown.rows[aggregate.selectedRow]
            json = shown.replayed.state.value(at: row.path) ?? .null
            what = "\(shown.stream) v\(shown.replayed.version) \(row.path)"
        } else if let event = cursorEvent {
            json = EventJSON.value(event)
            what = "event #\(event.position)"
        } else {
            message = "copy: the cursor event is not read yet"
            return []
        }
        let text = JSONWriter.pretty(json)
        message = "copied \(what) (\(DisplayFormat.grouped(text.utf8.count)) bytes of JSON) to the clipboard"
        return [.copyToClipboard(text)]
    }
}
