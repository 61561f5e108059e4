import EventModel
import Replay
import TUICore

/// The footer's prompts: jump to a position or a time, search, pin a stream, commands.
extension AppState {
    mutating func editPrompt(_ key: KeyEvent) {
        guard var prompt else { return }
        switch key.key {
        case .backspace, .delete:
            if prompt.text.isEmpty { self.prompt = nil; return }
            prompt.text.removeLast()
        case .character(let character) where !key.modifiers.contains(.control) && !key.modifiers.contains(.alt):
            if prompt.text.count < 500 { prompt.text.append(character) }
        default:
            return
        }
        self.prompt = prompt
    }

    mutating func submitPrompt() -> [Effect] {
        guard let prompt else { return [] }
        self.prompt = nil
        let text = prompt.text.trimmingCharacters(in: " ")
        switch prompt.kind {
        case .position:
            guard let position = PositionJump.parse(text) else { message = "g: cannot read '\(text)' as a global position (e.g. 1000 or #1,000)"; return [] }
            place(cursorAt: position)
        case .time:
            return jump(toTime: text)
        case .filter:
            guard !text.isEmpty else {
                search = nil
                return requests.cancel(.search)
            }
            let query: SearchQuery
            do {
                query = try SearchQuery(parsing: text)
            } catch {
                message = "/: \(error)"
                return []
            }
            search = SearchState(query: query)
            return requests.start(.search) { .search($0, query) }
        case .command:
            return runCommand(text)
        }
        return []
    }

    /// `t`: an absolute time, a time of day on the cursor's date, or an offset from the cursor.
    /// "As of T" is the events recorded at or before T in global order (TimeCut, as `--at-time`):
    /// the cursor goes to the last of them. An index of a log in time order places it at once;
    /// the walk over the log's exact times then confirms or corrects it, and says when the log is
    /// not in time order.
    private mutating func jump(toTime text: String) -> [Effect] {
        guard let cursor, let cursorTime = cursorEvent?.time ?? store.log.time(of: cursor),
              let time = TimeJump.parse(text, relativeTo: cursorTime) else {
            message = "t: cannot read '\(text)' (try 2026-01-05T08:00:00Z, 15:04 or -5m)"
            return []
        }
        if store.log.isComplete, store.log.run.isTimeOrdered, !store.log.run.isEmpty {
            place(cursorAt: store.log.run.positions[store.log.run.index(atOrBefore: time)])
        }
        message = "t: the log as of \(time.iso8601)…"
        return requests.start(.locateTime) { .locateTime($0, TimeCut(time)) }
    }
}
