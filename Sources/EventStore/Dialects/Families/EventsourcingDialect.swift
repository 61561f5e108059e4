/// Python eventsourcing's SQLite application recorder (pyeventsourcing/eventsourcing, sqlite.py):
/// `stored_events(originator_id, originator_version, topic, state)` whose rowid is the global
/// position, `stored_snapshots` with the same columns, and `tracking(application_name,
/// notification_id)` holding each downstream application's checkpoint. The PostgreSQL recorder
/// (postgres.py) names its tables after the application (`bank_events`, `bank_snapshots`,
/// `bank_tracking`) and keeps the global position in a column, `notification_id` (bigserial,
/// uniquely indexed).
enum EventsourcingDialect {
    static let family = "eventsourcing (Python)"
    static let columns = ["originator_id", "originator_version", "topic", "state"]

    /// A rowid table with exactly the recorder's four columns (`stored_events` when there are
    /// several, else one named like `*events`); the snapshots table is its WITHOUT ROWID twin.
    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? {
        let recorders = catalog.tables.filter { Set($0.columns) == Set(columns) && $0.columns.count == columns.count }
        let numbered = catalog.tables.filter { Set($0.columns) == Set(columns + ["notification_id"]) && $0.columns.count == columns.count + 1 }
        let eventTables = recorders.filter { $0.hasRowid && !$0.name.hasSuffix("snapshots") } + numbered
        guard let events = eventTables.first(where: { $0.name == "stored_events" })
                ?? eventTables.first(where: { $0.name.hasSuffix("events") }) ?? eventTables.first else { return nil }
        let prefix = events.name.hasSuffix("events") ? String(events.name.dropLast("events".count)) : "stored_"
        let snapshots = recorders.first { $0.name == prefix + "snapshots" } ?? recorders.first { $0.name.hasSuffix("snapshots") }
        let tracking = catalog.tables.first { $0.name.hasSuffix("tracking") && $0.hasAll(["application_name", "notification_id"]) }

        var relation = EventRelation(
            source: .table(events.name), position: events.has("notification_id") ? .column("notification_id") : .rowid(), eventID: nil,
            stream: .column("originator_id"), streamType: .topicClass, version: .column("originator_version"),
            type: .column("topic"), typeNaming: .pythonTopic, data: .column("state"), dataKind: .bytes,
            time: .payloadTimestamp, encoding: .eventsourcing)
        relation.streamVersionsAreUnique = true
        var dialect = StoreDialect(
            family: family, events: relation,
            snapshots: snapshots.map {
                SnapshotRelation(table: $0.name, stream: "originator_id", version: "originator_version", state: "state",
                                 stateKind: .bytes, takenAt: nil, encoding: .eventsourcing, stateMember: "state",
                                 droppedMembers: ["_created_on", "_modified_on"])
            },
            checkpoints: tracking.map {
                // The library keeps a `__migration__` row in single-row tracking tables: not an application.
                CheckpointRelation(table: $0.name, conditions: [SQLCondition("application_name", .notEqual, .text("__migration__"))],
                                   name: "application_name", position: "notification_id")
            },
            countedTables: [snapshots?.name, tracking?.name].compactMap { $0 })
        dialect.streamIDForm = .uuidHex
        return dialect
    }
}
