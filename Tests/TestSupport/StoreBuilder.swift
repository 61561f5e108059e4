import EventModel
import EventStore
import Foundation
import GRDB

/// Builds small SQLite stores row by row, so each test states exactly what the store holds.
public struct StoreBuilder {
    public let path: String
    private let queue: DatabaseQueue

    /// A store with the native schema (`schema: nil`) or with the `CREATE TABLE` statements given.
    public init(path: String, schema: String? = nil) throws {
        self.path = path
        queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: schema ?? NativeStoreSchema.all) }
    }

    /// Appends an event; the id defaults to `e<position>` and the time to one second per position.
    public func event(_ position: Int64, stream: String, type: String, version: Int64, data: String = "{}",
                      streamType: String? = nil, id: String? = nil, metadata: String = "{}",
                      recordedAt: String? = nil, schemaVersion: Int64 = 1) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO events (position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [position, id ?? "e\(position)", stream, streamType ?? Self.category(stream), version, type,
                            schemaVersion, data, metadata, recordedAt ?? Self.time(position)])
        }
    }

    public func execute(_ sql: String) throws {
        try queue.write { db in try db.execute(sql: sql) }
    }

    public func close() throws { try queue.close() }

    /// `2026-01-05T08:00:00.000Z` plus `position` seconds.
    public static func time(_ position: Int64) -> String {
        EventTime(microseconds: 1_767_600_000_000_000 + position * 1_000_000).iso8601
    }

    private static func category(_ stream: String) -> String {
        let prefix = stream.split(separator: "-").first.map(String.init) ?? stream
        return prefix.prefix(1).uppercased() + prefix.dropFirst()
    }

    /// The worked example of the design notes: order-42's four events at positions 1 to 4.
    public static func workedExample(at path: String) throws -> StoreBuilder {
        let store = try StoreBuilder(path: path)
        try store.event(1, stream: "order-42", type: "OrderCreated", version: 1, data: #"{"customer":"c-7","items":["A","B"],"total":80}"#)
        try store.event(2, stream: "order-42", type: "ItemRemoved", version: 2, data: #"{"item":"B","price":30}"#)
        try store.event(3, stream: "order-42", type: "PaymentReceived", version: 3, data: #"{"amount":50}"#)
        try store.event(4, stream: "order-42", type: "OrderShipped", version: 4, data: #"{"tracking":"XY123"}"#)
        return store
    }
}
