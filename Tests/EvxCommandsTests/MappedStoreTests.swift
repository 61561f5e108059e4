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

    /// Spatie laravel-event-sourcing: versions from 1, JSON columns, a snapshots table.
    private func spatieStore() throws -> String {
        let path = folder.path("spatie.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE stored_events (id INTEGER PRIMARY KEY AUTOINCREMENT, aggregate_uuid TEXT, aggregate_version INTEGER,
                  event_version INTEGER NOT NULL DEFAULT 1, event_class TEXT NOT NULL, event_properties TEXT NOT NULL,
                  meta_data TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (aggregate_uuid, aggregate_version));
                CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, aggregate_uuid TEXT NOT NULL,
                  aggregate_version INTEGER NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL);
                """)
            let events: [(String, Int, String, String)] = [
                ("a1", 1, #"App\StorableEvents\AccountCreated"#, #"{"name":"Ada"}"#),
                ("a2", 1, #"App\StorableEvents\AccountCreated"#, #"{"name":"Ken"}"#),
                ("a1", 2, #"App\StorableEvents\MoneyAdded"#, #"{"amount":10.10}"#),
                ("a1", 3, #"App\StorableEvents\MoneyAdded"#, #"{"amount":0.20}"#),
            ]
            for (index, (stream, version, type, data)) in events.enumerated() {
                try db.execute(sql: "INSERT INTO stored_events (aggregate_uuid, aggregate_version, event_class, event_properties, meta_data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [stream, version, type, data, #"{"user":"u\#(index)"}"#, "2026-02-0\(index + 1) 10:00:00"])
            }
            try db.execute(sql: "INSERT INTO snapshots (aggregate_uuid, aggregate_version, state, created_at) VALUES ('a1', 2, '{\"balance\":10.10}', '2026-02-03 10:00:01')")
        }
        try queue.close()
        return path
    }

    /// Axon Framework with Jackson: JSON payloads in BLOBs, sequence numbers from 0.
    private func axonStore() throws -> String {
        let path = folder.path("axon.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE domain_event_entry (global_index INTEGER PRIMARY KEY, aggregate_identifier TEXT NOT NULL,
                  sequence_number INTEGER NOT NULL, type TEXT, event_identifier TEXT NOT NULL UNIQUE, meta_data BLOB,
                  payload BLOB NOT NULL, payload_revision TEXT, payload_type TEXT NOT NULL, time_stamp TEXT NOT NULL,
                  UNIQUE (aggregate_identifier, sequence_number));
                CREATE TABLE token_entry (processor_name TEXT NOT NULL, segment INTEGER NOT NULL, token BLOB, token_type TEXT,
                  timestamp TEXT, owner TEXT, PRIMARY KEY (processor_name, segment));
                """)
            let events: [(String, Int, String, String)] = [
                ("gc-1", 0, "io.axoniq.giftcard.api.CardIssuedEvent", #"{"id":"gc-1","amount":100}"#),
                ("gc-1", 1, "io.axoniq.giftcard.api.CardRedeemedEvent", #"{"id":"gc-1","amount":30}"#),
                ("gc-1", 2, "io.axoniq.giftcard.api.CardRedeemedEvent", #"{"id":"gc-1","amount":25}"#),
            ]
            for (index, (stream, sequence, type, payload)) in events.enumerated() {
                try db.execute(sql: "INSERT INTO domain_event_entry VALUES (?, ?, ?, 'GiftCard', ?, ?, ?, NULL, ?, ?)",
                               arguments: [index + 1, stream, sequence, "e-\(index)", Data(#"{"traceId":"t\#(index)"}"#.utf8),
                                           Data(payload.utf8), type, "2026-03-01T09:00:0\(index).000Z"])
            }
        }
        try queue.close()
        return path
    }

    func testSpatieStoreReadsWithItsMapping() throws {
        let store = try spatieStore()
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
        let store = try axonStore()
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
        let store = try axonStore()
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
        let store = try spatieStore()
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
