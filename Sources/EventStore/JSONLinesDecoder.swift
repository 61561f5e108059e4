import EventModel
import JSON

/// Turns JSON Lines into events, deriving what a line leaves out: the position from line order,
/// the version from the stream's previous event, the stream type from the stream id.
struct JSONLinesDecoder {
    /// A line that cannot become an event, with the reason.
    struct LineProblem: Error {
        let reason: String
    }

    private var lastPosition: Int64 = 0
    /// The last version seen in each stream, for deriving versions and checking their sequence.
    private(set) var streamVersions: [String: Int64] = [:]

    /// Decodes one line; also returns the stream's version before this event (0 for its first).
    mutating func decode(_ line: UnsafeBufferPointer<UInt8>) -> Result<(event: Event, previousVersion: Int64), LineProblem> {
        var ranges = [Range<Int>?](repeating: nil, count: JSONLinesField.allCases.count)
        var ranks = [Int](repeating: Int.max, count: JSONLinesField.allCases.count)
        var parser = JSONParser(bytes: line)
        do {
            try parser.forEachMember { (key, range) throws(JSONError) in
                guard let (field, rank) = JSONLinesField.byName[key], rank < ranks[field.rawValue] else { return }
                ranges[field.rawValue] = range
                ranks[field.rawValue] = rank
            }
            try parser.expectEnd()
        } catch {
            return .failure(LineProblem(reason: "not a valid JSON object (\(error))"))
        }
        func raw(_ field: JSONLinesField) -> UnsafeBufferPointer<UInt8>? {
            ranges[field.rawValue].map { UnsafeBufferPointer(rebasing: line[$0]) }
        }
        func scalar(_ field: JSONLinesField) -> JSONValue? {
            guard let range = ranges[field.rawValue] else { return nil }
            var valueParser = JSONParser(bytes: line, startingAt: range.lowerBound)
            return try? valueParser.parseValue()
        }
        func text(_ field: JSONLinesField) -> String? {
            switch scalar(field) {
            case .string(let s)?: return s
            case .int(let i)?: return String(i)
            default: return nil
            }
        }

        guard let stream = text(.stream), !stream.isEmpty else {
            return .failure(LineProblem(reason: "no stream id (looked for \(JSONLinesField.stream.names.joined(separator: ", ")))"))
        }
        guard let type = text(.type), !type.isEmpty else {
            return .failure(LineProblem(reason: "no event type (looked for \(JSONLinesField.type.names.joined(separator: ", ")))"))
        }
        var problems: [String] = []
        let position = scalar(.position)?.intValue ?? Int64(text(.position) ?? "") ?? lastPosition + 1
        lastPosition = position
        let previousVersion = streamVersions[stream] ?? 0
        let version = scalar(.version)?.intValue ?? previousVersion + 1
        streamVersions[stream] = version

        let data = payload(raw(.data), name: "data", problems: &problems)
        let metadata = payload(raw(.metadata), name: "metadata", problems: &problems)
        var recordedAt = ""
        var time: EventTime?
        switch scalar(.time) {
        case .string(let s)?:
            recordedAt = s
            time = EventTime(iso8601: s)
            if time == nil { problems.append("time is not an ISO-8601 time") }
        case let number? where number.isNumber:
            time = EventTime(epochNumber: number.doubleValue ?? .nan)
            recordedAt = time?.iso8601 ?? JSONWriter.compact(number)
            if time == nil { problems.append("time \(recordedAt) is not a time") }
        default:
            break  // no time at all: many exports have none; the summary counts such events
        }
        let event = Event(
            position: position, id: text(.id) ?? "line-\(position)", stream: stream,
            streamType: text(.streamType) ?? JSONLinesField.category(ofStream: stream), version: version, type: type,
            schemaVersion: scalar(.schemaVersion)?.intValue ?? 1, data: data, metadata: metadata,
            recordedAt: recordedAt, time: time, problems: problems)
        return .success((event, previousVersion))
    }

    /// A payload's raw JSON text; a missing one is an empty object, a non-object is kept but flagged.
    private func payload(_ raw: UnsafeBufferPointer<UInt8>?, name: String, problems: inout [String]) -> String {
        guard let raw else { return "{}" }
        if raw.first != UInt8(ascii: "{") { problems.append("\(name) is not a JSON object") }
        return String(decoding: raw, as: UTF8.self)
    }
}
