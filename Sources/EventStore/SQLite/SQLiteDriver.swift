import EventModel
import GRDB
import GRDBSQLite

/// The SQLite side of a store: a read-only GRDB connection, its schema catalog, and the statements
/// of `DialectQueries` run with the C API (rows as bytes, no `Row` or `String` per value).
final class SQLiteDriver {
    static let syntax = SQLSyntax.sqlite
    let path: String
    let queue: DatabaseQueue

    init(path: String) throws {
        self.path = path
        queue = try SQLiteConnection.open(path: path)
    }

    /// Another connection to the same file, for work on a second thread.
    func sibling() throws -> SQLiteDriver { try SQLiteDriver(path: path) }

    /// Runs `work` on the connection's thread, with errors turned into one-line `StoreError`s.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(work)
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    /// Tables (not SQLite's own), their columns, unique keys and whether they have a rowid.
    func catalog() throws -> SchemaCatalog {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            return SchemaCatalog(tables: try rows.map { row in
                let name: String = row["name"] ?? ""
                let sql: String = row["sql"] ?? ""
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedDatabaseIdentifier))").map { ($0["name"] as String?) ?? "" }
                return SchemaCatalog.Table(name: name, columns: columns, uniqueKeys: try Self.uniqueKeys(db, table: name),
                                           hasRowid: !sql.uppercased().contains("WITHOUT ROWID"))
            })
        }
    }

    /// The names of the columns a SELECT returns (it is prepared, not run). Only a statement that
    /// reads is accepted, whatever the connection's own guard.
    func resultColumns(of select: String) throws -> [String] {
        try read { db in
            let statement = try db.makeStatement(sql: select)
            guard sqlite3_stmt_readonly(statement.sqliteStatement) != 0 else {
                throw StoreError("\(path): the mapping's SELECT would write")
            }
            return statement.columnNames
        }
    }

    /// The column lists of the table's unique indexes (including those of UNIQUE and PRIMARY KEY
    /// constraints, and an INTEGER PRIMARY KEY, which is the rowid).
    private static func uniqueKeys(_ db: Database, table: String) throws -> [[String]] {
        var keys = try Row.fetchAll(db, sql: "PRAGMA index_list(\(table.quotedDatabaseIdentifier))").compactMap { index -> [String]? in
            guard (index["unique"] as Int?) == 1, let name = index["name"] as String? else { return nil }
            return try Row.fetchAll(db, sql: "PRAGMA index_info(\(name.quotedDatabaseIdentifier))")
                .sorted { ($0["seqno"] as Int? ?? 0) < ($1["seqno"] as Int? ?? 0) }
                .map { $0["name"] as String? ?? "" }
        }
        let primary = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))")
            .filter { ($0["pk"] as Int? ?? 0) > 0 }
            .sorted { ($0["pk"] as Int? ?? 0) < ($1["pk"] as Int? ?? 0) }
            .map { $0["name"] as String? ?? "" }
        if !primary.isEmpty, !keys.contains(primary) { keys.append(primary) }
        return keys
    }
}

extension Database {
    /// Runs a dialect's statement and calls `body` for each row until it returns `false`.
    func forEachRawRow(_ statement: SQLStatement, _ body: (SQLiteRawRow) throws -> Bool) throws {
        let prepared = try makeStatement(sql: statement.sql)
        try prepared.setArguments(statement.databaseArguments)
        try SQLiteRawRow.step(prepared, body)
    }

    /// The first column of the first row, as an integer (`nil` when there is no row or it is NULL).
    func integer(_ statement: SQLStatement) throws -> Int64? {
        var value: Int64?
        try forEachRawRow(statement) { row in
            value = row.isNull(0) ? nil : row.int64(0)
            return false
        }
        return value
    }
}

extension SQLStatement {
    var databaseArguments: StatementArguments {
        StatementArguments(arguments.map { argument -> (any DatabaseValueConvertible)? in
            switch argument {
            case let .integer(value): return value
            case let .text(value): return value
            }
        })
    }
}
