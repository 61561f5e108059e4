import EventModel

/// A dialect written by a person (`--map FILE.yaml`).
public struct StoreMapping: Sendable {
    public static func load(path: String) throws -> StoreMapping { StoreMapping() }

    func dialect(for catalog: SchemaCatalog, path: String) throws -> StoreDialect {
        throw StoreError("\(path): --map is not supported yet")
    }
}
