/// Marten (JasperFx/marten, src/Marten/Events/Schema): `mt_events` (`seq_id` the global order,
/// `stream_id` uuid or text, `version` from 1, `type` Marten's snake_case alias, `data` jsonb,
/// `timestamp`, optional `headers`), the aggregate type in `mt_streams.type` (keyed by id, or by
/// id and tenant with conjoined tenancy), and projection progress in `mt_event_progression`
/// (one row per shard, and `HighWaterMark`).
enum MartenDialect {
    static let family = "Marten (.NET)"
    static let columns = ["seq_id", "id", "stream_id", "version", "data", "type", "timestamp"]

    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        guard let table = catalog["mt_events"], table.hasAll(columns), let streams = catalog["mt_streams"],
              streams.hasAll(["id", "type"]) else { return nil }
        var streamMatch = [SQLCondition("id", .equal, .column("stream_id", table: "e"))]
        if streams.hasUniqueKey(["id", "tenant_id"]), table.has("tenant_id") {
            streamMatch.append(SQLCondition("tenant_id", .equal, .column("tenant_id", table: "e")))
        }
        var events = EventRelation(
            source: .table("mt_events", alias: "e"), position: .column("seq_id", table: "e"), eventID: .column("id", table: "e"),
            stream: .column("stream_id", table: "e"),
            streamType: .expression(.first(SQLLookup(table: "mt_streams", column: "type", where: streamMatch))),
            version: .column("version", table: "e"), type: .column("type", table: "e"), data: .column("data", table: "e"),
            metadata: metadata(table),
            time: .expression(.column("timestamp", table: "e"), .time))
        events.eventIDsAreUnique = table.hasUniqueKey(["id"])
        events.streamVersionsAreUnique = table.hasUniqueKey(["stream_id", "version"]) || table.hasUniqueKey(["stream_id", "tenant_id", "version"])
        let progression = catalog["mt_event_progression"].flatMap { $0.hasAll(["name", "last_seq_id"]) ? $0 : nil }
        return StoreDialect(
            family: family, events: events,
            checkpoints: progression.map { table in
                CheckpointRelation(table: "mt_event_progression", name: "name", position: "last_seq_id",
                                   updatedAt: table.has("last_updated") ? "last_updated" : nil)
            })
    }

    /// Marten keeps metadata in columns (`correlation_id`, `causation_id`, `user_name`, the tenant,
    /// the CLR type) and optional `headers`: one JSON object of those present, with the headers
    /// as a member (an expression cannot merge two objects on every database).
    private static func metadata(_ table: SchemaCatalog.Table) -> SQLExpression? {
        let columns = ["correlation_id", "causation_id", "user_name", "tenant_id", "mt_dotnet_type", "headers"].filter(table.has)
        guard !columns.isEmpty else { return nil }
        return .jsonObject(columns.map { SQLMember($0, .column($0, table: "e")) })
    }
}
