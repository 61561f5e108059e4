/// evx's own format (docs/store-format.md) created in PostgreSQL: an `events` table with the
/// native columns; times and payloads may be text, json(b) or timestamps.
enum NativeFamily {
    static let requiredColumns: Set<String> = ["position", "event_id", "stream_id", "stream_type", "version", "type", "data", "recorded_at"]

    static func detect(schema: String, tables: StoreCatalog.Tables) -> [EventTableMapping] {
        guard let columns = tables["events"], requiredColumns.isSubset(of: Set(columns.keys)) else { return [] }
        let timeType = columns["recorded_at"] ?? ""
        return [EventTableMapping(
            family: "evx", schema: schema, table: "events",
            position: "e.position", eventID: "e.event_id", stream: "e.stream_id", streamMatch: "e.stream_id = $1",
            streamType: "e.stream_type", version: "e.version", type: "e.type",
            schemaVersion: columns["schema_version"] == nil ? "1" : "e.schema_version",
            data: "e.data", metadata: columns["metadata"] == nil ? "'{}'" : "e.metadata",
            time: "e.recorded_at", timeIsTimestamp: timeType.hasPrefix("timestamp"),
            // Written by evx's generator and demo in one transaction at a time; a concurrent writer
            // could still commit out of order, so followers check gaps as for any sequence.
            positionsCommitOutOfOrder: true)]
    }
}
