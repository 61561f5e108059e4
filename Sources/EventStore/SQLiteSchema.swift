import EventModel
import GRDB

/// What an SQLite store's schema offers: the columns of `events`, the optional tables, and which
/// uniqueness rules its indexes already guarantee (so integrity checks can skip them).
struct SQLiteSchema {
    static let requiredColumns = ["position", "event_id", "stream_id", "stream_type", "version", "type", "data", "recorded_at"]
    static let optionalTables = ["snapshots", "outbox", "processed_events", "projection_checkpoints"]

    var hasSchemaVersion: Bool
    var hasMetadata: Bool
    var optionalTablesPresent: [String]
    var eventIDsAreUnique: Bool
    var streamVersionsAreUnique: Bool

    static func read(_ db: Database, path: String) throws -> SQLiteSchema {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        guard tables.contains("events") else {
            throw StoreError("\(path): an SQLite database without an `events` table, so not an evx store (see docs/store-format.md)")
        }
        let columns = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(events)").map { ($0["name"] as String?) ?? "" })
        let missing = requiredColumns.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw StoreError("\(path): the `events` table lacks required column(s) \(missing.joined(separator: ", ")) (see docs/store-format.md)")
        }
        let uniqueIndexes = try uniqueColumnSets(db, table: "events")
        return SQLiteSchema(
            hasSchemaVersion: columns.contains("schema_version"),
            hasMetadata: columns.contains("metadata"),
            optionalTablesPresent: optionalTables.filter { tables.contains($0) },
            eventIDsAreUnique: uniqueIndexes.contains(["event_id"]),
            streamVersionsAreUnique: uniqueIndexes.contains(["stream_id", "version"]))
    }

    /// The column lists of the table's unique indexes (including those made by UNIQUE constraints).
    private static func uniqueColumnSets(_ db: Database, table: String) throws -> [[String]] {
        try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))").compactMap { index -> [String]? in
            guard (index["unique"] as Int?) == 1, let name = index["name"] as String? else { return nil }
            return try Row.fetchAll(db, sql: "PRAGMA index_info(\(name.quotedDatabaseIdentifier))")
                .sorted { ($0["seqno"] as Int? ?? 0) < ($1["seqno"] as Int? ?? 0) }
                .map { $0["name"] as String? ?? "" }
        }
    }

    /// The select list that reads an `Event`, in the column order `SQLiteRawRow.event` expects.
    func eventColumns(includingDetails: Bool = true) -> String {
        (includingDetails ? "position, event_id, " : "position, '', ") + "stream_id, stream_type, version, type, "
            + (hasSchemaVersion ? "schema_version" : "1") + ", data, "
            + (hasMetadata && includingDetails ? "metadata" : "'{}'") + ", recorded_at"
    }
}
