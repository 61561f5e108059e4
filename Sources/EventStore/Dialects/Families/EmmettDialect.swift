enum EmmettDialect {
    static func detect(_ catalog: SchemaCatalog, path: String) throws -> StoreDialect? { nil }
}
