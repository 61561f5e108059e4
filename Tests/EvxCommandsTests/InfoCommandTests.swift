import JSON
import TestSupport
import XCTest

final class InfoCommandTests: CommandTestCase {
    func testTextSummaryOfTheWorkedExample() throws {
        let path = folder.path("store.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        let run = try evx("info", path)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let text = run.stdout
        XCTAssertTrue(text.contains("events   4   positions 1 – 4"), text)
        XCTAssertTrue(text.contains("streams  1"), text)
        XCTAssertTrue(text.contains("OrderShipped"), text)
        XCTAssertTrue(text.contains("no problems found"), text)
    }

    func testJSONSummaryIsOneObjectWithStableKeys() throws {
        let path = try generatedStore(events: 1500)
        let run = try evx("info", path, "--json")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdoutLines.count, 1)
        let summary = try JSONParser.parse(run.stdout)
        XCTAssertEqual(summary.objectValue?.keys.elementsEqual([
            "path", "kind", "family", "events", "counts_estimated", "streams", "first_position", "last_position", "first_time", "last_time",
            "event_types", "stream_types", "tables", "checkpoints", "warnings",
        ]), true)
        XCTAssertEqual(summary["counts_estimated"], false)
        XCTAssertEqual(summary["kind"], "sqlite")
        XCTAssertEqual(summary["family"], "evx (native)")
        XCTAssertEqual(summary["events"], 1500)
        XCTAssertEqual(summary["first_position"], 1)
        XCTAssertEqual(summary["last_position"], 1500)
        XCTAssertEqual(summary["warnings"], [])
        XCTAssertEqual(summary["stream_types"]?["Inventory"]?["streams"], 1)
        XCTAssertEqual(summary["event_types"]?.objectValue?.values.compactMap(\.intValue).reduce(0, +), 1500)
        XCTAssertNotNil(summary["tables"]?["outbox"]?.intValue)
    }

    func testWarningsAppearInTextAndJSON() throws {
        let path = folder.write("gaps.jsonl", """
            {"stream":"a-1","type":"T","version":1,"time":"2026-01-05T08:00:00Z"}
            {"stream":"a-1","type":"T","version":4,"time":"2026-01-05T08:00:01Z"}
            """)
        let text = try evx("info", path)
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.contains("! 1 stream(s) with missing versions (e.g. a-1)"), text.stdout)
        let json = try JSONParser.parse(try evx("info", path, "--json").stdout)
        XCTAssertEqual(json["warnings"]?.arrayValue?.first?["kind"], "missing_stream_versions")
    }

    func testTheExplorerNeedsATerminal() throws {
        let path = folder.path("store.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        assertUsageFailure(try evx(path), "the explorer needs a terminal")
        assertUsageFailure(try EvxProcess.run([]), "the explorer needs a terminal")
        assertUsageFailure(try evx(folder.path("missing.sqlite")), "no such file")
    }

    func testHelpDocumentsTheCommands() throws {
        let run = try evx("--help")
        XCTAssertEqual(run.status, 0)
        for command in ["info", "events", "generate", "open"] {
            XCTAssertTrue(run.stdout.contains(command), command)
        }
        XCTAssertTrue(try evx("events", "--help").stdout.contains("--since"))
    }

    func testStoreNamesAreEscapedInText() throws {
        let path = folder.write("evil.jsonl", #"{"stream":"x-1","type":"Evil\u001b]0;pwned\u0007","time":"2026-01-05T08:00:00Z"}"# + "\n")
        let run = try evx("info", path)
        XCTAssertEqual(run.status, 0)
        XCTAssertFalse(run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        XCTAssertTrue(run.stdout.contains(#"Evil\u001b]0;pwned\u0007"#), run.stdout)
    }
}
