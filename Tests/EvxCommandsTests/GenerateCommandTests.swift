import EventModel
import EventStore
import JSON
import TestSupport
import XCTest

final class GenerateCommandTests: CommandTestCase {
    func testTheSameSeedGivesTheSameBytes() throws {
        let a = try generatedStore(events: 1000, seed: 5, name: "a.sqlite")
        let b = try generatedStore(events: 1000, seed: 5, name: "b.sqlite")
        let c = try generatedStore(events: 1000, seed: 6, name: "c.sqlite")
        XCTAssertEqual(fileBytes(a), fileBytes(b))
        XCTAssertNotEqual(fileBytes(a), fileBytes(c))
    }

    func testOrdersHoldTheWorkedExample() throws {
        let path = try generatedStore(events: 1000)
        var events: [Event] = []
        try StoreOpener.open(path: path).readEvents(EventFilter(stream: "order-42")) { events.append($0); return true }
        XCTAssertEqual(events.map(\.type), ["OrderCreated", "ItemRemoved", "PaymentReceived", "OrderShipped"])
        XCTAssertEqual(events.map(\.version), [1, 2, 3, 4])
        XCTAssertEqual(try JSONParser.parse(events[0].data)["items"], ["A", "B"])
        XCTAssertEqual(try JSONParser.parse(events[1].data)["item"], "B")
        XCTAssertEqual(try JSONParser.parse(events[2].data)["amount"], 50)
        XCTAssertEqual(try JSONParser.parse(events[3].data)["tracking"], "XY123")
        XCTAssertTrue(events.allSatisfy { $0.problems.isEmpty })
    }

    func testEveryTableIsFilledConsistently() throws {
        let path = try generatedStore(events: 3000)
        let queue = try GRDBReader(path: path)
        XCTAssertEqual(try queue.int("SELECT count(*) FROM outbox WHERE event_id NOT IN (SELECT event_id FROM events)"), 0)
        XCTAssertEqual(try queue.int("SELECT count(*) FROM processed_events WHERE event_id NOT IN (SELECT event_id FROM outbox WHERE published_at IS NOT NULL)"), 0)
        XCTAssertGreaterThan(try queue.int("SELECT count(*) FROM outbox WHERE published_at IS NULL"), 0)
        XCTAssertGreaterThan(try queue.int("SELECT count(*) FROM outbox WHERE attempts > 1"), 0)
        XCTAssertGreaterThan(try queue.int("SELECT count(*) FROM snapshots"), 0)
        XCTAssertEqual(try queue.int("SELECT count(*) FROM projection_checkpoints"), 4)
        XCTAssertEqual(try queue.int("SELECT count(*) FROM events WHERE recorded_at < (SELECT recorded_at FROM events e2 WHERE e2.position = events.position - 1)"), 0)
        XCTAssertGreaterThan(try queue.int("SELECT count(*) FROM events WHERE schema_version = 2"), 0)
    }

    func testSnapshotsHoldTheMergedState() throws {
        let path = try generatedStore(events: 3000)
        let queue = try GRDBReader(path: path)
        let (stream, version, state) = try queue.snapshot()
        var folded = JSONValue.emptyObject
        try StoreOpener.open(path: path).readEvents(EventFilter(stream: stream)) { event in
            guard event.version <= version else { return false }
            folded = folded.deepMerged(with: try JSONParser.parse(event.data))
            return true
        }
        XCTAssertEqual(try JSONParser.parse(state), folded)
    }

    func testBankDomain() throws {
        let path = try generatedStore(events: 2000, domain: "bank")
        let summary = try JSONParser.parse(try evx("info", path, "--json").stdout)
        XCTAssertNotNil(summary["event_types"]?["MoneyDeposited"])
        XCTAssertNotNil(summary["event_types"]?["OverdraftStarted"])
        XCTAssertEqual(summary["stream_types"]?.objectValue?.keys.elementsEqual(["Account"]), true)
        XCTAssertEqual(summary["warnings"], [])
    }

    func testRefusesToOverwriteWithoutForce() throws {
        let path = try generatedStore(events: 100)
        let before = fileBytes(path)
        assertUsageFailure(try evx("generate", path, "--events", "50"), "already exists (use --force to replace it)")
        XCTAssertEqual(fileBytes(path), before)
        XCTAssertEqual(try evx("generate", path, "--events", "50", "--force").status, 0)
        XCTAssertEqual(try JSONParser.parse(try evx("info", path, "--json").stdout)["events"], 50)
    }

    func testJSONResult() throws {
        let run = try evx("generate", folder.path("g.sqlite"), "--events", "10", "--json")
        XCTAssertEqual(run.status, 0)
        let result = try JSONParser.parse(run.stdout)
        XCTAssertEqual(result["events"], 10)
        XCTAssertEqual(result["domain"], "orders")
    }
}
