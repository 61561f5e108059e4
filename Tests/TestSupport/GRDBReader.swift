import GRDB

/// Direct SQL reads of a store, for tests that check what a file holds.
public struct GRDBReader {
    private let queue: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    public func int(_ sql: String) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// The store's last snapshot: stream, version and state text.
    public func snapshot() throws -> (String, Int64, String) {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT stream_id, version, state FROM snapshots ORDER BY rowid DESC LIMIT 1")
            return (row?["stream_id"] ?? "", row?["version"] ?? 0, row?["state"] ?? "")
        }
    }
}
