/// Commanded's EventStore (commanded/eventstore, lib/event_store/sql/init.ex): `events` (uuid id,
/// type, `data`/`metadata` bytea or jsonb, `created_at`), `streams` (`stream_uuid`, with row 0 the
/// `$all` stream) and `stream_events` linking them. The global order is `$all`'s rows
/// (`stream_id = 0`), their `stream_version`; an event belongs to its original stream. The store
/// NOTIFYs `<schema>.events` on every append.
enum CommandedFamily {
    static func detect(schema: String, tables: StoreCatalog.Tables) -> [EventTableMapping] {
        guard let events = tables["events"], let links = tables["stream_events"], let streams = tables["streams"],
              ["event_id", "event_type", "data", "created_at"].allSatisfy({ events[$0] != nil }),
              ["stream_id", "stream_version", "original_stream_id", "original_stream_version"].allSatisfy({ links[$0] != nil }),
              streams["stream_uuid"] != nil
        else { return [] }
        let s = quoted(schema)
        func text(_ column: String) -> String {
            events[column] == "bytea" ? "convert_from(ev.\(column), 'UTF8')" : "ev.\(column)::text"
        }
        let tail = "JOIN \(s).events ev ON ev.event_id = e.event_id JOIN \(s).streams st ON st.stream_id = e.original_stream_id"
        return [EventTableMapping(
            family: "commanded", schema: schema, table: "stream_events",
            joins: tail,
            // One stream's rows through its (stream_id, stream_version) index, then their `$all` rows.
            streamFrom: "\(s).streams q JOIN \(s).stream_events own ON own.stream_id = q.stream_id "
                + "JOIN \(s).stream_events e ON e.event_id = own.event_id AND e.stream_id = 0 AND e.original_stream_id = q.stream_id \(tail)",
            condition: "e.stream_id = 0",
            position: "e.stream_version", eventID: "ev.event_id", stream: "st.stream_uuid", streamMatch: "q.stream_uuid = $1",
            // No aggregate type is stored: a stream named `type-id` gives `type`, a bare UUID none.
            streamType: "CASE WHEN st.stream_uuid ~ '^[0-9a-fA-F]{8}-' THEN '' ELSE split_part(st.stream_uuid, '-', 1) END",
            version: "e.original_stream_version", type: "ev.event_type",
            data: text("data"), metadata: events["metadata"] == nil ? "'{}'" : "coalesce(\(text("metadata")), '{}')",
            time: "ev.created_at",
            // Appends update the `$all` row of `streams` first, so they commit one at a time, in order.
            positionsCommitOutOfOrder: false, notifyChannel: "\(schema).events",
            checkpointTables: tables["subscriptions"] == nil ? [] : ["subscriptions"])]
    }
}
