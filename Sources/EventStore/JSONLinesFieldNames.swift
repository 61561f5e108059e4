import EventModel
/// The field names a JSON Lines store or a CSV export's header may use for each part of an event,
/// and how their values are read (docs/store-format.md). The first name is the canonical one (what
/// `evx events --json` writes); the others are spellings common in other tools' exports. When a
/// line has several spellings of one field, the earliest in the list wins.
public enum JSONLinesField: Int, CaseIterable, Sendable {
    case position, globalPosition, id, stream, streamType, type, version, schemaVersion, data, metadata, time

    public var names: [String] {
        switch self {
        case .position: return ["position", "sequence", "seq"]
        case .globalPosition: return ["global_position", "globalPosition"]
        case .id: return ["id", "event_id", "eventId", "eventID", "uuid", "message_id"]
        case .stream: return ["stream", "stream_id", "streamId", "stream_name", "streamName", "aggregate_id", "aggregateId"]
        case .streamType: return ["stream_type", "streamType", "aggregate_type", "aggregateType", "category"]
        case .type: return ["type", "event_type", "eventType"]
        case .version: return ["version", "stream_version", "streamVersion", "revision", "aggregate_version", "event_number"]
        case .schemaVersion: return ["schema_version", "schemaVersion"]
        case .data: return ["data", "payload", "body", "event_data"]
        case .metadata: return ["metadata", "meta", "headers"]
        case .time: return ["time", "timestamp", "recorded_at", "recordedAt", "created", "created_at", "createdAt", "occurred_at", "occurredAt"]
        }
    }

    public var canonicalName: String { names[0] }

    /// Each accepted name with its field and its rank among that field's spellings.
    static let byName: [String: (field: JSONLinesField, rank: Int)] = {
        var table: [String: (JSONLinesField, Int)] = [:]
        for field in allCases {
            for (rank, name) in field.names.enumerated() { table[name] = (field, rank) }
        }
        return table
    }()

    /// The field and rank of a key given as its bytes (without escapes): looked up for every member
    /// of every line, so without making a `String`.
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> (field: JSONLinesField, rank: Int)? {
        let table = byLength
        guard key.count < table.count else { return nil }
        for entry in table[key.count] where entry.bytes.withUnsafeBufferPointer({ $0.hasSameBytes(as: key) }) {
            return (entry.field, entry.rank)
        }
        return nil
    }

    /// Every accepted name as bytes, by length.
    private static let byLength: [[(bytes: [UInt8], field: JSONLinesField, rank: Int)]] = {
        var table: [[([UInt8], JSONLinesField, Int)]] = []
        for (name, (field, rank)) in byName {
            let bytes = Array(name.utf8)
            while table.count <= bytes.count { table.append([]) }
            table[bytes.count].append((bytes, field, rank))
        }
        return table
    }()

    /// The aggregate type implied by a stream id when a line has none: the part before the first
    /// `-` (the usual `category-id` convention, Message DB's category): `order-42` → `order`,
    /// `account:command-7` → `account:command`. A stream id without a `-` (a process log's case
    /// number) implies none: its streams form one group, not one stream type each.
    static func category(ofStream stream: String) -> String {
        guard let dash = stream.firstIndex(of: "-"), dash != stream.startIndex else { return "" }
        return String(stream[..<dash])
    }

    /// The position and version a line gives. `global_position` is the position when there is one;
    /// next to it, `position` is Message DB's per-stream position, counted from 0, so it gives the
    /// version (`position` + 1) unless the line names a version itself.
    static func positionAndVersion(position: Int64?, globalPosition: Int64?, version: Int64?) -> (position: Int64?, version: Int64?) {
        guard let globalPosition else { return (position, version) }
        return (globalPosition, version ?? position.flatMap { $0 < Int64.max ? $0 + 1 : nil })
    }
}
