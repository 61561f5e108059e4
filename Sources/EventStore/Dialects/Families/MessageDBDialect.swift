/// Message DB (message-db/message-db, database/tables/messages.sql): `messages` with
/// `global_position` (the global order, its primary key), `position` (per stream, from 0), `time`
/// (timestamp without zone, UTC), `stream_name`, `type`, `data` and `metadata` (jsonb, NULL
/// allowed), `id` (uuid). A stream's category, evx's stream type, is its name up to the first `-`.
/// Consumers' positions are `Recorded` messages in position streams (the PostgreSQL driver reads
/// them through Message DB's category index).
enum MessageDBDialect {
    static let family = "Message DB"
    static let columns = ["global_position", "position", "time", "stream_name", "type", "data", "metadata", "id"]

    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        guard let table = catalog["messages"], table.hasAll(columns) else { return nil }
        var events = EventRelation(
            source: .table("messages"), position: .column("global_position"), eventID: .column("id"),
            stream: .column("stream_name"), streamType: .streamCategory, version: .column("position"), versionBase: 0,
            type: .column("type"), data: .column("data"), metadata: .column("metadata"),
            time: .expression(.column("time"), .time))
        events.eventIDsAreUnique = table.hasUniqueKey(["id"])
        events.streamVersionsAreUnique = table.hasUniqueKey(["stream_name", "position"])
        return StoreDialect(family: family, events: events)
    }
}
