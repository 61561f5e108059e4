import EventModel
import TUICore

/// The log around the cursor (or the search's matches only), one event per row. Columns take the
/// width their content needs, up to a cap, and are cut with an ellipsis; the data gets the rest.
/// The cursor row is highlighted, the pinned stream's rows are bold, types have their colour and
/// search words are marked. Payload text is shown escaped (the Buffer never stores control
/// characters). Rows whose event is not read yet show a placeholder.
struct EventsPane {
    let screen: Screen

    /// Widths of the columns for the rows shown.
    struct Widths {
        var position = 0, time = 0, stream = 0, version = 0, type = 0, rest = 0
    }

    static let streamCap = 32, typeCap = 30, narrowest = 6

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState) {
        guard rect.height > 0, rect.width > 0 else { return }
        let rows = Self.visiblePositions(state, height: rect.height)
        guard !rows.isEmpty else {
            let text: String
            if !state.store.isOpen || state.cursor != nil {
                text = "reading\(screen.ellipsis)"
            } else if let search = state.search, search.onlyMatches {
                text = "no event matches '\(search.text)'"
            } else {
                text = "no events"
            }
            _ = buffer.write(text, at: rect.x, y: rect.y, maxWidth: rect.width, style: screen.theme.dim)
            return
        }
        let events = rows.compactMap { state.store.events[$0] }
        let longDates = (state.store.timeline?.span).map { $0.last.microseconds - $0.first.microseconds > 86_400_000_000 } ?? false
        let (widths, timeFormat) = Self.widths(events, columns: state.columns, available: rect.width - 1, longDates: longDates)
        let words = state.search?.query.words ?? []
        for (offset, position) in rows.enumerated() {
            let y = rect.y + offset
            let isCursor = position == state.cursor
            let base: Style = isCursor ? screen.theme.cursor : .plain
            if isCursor { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
            guard let event = state.store.events[position] else {
                _ = buffer.write(" #\(position) \(screen.ellipsis)", at: rect.x, y: y, maxWidth: rect.width, style: isCursor ? base : screen.theme.dim)
                continue
            }
            var row = base
            if event.stream == state.pinnedStream { row.bold = row.bold || screen.theme.pinned.bold }
            let isMatch = state.search?.isMatch(position) == true
            let marker = state.marks.contains(position) ? "'" : (!event.problems.isEmpty ? "!" : (isMatch ? "*" : " "))
            var x = rect.x + buffer.write(marker, at: rect.x, y: y, style: event.problems.isEmpty ? (isMatch ? screen.theme.marker : row) : screen.theme.warning)
            func cell(_ text: String, _ width: Int, _ style: Style, highlight: Bool = false) {
                guard width > 0, x < rect.maxX else { return }
                let shown = DisplayWidth.truncate(text, toWidth: width, ellipsis: screen.ellipsis)
                _ = buffer.write(shown, at: x, y: y, maxWidth: rect.maxX - x, style: style)
                if highlight { mark(words, in: shown, at: x, y: y, &buffer, cursor: isCursor) }
                x += width + 1
            }
            var typeStyle = screen.theme.style(ofType: event.type)
            typeStyle.reverse = isCursor
            typeStyle.bold = row.bold
            let dim = isCursor ? row : screen.theme.dim
            cell("#\(event.position)", widths.position, row)
            if widths.time > 0 { cell(Self.time(event, timeFormat), widths.time, dim) }
            if widths.stream > 0 { cell(event.stream, widths.stream, row, highlight: true) }
            if widths.version > 0 { cell("v\(event.version)", widths.version, row) }
            cell(event.type + (event.schemaVersion == 1 ? "" : "@\(event.schemaVersion)"), widths.type, typeStyle, highlight: true)
            if widths.rest > 0 {
                cell(state.columns == .identities ? event.id : event.data, min(widths.rest, rect.maxX - x), dim, highlight: state.columns != .identities)
            }
        }
    }

    /// How the time column is written: the widest that fits.
    enum TimeFormat: Int, Comparable {
        case none, seconds, milliseconds, dayAndMilliseconds

        static func < (a: TimeFormat, b: TimeFormat) -> Bool { a.rawValue < b.rawValue }

        var width: Int { [0, 8, 12, 18][rawValue] }
    }

    /// Column widths from the rows' content, within `available` cells. Stream and type get what
    /// they need up to a cap; when the row is too narrow, the time loses its date (kept only when
    /// the store spans days), then stream and type give back width (wider first), so that the
    /// data keeps at least a little room; failing that, the data goes, then the time.
    static func widths(_ events: [Event], columns: EventColumns, available: Int, longDates: Bool) -> (Widths, TimeFormat) {
        var widths = Widths()
        widths.position = max(4, events.map { DisplayWidth.of("#\($0.position)") }.max() ?? 4)
        widths.type = min(typeCap, max(narrowest, events.map { DisplayWidth.of($0.type) + ($0.schemaVersion == 1 ? 0 : 2) }.max() ?? narrowest))
        var time: TimeFormat = .none
        if columns != .payload {
            time = longDates ? .dayAndMilliseconds : .milliseconds
            widths.stream = min(streamCap, max(narrowest, events.map { DisplayWidth.of($0.stream) }.max() ?? narrowest))
        }
        if columns == .identities { widths.version = max(2, events.map { DisplayWidth.of("v\($0.version)") }.max() ?? 2) }
        func used() -> Int {
            let present = [widths.position, time.width, widths.stream, widths.version, widths.type].filter { $0 > 0 }
            return present.reduce(0, +) + present.count
        }
        let wanted = 12
        func shrink(toward floor: Int, room: Int) {
            while available - used() < room, max(widths.stream, widths.type) > floor {
                if widths.stream >= widths.type { widths.stream -= 1 } else { widths.type -= 1 }
            }
        }
        let natural = (widths, time)
        if available - used() < wanted, time == .dayAndMilliseconds { time = .milliseconds }
        shrink(toward: 12, room: wanted)
        if available - used() < wanted {
            // No room for the data: the other columns as they were, fitted without it.
            (widths, time) = natural
            if available - used() < 0, time == .dayAndMilliseconds { time = .milliseconds }
            shrink(toward: narrowest, room: 0)
            if available - used() < 0, time > .seconds { time = .seconds }
            if available - used() < 0 { time = .none }
        }
        widths.time = time.width
        widths.rest = max(0, available - used())
        return (widths, time)
    }

    /// The event's time in a format: `01-06 09:38:43.859`, `09:38:43.859` or `09:38:43`.
    static func time(_ event: Event, _ format: TimeFormat) -> String {
        guard let time = event.time else { return event.recordedAt }
        let text = time.iso8601  // 2026-01-06T09:38:43.859Z
        switch format {
        case .none: return ""
        case .seconds: return String(text.dropFirst(11).prefix(8))
        case .milliseconds: return String(text.dropFirst(11).prefix(12))
        case .dayAndMilliseconds: return String(text.dropFirst(5).prefix(5)) + " " + String(text.dropFirst(11).prefix(12))
        }
    }

    /// Highlights the search's words where they occur in a written cell.
    private func mark(_ words: [String], in text: String, at x: Int, y: Int, _ buffer: inout Buffer, cursor: Bool) {
        guard !words.isEmpty else { return }
        let characters = Array(text)
        for word in words {
            for range in SearchQuery.wordRanges(word, in: text) {
                let start = x + DisplayWidth.of(String(characters[..<range.lowerBound]))
                let width = DisplayWidth.of(String(characters[range]))
                buffer.setStyle(Rect(x: start, y: y, width: width, height: 1), style: cursor ? Style(underline: true, reverse: true) : screen.theme.match)
            }
        }
    }

    /// The positions shown, keeping the cursor about a third of the way down.
    static func visiblePositions(_ state: AppState, height: Int) -> [Int64] {
        guard height > 0, let cursor = state.cursor else { return [] }
        if let search = state.search, search.onlyMatches {
            guard let matches = search.matches, !matches.isEmpty else { return [] }
            let around = matches.firstIndex { $0 >= cursor } ?? matches.count - 1
            let start = min(max(0, around - height / 3), max(0, matches.count - height))
            return Array(matches[start..<min(matches.count, start + height)])
        }
        let log = state.store.log
        guard log.contains(cursor) else { return [] }
        let run = log.run
        let index = run.index(atOrBefore: cursor)
        let start = min(max(0, index - height / 3), max(0, run.count - height))
        return Array(run.positions[start..<min(run.count, start + height)])
    }

    /// The position shown on a row of the pane's inside (for mouse clicks).
    static func position(atRow row: Int, state: AppState, height: Int) -> Int64? {
        let rows = visiblePositions(state, height: max(0, height))
        return rows.indices.contains(row) ? rows[row] : nil
    }
}
