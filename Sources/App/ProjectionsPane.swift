import EventModel
import JSON
import TUICore

/// The rules' projections as of the cursor, then the store's projection checkpoints with their
/// lag behind the cursor (in events and seconds) as bars. Scrolls when focused.
struct ProjectionsPane {
    let screen: Screen

    func lines(_ state: AppState) -> [Line] {
        guard let cursor = state.cursor else { return [] }
        var lines: [Line] = []
        if state.source.projectionNames.isEmpty {
            lines.append(Line("no projections in the rules file (docs/rules.md)", screen.theme.dim))
        } else if let held = state.store.projections {
            if state.requests.isRunning(.projections) {
                lines.append(Line("updating\(screen.ellipsis)\(progress(state)) (shown as of #\(DisplayFormat.grouped(Int(held.position))))", screen.theme.dim))
            } else if held.position != cursor {
                lines.append(Line("as of #\(DisplayFormat.grouped(Int(held.position))) (Esc stopped the update; move to resume)", screen.theme.dim))
            }
            for named in held.values {
                switch named.value {
                case .object(let members) where !members.isEmpty:
                    lines.append(Line(named.name, screen.theme.title))
                    let width = min(28, members.keys.map { DisplayWidth.of($0) }.max() ?? 0)
                    for (key, member) in members {
                        let padded = key + String(repeating: " ", count: max(0, width - DisplayWidth.of(key)))
                        lines.append(Line("  \(padded)  \(JSONWriter.compact(member))"))
                    }
                default:
                    lines.append(Line("\(named.name)  \(JSONWriter.compact(named.value))"))
                }
            }
        } else {
            lines.append(Line("computing\(screen.ellipsis)\(progress(state)) (Esc stops)", screen.theme.dim))
        }
        if let checkpoints = state.store.delivery?.checkpoints, !checkpoints.isEmpty {
            lines.append(Line("checkpoints (lag behind the cursor)", screen.theme.title))
            let lags = checkpoints.map { lag(of: $0, cursor: cursor, state.store.log) }
            let worst = max(1, lags.map(\.events).max() ?? 1)
            for (checkpoint, lag) in zip(checkpoints, lags) {
                let barWidth = 10
                let filled = lag.events <= 0 ? 0 : max(1, lag.events * barWidth / worst)
                let bar = String(repeating: screen.box == .ascii ? "#" : "█", count: filled) + String(repeating: screen.box == .ascii ? "." : "·", count: barWidth - filled)
                let approximate = lag.exact ? "" : screen.approximately
                let text = lag.events < 0 ? "ahead of the cursor"
                    : "\(approximate)\(DisplayFormat.grouped(lag.events)) events" + (lag.microseconds.map { " \(screen.separator) \(DisplayFormat.duration(microseconds: $0))" } ?? "")
                lines.append(Line("  \(bar) \(checkpoint.projection) #\(checkpoint.position)  \(text)", lag.events > 0 ? screen.theme.changed : .plain))
            }
        }
        return lines
    }

    func draw(_ buffer: inout Buffer, inner: Rect, frame: Rect, _ state: AppState) {
        ScrollView(screen: screen).draw(lines(state), offset: state.scroll[.projections] ?? 0, &buffer, inner: inner, frame: frame)
    }

    /// " 45%" when the projections report how far they have got.
    private func progress(_ state: AppState) -> String {
        guard let progress = state.requests.progress[.projections], let total = progress.total, total > 0 else { return "" }
        return " \(min(100, progress.done * 100 / total))%"
    }

    /// Events and time between a checkpoint and the cursor (events negative when it is ahead).
    private func lag(of checkpoint: ProjectionCheckpoint, cursor: Int64, _ log: LogMap) -> (events: Int, exact: Bool, microseconds: Int64?) {
        guard checkpoint.position <= cursor else { return (-1, true, nil) }
        guard let at = log.ordinal(of: checkpoint.position), let now = log.ordinal(of: cursor) else { return (0, false, nil) }
        let events = now.value - at.value
        let seconds = log.time(of: cursor).flatMap { cursorTime in log.time(of: log.snap(checkpoint.position) ?? checkpoint.position).map { cursorTime.microseconds - $0.microseconds } }
        return (max(0, events), at.exact && now.exact, seconds.map { max(0, $0) })
    }
}
