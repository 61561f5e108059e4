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
        // The stream's type, joined through emt_streams' key (stream_id, partition, ...); a left join,
        // so a message whose stream row is missing is still read (with no stream type).
        var streamMatch: [(column: String, equals: SQLExpression)] = [("stream_id", .column("stream_id", table: "m"))]
        if messages.has("partition"), streams.has("partition") {
            streamMatch.append(("partition", .column("partition", table: "m")))
        }
        if messages.has("is_archived"), streams.has("is_archived") { streamMatch.append(("is_archived", .column("is_archived", table: "m"))) }
        var events = EventRelation(
            source: .joined(SQLTable("emt_messages", as: "m"), [SQLJoin(SQLTable("emt_streams", as: "s"), on: streamMatch, left: true)]),
            position: .column("global_position", table: "m"),
            eventID: optional("message_id"), stream: .column("stream_id", table: "m"),
            streamType: .expression(.column("stream_type", table: "s")),
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
