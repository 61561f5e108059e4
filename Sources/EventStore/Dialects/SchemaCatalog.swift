/// What a database holds, as far as recognising a family goes: its tables, their columns and
/// unique keys. Drivers read it (SQLite from `sqlite_master` and pragmas, PostgreSQL from
/// `information_schema`); dialects recognise themselves in it, never by a file name.
public struct SchemaCatalog: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        /// Column names as declared, in order.
        public var columns: [String]
        /// The column lists of its unique indexes and keys.
        public var uniqueKeys: [[String]]
        /// Whether rows have a `rowid` (SQLite tables not declared WITHOUT ROWID).
        public var hasRowid: Bool

        public init(name: String, columns: [String], uniqueKeys: [[String]] = [], hasRowid: Bool = false) {
            self.name = name
            self.columns = columns
            self.uniqueKeys = uniqueKeys
            self.hasRowid = hasRowid
        }

        public func has(_ column: String) -> Bool { columns.contains(column) }
        public func hasAll(_ names: [String]) -> Bool { names.allSatisfy(has) }
        public func hasUniqueKey(_ names: [String]) -> Bool { uniqueKeys.contains(names) }
    }

    public var tables: [Table]

    public init(tables: [Table]) {
        self.tables = tables
    }

    public subscript(name: String) -> Table? { tables.first { $0.name == name } }

    public var tableNames: [String] { tables.map(\.name) }
}
