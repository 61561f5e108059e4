import EventModel
import GRDB

/// Opens an SQLite store strictly read-only and turns SQLite failures into one-line `StoreError`s.
enum SQLiteConnection {
    /// How long a read waits for a writer's lock before reporting the store as locked.
    static let lockTimeout: Double = 2

    static func open(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true  // SQLITE_OPEN_READONLY
        configuration.busyMode = .timeout(lockTimeout)
        configuration.label = "evx.store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA query_only = 1")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // Opening is lazy in SQLite: touch the schema so a bad file fails here, clearly.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// A one-line explanation of an SQLite failure, naming the store.
    static func storeError(_ error: Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let dbError = error as? DatabaseError else {
            return StoreError("\(path): \(error)")
        }
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError("\(path): the store is locked by another process; try again when the writer has finished")
        case .SQLITE_NOTADB:
            return StoreError("\(path): not a readable SQLite database (corrupt or encrypted)")
        case .SQLITE_CORRUPT:
            return StoreError("\(path): the database is corrupt (\(dbError.message ?? "malformed"))")
        case .SQLITE_CANTOPEN:
            return StoreError("\(path): cannot open the database (check the file and its folder's permissions)")
        case .SQLITE_IOERR:
            return StoreError("\(path): read error (\(dbError.message ?? "I/O error")); the file may be truncated")
        default:
            return StoreError("\(path): SQLite error: \(dbError.message ?? "\(dbError.resultCode)")")
        }
    }
}
