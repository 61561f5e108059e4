/// Message DB (message-db/message-db, database/tables/messages.sql): `messages` with
/// `global_position` (bigserial, the global order), `position` (per stream, from 0), `time`
/// (timestamp without zone, UTC), `stream_name`, `type`, `data`/`metadata` (jsonb, NULL allowed),
/// `id` (uuid). The category, evx's stream type, is the stream name up to its first `-`.
/// Writers lock per category only, so global positions can commit out of order.
enum MessageDBFamily {
    static let requiredColumns: Set<String> = ["global_position", "position", "time", "stream_name", "type", "data", "metadata", "id"]

    static func detect(schema: String, tables: StoreCatalog.Tables) -> [EventTableMapping] {
        guard let columns = tables["messages"], requiredColumns.isSubset(of: Set(columns.keys)) else { return [] }
        return [EventTableMapping(
            family: "messagedb", schema: schema, table: "messages",
            position: "e.global_position", eventID: "e.id", stream: "e.stream_name", streamMatch: "e.stream_name = $1",
            streamType: "split_part(e.stream_name, '-', 1)", version: "e.position + 1", type: "e.type",
            // The conventional metadata key, a number or a numeric string.
            schemaVersion: "CASE WHEN e.metadata->>'schemaVersion' ~ '^[0-9]{1,9}$' THEN (e.metadata->>'schemaVersion')::bigint ELSE 1 END",
            data: "coalesce(e.data::text, '{}')", metadata: "coalesce(e.metadata::text, '{}')",
            time: "e.time")]
    }
}
