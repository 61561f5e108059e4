/// Commanded's EventStore (commanded/eventstore, lib/event_store/sql/init.ex): `events` (uuid id,
/// `event_type`, `data`/`metadata` bytea or jsonb, `created_at`), `streams` (`stream_uuid`; row 0
/// is `$all`) and `stream_events` linking them. The global order is `$all`'s links
/// (`stream_id = 0`), by their `stream_version`; an event belongs to its original stream, read
/// through that stream's own links (the `(stream_id, stream_version)` index). Subscriptions on
/// `$all` are checkpoints.
enum CommandedDialect {
    static let family = "Commanded (Elixir)"

    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        guard let events = catalog["events"], events.hasAll(["event_id", "event_type", "data", "created_at"]),
              let links = catalog["stream_events"], links.hasAll(["event_id", "stream_id", "stream_version", "original_stream_id", "original_stream_version"]),
              let streams = catalog["streams"], streams.hasAll(["stream_id", "stream_uuid"]) else { return nil }
        let payloadKind: ColumnKind = .bytes  // JSON text in bytea with Commanded's JSON serializer (a jsonb column reads as text too)
        let eventJoin = SQLJoin(SQLTable("events", as: "ev"), on: [("event_id", .column("event_id", table: "e"))])
        let streamJoin = SQLJoin(SQLTable("streams", as: "st"), on: [("stream_id", .column("original_stream_id", table: "e"))])
        func relation(_ source: RelationSource, stream: SQLExpression) -> EventRelation {
            var relation = EventRelation(
                source: source, conditions: [SQLCondition("stream_id", of: "e", .equal, .integer(0))],
                position: .column("stream_version", table: "e"), eventID: .column("event_id", table: "ev"),
                stream: stream, streamType: .streamCategory, version: .column("original_stream_version", table: "e"),
                type: .column("event_type", table: "ev"), data: .column("data", table: "ev"), dataKind: payloadKind,
                metadata: events.has("metadata") ? .column("metadata", table: "ev") : nil, metadataKind: payloadKind,
                time: .expression(.column("created_at", table: "ev"), .time))
            relation.eventIDsAreUnique = true
            relation.streamVersionsAreUnique = true
            return relation
        }
        let log = relation(.joined(SQLTable("stream_events", as: "e"), [eventJoin, streamJoin]), stream: .column("stream_uuid", table: "st"))
        // One stream: its row by `stream_uuid`, its own links by index, then their `$all` links.
        let ownStream = relation(.joined(SQLTable("streams", as: "q"), [
            SQLJoin(SQLTable("stream_events", as: "own"), on: [("stream_id", .column("stream_id", table: "q"))]),
            SQLJoin(SQLTable("stream_events", as: "e"), on: [
                ("event_id", .column("event_id", table: "own")), ("stream_id", .integer(0)),
                ("original_stream_id", .column("stream_id", table: "q")),
            ]),
            eventJoin, streamJoin,
        ]), stream: .column("stream_uuid", table: "q"))
        let subscriptions = catalog["subscriptions"].flatMap { $0.hasAll(["stream_uuid", "subscription_name", "last_seen"]) ? $0 : nil }
        return StoreDialect(
            family: family, events: log, streamEvents: ownStream,
            checkpoints: subscriptions.map { _ in
                CheckpointRelation(table: "subscriptions", conditions: [SQLCondition("stream_uuid", .equal, .text("$all"))],
                                   name: "subscription_name", position: "last_seen")
            })
    }
}
