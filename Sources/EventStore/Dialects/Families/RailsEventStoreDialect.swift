enum RailsEventStoreDialect {
    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? { nil }
}
