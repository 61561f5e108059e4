import GRDB
import JSON
import TestSupport
import XCTest

/// `--map FILE.yaml`: tables of libraries evx has no dialect for, described by a person. The
/// stores are made from the libraries' published DDL (docs/dialects.md has the worked mappings,
/// the same files as Tests/Fixtures/mappings).
final class MappedStoreTests: CommandTestCase {
    private let spatieMap = Fixtures.path("mappings/spatie.map.yaml")
    private let axonMap = Fixtures.path("mappings/axon.map.yaml")

    func testSpatieStoreReadsWithItsMapping() throws {
        let store = try ForeignStores.spatie(at: folder.path("spatie.sqlite"))
        let info = try evx("info", store, "--map", spatieMap, "--json")
        XCTAssertEqual(info.status, 0, info.stderr)
        let summary = try JSONParser.parse(info.stdout)
        XCTAssertEqual(summary["family"], "Spatie laravel-event-sourcing")
        XCTAssertEqual(summary["events"], 4)
        XCTAssertEqual(summary["streams"], 2)
        XCTAssertEqual(summary["warnings"], [])

        let events = try evx("events", store, "--map", spatieMap, "--stream", "a1", "--json")
        XCTAssertEqual(events.status, 0, events.stderr)
        let lines = try events.stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(lines.map { $0["version"] }, [1, 2, 3])
        XCTAssertEqual(lines.map { $0["position"] }, [1, 3, 4])
        XCTAssertEqual(lines[1]["type"], #"App\StorableEvents\MoneyAdded"#)
        XCTAssertEqual(lines[1]["stream_type"], "Account")
        XCTAssertEqual(lines[1]["metadata"], ["user": "u2"])

        let replay = try evx("replay", store, "--map", spatieMap, "--stream", "a1", "--json")
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertEqual(try JSONParser.parse(replay.stdout)["state"], ["name": "Ada", "amount": try JSONParser.parse("0.20")])

        let snapshots = try evx("snapshots", store, "--map", spatieMap, "--json")
        XCTAssertEqual(snapshots.status, 0, snapshots.stderr)
        XCTAssertEqual(try JSONParser.parse(snapshots.stdout)["checked"], 1)
    }

    func testAxonStoreReadsWithItsMappingAndVersionsFromZero() throws {
        let store = try ForeignStores.axon(at: folder.path("axon.sqlite"))
        let events = try evx("events", store, "--map", axonMap, "--json")
        XCTAssertEqual(events.status, 0, events.stderr)
        let lines = try events.stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(lines.map { $0["version"] }, [1, 2, 3], "sequence numbers from 0 are shown from 1")
        XCTAssertEqual(lines.map { $0["id"] }, ["e-0", "e-1", "e-2"])
        XCTAssertEqual(lines[0]["stream_type"], "GiftCard")
        XCTAssertEqual(lines[2]["data"], ["id": "gc-1", "amount": 25], "JSON read from a BLOB")
        XCTAssertEqual(lines[2]["metadata"], ["traceId": "t2"])
        let info = try evx("info", store, "--map", axonMap)
        XCTAssertTrue(info.stdout.hasPrefix("\(store)  (Axon Framework, SQLite)"), info.stdout)
        XCTAssertTrue(info.stdout.contains("no problems found"), info.stdout)
    }

    func testAReadOnlySelectCanBeTheEvents() throws {
        let store = try ForeignStores.axon(at: folder.path("axon.sqlite"))
        let map = folder.write("select.yaml", """
            select: "SELECT global_index AS n, aggregate_identifier AS agg, sequence_number + 1 AS v, payload_type AS t, payload AS body FROM domain_event_entry WHERE payload_type LIKE '%Redeemed%'"
            columns: {position: n, stream: agg, version: v, type: t, data: body}
            """)
        let events = try evx("events", store, "--map", map, "--json")
        XCTAssertEqual(events.status, 0, events.stderr)
        XCTAssertEqual(try events.stdoutLines.map { try JSONParser.parse($0)["version"] }, [2, 3])
        XCTAssertEqual(try evx("events", store, "--map", map, "--stream", "gc-1").stdoutLines.count, 2)
    }

    func testAMappingNamingAMissingColumnIsRefusedNamingIt() throws {
        let store = try ForeignStores.spatie(at: folder.path("spatie.sqlite"))
        let map = folder.write("bad.yaml", """
            table: stored_events
            columns: {position: id, stream: aggregate_id, version: aggregate_version, type: event_class, data: payload}
            """)
        assertUsageFailure(try evx("events", store, "--map", map),
                           "`stored_events` has no column(s) `aggregate_id`, `payload` (it has id, aggregate_uuid")
        let noTable = folder.write("table.yaml", "table: events_v2\ncolumns: {position: id, stream: s, version: v, type: t, data: d}\n")
        assertUsageFailure(try evx("info", store, "--map", noTable), "no table `events_v2`")
        let typo = folder.write("typo.yaml", "table: stored_events\ncolums: {}\n")
        assertUsageFailure(try evx("info", store, "--map", typo), "unknown key(s) colums")
        let writes = folder.write("writes.yaml", "select: \"DELETE FROM stored_events\"\ncolumns: {position: id, stream: s, version: v, type: t, data: d}\n")
        assertUsageFailure(try evx("info", store, "--map", writes), "`select` must be a read-only SELECT")
        assertUsageFailure(try evx("info", store, "--map", folder.path("absent.yaml")), "cannot read the mapping file")
    }
}
