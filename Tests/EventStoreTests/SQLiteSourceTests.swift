import EventModel
import EventStore
import GRDB
import TestSupport
import XCTest

final class SQLiteSourceTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testReadsEventsInGlobalOrderWithFilters() throws {
        let path = folder.path("store.sqlite")
        let store = try StoreBuilder.workedExample(at: path)
        try store.event(5, stream: "order-7", type: "OrderCreated", version: 1, data: #"{"items":["C"]}"#)
        try store.event(7, stream: "order-42", type: "OrderCancelled", version: 5, data: #"{"reason":"x"}"#, schemaVersion: 2)
        try store.close()
        let source = try StoreOpener.open(path: path)
        XCTAssertEqual(source.kind, .sqlite)

        XCTAssertEqual(try positions(source, EventFilter()), [1, 2, 3, 4, 5, 7])
        XCTAssertEqual(try positions(source, EventFilter(stream: "order-42")), [1, 2, 3, 4, 7])
        XCTAssertEqual(try positions(source, EventFilter(type: "OrderCreated")), [1, 5])
        XCTAssertEqual(try positions(source, EventFilter(fromPosition: 4)), [4, 5, 7])
        XCTAssertEqual(try positions(source, EventFilter(limit: 2)), [1, 2])
        XCTAssertEqual(try positions(source, EventFilter(limit: 0)), [])
        let since = EventTime(iso8601: StoreBuilder.time(3))
        let until = EventTime(iso8601: StoreBuilder.time(5))
        XCTAssertEqual(try positions(source, EventFilter(since: since, until: until)), [3, 4])
        XCTAssertEqual(try positions(source, EventFilter(since: since, limit: 1)), [3])

        var events: [Event] = []
        try source.readEvents(EventFilter(fromPosition: 7)) { events.append($0); return true }
        let last = try XCTUnwrap(events.first)
        XCTAssertEqual(last.id, "e7")
        XCTAssertEqual(last.stream, "order-42")
        XCTAssertEqual(last.streamType, "Order")
        XCTAssertEqual(last.version, 5)
        XCTAssertEqual(last.schemaVersion, 2)
        XCTAssertEqual(last.data, #"{"reason":"x"}"#)
        XCTAssertEqual(last.time, EventTime(iso8601: StoreBuilder.time(7)))
        XCTAssertEqual(last.problems, [])
    }

    func testStopsWhenTheBodyAsksTo() throws {
        let path = folder.path("store.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        var seen = 0
        try StoreOpener.open(path: path).readEvents(EventFilter()) { _ in seen += 1; return seen < 2 }
        XCTAssertEqual(seen, 2)
    }

    func testFlagsRowsWhosePayloadIsNotJSONAndKeepsTheOthers() throws {
        let path = folder.path("store.sqlite")
        let store = try StoreBuilder(path: path)
        try store.event(1, stream: "a-1", type: "T", version: 1, data: #"{"ok":true}"#)
        try store.event(2, stream: "a-1", type: "T", version: 2, data: #"{"broken": "#)
        try store.event(3, stream: "a-1", type: "T", version: 3, data: "[1]", metadata: "nope")
        try store.event(4, stream: "a-1", type: "T", version: 4, recordedAt: "last tuesday")
        try store.close()
        var events: [Event] = []
        try StoreOpener.open(path: path).readEvents(EventFilter()) { events.append($0); return true }
        XCTAssertEqual(events.map(\.position), [1, 2, 3, 4])
        XCTAssertEqual(events[0].problems, [])
        XCTAssertEqual(events[1].problems, ["data is not valid JSON (unexpected end of input at byte 11)"])
        XCTAssertEqual(events[2].problems, ["data is not a JSON object", "metadata is not valid JSON (invalid literal at byte 0)"])
        XCTAssertEqual(events[3].problems, ["recorded_at is not an ISO-8601 time"])
        XCTAssertNil(events[3].time)
    }

    func testCopesWithoutTheOptionalColumnsAndTables() throws {
        let path = folder.path("minimal.sqlite")
        let store = try StoreBuilder(path: path, schema: """
            CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT, stream_id TEXT, stream_type TEXT,
              version INTEGER, type TEXT, data TEXT, recorded_at TEXT);
            """)
        try store.execute("INSERT INTO events VALUES (1, 'x', 's-1', 'S', 1, 'Happened', '{}', '2026-01-05T08:00:00Z')")
        try store.close()
        let source = try StoreOpener.open(path: path)
        var events: [Event] = []
        try source.readEvents(EventFilter()) { events.append($0); return true }
        XCTAssertEqual(events.first?.metadata, "{}")
        XCTAssertEqual(events.first?.schemaVersion, 1)
        let summary = try source.summary()
        XCTAssertEqual(summary.tables, [])
        XCTAssertEqual(summary.eventCount, 1)
    }

    private func positions(_ source: EventSource, _ filter: EventFilter) throws -> [Int64] {
        var result: [Int64] = []
        try source.readEvents(filter) { result.append($0.position); return true }
        return result
    }
}
