import EventModel
import EventStore
import TestSupport
import XCTest

final class StoreSummaryTests: XCTestCase {
    let folder = TemporaryDirectory()

    /// The native layout without its UNIQUE constraints, as a careless writer might make it.
    static let looseSchema = """
        CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL,
          stream_type TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL DEFAULT 1,
          data TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}', recorded_at TEXT NOT NULL);
        CREATE TABLE outbox (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, destination TEXT NOT NULL,
          payload TEXT NOT NULL, created_at TEXT NOT NULL, published_at TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
        """

    func testCountsTypesStreamsTimesAndTables() throws {
        let path = folder.path("store.sqlite")
        let store = try StoreBuilder.workedExample(at: path)
        try store.event(5, stream: "order-7", type: "OrderCreated", version: 1)
        try store.event(6, stream: "inventory-main", type: "StockReserved", version: 1)
        try store.execute("INSERT INTO outbox (event_id, destination, payload, created_at) VALUES ('e1', 'orders', '{}', '2026-01-05T08:00:01Z')")
        try store.execute("INSERT INTO projection_checkpoints VALUES ('revenue', 3, '2026-01-05T08:00:05Z')")
        try store.close()

        let summary = try StoreOpener.open(path: path).summary()
        XCTAssertEqual(summary.kind, .sqlite)
        XCTAssertEqual(summary.eventCount, 6)
        XCTAssertEqual(summary.streamCount, 3)
        XCTAssertEqual(summary.firstPosition, 1)
        XCTAssertEqual(summary.lastPosition, 6)
        XCTAssertEqual(summary.firstTime?.iso8601, StoreBuilder.time(1))
        XCTAssertEqual(summary.lastTime?.iso8601, StoreBuilder.time(6))
        XCTAssertEqual(summary.eventTypes.first, TypeCount(name: "OrderCreated", events: 2))
        XCTAssertEqual(Set(summary.eventTypes.map(\.name)),
                       ["OrderCreated", "ItemRemoved", "PaymentReceived", "OrderShipped", "StockReserved"])
        XCTAssertEqual(summary.streamTypes, [StreamTypeCount(name: "Order", streams: 2, events: 5),
                                             StreamTypeCount(name: "Inventory", streams: 1, events: 1)])
        XCTAssertEqual(summary.tables, [TableCount(name: "snapshots", rows: 0), TableCount(name: "outbox", rows: 1),
                                        TableCount(name: "processed_events", rows: 0),
                                        TableCount(name: "projection_checkpoints", rows: 1)])
        XCTAssertEqual(summary.warnings, [])
    }

    func testReportsEveryIntegrityProblem() throws {
        let path = folder.path("loose.sqlite")
        let store = try StoreBuilder(path: path, schema: Self.looseSchema)
        try store.event(1, stream: "a-1", type: "T", version: 1, id: "same")
        try store.event(2, stream: "a-1", type: "T", version: 3)                        // version 2 missing
        try store.event(3, stream: "b-1", type: "T", version: 1, id: "same")            // id used twice
        try store.event(4, stream: "b-1", type: "T", version: 1)                        // version 1 twice
        try store.event(5, stream: "c-1", type: "T", version: 1, recordedAt: StoreBuilder.time(2))  // earlier than position 4
        try store.event(6, stream: "c-1", type: "T", version: 2, recordedAt: "soon")
        try store.close()

        let summary = try StoreOpener.open(path: path).summary()
        let byKind = Dictionary(uniqueKeysWithValues: summary.warnings.map { ($0.kind, $0) })
        XCTAssertEqual(byKind[.duplicateEventIDs]?.examples, ["same"])
        XCTAssertEqual(byKind[.missingStreamVersions]?.examples, ["a-1"])
        XCTAssertEqual(byKind[.duplicateStreamVersions]?.examples, ["b-1"])
        XCTAssertEqual(byKind[.positionsOutOfTimeOrder]?.examples, ["position 5"])
        XCTAssertEqual(byKind[.unreadableTimes]?.examples, ["position 6"])
        XCTAssertEqual(summary.warnings.count, 5)
        XCTAssertEqual(summary.tables.map(\.name), ["outbox"])
    }

    func testAGeneratedStoreIsConsistent() throws {
        let path = folder.path("generated.sqlite")
        try StoreGeneratorFixture.generate(path: path, events: 3000)
        let summary = try StoreOpener.open(path: path).summary()
        XCTAssertEqual(summary.eventCount, 3000)
        XCTAssertEqual(summary.warnings, [])
        XCTAssertEqual(summary.eventTypes.reduce(0) { $0 + $1.events }, 3000)
        XCTAssertEqual(summary.streamTypes.reduce(0) { $0 + $1.streams }, summary.streamCount)
        XCTAssertEqual(summary.tables.map(\.name), ["snapshots", "outbox", "processed_events", "projection_checkpoints"])
        XCTAssertTrue(summary.tables.allSatisfy { $0.rows > 0 })
    }
}
