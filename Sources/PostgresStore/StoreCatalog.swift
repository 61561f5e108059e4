import EventModel

/// The tables of a database that could belong to event stores, read from pg_catalog (which every
/// role may read), and the stores recognised in them.
struct StoreCatalog {
    /// Column name → type (`format_type`), per table, per schema.
    typealias Tables = [String: [String: String]]
    var schemas: [String: Tables] = [:]
    /// Index definitions (`pg_indexes.indexdef`) per schema and table, for the same tables.
    var indexes: [String: [String: [String]]] = [:]

    static func read(_ connection: ServerConnection) throws -> StoreCatalog {
        let sql = """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
              AND (c.relname IN ('events', 'messages', 'streams', 'stream_events', 'subscriptions', 'snapshots',
                                 'projection_checkpoints', 'outbox', 'processed_events', 'tracking')
                   OR c.relname LIKE 'mt\\_%' OR c.relname LIKE 'emt\\_%'
                   OR c.relname LIKE '%\\_events' OR c.relname LIKE '%\\_snapshots' OR c.relname LIKE '%\\_tracking')
            """
        var catalog = StoreCatalog()
        for row in try connection.rows(sql) {
            guard let schema = row.string(0), let table = row.string(1), let column = row.string(2) else { continue }
            catalog.schemas[schema, default: [:]][table, default: [:]][column] = row.string(3) ?? ""
        }
        let indexSQL = "SELECT schemaname::text, tablename::text, indexdef FROM pg_catalog.pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        for row in try connection.rows(indexSQL) {
            guard let schema = row.string(0), let table = row.string(1), catalog.schemas[schema]?[table] != nil,
                  let definition = row.string(2) else { continue }
            catalog.indexes[schema, default: [:]][table, default: []].append(definition)
        }
        return catalog
    }

    /// Every store found, ordered by name.
    var stores: [EventTableMapping] {
        let families: [(String, Tables) -> [EventTableMapping]] = [
            NativeFamily.detect, MessageDBFamily.detect, MartenFamily.detect, CommandedFamily.detect,
        ]
        return schemas.flatMap { schema, tables in
            families.flatMap { $0(schema, tables) }.map { store in
                var store = store
                store.indexes = indexes[schema]?[store.table] ?? []
                return store
            }
        }.sorted { $0.name < $1.name }
    }

    /// The one store to read: the only one, or the one `selector` names (`family:schema`, a family,
    /// or a schema); otherwise a one-line error naming the choices and how to pick.
    static func choose(_ stores: [EventTableMapping], selector: String?, database: String) throws -> EventTableMapping {
        guard !stores.isEmpty else {
            throw StoreError("\(database): no event store found (evx knows evx's own schema, Message DB, Marten, Commanded; see docs/postgres.md)")
        }
        let names = stores.map(\.name).joined(separator: ", ")
        guard let selector else {
            if stores.count == 1 { return stores[0] }
            throw StoreError("\(database) holds \(stores.count) event stores (\(names)): pick one with ?store=NAME in the URI")
        }
        let matching = stores.filter { $0.name == selector || $0.family == selector || $0.schema == selector }
        guard matching.count == 1 else {
            throw StoreError("?store=\(selector) \(matching.isEmpty ? "matches none" : "matches several") of the stores in \(database) (\(names))")
        }
        return matching[0]
    }
}
