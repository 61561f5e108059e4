import EventModel
import JSON
import Replay
import TUICore

/// The help, the event detail, the blame list and the stream picker, drawn over the panes. Each
/// scrolls (the help and the detail with j/k, PgUp/PgDn, g/G; the lists keep their selection in
/// view) and shows where it is when its lines do not fit.
struct Overlays {
    let screen: Screen

    /// The box an overlay takes on a screen of this size.
    static func rect(_ state: AppState) -> Rect {
        let area = Rect(x: 0, y: 0, width: max(0, state.width), height: max(0, state.height))
        return area.centered(width: min(state.width, max(40, state.width * 4 / 5)), height: min(state.height, max(8, state.height * 4 / 5)))
    }

    /// How many lines fit inside the overlay's box.
    static func visibleLines(_ state: AppState) -> Int { max(0, rect(state).height - 2) }

    func draw(_ buffer: inout Buffer, _ overlay: Overlay, _ state: AppState) {
        let rect = Self.rect(state)
        buffer.fill(rect)
        let inner = screen.frame(&buffer, rect, title: title(overlay), focused: true)
        let lines = self.lines(overlay, state)
        var offset = state.overlayScroll
        switch overlay {
        case .blame(_, let selected): offset = selected - inner.height / 2
        case .picker(_, let selected): offset = selected + 1 - inner.height / 2
        case .help, .detail: break
        }
        ScrollView(screen: screen).draw(lines, offset: offset, &buffer, inner: inner, frame: rect)
    }

    private func title(_ overlay: Overlay) -> String {
        switch overlay {
        case .help: return "Keys (Esc closes)"
        case .detail: return "Event (Esc closes)"
        case .blame(let field, _): return "Blame \(field) (Enter jumps, Esc closes)"
        case .picker: return "Streams (type to filter, Enter picks, Esc closes)"
        }
    }

    func lines(_ overlay: Overlay, _ state: AppState) -> [Line] {
        switch overlay {
        case .help: return help()
        case .detail: return detail(state)
        case .blame(let field, let selected): return blame(field: field, selected: selected, state)
        case .picker(let query, let selected): return StreamPicker(screen: screen).lines(query: query, selected: selected, state)
        }
    }

    // MARK: - Help

    /// What the help says after the key list, section by section.
    private static let helpSections: [(title: String, lines: [String])] = [
        ("In a focused pane other than Events, and in this help and the detail:", ["  j/k ↑↓ PgUp/PgDn g/G Home/End scroll it"]),
        ("Commands (:)", [
            "  :find EXPR    first version of the shown stream where EXPR holds (docs/rules.md)",
            "  :write FILE   save the cursor event (or, in the aggregate pane, its state) as JSON; :write! replaces",
            "  :stream NAME  show a stream in the aggregate pane (:stream alone: follow the cursor)",
            "  :quit",
        ]),
        ("Mouse", [
            "  click the timeline     jump to that moment",
            "  click a pane           focus it; click an event to put the cursor on it",
            "  wheel                  scroll the events (three at a time)",
        ]),
        ("Search (/): words, stream:order-42, stream:order-*, type:OrderShipped, streamtype:Order,",
         ["  data.amount>100, metadata.user=\"alice\" (all must hold); n/N step, & shows only matches"]),
    ]

    private func help() -> [Line] {
        let width = KeyMap.bindings.map { DisplayWidth.of($0.keyNames) }.max() ?? 8
        var lines = KeyMap.bindings.map { binding in
            Line(binding.keyNames + String(repeating: " ", count: max(0, width + 2 - DisplayWidth.of(binding.keyNames))) + binding.help)
        }
        for section in Self.helpSections {
            lines.append(Line(""))
            lines.append(Line(section.title, screen.theme.title))
            lines += section.lines.map { Line($0) }
        }
        return lines
    }

    // MARK: - Detail

    private func detail(_ state: AppState) -> [Line] {
        guard let event = state.cursorEvent else { return [Line("reading…", screen.theme.dim)] }
        var lines = [
            Line("#\(event.position)  \(event.stream) v\(event.version)  \(event.type) (schema \(event.schemaVersion))", screen.theme.title),
            Line("id \(event.id) · \(event.time?.iso8601 ?? event.recordedAt)"),
        ]
        if event.linkedStreams.count > 1 { lines.append(Line("streams " + event.linkedStreams.joined(separator: ", "))) }
        lines += event.problems.map { Line("⚠ " + $0, screen.theme.warning) }
        let correlation = EventDetail.correlationID(of: event)
        if let correlation {
            lines.append(Line("correlation \(correlation)" + (EventDetail.causationID(of: event).map { " · caused by \($0)" } ?? "")))
        }
        if state.store.delivery.map({ $0.outbox != nil || $0.consumers != nil }) ?? true {
            lines.append(Line("delivery", screen.theme.title))
            if let held = state.store.eventDeliveries, held.eventID == event.id {
                let deliveries = held.deliveries
                if deliveries.outbox.isEmpty { lines.append(Line("  no outbox row", screen.theme.dim)) }
                for row in deliveries.outbox {
                    let status = row.publishedAt.map { "published \($0)" } ?? "pending"
                    lines.append(Line("  outbox → \(row.destination): \(status), \(row.attempts) attempt(s)" + (row.lastError.map { ", last error: \($0)" } ?? ""),
                                      row.publishedAt == nil ? screen.theme.warning : .plain))
                }
                let consumers = deliveries.processedBy.map { "\($0.consumer) at \($0.at)" }
                lines.append(Line("  processed by: " + (consumers.isEmpty ? "nobody yet" : consumers.joined(separator: ", "))))
            } else {
                lines.append(Line("  reading…", screen.theme.dim))
            }
        }
        if correlation != nil, let chain = state.store.correlation, chain.position == event.position, chain.events.count > 1 {
            lines.append(Line("causation (events of this correlation within 2,000 of it)", screen.theme.title))
            lines += CausationTree(chain.events).lines.map { depth, linked in
                let pointer = linked.id == event.id ? "▶ " : "  "
                let branch = depth == 0 ? "" : String(repeating: "  ", count: depth - 1) + "└ "
                return Line("  \(pointer)\(branch)#\(linked.position) \(linked.stream) v\(linked.version) \(linked.type)",
                            linked.id == event.id ? screen.theme.title : .plain)
            }
        }
        let words = state.search?.query.words ?? []
        lines.append(Line("data", screen.theme.title))
        lines += pretty(event.data, marks: words)
        lines.append(Line("metadata", screen.theme.title))
        lines += pretty(event.metadata, marks: [])
        return lines
    }

    /// Payloads larger than this are shown raw, their start only: parsing and printing megabytes
    /// on every frame would stall the screen.
    static let prettyLimit = 256 * 1024

    private func pretty(_ raw: String, marks: [String]) -> [Line] {
        guard raw.utf8.count <= Self.prettyLimit else {
            return [Line("  (\(DisplayFormat.grouped(raw.utf8.count)) bytes; the start as stored:)", screen.theme.dim),
                    Line("  " + String(raw.prefix(4096)), marks: marks)]
        }
        guard let value = try? JSONParser.parse(raw) else { return [Line(raw, screen.theme.warning)] }
        return JSONWriter.pretty(value).split(separator: "\n").map { Line("  " + $0, marks: marks) }
    }

    // MARK: - Blame

    private func blame(field: String, selected: Int, _ state: AppState) -> [Line] {
        guard let held = state.store.blame, held.field == field else { return [Line("reading…", screen.theme.dim)] }
        let entries = held.entries
        if entries.isEmpty { return [Line("\(field) never changed", screen.theme.dim)] }
        return entries.enumerated().map { offset, entry in
            let old = entry.old.map(JSONWriter.compact) ?? "(absent)", new = entry.new.map(JSONWriter.compact) ?? "(absent)"
            let text = "v\(entry.event.version)  #\(entry.event.position)  \(entry.event.time?.iso8601 ?? "")  \(entry.event.type)  \(old) → \(new)"
            return Line(text, offset == min(selected, entries.count - 1) ? screen.theme.cursor : .plain)
        }
    }
}

/// The events of one correlation as a tree: each under the event that caused it (its metadata's
/// causation id is that event's id), across streams; events whose cause is not among them are roots.
struct CausationTree {
    /// Depth-first, each level in log order.
    let lines: [(depth: Int, event: Event)]

    init(_ events: [Event]) {
        let ids = Set(events.map(\.id))
        var children: [String: [Event]] = [:]
        var roots: [Event] = []
        for event in events.sorted(by: { $0.position < $1.position }) {
            if let cause = EventDetail.causationID(of: event), cause != event.id, ids.contains(cause) {
                children[cause, default: []].append(event)
            } else {
                roots.append(event)
            }
        }
        var lines: [(Int, Event)] = []
        var visited = Set<String>()
        func visit(_ event: Event, _ depth: Int) {
            guard visited.insert(event.id).inserted else { return }  // a cycle of causes ends here
            lines.append((depth, event))
            for child in children[event.id] ?? [] { visit(child, depth + 1) }
        }
        for root in roots { visit(root, 0) }
        // Events caught in a cycle of causes have no root above them: they start trees of their own.
        for event in events.sorted(by: { $0.position < $1.position }) where !visited.contains(event.id) { visit(event, 0) }
        self.lines = lines
    }
}
