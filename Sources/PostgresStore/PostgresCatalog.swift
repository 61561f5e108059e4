import EventModel
import EventStore

/// The database's tables as the dialects see them: one `SchemaCatalog` per schema (columns in
/// order, unique keys), read from `pg_catalog`, which every role may read; and the stores
/// recognised in them.
struct PostgresCatalog {
    var schemas: [String: SchemaCatalog] = [:]
    /// Column types (`format_type`) per schema and table.
    var columnTypes: [String: [String: [String: String]]] = [:]
    /// Index definitions (`pg_indexes.indexdef`) per schema and table.
    var indexes: [String: [String: [String]]] = [:]

    static let userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"

    static func read(_ connection: ServerConnection) throws -> PostgresCatalog {
        var columns: [String: [String: [String]]] = [:]
        var catalog = PostgresCatalog()
        let columnSQL = """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND \(userSchemas)
            ORDER BY n.nspname, c.relname, a.attnum
            """
        for row in try connection.rows(columnSQL) {
            guard let schema = row.string(0), let table = row.string(1), let column = row.string(2) else { continue }
            columns[schema, default: [:]][table, default: []].append(column)
            catalog.columnTypes[schema, default: [:]][table, default: [:]][column] = row.string(3) ?? ""
        }
        let uniqueSQL = """
            SELECT n.nspname, c.relname, string_agg(a.attname, ',' ORDER BY k.ord)
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisunique AND \(userSchemas)
            GROUP BY i.indexrelid, n.nspname, c.relname
            """
        var uniqueKeys: [String: [String: [[String]]]] = [:]
        for row in try connection.rows(uniqueSQL) {
            guard let schema = row.string(0), let table = row.string(1), let key = row.string(2) else { continue }
            uniqueKeys[schema, default: [:]][table, default: []].append(key.split(separator: ",").map(String.init))
        }
        let indexSQL = "SELECT n.schemaname::text, n.tablename::text, n.indexdef FROM pg_catalog.pg_indexes n WHERE n.schemaname NOT IN ('pg_catalog', 'information_schema')"
        for row in try connection.rows(indexSQL) {
            guard let schema = row.string(0), let table = row.string(1), let definition = row.string(2) else { continue }
            catalog.indexes[schema, default: [:]][table, default: []].append(definition)
        }
        for (schema, tables) in columns {
            catalog.schemas[schema] = SchemaCatalog(tables: tables.keys.sorted().map { table in
                SchemaCatalog.Table(name: table, columns: tables[table] ?? [], uniqueKeys: uniqueKeys[schema]?[table] ?? [])
            })
        }
        return catalog
    }

    /// Every store found, in every schema, ordered by name.
    func stores(path: String) -> [PostgresStoreChoice] {
        schemas.flatMap { schema, tables in
            StoreDialects.candidates(tables, path: path).map { dialect in
                var store = PostgresStoreChoice(dialect: dialect, schema: schema)
                store.indexes = store.eventsTable.flatMap { indexes[schema]?[$0] } ?? []
                return store
            }
        }.sorted { $0.name < $1.name }
    }
}

/// One store of the database: a family's dialect in one schema, and what PostgreSQL adds to it.
struct PostgresStoreChoice {
    var dialect: StoreDialect
    var schema: String
    /// Index definitions of the events table (which PostgreSQL-side query shapes an index serves).
    var indexes: [String] = []

    /// The family's short name, as `?store=` takes it: `messagedb`, `marten`, `evx`...
    var key: String {
        let base = dialect.family.split(separator: "(").first.map(String.init) ?? dialect.family
        return base.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// `family:schema`, how evx lists the stores of a database.
    var name: String { "\(key):\(schema)" }

    /// The table whose rows are the events (for the planner's size estimate).
    var eventsTable: String? {
        switch dialect.events.source {
        case .table(let name, _): return name
        case .joined(let base, _): return base.name
        case .select: return nil
        }
    }

    /// Whether positions can become visible out of order: sequences written by concurrent
    /// transactions. Commanded's appends queue on the `$all` row, and Python eventsourcing's
    /// insert locks its table, so their positions commit in order.
    var positionsCommitOutOfOrder: Bool { key != "commanded" && key != "eventsourcing" }

    /// The channel the store NOTIFYs after each append: Commanded's `<schema>.events`, Python
    /// eventsourcing's events table name.
    var notifyChannel: String? {
        switch key {
        case "commanded": return "\(schema).events"
        case "eventsourcing": return eventsTable?.replacingOccurrences(of: ".", with: "_")
        default: return nil
        }
    }

    /// The one store to read: the only one, or the one `selector` names (`family:schema`, a family
    /// or a schema); otherwise a one-line error naming the choices and how to pick.
    static func choose(_ stores: [PostgresStoreChoice], selector: String?, database: String, tables: [String]) throws -> PostgresStoreChoice {
        guard !stores.isEmpty else {
            let found = tables.isEmpty ? "no tables" : "tables " + tables.prefix(12).joined(separator: ", ") + (tables.count > 12 ? ", …" : "")
            throw StoreError("\(database): no event store found among \(found) (evx knows evx's own schema, Message DB, Marten, Commanded, Python eventsourcing, Emmett; describe other tables with --map FILE.yaml, see docs/postgres.md)")
        }
        let names = stores.map(\.name).joined(separator: ", ")
        guard let selector else {
            if stores.count == 1 { return stores[0] }
            throw StoreError("\(database) holds \(stores.count) event stores (\(names)): pick one with ?store=NAME in the URI")
        }
        let matching = stores.filter { $0.name == selector || $0.key == selector || $0.schema == selector }
        guard matching.count == 1 else {
            throw StoreError("?store=\(selector) \(matching.isEmpty ? "matches none" : "matches several") of the stores in \(database) (\(names))")
        }
        return matching[0]
    }
}

extension SQLSyntax {
    /// PostgreSQL's: `$n` placeholders, tables qualified with the store's schema, `jsonb` and other
    /// values read as text, integers as bigint, `bytea` as its bytes, times as ISO-8601 text
    /// (`to_json` of a timestamp is ISO-8601 whatever its type; of text, the text).
    static func postgres(schema: String) -> SQLSyntax {
        var syntax = SQLSyntax(
            placeholders: .dollarNumbered, schema: schema, hasRowid: false,
            read: { expression, kind in
                switch kind {
                case .integer: return "(\(expression))::bigint"
                case .text, .json: return "(\(expression))::text"
                case .bytes: return expression
                case .time: return "(to_json(\(expression)) #>> '{}')"
                }
            },
            joinLines: { expression, order in
                "string_agg((\(expression))::text, E'\\n'\(order.map { " ORDER BY \($0)" } ?? ""))"
            })
        syntax.jsonObject = { arguments in "jsonb_strip_nulls(jsonb_build_object(" + arguments.joined(separator: ", ") + "))" }
        return syntax
    }
}
