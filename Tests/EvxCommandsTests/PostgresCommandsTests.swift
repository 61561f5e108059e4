import Foundation
import TestSupport
import XCTest

/// Every command against a real PostgreSQL server, on stores laid out as evx, Message DB and Marten
/// lay them out: the answers equal those of the same events in evx's SQLite form, the database is
/// unchanged afterwards, and the password never shows.
final class PostgresCommandsTests: CommandTestCase {
    private var server: PostgresTestServer!
    private var databases: [TestDatabase] = []

    override func setUpWithError() throws {
        server = try PostgresTestServer.require()
    }

    override func tearDown() {
        databases.forEach { $0.drop() }
        super.tearDown()
    }

    private func database(_ prefix: String) throws -> TestDatabase {
        let db = try server.createDatabase(prefix)
        databases.append(db)
        return db
    }

    /// A generated orders store (SQLite), its rules file and its events.
    private func generated(events: Int = 400) throws -> (path: String, rules: String, events: [FixtureEvent]) {
        let path = try generatedStore(events: events)
        return (path, folder.path("store.evx.yaml"), try FixtureEvent.read(sqlite: path))
    }

    /// Output lines parsed as JSON (Foundation's objects compare without regard to key order,
    /// which jsonb does not keep).
    private func jsonLines(_ run: EvxRun, file: StaticString = #filePath, line: UInt = #line) -> [NSDictionary] {
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return run.stdoutLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary }
    }

    private func json(_ run: EvxRun, file: StaticString = #filePath, line: UInt = #line) -> NSDictionary {
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? NSDictionary) ?? [:]
    }

    /// The same command on the SQLite file and on the database gives the same JSON (the path aside).
    private func assertSameAnswer(_ sqlite: String, _ url: String, _ arguments: [String], ignoringProjections ignored: [String] = [],
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = json(try EvxProcess.run([arguments[0], sqlite] + arguments.dropFirst() + ["--json"]), file: file, line: line).mutableCopy() as? NSMutableDictionary
        let actual = json(try EvxProcess.run([arguments[0], url] + arguments.dropFirst() + ["--json"]), file: file, line: line).mutableCopy() as? NSMutableDictionary
        // The path differs, and evx's optional tables (and so checkpoints) are read from SQLite files only (so far).
        for key in ["path", "kind", "tables", "checkpoints"] {
            expected?.removeObject(forKey: key)
            actual?.removeObject(forKey: key)
        }
        for answer in [expected, actual] {
            let projections = (answer?["projections"] as? NSDictionary)?.mutableCopy() as? NSMutableDictionary
            ignored.forEach { projections?.removeObject(forKey: $0) }
            if let projections { answer?["projections"] = projections }
        }
        XCTAssertEqual(expected, actual, "\(arguments)", file: file, line: line)
    }

    /// An order stream with at least three events.
    private func orderStream(_ events: [FixtureEvent]) -> String {
        let event: FixtureEvent? = events.first(where: { $0.streamType == "Order" && $0.version >= 3 })
        return event.map { $0.stream } ?? "order-1"
    }

    // MARK: - evx's own schema

    func testEvxSchemaInPostgresAnswersEveryCommandAsItsSQLiteForm() throws {
        let store = try generated()
        let db = try database("evx_native")
        try PostgresFixtures.native(db, events: store.events)
        let before = try db.dump()

        let fromFile = try evx("events", store.path, "--json").stdoutLines, fromServer = try evx("events", db.url, "--json").stdoutLines
        XCTAssertEqual(fromFile.count, fromServer.count)
        for (a, b) in zip(fromFile, fromServer) where a != b {
            XCTFail("text payloads come back byte for byte:\n\(a)\n\(b)")
            break
        }
        XCTAssertEqual(try evx("events", store.path, "--json", "--stream", "order-7").stdout,
                       try evx("events", db.url, "--json", "--stream", "order-7").stdout)
        XCTAssertEqual(try evx("events", store.path, "--json", "--type", "OrderPaid", "--limit", "5").stdout,
                       try evx("events", db.url, "--json", "--type", "OrderPaid", "--limit", "5").stdout)
        try assertSameAnswer(store.path, db.url, ["info"])
        let stream = orderStream(store.events)
        try assertSameAnswer(store.path, db.url, ["replay", "--stream", stream, "--rules", store.rules])
        try assertSameAnswer(store.path, db.url, ["project", "--rules", store.rules])
        try assertSameAnswer(store.path, db.url, ["diff", "--stream", stream, "--from", "1", "--to", "3", "--rules", store.rules])
        XCTAssertEqual(try evx("blame", store.path, "--stream", stream, "--field", "status", "--rules", store.rules, "--json").stdout,
                       try evx("blame", db.url, "--stream", stream, "--field", "status", "--rules", store.rules, "--json").stdout)
        XCTAssertEqual(try evx("find", store.path, "--stream", stream, "--where", "status != 'NEW'", "--rules", store.rules, "--json").stdout,
                       try evx("find", db.url, "--stream", stream, "--where", "status != 'NEW'", "--rules", store.rules, "--json").stdout)
        XCTAssertEqual(try db.dump(), before, "reading changed the database")
    }

    // MARK: - Message DB

    func testMessageDBReadsAsTheSameEventsWithCategoriesAsStreamTypes() throws {
        let store = try generated()
        let db = try database("evx_messagedb")
        try PostgresFixtures.messageDB(db, events: store.events)
        let before = try db.dump()

        let expected = jsonLines(try evx("events", store.path, "--json")).map { line -> NSDictionary in
            let copy = line.mutableCopy() as? NSMutableDictionary ?? [:]
            copy["stream_type"] = (line["stream"] as? String)?.split(separator: "-").first.map(String.init)
            if let version = line["schema_version"] as? Int, version != 1, let metadata = line["metadata"] as? NSDictionary {
                let withVersion = metadata.mutableCopy() as? NSMutableDictionary ?? [:]
                withVersion["schemaVersion"] = "\(version)"
                copy["metadata"] = withVersion
                copy["schema_version"] = 1  // kept in the metadata only (docs/postgres.md)
            }
            return copy
        }
        XCTAssertEqual(jsonLines(try evx("events", db.url, "--json")), expected)
        let info = json(try evx("info", db.url, "--json"))
        let sqliteInfo = json(try evx("info", store.path, "--json"))
        for key in ["events", "streams", "first_position", "last_position", "first_time", "last_time", "event_types"] {
            XCTAssertEqual(info[key] as? NSObject, sqliteInfo[key] as? NSObject, key)
        }
        XCTAssertEqual(info["kind"] as? String, "postgres")
        XCTAssertEqual(info["counts_estimated"] as? Bool, false, "a small table is counted")
        let stream = orderStream(store.events)
        try assertSameAnswer(store.path, db.url, ["replay", "--stream", stream, "--rules", store.rules])
        // Message DB's stream types are categories (`order`), the SQLite form's `Order`.
        try assertSameAnswer(store.path, db.url, ["project", "--rules", store.rules],
                             ignoringProjections: ["events_per_stream_type", "streams_per_stream_type"])
        XCTAssertEqual(try db.dump(), before, "reading changed the database")
    }

    /// A table above the exact-count limit is summarised without being read: estimates marked as
    /// such, the positions exact; `--exact` counts.
    func testALargeTableIsEstimatedUnlessExactIsAsked() throws {
        let db = try database("evx_large")
        try PostgresFixtures.messageDBSchema(db)
        try db.run("""
            INSERT INTO message_store.messages (global_position, position, id, time, stream_name, type, data)
            SELECT g, g / 1000, gen_random_uuid(), timestamp '2026-01-01' + g * interval '1 second', 'account-' || (g % 1000),
                   CASE WHEN g % 4 = 0 THEN 'Opened' ELSE 'Deposited' END, '{}' FROM generate_series(1, 250000) g;
            ANALYZE message_store.messages;
            """)
        let estimated = json(try evx("info", db.url, "--json"))
        XCTAssertEqual(estimated["counts_estimated"] as? Bool, true)
        XCTAssertEqual(estimated["first_position"] as? Int, 1)
        XCTAssertEqual(estimated["last_position"] as? Int, 250_000)
        let events = estimated["events"] as? Int ?? 0
        XCTAssertTrue((225_000...275_000).contains(events), "≈ 250,000, not \(events)")
        let deposited = (estimated["event_types"] as? NSDictionary)?["Deposited"] as? Int ?? 0
        XCTAssertTrue((150_000...225_000).contains(deposited), "≈ 187,500, not \(deposited)")
        XCTAssertTrue(try evx("info", db.url).stdout.contains("≈ "))
        let exact = json(try evx("info", db.url, "--exact", "--json"))
        XCTAssertEqual(exact["counts_estimated"] as? Bool, false)
        XCTAssertEqual(exact["events"] as? Int, 250_000)
        XCTAssertEqual(exact["streams"] as? Int, 1000)
        XCTAssertEqual((exact["event_types"] as? NSDictionary)?["Opened"] as? Int, 62_500)
    }

    // MARK: - Marten

    func testMartenInAnySchemaReadsWithItsTypeAliases() throws {
        let store = try generated(events: 200)
        let db = try database("evx_marten")
        try PostgresFixtures.marten(db, events: store.events, schema: "orders")
        let lines = jsonLines(try evx("events", db.url, "--json"))
        XCTAssertEqual(lines.count, store.events.count)
        for (line, event) in zip(lines, store.events) {
            XCTAssertEqual(line["position"] as? Int, Int(event.position))
            XCTAssertEqual(line["stream"] as? String, event.stream)
            XCTAssertEqual(line["stream_type"] as? String, event.streamType, "the stream's type from mt_streams")
            XCTAssertEqual(line["type"] as? String, event.snakeCaseType)
            XCTAssertEqual(line["version"] as? Int, Int(event.version))
            // Marten's metadata columns, as one object (NULL ones left out).
            XCTAssertEqual(line["metadata"] as? NSDictionary, ["tenant_id": "*DEFAULT*", "mt_dotnet_type": "Orders.\(event.type), Orders"])
        }
        let info = json(try evx("info", db.url, "--json"))
        XCTAssertEqual(info["events"] as? Int, store.events.count)
        XCTAssertEqual(info["path"] as? String, server.url(database: db.name, includingPassword: false), "the URI, without the password")
    }

    // MARK: - Commanded

    func testCommandedReadsTheAllStreamInOrderAndItsSubscriptionsAsCheckpoints() throws {
        let store = try generated(events: 300)
        let db = try database("evx_commanded")
        try PostgresFixtures.commanded(db, events: store.events)
        try db.run("INSERT INTO subscriptions (stream_uuid, subscription_name, last_seen) VALUES ('$all', 'reports', 250), ('$all', 'mailer', 300);")
        let before = try db.dump()
        let expected = jsonLines(try evx("events", store.path, "--json")).map { line -> NSDictionary in
            let copy = line.mutableCopy() as? NSMutableDictionary ?? [:]
            copy["stream_type"] = (line["stream"] as? String)?.split(separator: "-").first.map(String.init)
            copy["schema_version"] = 1  // Commanded keeps no schema version
            return copy
        }
        XCTAssertEqual(jsonLines(try evx("events", db.url, "--json")), expected)
        let stream = orderStream(store.events)
        XCTAssertEqual(jsonLines(try evx("events", db.url, "--json", "--stream", stream)).map { $0["version"] as? Int },
                       store.events.filter { $0.stream == stream }.map { Int($0.version) })
        let info = json(try evx("info", db.url, "--json"))
        let checkpoints = (info["checkpoints"] as? [NSDictionary]) ?? []
        XCTAssertEqual(checkpoints.map { $0["name"] as? String }, ["mailer", "reports"])
        XCTAssertEqual(checkpoints.map { $0["events_behind"] as? Int }, [0, 50])
        XCTAssertEqual(try db.dump(), before, "reading changed the database")
    }

    // MARK: - Emmett

    /// Emmett's partitioned tables read as the same events (stream types from `emt_streams`),
    /// its processors' text checkpoints with their lag, and nothing written.
    func testEmmettReadsAsTheSameEventsAndItsProcessorsAsCheckpoints() throws {
        let store = try generated(events: 300)
        let db = try database("evx_emmett")
        try PostgresFixtures.emmett(db, events: store.events)
        try db.run("""
            INSERT INTO emt_processors (last_processed_transaction_id, processor_id, last_processed_checkpoint)
            VALUES (pg_current_xact_id(), 'carts_summary', '0000000000000000280'), (pg_current_xact_id(), 'mailer', '300');
            """)
        let before = try db.dump()
        XCTAssertEqual(jsonLines(try evx("events", db.url, "--json")), jsonLines(try evx("events", store.path, "--json")))
        let stream = orderStream(store.events)
        XCTAssertEqual(jsonLines(try evx("events", db.url, "--json", "--stream", stream)),
                       jsonLines(try evx("events", store.path, "--json", "--stream", stream)))
        let info = json(try evx("info", db.url, "--json"))
        XCTAssertEqual(info["family"] as? String, "Emmett")
        XCTAssertEqual(info["events"] as? Int, store.events.count)
        let checkpoints = (info["checkpoints"] as? [NSDictionary]) ?? []
        XCTAssertEqual(checkpoints.map { $0["name"] as? String }, ["carts_summary", "mailer"])
        XCTAssertEqual(checkpoints.map { $0["events_behind"] as? Int }, [20, 0], "zero-padded digits read as the position")
        XCTAssertEqual(try db.dump(), before, "reading changed the database")
    }

    /// The estimate of a partitioned table counts each partition's rows once (Emmett's parent and
    /// its default partition are both partitioned tables that repeat their leaves' estimate).
    func testALargePartitionedTableIsEstimatedOverItsPartitionsOnce() throws {
        let db = try database("evx_emmett_large")
        try PostgresFixtures.emmettSchema(db)
        try db.run("""
            INSERT INTO emt_streams (stream_id, stream_position, stream_type, stream_metadata)
            SELECT 'cart-' || s, 250, 'cart', '{}' FROM generate_series(0, 999) s;
            INSERT INTO emt_messages (stream_position, transaction_id, stream_id, message_schema_version, message_id, message_type, message_data, message_metadata)
            SELECT g / 1000 + 1, pg_current_xact_id(), 'cart-' || (g % 1000), '1', 'm' || g, 'ItemAdded', '{}', '{}' FROM generate_series(1, 250000) g;
            ANALYZE;
            """)
        let info = json(try evx("info", db.url, "--json"))
        XCTAssertEqual(info["counts_estimated"] as? Bool, true)
        let events = info["events"] as? Int ?? 0
        XCTAssertTrue((225_000...275_000).contains(events), "≈ 250,000, not \(events)")
    }

    // MARK: - Checkpoints

    func testMartenProgressionAndMessageDBPositionStreamsAreCheckpointsWithLag() throws {
        let store = try generated(events: 300)
        let marten = try database("evx_marten_progress")
        try PostgresFixtures.marten(marten, events: store.events)
        let last = store.events[store.events.count - 1]
        try marten.run("""
            INSERT INTO mt_event_progression VALUES ('HighWaterMark', 300, '\(last.recordedAt)'),
              ('Orders:All', 280, '\(store.events[279].recordedAt)'::timestamptz - interval '1 hour');
            """)
        let info = json(try evx("info", marten.url, "--json"))
        let checkpoints = (info["checkpoints"] as? [NSDictionary]) ?? []
        XCTAssertEqual(checkpoints.map { $0["name"] as? String }, ["HighWaterMark", "Orders:All"])
        XCTAssertEqual(checkpoints.map { $0["events_behind"] as? Int }, [0, 20])
        XCTAssertEqual(checkpoints.map { $0["stalled"] as? Bool }, [false, true], "behind, and not updated for an hour before the last event")
        let text = try evx("info", marten.url).stdout
        XCTAssertTrue(text.contains("Orders:All") && text.contains("20 behind") && text.contains("STALLED"), text)

        let messageDB = try database("evx_messagedb_progress")
        try PostgresFixtures.messageDB(messageDB, events: store.events)
        try messageDB.run("""
            SELECT message_store.write_message(gen_random_uuid()::text, 'order:position-reports', 'Recorded', '{"position": 100}');
            SELECT message_store.write_message(gen_random_uuid()::text, 'order:position-reports', 'Recorded', '{"position": 290}');
            SELECT message_store.write_message(gen_random_uuid()::text, 'order-1', 'Noted', '{}');
            """)
        let positions = (json(try evx("info", messageDB.url, "--json"))["checkpoints"] as? [NSDictionary]) ?? []
        XCTAssertEqual(positions.map { $0["name"] as? String }, ["order:position"])
        XCTAssertEqual(positions.map { $0["position"] as? Int }, [290])
        XCTAssertEqual(positions.map { $0["events_behind"] as? Int }, [13], "the store's last position is 303")
    }

    // MARK: - Python eventsourcing

    /// A store the real library wrote (Tests/Fixtures/eventsourcing/make-postgres-store.py, run
    /// with the Python of `EVX_TEST_EVENTSOURCING_PYTHON`, default /work/venv-pg/bin/python): evx
    /// lists what the library reads back, names types and aggregates from the topics, replays the
    /// decimal balances exactly, and sees the snapshot.
    func testPythonEventsourcingWrittenByTheLibrary() throws {
        let python = ProcessInfo.processInfo.environment["EVX_TEST_EVENTSOURCING_PYTHON"] ?? "/work/venv-pg/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no Python with eventsourcing[postgres] at \(python) (set EVX_TEST_EVENTSOURCING_PYTHON)")
        }
        let db = try database("evx_eventsourcing")
        guard let url = URLComponents(string: db.url), let host = url.host, let port = url.port, let user = url.user else {
            return XCTFail("cannot read \(db.url)")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/eventsourcing/make-postgres-store.py").path
        let written = try EvxProcess.runTool(python, [script, "--host", host, "--port", "\(port)", "--user", user,
                                                      "--password", server.password, "--dbname", db.name])
        let expected = written.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary }
        XCTAssertEqual(expected.count, 14, written)
        let before = try db.dump()
        let lines = jsonLines(try evx("events", db.url, "--json"))
        XCTAssertEqual(lines.map { $0["position"] as? Int }, expected.map { $0["position"] as? Int })
        XCTAssertEqual(lines.map { $0["stream"] as? String }, expected.map { $0["stream"] as? String })
        XCTAssertEqual(lines.map { $0["version"] as? Int }, expected.map { $0["version"] as? Int })
        XCTAssertEqual(lines.map { $0["type"] as? String }, expected.map { ($0["topic"] as? String)?.split(separator: ":").last.map(String.init) })
        XCTAssertEqual(Set(lines.compactMap { $0["stream_type"] as? String }), ["Account"])
        let last = expected.last?["stream"] as? String ?? ""
        let replay = json(try evx("replay", db.url, "--stream", last, "--json"))
        // Without rules, the deep merge of the events: the last deposit's amount, 13.25, as an exact decimal.
        XCTAssertEqual(((replay["state"] as? NSDictionary)?["amount"] as? NSNumber)?.decimalValue, Decimal(string: "13.25"), "\(replay)")
        XCTAssertEqual((replay["state"] as? NSDictionary)?["owner"] as? String, "owner-3")
        let info = json(try evx("info", db.url, "--json"))
        XCTAssertEqual(info["family"] as? String, "eventsourcing (Python)")
        XCTAssertEqual(info["events"] as? Int, 14)
        XCTAssertEqual(try db.dump(), before, "reading changed the database")
    }

    // MARK: - --map

    /// A table of no known family, described by a mapping file, as on SQLite (docs/dialects.md):
    /// the same dialect runs on the PostgreSQL driver; a SELECT mapping too.
    func testAMappingFileDescribesOtherTables() throws {
        let store = try generated(events: 100)
        let db = try database("evx_mapped")
        try db.run("""
            CREATE TABLE stored_events (id bigserial PRIMARY KEY, aggregate_uuid text NOT NULL, aggregate_version int NOT NULL,
              event_version int NOT NULL DEFAULT 1, event_class text NOT NULL, event_properties jsonb NOT NULL, meta_data jsonb,
              created_at timestamptz NOT NULL, UNIQUE (aggregate_uuid, aggregate_version));
            """)
        try db.run("INSERT INTO stored_events (id, aggregate_uuid, aggregate_version, event_class, event_properties, created_at) VALUES "
            + store.events.map { e in
                "(\(e.position), \(PostgresFixtures.literal(e.stream)), \(e.version), \(PostgresFixtures.literal(e.type)), "
                    + "\(PostgresFixtures.literal(e.data))::jsonb, \(PostgresFixtures.literal(e.recordedAt))::timestamptz)"
            }.joined(separator: ",\n") + ";")
        let mapping = folder.path("spatie.yaml")
        try """
            family: Spatie laravel-event-sourcing
            table: stored_events
            columns:
              position: id
              stream: aggregate_uuid
              version: aggregate_version
              type: event_class
              schema_version: event_version
              data: event_properties
              metadata: meta_data
              time: created_at
            """.write(toFile: mapping, atomically: true, encoding: .utf8)
        let lines = jsonLines(try evx("events", db.url, "--map", mapping, "--json"))
        XCTAssertEqual(lines.map { $0["position"] as? Int }, store.events.map { Int($0.position) })
        XCTAssertEqual(lines.map { $0["type"] as? String }, store.events.map(\.type))
        XCTAssertEqual(lines.map { $0["time"] as? String }, store.events.map(\.recordedAt))
        let stream = orderStream(store.events)
        XCTAssertEqual(jsonLines(try evx("events", db.url, "--map", mapping, "--json", "--stream", stream)).count,
                       store.events.filter { $0.stream == stream }.count)
        XCTAssertEqual(json(try evx("info", db.url, "--map", mapping, "--json"))["family"] as? String, "Spatie laravel-event-sourcing")
        let broken = folder.path("broken.yaml")
        try "table: stored_events\ncolumns: {position: id, stream: nope, version: aggregate_version, type: event_class, data: event_properties}\n"
            .write(toFile: broken, atomically: true, encoding: .utf8)
        assertUsageFailure(try evx("events", db.url, "--map", broken), "nope")
    }

    // MARK: - Several stores, bad input, the password

    func testSeveralStoresAreListedAndOnePicked() throws {
        let store = try generated(events: 50)
        let db = try database("evx_several")
        try PostgresFixtures.native(db, events: store.events)
        try PostgresFixtures.messageDB(db, events: store.events)
        let run = try evx("info", db.url)
        assertUsageFailure(run, "holds 2 event stores (evx:public, messagedb:message_store): pick one with ?store=NAME")
        XCTAssertFalse(run.stderr.contains(server.password))
        XCTAssertEqual(json(try evx("info", db.url + "?store=messagedb", "--json"))["events"] as? Int, 50)
        XCTAssertEqual(json(try evx("info", db.url + "?store=evx:public", "--json"))["events"] as? Int, 50)
        assertUsageFailure(try evx("info", db.url + "?store=marten"), "?store=marten matches none")
    }

    func testFailuresAreOneLineAndNeverShowThePassword() throws {
        let password = server.password
        XCTAssertFalse(password.isEmpty)
        let missing = try evx("info", server.url(database: "no_such_database"))
        assertUsageFailure(missing, "database \"no_such_database\" does not exist")
        let empty = try database("evx_empty")
        assertUsageFailure(try evx("events", empty.url), "no event store found")
        var badPassword = URLComponents(string: server.adminURL)
        badPassword?.password = "wrong-\(password)"
        assertUsageFailure(try evx("info", badPassword?.string ?? ""), "password authentication failed")
        assertUsageFailure(try evx("info", "postgres://evx@127.0.0.1:1/x?sslmode=disable"), "cannot connect")
        assertUsageFailure(try evx("info", "postgres://u:\(password)@host/db?nonsense=1"), "unknown PostgreSQL URI parameter")
        for run in [missing, try evx("info", badPassword?.string ?? "")] {
            XCTAssertFalse(run.stderr.contains(password), run.stderr)
        }
        let store = try generated(events: 20)
        let db = try database("evx_header")
        try PostgresFixtures.native(db, events: store.events)
        let info = try evx("info", db.url)
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdoutLines.first?.hasSuffix("PostgreSQL)") ?? false, info.stdout)
        XCTAssertFalse(info.stdout.contains(password) || info.stderr.contains(password))
    }

    // MARK: - Privileges

    func testASelectOnlyRoleIsEnough() throws {
        let store = try generated(events: 100)
        let db = try database("evx_reader")
        try PostgresFixtures.messageDB(db, events: store.events)
        let (role, reader) = try db.createReader("evx_reader", schema: "message_store")
        defer { db.dropReader(role) }
        XCTAssertEqual(jsonLines(try evx("events", reader, "--json")).count, 100)
        XCTAssertEqual(json(try evx("info", reader, "--json"))["events"] as? Int, 100)
        try db.run("REVOKE SELECT ON message_store.messages FROM \(role);")
        assertUsageFailure(try evx("events", reader), "permission denied for table messages")
    }
}
