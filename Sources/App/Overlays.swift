import EventModel
import JSON
import Replay
import TUICore

/// The help, the event detail and the blame list, drawn over the panes.
struct Overlays {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ overlay: Overlay, _ state: AppState) {
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        let rect = area.centered(width: min(state.width, max(40, state.width * 4 / 5)), height: min(state.height, max(8, state.height * 4 / 5)))
        buffer.fill(rect)
        let title: String
        var lines: [(String, Style)] = []
        switch overlay {
        case .help:
            title = "Keys (Esc closes)"
            let width = KeyMap.bindings.map { $0.keyNames.count }.max() ?? 8
            for binding in KeyMap.bindings {
                lines.append((binding.keyNames.padding(toLength: width + 2, withPad: " ", startingAt: 0) + binding.help, .plain))
            }
            lines.append(("", .plain))
            lines.append((":find EXPR   first version of the shown stream where EXPR holds (docs/rules.md)", .plain))
            lines.append((":write FILE  save the cursor event (or, in the aggregate pane, its state) as JSON; :write! replaces", .plain))
            lines.append(("mouse: click the timeline to jump, a pane to focus it, an event to select it", .plain))
        case .detail:
            title = "Event (Esc closes)"
            lines = detail(state)
        case .blame(let field, let selected):
            title = "Blame \(field) (Enter jumps, Esc closes)"
            lines = blame(field: field, selected: selected, state)
        }
        let inner = screen.frame(&buffer, rect, title: title, focused: true)
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            _ = buffer.write(line.0, at: inner.x, y: inner.y + offset, maxWidth: inner.width, style: line.1)
        }
    }

    private func detail(_ state: AppState) -> [(String, Style)] {
        guard let event = state.cursorEvent else { return [("reading\(screen.ellipsis)", screen.theme.dim)] }
        var lines: [(String, Style)] = [
            ("#\(event.position)  \(event.stream) v\(event.version)  \(event.type) (schema \(event.schemaVersion))", screen.theme.title),
            ("id \(event.id) · \(event.time?.iso8601 ?? event.recordedAt)", .plain),
        ]
        if event.linkedStreams.count > 1 { lines.append(("streams " + event.linkedStreams.joined(separator: ", "), .plain)) }
        lines += event.problems.map { ((screen.box == .ascii ? "! " : "⚠ ") + $0, screen.theme.warning) }
        let correlation = EventDetail.correlationID(of: event)
        if let correlation {
            lines.append(("correlation \(correlation)" + (EventDetail.causationID(of: event).map { " · caused by \($0)" } ?? ""), .plain))
        }
        if state.store.delivery?.hasTables != false {
            lines.append(("delivery", screen.theme.title))
            if let held = state.store.eventDeliveries, held.eventID == event.id {
                let deliveries = held.deliveries
                if deliveries.outbox.isEmpty { lines.append(("  no outbox row", screen.theme.dim)) }
                for row in deliveries.outbox {
                    let status = row.publishedAt.map { "published \($0)" } ?? "pending"
                    lines.append(("  outbox \(screen.arrow) \(row.destination): \(status), \(row.attempts) attempt(s)" + (row.lastError.map { ", last error: \($0)" } ?? ""),
                                  row.publishedAt == nil ? screen.theme.warning : .plain))
                }
                let consumers = deliveries.processedBy.map { "\($0.consumer) at \($0.at)" }
                lines.append(("  processed by: " + (consumers.isEmpty ? "nobody yet" : consumers.joined(separator: ", ")), .plain))
            } else {
                lines.append(("  reading\(screen.ellipsis)", screen.theme.dim))
            }
        }
        if correlation != nil, let chain = state.store.correlation, chain.position == event.position, chain.events.count > 1 {
            lines.append(("correlation chain (within 2,000 events)", screen.theme.title))
            for linked in chain.events {
                lines.append(("  \(linked.id == event.id ? (screen.box == .ascii ? ">" : "▶") : " ") #\(linked.position) \(linked.stream) v\(linked.version) \(linked.type)", .plain))
            }
        }
        lines.append(("data", screen.theme.title))
        lines += pretty(event.data)
        lines.append(("metadata", screen.theme.title))
        lines += pretty(event.metadata)
        return lines
    }

    private func pretty(_ raw: String) -> [(String, Style)] {
        guard let value = try? JSONParser.parse(raw) else { return [(raw, screen.theme.warning)] }
        return JSONWriter.pretty(value).split(separator: "\n").map { ("  " + $0, .plain) }
    }

    private func blame(field: String, selected: Int, _ state: AppState) -> [(String, Style)] {
        guard let held = state.store.blame, held.field == field else { return [("reading\(screen.ellipsis)", screen.theme.dim)] }
        let entries = held.entries
        if entries.isEmpty { return [("\(field) never changed", screen.theme.dim)] }
        return entries.enumerated().map { offset, entry in
            let old = entry.old.map(JSONWriter.compact) ?? "(absent)", new = entry.new.map(JSONWriter.compact) ?? "(absent)"
            let text = "v\(entry.event.version)  #\(entry.event.position)  \(entry.event.time?.iso8601 ?? "")  \(entry.event.type)  \(old) \(screen.arrow) \(new)"
            return (text, offset == min(selected, entries.count - 1) ? screen.theme.cursor : .plain)
        }
    }
}
