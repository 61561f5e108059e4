import EventModel
import GRDB
import GRDBSQLite
import JSON

/// One result row read through the SQLite C API, valid only inside the loop that yields it.
///
/// The summary scan and event listings step millions of rows; reading columns as raw bytes avoids
/// creating a `String` or GRDB `Row` for values that are only counted or compared.
struct SQLiteRawRow {
    let statement: OpaquePointer

    /// The column's text as bytes (empty for NULL).
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, column)))
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

// MARK: - Events

extension SQLiteRawRow {
    /// Decodes a row selected with `SQLiteSchema.eventColumns`, flagging what breaks the format
    /// (payloads only when asked: validating them costs as much as the rest of the row). Without
    /// details, the recorded time's text is left empty (the parsed time is kept).
    func event(checkingPayloads: Bool = true, includingDetails: Bool = true, names: inout StringInterner) -> Event {
        var problems: [String] = []
        /// A text column's bytes, noting a NULL where the format requires a value.
        func required(_ column: Int32, _ name: StaticString) -> UnsafeBufferPointer<UInt8> {
            guard let pointer = sqlite3_column_text(statement, column) else {
                problems.append("\(name) is NULL")
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, column)))
        }
        let id = required(1, "event_id"), stream = required(2, "stream_id"), streamType = required(3, "stream_type")
        if isNull(4) { problems.append("version is NULL") }
        let type = required(5, "type"), recordedAt = required(9, "recorded_at")
        if checkingPayloads {
            if let problem = Self.objectProblem(bytes(7), name: "data") { problems.append(problem) }
            if let problem = Self.objectProblem(bytes(8), name: "metadata") { problems.append(problem) }
        }
        let time = EventTime(iso8601Bytes: recordedAt)
        if time == nil && !recordedAt.isEmpty { problems.append("recorded_at is not an ISO-8601 time") }
        return Event(
            position: int64(0), id: String(decoding: id, as: UTF8.self), stream: String(decoding: stream, as: UTF8.self),
            streamType: names.string(streamType), version: int64(4), type: names.string(type), schemaVersion: int64(6),
            data: string(7), metadata: string(8),
            recordedAt: includingDetails ? String(decoding: recordedAt, as: UTF8.self) : "", time: time, problems: problems)
    }

    /// Why a payload column is not a JSON object, or `nil` when it is one.
    static func objectProblem(_ bytes: UnsafeBufferPointer<UInt8>, name: String) -> String? {
        if let error = JSONParser.validate(bytes) { return "\(name) is not valid JSON (\(error))" }
        guard bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") else {
            return "\(name) is not a JSON object"
        }
        return nil
    }
}
