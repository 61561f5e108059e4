import EventModel
import JSON
import Replay
import XCTest

final class ProjectionTests: XCTestCase {
    private func run(_ yaml: String, _ events: [Event]) throws -> [String: JSONValue] {
        let engine = ProjectionEngine(rules: try ReplayFixtures.rules(yaml), checkpointBudget: 0)
        events.forEach(engine.apply)
        return Dictionary(uniqueKeysWithValues: engine.values.map { ($0.name, $0.value) })
    }

    func testTheDesignNotesProjections() throws {
        let events = ReplayFixtures.workedExample + [
            ReplayFixtures.event(5, "order-7", 1, "OrderCreated", #"{"items":["C"],"total":12}"#),
            ReplayFixtures.event(6, "order-7", 2, "PaymentReceived", #"{"amount":12.5}"#),
            ReplayFixtures.event(7, "inventory-main", 1, "StockReserved", #"{"levels":{"A":3}}"#, streamType: "Inventory"),
        ]
        let values = try run(ReplayFixtures.domainExample, events)
        XCTAssertEqual(values["orders_by_status"], ["CREATED": 1, "SHIPPED": 1])
        XCTAssertEqual(values["revenue"], 62.5)
        XCTAssertEqual(values["events_per_type"], ["ItemRemoved": 1, "OrderCreated": 2, "OrderShipped": 1, "PaymentReceived": 2, "StockReserved": 1])
    }

    func testMeasuresFiltersAndGroups() throws {
        let yaml = """
            aggregates:
              Account: {initial: {status: OPEN}, on: {Closed: {set: {status: CLOSED}}, Tagged: {merge: $data}}}
            projections:
              accounts: {count: Account}
              by_region: {count: Account, by: address.region}
              total: {sum: $data.amount, where: {type: [Deposited, Withdrawn], stream: "acc-*"}}
              smallest: {min: $data.amount}
              largest: {max: $data.amount, by: $type}
              mean: {avg: $data.amount}
              per_user: {count: events, by: $metadata.user, where: {stream_type: Account}}
            """
        let events = [
            ReplayFixtures.event(1, "acc-1", 1, "Deposited", #"{"amount":10}"#, streamType: "Account", metadata: #"{"user":"ann"}"#),
            ReplayFixtures.event(2, "acc-2", 1, "Withdrawn", #"{"amount":2.5}"#, streamType: "Account", metadata: #"{"user":"bob"}"#),
            ReplayFixtures.event(3, "acc-1", 2, "Tagged", #"{"address":{"region":"north"}}"#, streamType: "Account"),
            ReplayFixtures.event(4, "other-1", 1, "Deposited", #"{"amount":100}"#, streamType: "Account", metadata: #"{"user":"ann"}"#),
            ReplayFixtures.event(5, "acc-2", 2, "Closed", streamType: "Account"),
        ]
        let values = try run(yaml, events)
        XCTAssertEqual(values["accounts"], 3)
        XCTAssertEqual(values["by_region"], ["null": 2, "north": 1])
        XCTAssertEqual(values["total"], 12.5)
        XCTAssertEqual(values["smallest"], 2.5)
        XCTAssertEqual(values["largest"], ["Deposited": 100, "Withdrawn": 2.5])
        XCTAssertEqual(values["mean"], 37.5)
        XCTAssertEqual(values["per_user"], ["ann": 2, "bob": 1, "null": 2])
    }

    func testCountingStreams() throws {
        let yaml = """
            projections:
              streams: {count: streams}
              by_type: {count: streams, by: $type}
              by_user: {count: streams, by: $metadata.user, where: {stream_type: Account}}
            """
        let events = [
            ReplayFixtures.event(1, "acc-1", 1, "Opened", streamType: "Account", metadata: #"{"user":"ann"}"#),
            ReplayFixtures.event(2, "acc-1", 2, "Deposited", streamType: "Account", metadata: #"{"user":"bob"}"#),
            ReplayFixtures.event(3, "acc-2", 1, "Opened", streamType: "Account", metadata: #"{"user":"ann"}"#),
            ReplayFixtures.event(4, "acc-1", 3, "Deposited", streamType: "Account", metadata: #"{"user":"bob"}"#),
            ReplayFixtures.event(5, "order-1", 1, "Opened", metadata: #"{"user":"ann"}"#),
        ]
        let values = try run(yaml, events)
        XCTAssertEqual(values["streams"], 3)
        // A stream with events of two types counts once in each.
        XCTAssertEqual(values["by_type"], ["Deposited": 1, "Opened": 3])
        XCTAssertEqual(values["by_user"], ["ann": 2, "bob": 1])
    }

    func testMeasuresAreExact() throws {
        let yaml = """
            projections:
              total: {sum: $data.amount}
              smallest: {min: $data.amount}
              largest: {max: $data.amount}
              mean: {avg: $data.amount}
              big: {sum: $data.big}
            """
        let amounts = ["0.1", "0.2", "0.10000000000000001", "-0.3", "19.99"]
        var events = amounts.enumerated().map { index, amount in
            ReplayFixtures.event(Int64(index + 1), "a-\(index)", 1, "Paid", #"{"amount":\#(amount),"big":9223372036854775807}"#)
        }
        events.append(ReplayFixtures.event(6, "a-9", 1, "Paid", #"{"big":9223372036854775807}"#))
        let values = try run(yaml, events)
        XCTAssertEqual(values["total"].map(JSONWriter.compact), "20.09000000000000001")
        XCTAssertEqual(values["smallest"].map(JSONWriter.compact), "-0.3")
        XCTAssertEqual(values["largest"].map(JSONWriter.compact), "19.99")
        XCTAssertEqual(values["mean"].map(JSONWriter.compact), "4.018")
        // Six times Int64.max: past 64 bits, the sum goes on as an exact decimal.
        XCTAssertEqual(values["big"].map(JSONWriter.compact), "55340232221128654842")
    }

    func testGroupingFollowsEveryKindOfOperation() throws {
        let yaml = """
            aggregates:
              T:
                initial: {s: {k: a}}
                on:
                  SetParent: {set: {s: $data.s}}
                  SetLeaf: {set: {s.k: $data.k}}
                  Unset: {unset: [s]}
                  MergeRoot: {merge: $data}
                  Count: {add: {s.k: 1}}
            projections:
              by_k: {count: T, by: s.k}
            """
        func group(after types: [(String, String)]) throws -> JSONValue? {
            let events = types.enumerated().map { ReplayFixtures.event(Int64($0.offset + 1), "t-1", Int64($0.offset + 1), $0.element.0, $0.element.1, streamType: "T") }
            return try run(yaml, events)["by_k"]
        }
        XCTAssertEqual(try group(after: [("Other", "{}")]), ["a": 1])
        XCTAssertEqual(try group(after: [("SetParent", #"{"s":{"k":"b"}}"#)]), ["b": 1])
        XCTAssertEqual(try group(after: [("SetParent", #"{"s":{"x":1}}"#)]), ["null": 1])
        XCTAssertEqual(try group(after: [("SetLeaf", #"{"k":"c"}"#)]), ["c": 1])
        XCTAssertEqual(try group(after: [("Unset", "{}")]), ["null": 1])
        XCTAssertEqual(try group(after: [("MergeRoot", #"{"s":{"k":"d"}}"#)]), ["d": 1])
        XCTAssertEqual(try group(after: [("MergeRoot", #"{"other":1}"#)]), ["a": 1])
        XCTAssertEqual(try group(after: [("MergeRoot", #"{"s":"flat"}"#)]), ["null": 1])
        XCTAssertEqual(try group(after: [("Unset", "{}"), ("Count", "{}"), ("Count", "{}")]), ["2": 1])
        XCTAssertEqual(try group(after: [("Count", "{}")]), ["a": 1])  // add to a string fails: unchanged
    }

    /// More stream types and event types than the engine scans before hashing (a stream type per
    /// case, as process-mining logs have), `streams: "*"`, merged data on a one-step path, and data
    /// that is not an object (ignored by a merge, even when the path reads like an index).
    func testManyStreamTypesAndEventTypes() throws {
        let yaml = """
            aggregates:
              Named: {initial: {status: named}}
              Case:
                streams: "*"
                initial: {status: open}
                on: {Closed: {set: {status: closed}}}
                otherwise: merge
            projections:
              cases: {count: Case}
              by_status: {count: Case, by: status}
              by_first: {count: Case, by: "0"}
              named: {count: Named, by: status}
              per_type: {count: events, by: $type}
            """
        var events: [Event] = []
        func add(_ stream: String, _ type: String, _ data: String, streamType: String) {
            events.append(ReplayFixtures.event(Int64(events.count + 1), stream, 1, type, data, streamType: streamType))
        }
        for n in 0..<40 {
            add("\(n)", "Step\(n % 30)", #"{"status":"s\#(n % 3)","0":"zero"}"#, streamType: "\(n)")
            if n % 4 == 0 { add("\(n)", "Closed", "{}", streamType: "\(n)") }
            if n % 5 == 0 { add("\(n)", "Listed", #"["first"]"#, streamType: "\(n)") }
        }
        add("named-1", "Step0", #"{"status":"other"}"#, streamType: "Named")
        let values = try run(yaml, events)
        XCTAssertEqual(values["cases"], 40)
        let open = (0..<40).filter { $0 % 4 != 0 }
        let expected = Dictionary(grouping: open, by: { "s\($0 % 3)" }).mapValues { JSONValue.int(Int64($0.count)) }
        XCTAssertEqual(values["by_status"], .object(pairs: expected.map { ($0.key, $0.value) } + [("closed", 10)]))
        XCTAssertEqual(values["by_first"], ["zero": 40])
        XCTAssertEqual(values["named"], ["other": 1])  // its own rules: merged by default
        XCTAssertEqual(values["per_type"]?["Closed"], 10)
        XCTAssertEqual(values["per_type"]?["Listed"], 8)
        XCTAssertEqual(values["per_type"]?["Step0"], 3)
        XCTAssertEqual(values["per_type"]?.objectValue?.count, 32)
    }
}
