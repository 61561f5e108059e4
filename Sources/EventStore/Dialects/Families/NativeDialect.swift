import EventModel

/// evx's own format (docs/store-format.md): an `events` table with one column per field, and the
/// optional snapshots, outbox, processed_events and projection_checkpoints tables.
enum NativeDialect {
    static let family = "evx (native)"
    static let requiredColumns = ["position", "event_id", "stream_id", "stream_type", "version", "type", "data", "recorded_at"]
    static let optionalTables = ["snapshots", "outbox", "processed_events", "projection_checkpoints"]

    /// The dialect when the store has an `events` table; a store whose `events` table lacks
    /// required columns is refused naming them (it is meant to be this format, and is broken).
    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        guard let table = catalog["events"] else { return nil }
        let missing = requiredColumns.filter { !table.has($0) }
        guard missing.isEmpty else {
            throw StoreError("\(path): the `events` table lacks required column(s) \(missing.joined(separator: ", ")) (see docs/store-format.md)")
        }
        var events = EventRelation(
            source: .table("events"), position: .column("position"), eventID: .column("event_id"),
            stream: .column("stream_id"), streamType: .expression(.column("stream_type")), version: .column("version"),
            type: .column("type"), schemaVersion: table.has("schema_version") ? .column("schema_version") : nil,
            data: .column("data"), metadata: table.has("metadata") ? .column("metadata") : nil,
            time: .expression(.column("recorded_at"), .time))
        events.eventIDsAreUnique = table.hasUniqueKey(["event_id"])
        events.streamVersionsAreUnique = table.hasUniqueKey(["stream_id", "version"])
        let present = optionalTables.filter { catalog[$0] != nil }
        return StoreDialect(
            family: family, events: events,
            snapshots: present.contains("snapshots")
                ? SnapshotRelation(table: "snapshots", stream: "stream_id", version: "version", state: "state", takenAt: "taken_at") : nil,
            checkpoints: present.contains("projection_checkpoints")
                ? CheckpointRelation(table: "projection_checkpoints", name: "projection", position: "position", updatedAt: "updated_at") : nil,
            countedTables: present,
            hasNativeDelivery: present.contains("outbox") || present.contains("processed_events"))
    }
}
