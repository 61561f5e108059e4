import EventModel
import TUICore

/// The stream picker (`s`, `:stream`): stream types and streams with their event counts and last
/// time, filtered as one types by a fuzzy match (the letters in order; whole words and prefixes
/// first). Enter on a stream pins it in the aggregate pane; on a stream type it shows only that
/// type's events.
struct StreamPicker {
    let screen: Screen

    /// One row of the list.
    enum Entry: Equatable {
        case streamType(name: String, streams: Int, events: Int)
        case stream(StreamSummary)
    }

    /// Rows shown at most (the best matches).
    static let limit = 2000

    /// The entries matching `query`, best first (stream types before streams on a tie).
    static func entries(_ query: String, _ streams: [StreamSummary]) -> [Entry] {
        var types: [String: (streams: Int, events: Int)] = [:]
        for summary in streams { types[summary.streamType, default: (0, 0)].streams += 1; types[summary.streamType, default: (0, 0)].events += summary.events }
        var scored: [(score: Int, events: Int, entry: Entry)] = []
        for (name, counts) in types {
            if let score = FuzzyMatch.score(query, name) { scored.append((score + 1, counts.events, .streamType(name: name, streams: counts.streams, events: counts.events))) }
        }
        for summary in streams {
            if let score = FuzzyMatch.score(query, summary.stream) { scored.append((score, summary.events, .stream(summary))) }
        }
        scored.sort { ($0.score, $0.events) > ($1.score, $1.events) }
        return scored.prefix(limit).map(\.entry)
    }

    func lines(query: String, selected: Int, _ state: AppState) -> [Line] {
        var lines = [Line("> " + query + "▏", screen.theme.title)]
        guard let list = state.store.streamList?.streams else {
            let done = state.requests.progress[.streamList].map { " (\(DisplayFormat.grouped($0.done)) events read)" } ?? ""
            return lines + [Line("reading the streams…\(done)", screen.theme.dim)]
        }
        let entries = Self.entries(query, list)
        if entries.isEmpty { return lines + [Line("no stream or stream type matches '\(query)'", screen.theme.dim)] }
        let width = min(40, entries.map { DisplayWidth.of(Self.name($0)) }.max() ?? 10)
        for (index, entry) in entries.enumerated() {
            let name = Self.name(entry)
            let padded = name + String(repeating: " ", count: max(0, width - DisplayWidth.of(name)))
            let text: String
            switch entry {
            case .streamType(_, let streams, let events):
                text = "type  \(padded)  \(DisplayFormat.grouped(streams)) streams · \(DisplayFormat.grouped(events)) events"
            case .stream(let summary):
                text = "      \(padded)  \(summary.streamType) · \(DisplayFormat.grouped(summary.events)) events · last #\(summary.lastPosition)"
                    + (summary.lastTime.map { " \($0.iso8601)" } ?? "")
            }
            lines.append(Line(text, index == selected ? screen.theme.cursor : .plain))
        }
        return lines
    }

    static func name(_ entry: Entry) -> String {
        switch entry {
        case .streamType(let name, _, _): return name
        case .stream(let summary): return summary.stream
        }
    }
}

/// Scores how well typed letters match a name: nil when they are not all in it in order; higher
/// for an exact match, a prefix, a whole substring, and letters close together.
enum FuzzyMatch {
    static func score(_ query: String, _ name: String) -> Int? {
        let needle = Array(query.lowercased()), haystack = Array(name.lowercased())
        guard !needle.isEmpty else { return 0 }
        if haystack == needle { return 10_000 }
        if haystack.starts(with: needle) { return 5_000 - haystack.count }
        if name.lowercased().contains(query.lowercased()) { return 2_000 - haystack.count }
        var score = 1_000, from = 0, previous = -2
        for character in needle {
            guard let found = haystack[from...].firstIndex(of: character) else { return nil }
            if found != previous + 1 { score -= 10 }
            previous = found
            from = found + 1
        }
        return score - haystack.count
    }
}
