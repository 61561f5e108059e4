import JSON
import Replay
import XCTest

final class RulesLoaderTests: XCTestCase {
    func testTheDesignNotesExampleLoadsAsWritten() throws {
        let rules = try ReplayFixtures.rules()
        XCTAssertEqual(rules.aggregates.count, 1)
        let order = rules.aggregates[0]
        XCTAssertEqual(order.name, "Order")
        XCTAssertEqual(order.streams?.pattern, "order-*")
        XCTAssertEqual(order.initial, ["status": "NEW", "items": [], "paid": 0])
        XCTAssertEqual(order.otherwise, .merge)
        XCTAssertEqual(order.operations(type: "OrderCreated", schemaVersion: 1), [
            ReducerOperation(.set, StatePath("customer"), .data(StatePath("customer"))),
            ReducerOperation(.set, StatePath("items"), .data(StatePath("items"))),
            ReducerOperation(.set, StatePath("total"), .data(StatePath("total"))),
            ReducerOperation(.set, StatePath("status"), .literal("CREATED")),
        ])
        XCTAssertEqual(order.operations(type: "OrderCancelled", schemaVersion: 1)?.last,
                       ReducerOperation(.unset, StatePath("tracking"), nil))
        // The file's own, then the standard ones it does not define itself.
        XCTAssertEqual(rules.projections.map(\.name), ["orders_by_status", "revenue", "events_per_type", "events_per_stream_type", "streams_per_stream_type"])
    }

    func testSchemaVersionRulesTakePrecedence() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              Order:
                on:
                  OrderCreated: {set: {v: 1}}
                  OrderCreated@2: {set: {v: 2}}
            """)
        let order = rules.aggregates[0]
        XCTAssertEqual(order.operations(type: "OrderCreated", schemaVersion: 2), [ReducerOperation(.set, StatePath("v"), .literal(2))])
        XCTAssertEqual(order.operations(type: "OrderCreated", schemaVersion: 3), [ReducerOperation(.set, StatePath("v"), .literal(1))])
    }

    func testLiteralsAreTypedUnlessQuoted() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              A:
                initial: {n: 1, f: 1.5, b: true, z: null, s: "1", t: text, list: [1, "x"], dollar: "$$5"}
                on:
                  E: {set: {q: "$data.x", r: $data.x, cost: $$5, nested: {a: $type, b: [1, $version]}}}
            """)
        XCTAssertEqual(rules.aggregates[0].initial, ["n": 1, "f": 1.5, "b": true, "z": nil, "s": "1", "t": "text", "list": [1, "x"], "dollar": "$$5"])
        let ops = try XCTUnwrap(rules.aggregates[0].operations(type: "E", schemaVersion: 1))
        XCTAssertEqual(ops[0].value, .literal("$data.x"))
        XCTAssertEqual(ops[1].value, .data(StatePath("x")))
        XCTAssertEqual(ops[2].value, .literal("$5"))
        XCTAssertEqual(ops[3].value, .object([("a", .type), ("b", .array([.literal(1), .version]))]))
    }

    func testErrorsNameFileLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("aggregates:\n  Order:\n    on:\n      Created: {sett: {a: 1}}\n", 4, 17, "unknown operation 'sett'"),
            ("aggregates:\n  Order:\n    on:\n      Created: {set: {a: $dta.x}}\n", 4, 26, "unknown reference $dta.x"),
            ("aggregate:\n  Order: {}\n", 1, 1, "unknown section 'aggregate'"),
            ("aggregates:\n  Order:\n    otherwise: drop\n", 3, 16, "otherwise must be merge or ignore"),
            ("aggregates:\n  Order:\n    initial: [1]\n", 3, 14, "initial must be an object"),
            ("aggregates:\n  Order:\n    on:\n      Created@x: {set: {a: 1}}\n", 4, 7, "schema version number"),
            ("projections:\n  p: {by: status}\n", 2, 6, "needs one of count, sum, min, max, avg"),
            ("projections:\n  p: {sum: 5}\n", 2, 12, "needs an event value"),
            ("aggregates:\n  Order: {on: {E: {set: [1]}}}\n", 2, 25, "set must be a mapping"),
            ("aggregates: [\n", 2, 1, "invalid YAML"),
            ("aggregates:\n  A: {}\n  A: {}\n", 2, 3, "duplicate key"),
        ]
        for (yaml, line, column, fragment) in cases {
            XCTAssertThrowsError(try ReplayFixtures.rules(yaml), yaml) { error in
                guard let error = error as? RulesError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.file, "test.evx.yaml")
                XCTAssertTrue(error.message.contains(fragment), "\(error) lacks \(fragment)")
                XCTAssertEqual([error.line, error.column], [line, column], "\(error)")
                XCTAssertTrue(error.description.hasPrefix("test.evx.yaml:\(error.line):\(error.column): "))
            }
        }
    }

    func testAnEmptyFileMeansNoRulesAndTheStandardProjections() throws {
        let rules = try ReplayFixtures.rules("# nothing yet\n")
        XCTAssertTrue(rules.aggregates.isEmpty)
        XCTAssertEqual(rules.projections.map(\.name), ["events_per_type", "events_per_stream_type", "streams_per_stream_type"])
        XCTAssertEqual(Rules.merge.projections.map(\.name), rules.projections.map(\.name))
    }
}
