import EventModel
import EventStore
import TestSupport
import XCTest

final class JSONLinesSourceTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testReadsCanonicalFields() throws {
        let path = folder.write("store.jsonl", """
            {"position":10,"id":"a","stream":"order-42","stream_type":"Order","type":"OrderCreated","version":1,"schema_version":2,"data":{"items":["A","B"]},"metadata":{"user":"u"},"time":"2026-01-05T08:00:00.123Z"}
            {"position":11,"id":"b","stream":"order-42","stream_type":"Order","type":"ItemRemoved","version":2,"data":{"item":"B"},"metadata":{},"time":"2026-01-05T08:00:01Z"}

            """)
        let source = try StoreOpener.open(path: path)
        XCTAssertEqual(source.kind, .jsonl)
        let events = try readAll(source)
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events[0], Event(position: 10, id: "a", stream: "order-42", streamType: "Order", version: 1,
                                        type: "OrderCreated", schemaVersion: 2, data: #"{"items":["A","B"]}"#,
                                        metadata: #"{"user":"u"}"#, recordedAt: "2026-01-05T08:00:00.123Z"))
        XCTAssertEqual(events[1].time, EventTime(iso8601: "2026-01-05T08:00:01Z"))
        XCTAssertEqual(source.readWarnings, [])
    }

    func testAcceptsOtherToolsFieldNames() throws {
        let path = folder.write("other.jsonl", """
            {"global_position":5,"event_id":"x","stream_name":"cart-1","event_type":"CartOpened","stream_version":1,"payload":{"n":1},"meta":{"m":1},"timestamp":"2026-01-05T08:00:00Z"}
            {"globalPosition":6,"eventId":"y","aggregateId":"cart-1","aggregateType":"Cart","eventType":"ItemAdded","revision":2,"body":{},"headers":{},"created_at":1767600001}
            {"stream_id":"cart-2","type":"CartOpened","occurredAt":"2026-01-05T08:00:02Z"}
            """)
        let events = try readAll(StoreOpener.open(path: path))
        XCTAssertEqual(events.map(\.position), [5, 6, 7])
        XCTAssertEqual(events.map(\.id), ["x", "y", "line-7"])
        XCTAssertEqual(events.map(\.stream), ["cart-1", "cart-1", "cart-2"])
        XCTAssertEqual(events.map(\.streamType), ["cart", "Cart", "cart"])
        XCTAssertEqual(events.map(\.type), ["CartOpened", "ItemAdded", "CartOpened"])
        XCTAssertEqual(events.map(\.version), [1, 2, 1])
        XCTAssertEqual(events.map(\.data), [#"{"n":1}"#, "{}", "{}"])
        XCTAssertEqual(events.map(\.metadata), [#"{"m":1}"#, "{}", "{}"])
        XCTAssertEqual(events[1].time, EventTime(iso8601: "2026-01-05T08:00:01Z"))
        XCTAssertEqual(events[1].recordedAt, "2026-01-05T08:00:01.000Z")
    }

    func testTheCanonicalNameWinsOverAnAlias() throws {
        let path = folder.write("both.jsonl", #"{"stream_id":"alias-1","stream":"canonical-1","type":"T"}"# + "\n")
        XCTAssertEqual(try readAll(StoreOpener.open(path: path)).first?.stream, "canonical-1")
    }

    func testDerivesPositionsAndVersionsFromLineOrder() throws {
        let path = folder.write("derived.jsonl", """
            {"stream":"a-1","type":"T"}
            {"stream":"b-1","type":"T"}
            {"stream":"a-1","type":"T"}
            {"stream":"a-1","type":"T"}
            """)
        let events = try readAll(StoreOpener.open(path: path))
        XCTAssertEqual(events.map(\.position), [1, 2, 3, 4])
        XCTAssertEqual(events.map(\.version), [1, 1, 2, 3])
    }

    func testSkipsATruncatedLastLineWithAWarning() throws {
        let path = folder.write("partial.jsonl", #"{"stream":"a-1","type":"T"}"# + "\n" + #"{"stream":"a-1","ty"#)
        let source = try StoreOpener.open(path: path)
        XCTAssertEqual(try readAll(source).count, 1)
        XCTAssertEqual(source.readWarnings, ["line 2: incomplete last line skipped (a writer may be mid-line)"])
    }

    func testSkipsUnreadableLinesAndKeepsTheOthers() throws {
        var bytes = Array((#"{"stream":"a-1","type":"T"}"# + "\n" + "not json\n" + #"{"type":"NoStream"}"# + "\n").utf8)
        bytes += Array(#"{"stream":"a-1","type":"T","data":{"name":""#.utf8) + [0xFF, 0xFE] + Array("\"}}\n".utf8)
        bytes += Array(#"{"stream":"a-1","type":"T","data":[1]}"#.utf8) + [0x0D, 0x0A]
        let path = folder.write("mixed.jsonl", bytes: bytes)
        let source = try StoreOpener.open(path: path)
        let events = try readAll(source)
        XCTAssertEqual(events.map(\.position), [1, 2])
        XCTAssertEqual(events[1].problems, ["data is not a JSON object"])
        XCTAssertEqual(source.readWarnings.count, 3)
        XCTAssertTrue(source.readWarnings[0].hasPrefix("line 2: not a valid JSON object"), source.readWarnings[0])
        XCTAssertTrue(source.readWarnings[1].hasPrefix("line 3: no stream id"), source.readWarnings[1])
        XCTAssertTrue(source.readWarnings[2].contains("line 4: not a valid JSON object (invalid UTF-8"), source.readWarnings[2])
    }

    func testFiltersLikeTheSQLiteSource() throws {
        let path = folder.write("filter.jsonl", (1...6).map { n in
            #"{"position":\#(n),"stream":"s-\#(n % 2)","type":"T\#(n % 3)","time":"\#(StoreBuilder.time(Int64(n)))"}"#
        }.joined(separator: "\n"))
        let source = try StoreOpener.open(path: path)
        XCTAssertEqual(try readAll(source, EventFilter(stream: "s-1")).map(\.position), [1, 3, 5])
        XCTAssertEqual(try readAll(source, EventFilter(type: "T0")).map(\.position), [3, 6])
        XCTAssertEqual(try readAll(source, EventFilter(fromPosition: 5)).map(\.position), [5, 6])
        XCTAssertEqual(try readAll(source, EventFilter(since: EventTime(iso8601: StoreBuilder.time(2)),
                                                       until: EventTime(iso8601: StoreBuilder.time(4)))).map(\.position), [2, 3])
        XCTAssertEqual(try readAll(source, EventFilter(limit: 2)).map(\.position), [1, 2])
    }

    func testSummaryCountsAndWarns() throws {
        let path = folder.write("summary.jsonl", """
            {"id":"x","stream":"a-1","type":"Opened","version":1,"time":"2026-01-05T08:00:02Z"}
            {"id":"x","stream":"a-1","type":"Changed","version":3,"time":"2026-01-05T08:00:01Z"}
            {"id":"y","stream":"b-1","type":"Opened","version":1,"time":"2026-01-05T08:00:03Z"}
            {"id":"z","stream":"b-1","type":"Opened","version":1,"time":"2026-01-05T08:00:04Z","data":"text"}
            garbage
            """)
        let summary = try StoreOpener.open(path: path).summary()
        XCTAssertEqual(summary.eventCount, 4)
        XCTAssertEqual(summary.streamCount, 2)
        XCTAssertEqual(summary.eventTypes, [TypeCount(name: "Opened", events: 3), TypeCount(name: "Changed", events: 1)])
        XCTAssertEqual(summary.streamTypes, [StreamTypeCount(name: "a", streams: 1, events: 2), StreamTypeCount(name: "b", streams: 1, events: 2)])
        XCTAssertEqual(summary.firstTime, EventTime(iso8601: "2026-01-05T08:00:01Z"))
        XCTAssertEqual(summary.lastTime, EventTime(iso8601: "2026-01-05T08:00:04Z"))
        let kinds = Dictionary(uniqueKeysWithValues: summary.warnings.map { ($0.kind, $0.examples) })
        XCTAssertEqual(kinds[.duplicateEventIDs], ["x"])
        XCTAssertEqual(kinds[.missingStreamVersions], ["a-1"])
        XCTAssertEqual(kinds[.duplicateStreamVersions], ["b-1"])
        XCTAssertEqual(kinds[.positionsOutOfTimeOrder], ["position 2"])
        XCTAssertEqual(kinds[.invalidPayloads], ["position 4"])
        XCTAssertEqual(kinds[.skippedLines]?.count, 1)
        XCTAssertEqual(summary.tables, [])
    }

    func testAFileWithNoReadableLineIsAnError() throws {
        let path = folder.write("bad.jsonl", "{ this is not json\n{ nor this\n")
        XCTAssertThrowsError(try readAll(StoreOpener.open(path: path))) { error in
            XCTAssertTrue("\(error)".contains("no readable event"), "\(error)")
        }
    }

    func testAVeryLongLineIsRead() throws {
        let big = String(repeating: "x", count: 3 << 20)
        let path = folder.write("long.jsonl", #"{"stream":"a-1","type":"T","data":{"blob":"\#(big)"}}"# + "\n" + #"{"stream":"a-1","type":"U"}"#)
        let events = try readAll(StoreOpener.open(path: path))
        XCTAssertEqual(events.map(\.type), ["T", "U"])
        XCTAssertEqual(events[0].data.utf8.count, big.utf8.count + 11)
    }

    private func readAll(_ source: EventSource, _ filter: EventFilter = EventFilter()) throws -> [Event] {
        var events: [Event] = []
        try source.readEvents(filter) { events.append($0); return true }
        return events
    }
}
