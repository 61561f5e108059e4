/// How one store's tables answer evx's questions, as SQL expressions over the events relation
/// (aliased `e`): which expression is the global position, the stream, its type, the version
/// (1-based), the event type, the payloads and the time. Every query evx runs is built from these
/// and orders or filters by `position` or `stream` only, which each family indexes.
struct EventTableMapping: Sendable, Equatable {
    /// `messagedb`, `marten`, `eventsourcing`, `commanded`, `emmett`, `evx`.
    var family: String
    var schema: String
    /// The table whose rows are the events, aliased `e` in every query.
    var table: String
    /// Joins that bring in the other columns (`LEFT JOIN "s".mt_streams st ON ...`).
    var joins = ""
    /// The FROM clause that reads one stream through its index, when that needs another path
    /// than `from` (nil: `from`). It binds the same aliases, so every expression holds.
    var streamFrom: String?
    /// Always true of the rows that are events (`TRUE` when all are).
    var condition = "TRUE"
    var position: String
    var eventID: String
    var stream: String
    /// The comparison that finds one stream through its index, with `$N` for the parameter.
    var streamMatch: String
    /// Whether stream ids are UUIDs (a non-UUID stream name then matches nothing).
    var streamIsUUID = false
    var streamType: String
    var version: String
    var type: String
    var schemaVersion = "1"
    var data: String
    var metadata: String
    /// The recorded time as text (`timestamp`/`timestamptz` in a UTC session, or stored text).
    var time: String
    /// Whether `time` is a PostgreSQL timestamp (shown in evx's canonical form) rather than text
    /// kept as stored.
    var timeIsTimestamp = true
    /// Whether positions can become visible out of order (sequences written by concurrent
    /// transactions): a follower then waits for gaps to fill (see `GapTracker`).
    var positionsCommitOutOfOrder = true
    /// The channel the store NOTIFYs on when it appends, if any.
    var notifyChannel: String?
    /// The family's checkpoint tables present in the schema.
    var checkpointTables: Set<String> = []
    /// The events table's index definitions (which query shapes an index serves).
    var indexes: [String] = []

    /// A name that tells stores in one database apart: `family:schema` (eventsourcing adds its table).
    var name: String { family == "eventsourcing" ? "\(family):\(schema).\(table)" : "\(family):\(schema)" }

    /// The select list `ServerEventDecoder` reads, in its column order.
    var eventColumns: String {
        [
            "(\(position))::bigint", "(\(eventID))::text", "(\(stream))::text", "(\(streamType))::text",
            "(\(version))::bigint", "(\(type))::text", "(\(schemaVersion))::bigint", "(\(data))::text",
            "(\(metadata))::text", "(\(time))::text",
        ].joined(separator: ", ")
    }

    /// `"schema"."table"`.
    var qualifiedTable: String { "\(quoted(schema)).\(quoted(table))" }

    /// The FROM clause of the log's queries; `sampling` reads a random share of its pages.
    func from(samplingPercent: Double? = nil) -> String {
        let sample = samplingPercent.map { " TABLESAMPLE SYSTEM (\($0))" } ?? ""
        return "\(qualifiedTable) e\(sample) \(joins)"
    }

    /// `SELECT <columns> FROM <from> WHERE <condition> AND <extra>` (no ORDER BY).
    func select(_ columns: String, where extra: [String] = [], samplingPercent: Double? = nil, forStream: Bool = false) -> String {
        let source = forStream ? (streamFrom ?? from()) : from(samplingPercent: samplingPercent)
        return "SELECT \(columns) FROM \(source) WHERE " + ([condition] + extra).joined(separator: " AND ")
    }
}

/// Quotes an identifier for SQL (`"name"`, doubling quotes inside).
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
