import EventModel
import JSON

/// One line's event as written, made on any thread. What depends on the lines before it (a
/// derived position or version) is filled in, in line order, by `JSONLinesDecoder`.
struct JSONLinesRecord: Sendable {
    var event: Event
    /// Whether the line gave the position, the version, the id (when ids are wanted).
    var hasPosition: Bool
    var hasVersion: Bool
    var hasID: Bool
    /// Hashes of the stream id and of the id (0 when ids are not wanted), computed here so that
    /// the one thread deriving versions and finding duplicates need not.
    var streamHash: UInt64
    var idHash: UInt64
}

/// What a reader needs from each line: the rest is checked (a line must be valid JSON either way)
/// but not copied out.
struct JSONLinesNeeds: Sendable {
    /// The event id and the recorded time's text (and the metadata's text when payloads are kept).
    var details = true
    /// The data and metadata texts; without them they read as "{}", though non-objects are still flagged.
    var payloads = true
}

/// Picks the fields of one JSON Lines event out of its bytes: validates the whole line (a line
/// that is not valid JSON is skipped by every command alike), matches keys as bytes, and makes
/// strings only for the fields the reader needs.
struct JSONLinesLineParser {
    let needs: JSONLinesNeeds
    /// Reused for every line: where each field's value is, and the rank of the spelling found.
    private var ranges = [Range<Int>?](repeating: nil, count: JSONLinesField.allCases.count)
    private var ranks = [Int](repeating: Int.max, count: JSONLinesField.allCases.count)
    private var names = StringInterner()

    init(needs: JSONLinesNeeds) {
        self.needs = needs
    }

    /// A line that cannot become an event, with the reason.
    struct Problem: Error, Sendable {
        let reason: String
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<JSONLinesRecord, Problem> {
        for field in 0..<ranges.count {
            ranges[field] = nil
            ranks[field] = Int.max
        }
        var parser = JSONParser(bytes: line)
        do {
            try parser.forEachMemberRawKey { (key, keyHasEscapes, range) throws(JSONError) in
                let match = keyHasEscapes
                    ? JSONLinesField.byName[JSONParser.decodeString(key, hasEscapes: true)]
                    : JSONLinesField.named(key)
                guard let (field, rank) = match, rank < ranks[field.rawValue] else { return }
                ranges[field.rawValue] = range
                ranks[field.rawValue] = rank
            }
            try parser.expectEnd()
        } catch {
            return .failure(Problem(reason: "not a valid JSON object (\(error))"))
        }
        guard let stream = text(.stream, in: line), !stream.isEmpty else {
            return .failure(Problem(reason: "no stream id (looked for \(JSONLinesField.stream.names.joined(separator: ", ")))"))
        }
        guard let type = name(.type, in: line), !type.isEmpty else {
            return .failure(Problem(reason: "no event type (looked for \(JSONLinesField.type.names.joined(separator: ", ")))"))
        }
        var problems: [String] = []
        var recordedAt = ""
        var time: EventTime?
        switch ranges[JSONLinesField.time.rawValue].map({ line[$0.lowerBound] }) {
        case UInt8(ascii: "\"")?:
            if let raw = rawString(.time, in: line) {
                time = EventTime(iso8601Bytes: raw)
                if needs.details || time == nil { recordedAt = String(decoding: raw, as: UTF8.self) }
            } else if case .string(let text)? = scalar(.time, in: line) {
                recordedAt = text
                time = EventTime(iso8601: text)
            }
            if time == nil { problems.append("time is not an ISO-8601 time") }
        case let first? where first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first):
            let number = scalar(.time, in: line)
            time = EventTime(epochNumber: number?.doubleValue ?? .nan)
            recordedAt = time?.iso8601 ?? number.map(JSONWriter.compact) ?? ""
            if time == nil { problems.append("time \(recordedAt) is not a time") }
        default:
            break  // no time at all: many exports have none; the summary counts such events
        }
        let (position, version) = JSONLinesField.positionAndVersion(
            position: integer(.position, in: line), globalPosition: integer(.globalPosition, in: line),
            version: scalar(.version, in: line)?.intValue)
        let id = needs.details ? text(.id, in: line) : nil
        let event = Event(
            position: position ?? 0, id: id ?? "", stream: stream,
            streamType: name(.streamType, in: line) ?? JSONLinesField.category(ofStream: stream), version: version ?? 0,
            type: type, schemaVersion: scalar(.schemaVersion, in: line)?.intValue ?? 1,
            data: payload(.data, name: "data", in: line, keep: needs.payloads, problems: &problems),
            metadata: payload(.metadata, name: "metadata", in: line, keep: needs.payloads && needs.details, problems: &problems),
            recordedAt: recordedAt, time: time, problems: problems)
        return .success(JSONLinesRecord(event: event, hasPosition: position != nil, hasVersion: version != nil,
                                        hasID: id != nil, streamHash: Self.hash(stream), idHash: id.map(Self.hash) ?? 0))
    }

    /// The hash of a stream id or an event id, spread over every bit (tables index by the low
    /// ones), from a seed random per process so that a hostile file cannot make ids collide.
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { $0.wordHash(seed) }
    }

    private static let seed = UInt64.random(in: .min ... .max)

    private func scalar(_ field: JSONLinesField, in line: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let range = ranges[field.rawValue] else { return nil }
        var valueParser = JSONParser(bytes: line, startingAt: range.lowerBound)
        return try? valueParser.parseValue()
    }

    /// A string field's bytes between its quotes when it holds no escapes.
    private func rawString(_ field: JSONLinesField, in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let range = ranges[field.rawValue], range.count >= 2, line[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let raw = UnsafeBufferPointer(rebasing: line[(range.lowerBound + 1)..<(range.upperBound - 1)])
        return raw.contains(UInt8(ascii: "\\")) ? nil : raw
    }

    /// A position: a number, or an integer as a string.
    private func integer(_ field: JSONLinesField, in line: UnsafeBufferPointer<UInt8>) -> Int64? {
        scalar(field, in: line)?.intValue ?? text(field, in: line).flatMap { Int64($0) }
    }

    /// A field that names something (a string, or an integer as text).
    private func text(_ field: JSONLinesField, in line: UnsafeBufferPointer<UInt8>) -> String? {
        if let raw = rawString(field, in: line) { return String(decoding: raw, as: UTF8.self) }
        switch scalar(field, in: line) {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        default: return nil
        }
    }

    /// Like `text`, for names that repeat on many lines (types): one string per distinct name.
    private mutating func name(_ field: JSONLinesField, in line: UnsafeBufferPointer<UInt8>) -> String? {
        if let raw = rawString(field, in: line) { return names.string(raw) }
        return text(field, in: line)
    }

    /// A payload's raw JSON text; a missing one (or `null`, as Message DB's metadata often is) is
    /// an empty object, a non-object is kept but flagged.
    private func payload(_ field: JSONLinesField, name: String, in line: UnsafeBufferPointer<UInt8>, keep: Bool,
                         problems: inout [String]) -> String {
        guard let range = ranges[field.rawValue], line[range.lowerBound] != UInt8(ascii: "n") else { return "{}" }
        if line[range.lowerBound] != UInt8(ascii: "{") { problems.append("\(name) is not a JSON object") }
        return keep ? String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self) : "{}"
    }
}
