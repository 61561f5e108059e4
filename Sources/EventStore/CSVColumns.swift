import EventModel
import JSON

/// What each column of a CSV export holds, read from its header row, and how a row becomes an
/// event: with the field names and rules of JSON Lines (`JSONLinesField`), so that an export reads
/// the same in either format. NULL (an unquoted empty field) is a missing value.
struct CSVColumns: Sendable {
    /// The column of each field (by `JSONLinesField.rawValue`), the best-ranked spelling's.
    private let columnOfField: [Int?]
    let count: Int

    /// Why a first row is not a header evx can read.
    struct HeaderProblem: Error {
        let reason: String
    }

    /// Reads the header row's names (surrounding spaces ignored). It must name a stream id and
    /// an event type column, as a JSON Lines line must hold both.
    init(header: [String]) throws(HeaderProblem) {
        var columns = [Int?](repeating: nil, count: JSONLinesField.allCases.count)
        var ranks = [Int](repeating: Int.max, count: JSONLinesField.allCases.count)
        for (column, name) in header.enumerated() {
            guard let (field, rank) = JSONLinesField.byName[name.trimmingSpaces], rank < ranks[field.rawValue] else { continue }
            columns[field.rawValue] = column
            ranks[field.rawValue] = rank
        }
        let shown = header.prefix(6).map { "'\(Self.printable($0))'" }.joined(separator: ", ") + (header.count > 6 ? ", …" : "")
        guard columns.contains(where: { $0 != nil }) else {
            throw HeaderProblem(reason: "its first row (\(shown)) is not a header naming event fields "
                                + "(stream_name, type, data, … as in docs/store-format.md); export with a header row")
        }
        for required in [JSONLinesField.stream, .type] where columns[required.rawValue] == nil {
            throw HeaderProblem(reason: "its header (\(shown)) has no \(required == .stream ? "stream id" : "event type") column "
                                + "(looked for \(required.names.joined(separator: ", ")))")
        }
        columnOfField = columns
        count = header.count
    }

    /// A name from the file as a message may show it: control and format characters (escape
    /// sequences, bidirectional overrides) become `?`, and long names are cut.
    private static func printable(_ name: String) -> String {
        let scalars = name.unicodeScalars.prefix(32).map { scalar -> Character in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return "?"
            default: return Character(scalar)
            }
        }
        return String(scalars) + (name.unicodeScalars.count > 32 ? "…" : "")
    }

    /// The event of one row, as far as the row alone tells (the decoder derives the rest).
    func record(_ fields: [CSVRecordReader.Field], in bytes: UnsafeBufferPointer<UInt8>, needs: JSONLinesNeeds,
                names: inout StringInterner) -> Result<JSONLinesRecord, JSONLinesLineParser.Problem> {
        guard fields.count == count else {
            return .failure(JSONLinesLineParser.Problem(reason: "\(fields.count) fields where the header has \(count)"))
        }
        func field(_ name: JSONLinesField) -> CSVRecordReader.Field? {
            columnOfField[name.rawValue].map { fields[$0] }.flatMap { $0.isNull ? nil : $0 }
        }
        func text(_ name: JSONLinesField) -> String? { field(name)?.text(in: bytes) }
        /// Names that repeat on many rows (types, stream types): one string per distinct name.
        func name(_ name: JSONLinesField) -> String? {
            guard let found = field(name) else { return nil }
            return found.hasDoubledQuotes ? found.text(in: bytes) : names.string(UnsafeBufferPointer(rebasing: bytes[found.range]))
        }
        func integer(_ name: JSONLinesField) -> Int64? { text(name).flatMap { Int64($0.trimmingSpaces) } }

        guard let stream = text(.stream), !stream.isEmpty else {
            return .failure(JSONLinesLineParser.Problem(reason: "no stream id (its column is empty)"))
        }
        guard let type = name(.type), !type.isEmpty else {
            return .failure(JSONLinesLineParser.Problem(reason: "no event type (its column is empty)"))
        }
        var problems: [String] = []
        var recordedAt = ""
        var time: EventTime?
        if let written = text(.time) {
            if let seconds = DecimalNumber(written.trimmingSpaces) {
                time = EventTime(epochNumber: seconds.doubleValue)
                recordedAt = time?.iso8601 ?? written
                if time == nil { problems.append("time \(written) is not a time") }
            } else {
                time = EventTime(iso8601: written)
                recordedAt = written
                if time == nil { problems.append("time is not an ISO-8601 time") }
            }
        }
        let (position, version) = JSONLinesField.positionAndVersion(
            position: integer(.position), globalPosition: integer(.globalPosition), version: integer(.version))
        let id = needs.details ? text(.id) : nil
        let event = Event(
            position: position ?? 0, id: id ?? "", stream: stream,
            streamType: name(.streamType) ?? JSONLinesField.category(ofStream: stream), version: version ?? 0,
            type: type, schemaVersion: integer(.schemaVersion) ?? 1,
            data: payload(text(.data), name: "data", keep: needs.payloads, problems: &problems),
            metadata: payload(text(.metadata), name: "metadata", keep: needs.payloads && needs.details, problems: &problems),
            recordedAt: recordedAt, time: time, problems: problems)
        return .success(JSONLinesRecord(event: event, hasPosition: position != nil, hasVersion: version != nil, hasID: id != nil,
                                        streamHash: JSONLinesLineParser.hash(stream), idHash: id.map(JSONLinesLineParser.hash) ?? 0))
    }

    /// A payload's JSON text: NULL or `null` is an empty object; anything but a valid JSON object
    /// is kept and flagged, as in JSON Lines.
    private func payload(_ text: String?, name: String, keep: Bool, problems: inout [String]) -> String {
        guard let text, text != "null" else { return "{}" }
        if let error = JSONParser.validate(text) {
            problems.append("\(name) is not valid JSON (\(error))")
        } else if text.utf8.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) != UInt8(ascii: "{") {
            problems.append("\(name) is not a JSON object")
        }
        return keep ? text : "{}"
    }
}

private extension String {
    var trimmingSpaces: String {
        guard first == " " || last == " " else { return self }
        return String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
