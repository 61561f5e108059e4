import EventModel

/// Recognises which family a database belongs to from its schema (never from its name).
public enum StoreDialects {
    /// The family's dialect, or a one-line refusal naming the tables found and pointing to `--map`.
    /// A mapping file, when given, is the dialect (checked against the schema).
    /// `selectColumns` gives the result columns of a mapping's SELECT (a driver prepares it).
    public static func detect(_ catalog: SchemaCatalog, options: StoreOptions, path: String,
                              selectColumns: (String) throws -> [String]) throws -> StoreDialect {
        if let mapping = options.mapping { return try mapping.dialect(for: catalog, path: path, selectColumns: selectColumns) }
        if let native = try NativeDialect.detect(catalog, path: path) { return native }
        for detect in [EventsourcingDialect.detect, EmmettDialect.detect, RailsEventStoreDialect.detect] {
            if let dialect = try detect(catalog, path) { return dialect }
        }
        let tables = catalog.tableNames
        let found = tables.isEmpty ? "no tables" : "tables " + tables.prefix(12).joined(separator: ", ") + (tables.count > 12 ? ", …" : "")
        throw StoreError("\(path): an SQLite database with \(found), which evx does not recognise as an event store; describe its events table with --map FILE.yaml (see docs/dialects.md)")
    }

    /// Every family the tables of one schema hold (a PostgreSQL schema can hold several stores,
    /// and a database several schemas): the PostgreSQL driver lists them and lets a person pick.
    /// A table that only looks like a family's (Commanded's `events` beside evx's format) is not
    /// an error here: it simply matches no family.
    public static func candidates(_ catalog: SchemaCatalog, path: String) -> [StoreDialect] {
        let families: [(SchemaCatalog, String) throws -> StoreDialect?] = [
            NativeDialect.detect, EventsourcingDialect.detect, EmmettDialect.detect, RailsEventStoreDialect.detect,
            MessageDBDialect.detect, MartenDialect.detect, CommandedDialect.detect,
        ]
        return families.compactMap { detect in (try? detect(catalog, path)) ?? nil }
    }
}
