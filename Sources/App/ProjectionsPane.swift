import EventModel
import JSON
import TUICore

/// The rules' projections as of the cursor, then the store's projection checkpoints with their
/// lag behind the cursor (in events and seconds) as bars.
struct ProjectionsPane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState, _ session: ExplorerSession) {
        guard rect.height > 0, rect.width > 0, session.isIndexed, !session.index.isEmpty else { return }
        var lines: [(String, Style)] = []
        let position = session.index.positions[state.cursor]
        if session.rules.projections.isEmpty {
            lines.append(("no projections in the rules file (docs/rules.md)", screen.theme.dim))
        } else if let snapshot = session.projections {
            if snapshot.position != position { lines.append(("updating… (shown as of #\(snapshot.position))", screen.theme.dim)) }
            for (name, value) in snapshot.values {
                switch value {
                case .object(let members) where !members.isEmpty:
                    lines.append((name, screen.theme.title))
                    for (key, member) in members { lines.append(("  \(key)  \(JSONWriter.compact(member))", .plain)) }
                default:
                    lines.append(("\(name)  \(JSONWriter.compact(value))", .plain))
                }
            }
        } else {
            lines.append(("computing…", screen.theme.dim))
        }
        if let checkpoints = session.delivery?.checkpoints, !checkpoints.isEmpty {
            lines.append(("checkpoints (lag behind the cursor)", screen.theme.title))
            let lags = checkpoints.map { lag(of: $0, cursor: state.cursor, session) }
            let worst = max(1, lags.map(\.events).max() ?? 1)
            for (checkpoint, lag) in zip(checkpoints, lags) {
                let barWidth = 10
                let filled = lag.events <= 0 ? 0 : max(1, lag.events * barWidth / worst)
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
                let text = lag.events < 0 ? "ahead of the cursor" : "\(DisplayFormat.grouped(lag.events)) events · \(DisplayFormat.duration(microseconds: lag.microseconds))"
                lines.append(("  \(bar) \(checkpoint.projection) #\(checkpoint.position)  \(text)", lag.events > 0 ? screen.theme.changed : .plain))
            }
        }
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            _ = buffer.write(line.0, at: rect.x, y: rect.y + offset, maxWidth: rect.width, style: line.1)
        }
    }

    /// Events and time between a checkpoint and the cursor (negative when it is ahead).
    private func lag(of checkpoint: ProjectionCheckpoint, cursor: Int, _ session: ExplorerSession) -> (events: Int, microseconds: Int64) {
        let index = session.index
        let at = index.index(atOrBefore: checkpoint.position)
        let events = checkpoint.position > index.positions[cursor] ? -1 : cursor - at
        let seconds = (index.time(at: cursor)?.microseconds ?? 0) - (index.time(at: at)?.microseconds ?? 0)
        return (events, max(0, seconds))
    }
}
