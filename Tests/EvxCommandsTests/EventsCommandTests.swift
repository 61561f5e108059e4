import EventModel
import EventStore
import JSON
import TestSupport
import XCTest

final class EventsCommandTests: CommandTestCase {
    func testListsAStreamInOrder() throws {
        let path = try generatedStore()
        let run = try evx("events", path, "--stream", "order-42")
        XCTAssertEqual(run.status, 0, run.stderr)
        let types = run.stdoutLines.map { $0.split(separator: " ", omittingEmptySubsequences: true)[3] }
        XCTAssertEqual(types, ["OrderCreated", "ItemRemoved", "PaymentReceived", "OrderShipped"])
    }

    func testFiltersCombine() throws {
        let path = try generatedStore()
        let run = try evx("events", path, "--type", "OrderShipped", "--from", "500", "--limit", "3", "--json")
        XCTAssertEqual(run.status, 0, run.stderr)
        let events = try run.stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(events.count, 3)
        XCTAssertTrue(events.allSatisfy { $0["type"] == "OrderShipped" && ($0["position"]?.intValue ?? 0) >= 500 })
        let positions = events.compactMap { $0["position"]?.intValue }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testTimeWindow() throws {
        let path = folder.path("store.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        let run = try evx("events", path, "--since", StoreBuilder.time(2), "--until", StoreBuilder.time(4), "--json")
        XCTAssertEqual(try run.stdoutLines.map { try JSONParser.parse($0)["position"] }, [2, 3])
        assertUsageFailure(try evx("events", path, "--since", "yesterday"), "--since: cannot read 'yesterday' as a time")
    }

    func testJSONOutputIsItselfAStoreWithTheSameEvents() throws {
        let path = try generatedStore(events: 1200)
        let export = try evx("events", path, "--json")
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(export.stdoutLines.count, 1200)
        let jsonl = folder.write("export.jsonl", export.stdout)

        let original = try StoreOpener.open(path: path)
        let copy = try StoreOpener.open(path: jsonl)
        XCTAssertEqual(copy.kind, .jsonl)
        var a: [Event] = [], b: [Event] = []
        try original.readEvents(EventFilter()) { a.append($0); return true }
        try copy.readEvents(EventFilter()) { b.append($0); return true }
        XCTAssertEqual(a, b)
        var summaryA = try original.summary(), summaryB = try copy.summary()
        summaryA.tables = []
        summaryA.family = nil
        summaryA.checkpoints = []
        summaryA.path = ""
        summaryB.path = ""
        summaryB.kind = .sqlite
        XCTAssertEqual(summaryA, summaryB)
        // And exporting the export gives the same lines.
        XCTAssertEqual(try evx("events", jsonl, "--json").stdout, export.stdout)
    }

    func testAnEventWithInvalidDataIsListedAndFlagged() throws {
        let path = folder.path("store.sqlite")
        let store = try StoreBuilder(path: path)
        try store.event(1, stream: "a-1", type: "T", version: 1, data: #"{"ok":1}"#)
        try store.event(2, stream: "a-1", type: "T", version: 2, data: "{oops")
        try store.event(3, stream: "a-1", type: "T", version: 3, data: "{\n  \"pretty\": true\n}")
        try store.close()
        let run = try evx("events", path, "--json")
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdoutLines.count, 3)
        XCTAssertTrue(run.stderr.contains("evx: warning: position 2: data is not valid JSON"), run.stderr)
        let flagged = try JSONParser.parse(run.stdoutLines[1])
        XCTAssertEqual(flagged["data"], "{oops")
        XCTAssertEqual(flagged["problems"]?.arrayValue?.count, 1)
        XCTAssertEqual(try JSONParser.parse(run.stdoutLines[2])["data"], ["pretty": true])
    }

    func testTruncatedJSONLinesLastLineIsSkippedWithAWarning() throws {
        let path = folder.write("partial.jsonl", #"{"stream":"a-1","type":"T"}"# + "\n" + #"{"stream":"a-1","ty"#)
        let run = try evx("events", path)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdoutLines.count, 1)
        XCTAssertEqual(run.stderr, "evx: warning: line 2: incomplete last line skipped (a writer may be mid-line)\n")
    }

    func testNonUTF8LineIsSkippedWithAWarning() throws {
        let bytes = Array(#"{"stream":"a-1","type":"T"}"#.utf8) + [0x0A] + Array(#"{"stream":"a-"#.utf8) + [0xC3, 0x28] + Array(#"","type":"T"}"#.utf8) + [0x0A]
        let run = try evx("events", folder.write("latin.jsonl", bytes: bytes))
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdoutLines.count, 1)
        XCTAssertTrue(run.stderr.contains("line 2: not a valid JSON object (invalid UTF-8"), run.stderr)
    }

    func testPayloadControlCharactersAreEscapedInText() throws {
        let path = folder.path("store.sqlite")
        let store = try StoreBuilder(path: path)
        try store.event(1, stream: "a-1", type: "T", version: 1, data: "{\"x\":\"\u{1B}[2J\u{9B}31m\u{202E}\"}")
        try store.close()
        let run = try evx("events", path)
        XCTAssertFalse(run.stdout.unicodeScalars.contains { [0x1B, 0x9B, 0x202E].contains($0.value) }, run.stdout)
        XCTAssertTrue(run.stdout.contains(#"\u001b[2J\u009b31m\u202e"#), run.stdout)
    }
}
