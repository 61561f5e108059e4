/// Rails Event Store's ActiveRecord tables (RailsEventStore/rails_event_store,
/// ruby_event_store-active_record templates): `event_store_events` in global order by `id`, and
/// `event_store_events_in_streams` linking each event into one or more streams.
///
/// An event appears once in global order, under the stream it was first linked into (its
/// `linkedStreams` list them all); reading one stream goes through that stream's links, so events
/// linked into it later count there too. A link's `position` (from 0) is the version; a link
/// appended with expected version `:any` has none, and its rank among the stream's links is used.
enum RailsEventStoreDialect {
    static let family = "Rails Event Store"
    static let links = "event_store_events_in_streams"
    /// RES before 2.0 linked every event into a stream named `all` as well: not a stream of its own.
    private static let notGlobal = SQLCondition("stream", .notEqual, .text("all"))

    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        guard let events = catalog["event_store_events"], events.hasAll(["id", "event_id", "event_type", "data"]),
              let linkTable = catalog[links], linkTable.hasAll(["id", "stream", "event_id"]) else { return nil }
        let ownLinks = [SQLCondition("event_id", .equal, .column("event_id", table: "e")), notGlobal]
        func firstLink(_ column: String) -> SQLExpression {
            .first(SQLLookup(table: links, column: column, where: ownLinks, orderBy: ["id"]))
        }
        let linkPosition: (SQLExpression, SQLExpression, SQLExpression) -> SQLExpression = { position, stream, id in
            .coalesce([.plus(position, 1), .count(SQLLookup(table: links, column: "id", where: [
                SQLCondition("stream", .equal, stream), SQLCondition("id", .lessOrEqual, id),
            ]))])
        }
        let hasPosition = linkTable.has("position")
        func relation(source: RelationSource, stream: SQLExpression, version: SQLExpression) -> EventRelation {
            var relation = EventRelation(
                source: source, position: .column("id", table: "e"), eventID: .column("event_id", table: "e"), stream: stream,
                streamType: .aggregateRootStream, version: version, type: .column("event_type", table: "e"),
                data: .column("data", table: "e"), dataKind: .bytes,
                metadata: events.has("metadata") ? .column("metadata", table: "e") : nil, metadataKind: .bytes,
                time: events.has("created_at") ? .expression(.column("created_at", table: "e"), .time) : .none,
                encoding: .yaml,
                linkedStreams: .list(SQLLookup(table: links, column: "stream", where: ownLinks, orderBy: ["id"])))
            relation.eventIDsAreUnique = events.hasUniqueKey(["event_id"])
            return relation
        }
        let global = relation(
            source: .table("event_store_events", alias: "e"), stream: firstLink("stream"),
            version: linkPosition(hasPosition ? firstLink("position") : .null, firstLink("stream"), firstLink("id")))
        let perStream = relation(
            source: .joined(SQLTable(links, as: "s"), [SQLJoin(SQLTable("event_store_events", as: "e"),
                                                              on: [(column: "event_id", equals: .column("event_id", table: "s"))])]),
            stream: .column("stream", table: "s"),
            version: linkPosition(hasPosition ? .column("position", table: "s") : .null, .column("stream", table: "s"), .column("id", table: "s")))
        return StoreDialect(family: family, events: global, streamEvents: perStream, countedTables: [links])
    }
}
