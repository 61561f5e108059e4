import EventModel
import GRDB
import GRDBSQLite

/// One result row read through the SQLite C API, valid only inside the loop that yields it.
///
/// The summary scan and event listings step millions of rows; reading columns as raw bytes avoids
/// creating a `String` or GRDB `Row` for values that are only counted or compared.
struct SQLiteRawRow: StoreRow {
    let statement: OpaquePointer

    /// The column's bytes: a BLOB's as stored, anything else as text (empty for NULL).
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        value(column) ?? UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The column's bytes as `bytes` reads them, nil for NULL.
    func value(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL:
            return nil
        case SQLITE_BLOB:
            guard let pointer = sqlite3_column_blob(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_column_bytes(statement, column)))
        default:
            return text(column)
        }
    }

    /// A text column's bytes without asking the value's type first (one call less per value than
    /// `value`, for the columns read on every row): SQLite gives no text for NULL only. A BLOB is
    /// read as text.
    func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// The integer, nil for NULL; the value's type is asked only when it reads as 0.
    func integer(_ column: Int32) -> Int64? {
        let value = sqlite3_column_int64(statement, column)
        return value == 0 && sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : value
    }

    /// The column's text; invalid UTF-8 is replaced by U+FFFD.
    func string(_ column: Int32) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    /// Whether the column holds an integer (or text that reads as one), as the format requires.
    func isInteger(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_INTEGER
    }
}

extension Database {
    /// Runs `sql` and calls `body` for each row until it returns `false`.
    func forEachRawRow(_ sql: String, arguments: StatementArguments = [], _ body: (SQLiteRawRow) throws -> Bool) throws {
        let statement = try makeStatement(sql: sql)
        try statement.setArguments(arguments)
        try SQLiteRawRow.step(statement, body)
    }
}

extension SQLiteRawRow {
    /// Steps a prepared statement with the C API only, so it may run on a thread other than the
    /// connection's queue (while that queue waits), and resets it afterwards.
    static func step(_ statement: Statement, _ body: (SQLiteRawRow) throws -> Bool) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let row = SQLiteRawRow(statement: handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                // Only the C API here: GRDB's own accessors check the thread, and this may run on another.
                let message = sqlite3_errmsg(sqlite3_db_handle(handle)).map { String(cString: $0) }
                let sql = sqlite3_sql(handle).map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
            if try !body(row) { return }
        }
    }
}

extension SQLiteRawRow {
    /// The first column of the first row of a one-parameter statement run with `text` bound, as
    /// text (`nil` when there is no row). C API only, like `step`, so it may run where rows of
    /// another statement of the connection are being stepped.
    static func firstText(_ statement: Statement, binding text: String) -> String? {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard sqlite3_bind_text(handle, 1, text, -1, transient) == SQLITE_OK, sqlite3_step(handle) == SQLITE_ROW else { return nil }
        return SQLiteRawRow(statement: handle).isNull(0) ? nil : SQLiteRawRow(statement: handle).string(0)
    }
}
