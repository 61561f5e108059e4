import EventModel
import EventStore
import GRDB
import GRDBSQLite

/// Writes rows of the native format through prepared statements bound with the C API: a 10M-event
/// store means tens of millions of inserts, and per-row argument arrays would dominate the time.
final class StoreWriter {
    private let db: Database
    private let insertEvent: Statement
    private let insertOutbox: Statement
    private let insertProcessed: Statement
    private let insertSnapshot: Statement
    private let insertCheckpoint: Statement

    init(_ db: Database) throws {
        self.db = db
        try db.execute(sql: NativeStoreSchema.all)
        insertEvent = try db.makeStatement(sql: """
            INSERT INTO events (position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertOutbox = try db.makeStatement(sql: """
            INSERT INTO outbox (event_id, destination, payload, created_at, published_at, attempts, last_error)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertProcessed = try db.makeStatement(sql: "INSERT OR IGNORE INTO processed_events (consumer, event_id, processed_at) VALUES (?, ?, ?)")
        insertSnapshot = try db.makeStatement(sql: "INSERT INTO snapshots (stream_id, version, state, taken_at) VALUES (?, ?, ?, ?)")
        insertCheckpoint = try db.makeStatement(sql: "INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)")
    }

    func event(position: Int64, id: String, stream: String, streamType: String, version: Int64, type: String,
               schemaVersion: Int64, data: String, metadata: String, recordedAt: String) throws {
        try run(insertEvent, [.int(position), .text(id), .text(stream), .text(streamType), .int(version), .text(type),
                              .int(schemaVersion), .text(data), .text(metadata), .text(recordedAt)])
    }

    func outbox(eventID: String, destination: String, payload: String, createdAt: String, publishedAt: String?,
                attempts: Int64, lastError: String?) throws {
        try run(insertOutbox, [.text(eventID), .text(destination), .text(payload), .text(createdAt),
                               publishedAt.map { .text($0) } ?? .null, .int(attempts), lastError.map { .text($0) } ?? .null])
    }

    func processed(consumer: String, eventID: String, processedAt: String) throws {
        try run(insertProcessed, [.text(consumer), .text(eventID), .text(processedAt)])
    }

    func snapshot(stream: String, version: Int64, state: String, takenAt: String) throws {
        try run(insertSnapshot, [.text(stream), .int(version), .text(state), .text(takenAt)])
    }

    func checkpoint(projection: String, position: Int64, updatedAt: String) throws {
        try run(insertCheckpoint, [.text(projection), .int(position), .text(updatedAt)])
    }

    // MARK: - Binding

    private enum Value {
        case int(Int64)
        case text(String)
        case null
    }

    private func run(_ statement: Statement, _ values: [Value]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .int(let i): sqlite3_bind_int64(handle, index, i)
            case .null: sqlite3_bind_null(handle, index)
            case .text(let s):
                var text = s
                text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), Self.transient)
                    }
                }
            }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
