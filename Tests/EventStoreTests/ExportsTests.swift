import EventModel
import EventStore
import JSON
import TestSupport
import XCTest

/// Exports of other stores read as their source meant them: Message DB's exports (JSON Lines and
/// CSV, made by a real PostgreSQL: Tests/Fixtures/message-db/make-fixtures.sh) and CSV as psql writes it.
final class ExportsTests: XCTestCase {
    let folder = TemporaryDirectory()

    private func readAll(_ source: EventSource, _ filter: EventFilter = EventFilter()) throws -> [Event] {
        var events: [Event] = []
        try source.readEvents(filter) { events.append($0); return true }
        return events
    }

    /// The export's rows as the test reads them itself, from the JSON Lines file with the JSON parser.
    private func messageDBRows() throws -> [JSONValue] {
        let text = try String(contentsOfFile: Fixtures.path("message-db/messages.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    func testMessageDBExportsHaveGlobalPositionsAndVersionsFromTheStreamPosition() throws {
        let rows = try messageDBRows()
        XCTAssertEqual(rows.count, 45)
        for name in ["messages.jsonl", "messages.csv"] {
            let source = try StoreOpener.open(path: Fixtures.path("message-db/\(name)"))
            XCTAssertEqual(source.kind, name.hasSuffix("csv") ? .csv : .jsonl)
            let events = try readAll(source)
            XCTAssertEqual(source.readWarnings, [], name)
            XCTAssertEqual(events.count, rows.count, name)
            for (event, row) in zip(events, rows) {
                XCTAssertEqual(event.position, row["global_position"]?.intValue, name)
                XCTAssertEqual(event.version, (row["position"]?.intValue ?? -9) + 1, name)
                XCTAssertEqual(event.stream, row["stream_name"]?.stringValue, name)
                XCTAssertEqual(event.id, row["id"]?.stringValue, name)
                XCTAssertEqual(try JSONParser.parse(event.data), row["data"], name)
                XCTAssertEqual(try JSONParser.parse(event.metadata), row["metadata"] == .null ? .emptyObject : row["metadata"] ?? .null,
                               "\(name): null metadata is {}")
                XCTAssertEqual(event.time, (row["time"]?.stringValue).flatMap { EventTime(iso8601: $0) }, name)
                XCTAssertEqual(event.problems, [], name)
            }
            // Message DB's category: up to the first '-', so `account:command-9` is `account:command`;
            // a name without a '-' has none.
            let types = Dictionary(events.map { ($0.stream, $0.streamType) }, uniquingKeysWith: { first, _ in first })
            XCTAssertEqual(types["account-1"], "account", name)
            XCTAssertEqual(types["account:command-9"], "account:command", name)
            XCTAssertEqual(types["audit"], "", name)
            XCTAssertEqual(types["accountConsumer+position"], "", name)
            let summary = try source.summary()
            XCTAssertEqual(summary.warnings.map(\.kind), [], name)
            XCTAssertEqual(summary.streamCount, 9, name)
        }
    }

    func testAPositionAloneIsStillThePosition() throws {
        let path = folder.write("positions.jsonl", """
            {"position":7,"stream":"a-1","type":"T"}
            {"global_position":9,"stream":"a-1","type":"T","version":5}
            {"global_position":12,"position":4,"stream":"a-1","type":"T","version":8}

            """)
        let events = try readAll(StoreOpener.open(path: path))
        XCTAssertEqual(events.map(\.position), [7, 9, 12])
        XCTAssertEqual(events.map(\.version), [1, 5, 8], "a version field wins over Message DB's position")
    }

    func testNullPayloadsAreEmptyObjects() throws {
        let path = folder.write("nulls.jsonl", #"{"stream":"a-1","type":"T","data":null,"metadata":null}"# + "\n")
        let event = try XCTUnwrap(try readAll(StoreOpener.open(path: path)).first)
        XCTAssertEqual([event.data, event.metadata], ["{}", "{}"])
        XCTAssertEqual(event.problems, [])
    }

    func testStreamIdsWithoutADashFormOneGroupNotOneTypeEach() throws {
        let path = folder.write("process.jsonl", (1...50).map { #"{"stream":"\#($0)","type":"Step"}"# }.joined(separator: "\n") + "\n")
        let summary = try StoreOpener.open(path: path).summary()
        XCTAssertEqual(summary.streamCount, 50)
        XCTAssertEqual(summary.streamTypes.map(\.name), [""])
    }

    func testCSVAsPsqlWritesIt() throws {
        // A byte order mark, CRLF, quoted JSON with doubled quotes, NULL metadata, a column evx does
        // not read holding a newline, times with a space or in seconds.
        let rows = [
            "\u{FEFF}global_position,position,stream_name,type,data,metadata,comment,time",
            #"1,0,order-1,Created,"{""note"": ""a \""quoted\"", comma""}",,"two"# + "\n" + #"lines",2026-01-05 08:00:00.5"#,
            #"2,0,order-2,Created,{},"{""user"": ""u""}",,2026-01-05 08:00:01"#,
            #"3,1,order-1,Shipped,"{""n"": 1}",,"",1767600002.25"#,
        ]
        let path = folder.write("export.csv", rows.joined(separator: "\r\n") + "\r\n")
        let source = try StoreOpener.open(path: path)
        XCTAssertEqual(source.kind, .csv)
        let events = try readAll(source)
        XCTAssertEqual(source.readWarnings, [])
        XCTAssertEqual(events.map(\.position), [1, 2, 3])
        XCTAssertEqual(events.map(\.version), [1, 1, 2])
        XCTAssertEqual(try JSONParser.parse(events[0].data), ["note": #"a "quoted", comma"#])
        XCTAssertEqual(events.map(\.metadata), ["{}", #"{"user": "u"}"#, "{}"])
        XCTAssertEqual(events.map(\.time), [EventTime(iso8601: "2026-01-05T08:00:00.5Z"), EventTime(iso8601: "2026-01-05T08:00:01Z"),
                                            EventTime(iso8601: "2026-01-05T08:00:02.25Z")])
        XCTAssertEqual(events.map(\.streamType), ["order", "order", "order"])
    }

    func testUnreadableCSVRowsAreSkippedNamingTheirLine() throws {
        let path = folder.write("bad-rows.csv", """
            stream,type,data
            a-1,T,"{""x"":
            1}"
            a-1,T
            ,T,{}
            a-1,T,not json
            a-2,T,"{}"x
            a-1,T,{}
            a-3,T,"{
            """)
        let source = try StoreOpener.open(path: path)
        let events = try readAll(source)
        XCTAssertEqual(events.map(\.stream), ["a-1", "a-1", "a-1"])
        XCTAssertEqual(events.map(\.version), [1, 2, 3])
        XCTAssertEqual(events[1].problems.first?.hasPrefix("data is not valid JSON"), true)
        XCTAssertEqual(source.readWarnings, [
            "line 4: 2 fields where the header has 3; skipped",
            "line 5: no stream id (its column is empty); skipped",
            "line 7: not a CSV row (text after a closing quote); skipped",
            "line 9: incomplete last line skipped (a writer may be mid-line)",
        ])
    }

    func testACSVWithoutARecognisableHeaderIsRefused() {
        let cases: [(String, String)] = [
            ("1,0,account-1,Deposited,{}\n", "a CSV file, but its first row ('1', '0', 'account-1', 'Deposited', '{}') is not a header naming event fields"),
            ("global_position,type,data\n1,T,{}\n", "a CSV file, but its header ('global_position', 'type', 'data') has no stream id column"),
            ("stream,kind\na-1,T\n", "has no event type column"),
            ("id,\u{1B}[31mred\n", "('id', '?[31mred')"),
        ]
        for (index, (text, fragment)) in cases.enumerated() {
            let path = folder.write("header-\(index).csv", text)
            XCTAssertThrowsError(try StoreOpener.open(path: path)) { error in
                XCTAssertTrue(error is StoreError, "\(error)")
                XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)")
                XCTAssertTrue("\(error)".contains(fragment), "\(error)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
    }

    /// A followed CSV export: reading what was appended resumes after the rows read before.
    func testRowsAppendedToACSVAreReadAfterTheOthers() throws {
        let path = folder.write("growing.csv", "stream,type\na-1,T\n")
        let source = try StoreOpener.open(path: path)
        XCTAssertEqual(try readAll(source).map(\.version), [1])
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("a-1,T\nb-1,\"U\nV\"\n".utf8))
        try handle.close()
        let appended = try readAll(source, EventFilter(fromPosition: 2))
        XCTAssertEqual(appended.map(\.position), [2, 3])
        XCTAssertEqual(appended.map(\.version), [2, 1])
        XCTAssertEqual(appended.map(\.type), ["T", "U\nV"])
    }
}
