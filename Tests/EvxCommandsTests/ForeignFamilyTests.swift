import JSON
import TestSupport
import XCTest

/// Emmett and Rails Event Store stores on SQLite, recognised from their schema and read through
/// every command (stores made from the libraries' DDL: `ForeignStores`).
final class ForeignFamilyTests: CommandTestCase {
    func testEmmettStoreIsRecognisedAndRead() throws {
        let store = try ForeignStores.emmett(at: folder.path("carts.db"))
        let info = try JSONParser.parse(try evx("info", store, "--json").stdout)
        XCTAssertEqual(info["family"], "Emmett")
        XCTAssertEqual(info["events"], 5)
        XCTAssertEqual(info["streams"], 3)
        XCTAssertEqual(info["stream_types"]?["shopping_cart"]?["events"], 4)
        XCTAssertEqual(info["checkpoints"]?.arrayValue?.first?["name"], "carts_summary")
        XCTAssertEqual(info["checkpoints"]?.arrayValue?.first?["position"], 3)
        XCTAssertEqual(info["checkpoints"]?.arrayValue?.first?["events_behind"], 2)
        XCTAssertEqual(info["warnings"], [])

        let events = try evx("events", store, "--stream", "shopping_cart-1", "--json")
        let lines = try events.stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(lines.map { $0["position"] }, [1, 3, 5])
        XCTAssertEqual(lines.map { $0["version"] }, [1, 2, 3])
        XCTAssertEqual(lines[0]["id"], "m-0")
        XCTAssertEqual(lines[0]["metadata"]?["correlationId"], "c-1")
        XCTAssertEqual(lines[0]["time"], "2026-04-01 10:00:00")

        let replay = try JSONParser.parse(try evx("replay", store, "--stream", "shopping_cart-1", "--at-version", "2", "--json").stdout)
        XCTAssertEqual(replay["state"]?["amount"], try JSONParser.parse("0.20"))
        XCTAssertEqual(try evx("events", store, "--type", "OrderPlaced").stdoutLines.count, 1)
    }

    func testRailsEventStoreShowsEachEventOnceWithAllItsStreams() throws {
        let store = try ForeignStores.railsEventStore(at: folder.path("res.sqlite3"))
        let info = try JSONParser.parse(try evx("info", store, "--json").stdout)
        XCTAssertEqual(info["family"], "Rails Event Store")
        XCTAssertEqual(info["events"], 3, "an event linked into two streams is one event")
        XCTAssertEqual(info["streams"], 2)
        XCTAssertEqual(info["warnings"], [])

        let all = try evx("events", store, "--json").stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(all.map { $0["position"] }, [1, 2, 3])
        XCTAssertEqual(all.map { $0["stream"] }, ["Ordering::Order$1", "Ordering::Order$1", "Ordering::Order$1"])
        XCTAssertEqual(all.map { $0["stream_type"] }, ["Ordering::Order", "Ordering::Order", "Ordering::Order"])
        XCTAssertEqual(all[1]["streams"], ["Ordering::Order$1", "$by_customer$7"])
        // YAML: symbol keys and values lose their colon, BigDecimal stays exact; JSON payloads too.
        XCTAssertEqual(all[0]["data"], ["order_id": 1, "customer_id": 7, "total": try JSONParser.parse("117.25")])
        XCTAssertEqual(all[1]["data"], ["sku": "A-1", "price": try JSONParser.parse("10.05"), "tags": ["new", "promo"]])
        XCTAssertEqual(all[1]["metadata"]?["causation_id"], "e-1")
        XCTAssertEqual(all[2]["data"], ["amount": try JSONParser.parse("127.3")])

        // A stream read through its links: versions from the links (ranks where positions are NULL).
        let linked = try evx("events", store, "--stream", "$by_customer$7", "--json").stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(linked.map { $0["id"] }, ["e-1", "e-2"])
        XCTAssertEqual(linked.map { $0["version"] }, [1, 2])
        let replay = try JSONParser.parse(try evx("replay", store, "--stream", "Ordering::Order$1", "--json").stdout)
        XCTAssertEqual(replay["version"], 3)
        let detail = try evx("events", store, "--stream", "Ordering::Order$1")
        XCTAssertEqual(detail.status, 0, detail.stderr)
    }

    func testEveryStoreReadingCommandWorksOnEveryFamily() throws {
        let stores: [(store: String, stream: String, field: String, options: [String])] = [
            (try ForeignStores.emmett(at: folder.path("emmett.sqlite")), "shopping_cart-1", "amount", []),
            (try ForeignStores.railsEventStore(at: folder.path("res.sqlite")), "Ordering::Order$1", "total", []),
            (Fixtures.path("eventsourcing/plain.sqlite"), "07d7ef810cfc4dc1a11502669b98537e", "balance", []),
            (Fixtures.path("eventsourcing/aes.sqlite"), "23dd741a003745478d7067358f501dc9", "balance",
             ["--cipher-key-file", folder.write("key", Fixtures.eventsourcingCipherKey)]),
            (try ForeignStores.spatie(at: folder.path("spatie.sqlite")), "a1", "amount", ["--map", Fixtures.path("mappings/spatie.map.yaml")]),
            (try ForeignStores.axon(at: folder.path("axon.sqlite")), "gc-1", "amount", ["--map", Fixtures.path("mappings/axon.map.yaml")]),
        ]
        for (store, stream, field, options) in stores {
            for command in [["info"], ["events"], ["replay", "--stream", stream], ["project"],
                            ["blame", "--stream", stream, "--field", field], ["find", "--stream", stream, "--where", field, "--all"],
                            ["diff", "--stream", stream], ["snapshots"], ["tail", "--from-start", "--duration", "0.2"]] {
                for json in [false, true] {
                    let arguments = [command[0], store] + command.dropFirst() + options + (json ? ["--json"] : [])
                    let run = try EvxProcess.run(arguments)
                    XCTAssertTrue(run.status == 0 || (command[0] == "find" && run.status == 1), "\(arguments): \(run.status) \(run.stderr)")
                    XCTAssertFalse(run.stdout.isEmpty, "\(arguments) printed nothing")
                }
            }
        }
    }

    func testAnEncryptedStoreWithoutItsKeyOrWithAWrongOneIsOneLine() throws {
        let store = Fixtures.path("eventsourcing/aes.sqlite")
        assertUsageFailure(try evx("events", store), "the events are encrypted (AES-GCM); give the key in the CIPHER_KEY environment variable or with --cipher-key-file FILE")
        let wrong = folder.write("wrong.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh4=\n")
        for command in ["info", "events", "project", "snapshots"] {
            let run = try evx(command, store, "--cipher-key-file", wrong)
            assertUsageFailure(run, "the cipher key does not decrypt the events (wrong key?)")
            XCTAssertFalse(run.stderr.contains("AAECAw"), "the key is never printed")
        }
        assertUsageFailure(try evx("info", store, "--cipher-key-file", folder.write("junk.key", "not a key!")), "junk.key: the cipher key is not base64 text")
        // A CIPHER_KEY meant for something else stops nothing but the stores that need a key.
        let plain = try EvxProcess.run(["info", Fixtures.path("eventsourcing/plain.sqlite")], environment: ["CIPHER_KEY": "not base64!"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        assertUsageFailure(try EvxProcess.run(["info", store], environment: ["CIPHER_KEY": "c2hvcnQ="]),
                           "the events are encrypted (AES-GCM), and CIPHER_KEY: the cipher key is 5 bytes")
        let right = folder.write("right.key", Fixtures.eventsourcingCipherKey)
        let run = try evx("events", store, "--cipher-key-file", right, "--limit", "1", "--json")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try JSONParser.parse(run.stdout)["type"], "Account.Opened")
    }

    func testATruncatedOrCorruptForeignStoreIsOneLine() throws {
        for make in [ForeignStores.emmett, ForeignStores.railsEventStore] {
            let path = try make(folder.path("whole-\(UUID().uuidString).sqlite"))
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
            let truncated = folder.write("truncated-\(UUID().uuidString).sqlite", bytes: Array(bytes.prefix(bytes.count / 2)))
            let run = try evx("events", truncated)
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        }
        let source = Fixtures.path("eventsourcing/plain.sqlite")
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: source)).map { $0 }
        for index in 4096..<min(bytes.count, 12288) { bytes[index] = 0xA5 }
        assertUsageFailure(try evx("events", folder.write("garbled.sqlite", bytes: bytes)), "garbled.sqlite: ")
    }
}
