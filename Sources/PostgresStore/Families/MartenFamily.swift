/// Marten (JasperFx/marten, src/Marten/Events/Schema): `mt_events` (`seq_id` the global order,
/// `stream_id` uuid or varchar, `version` from 1, `type` a snake_case alias, `data` jsonb,
/// `timestamp`, optional metadata columns) and `mt_streams` (whose `type` is the aggregate type),
/// in any schema. Sequence numbers can become visible out of order.
enum MartenFamily {
    static func detect(schema: String, tables: StoreCatalog.Tables) -> [EventTableMapping] {
        guard let events = tables["mt_events"], tables["mt_streams"] != nil,
              ["seq_id", "id", "stream_id", "version", "data", "type", "timestamp"].allSatisfy({ events[$0] != nil })
        else { return [] }
        let s = quoted(schema)
        let conjoined = events["tenant_id"] != nil && (tables["mt_streams"]?["tenant_id"] != nil)
        let join = "LEFT JOIN \(s).mt_streams st ON st.id = e.stream_id" + (conjoined ? " AND st.tenant_id = e.tenant_id" : "")
        let streamIsUUID = events["stream_id"] == "uuid"
        // Whatever of Marten's metadata columns the table has, as one JSON object.
        let metadataColumns = ["correlation_id", "causation_id", "user_name", "tenant_id", "mt_dotnet_type"].filter { events[$0] != nil }
        var metadata = "jsonb_build_object(" + metadataColumns.map { "'\($0)', e.\($0)" }.joined(separator: ", ") + ")"
        if events["headers"] != nil { metadata = "coalesce(e.headers, '{}'::jsonb) || " + metadata }
        return [EventTableMapping(
            family: "marten", schema: schema, table: "mt_events",
            joins: join,
            position: "e.seq_id", eventID: "e.id", stream: "e.stream_id",
            streamMatch: streamIsUUID ? "e.stream_id = $1::uuid" : "e.stream_id = $1", streamIsUUID: streamIsUUID,
            streamType: "coalesce(st.type, '')", version: "e.version", type: "e.type",
            data: "e.data", metadata: "jsonb_strip_nulls(\(metadata))", time: "e.timestamp",
            checkpointTables: tables["mt_event_progression"] == nil ? [] : ["mt_event_progression"])]
    }
}
