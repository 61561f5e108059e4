/// Emmett's SQLite event store (event-driven-io/emmett, emmett-sqlite: schema/tables.ts):
/// `emt_messages` ordered by `global_position`, stream types in `emt_streams`, and processors'
/// checkpoints in `emt_processors`.
enum EmmettDialect {
    static let family = "Emmett"
    static let messageColumns = ["stream_id", "stream_position", "message_type", "message_data", "global_position"]

    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        guard let messages = catalog["emt_messages"], messages.hasAll(messageColumns),
              let streams = catalog["emt_streams"], streams.hasAll(["stream_id", "stream_type"]) else { return nil }
        func optional(_ column: String) -> SQLExpression? { messages.has(column) ? .column(column, table: "m") : nil }
        var events = EventRelation(
            source: .table("emt_messages", alias: "m"), position: .column("global_position", table: "m"),
            eventID: optional("message_id"), stream: .column("stream_id", table: "m"),
            // Looked up once per stream by the id alone: Emmett's partitions do not reuse stream ids.
            streamType: .streamTable(table: "emt_streams", stream: "stream_id", type: "stream_type"),
            version: .column("stream_position", table: "m"), type: .column("message_type", table: "m"),
            schemaVersion: optional("message_schema_version"), data: .column("message_data", table: "m"),
            metadata: optional("message_metadata"),
            time: messages.has("created") ? .expression(.column("created", table: "m"), .time) : .none)
        events.streamVersionsAreUnique = messages.uniqueKeys.contains { $0.starts(with: ["stream_id", "stream_position"]) }
        let processors = catalog["emt_processors"]
        let checkpointColumn = ["last_processed_checkpoint", "last_processed_position"].first { processors?.has($0) == true }
        return StoreDialect(
            family: family, events: events,
            checkpoints: checkpointColumn.map { column in
                CheckpointRelation(table: "emt_processors", name: "processor_id", position: column, positionKind: .text)
            },
            countedTables: ["emt_streams"] + (processors == nil ? [] : ["emt_processors"]) + (catalog["emt_projections"] == nil ? [] : ["emt_projections"]))
    }
}
