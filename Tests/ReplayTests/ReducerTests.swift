import EventModel
import JSON
import Replay
import XCTest

final class ReducerTests: XCTestCase {
    func testTheWorkedExample() throws {
        let history = AggregateHistory(stream: "order-42", streamType: "Order", events: ReplayFixtures.workedExample,
                                       reducer: Reducer(rules: try ReplayFixtures.rules()))
        XCTAssertEqual(history.final.state, ["status": "SHIPPED", "items": ["A"], "paid": 50, "customer": "c-7", "total": 50, "tracking": "XY123"])
        let before = history.state(after: 3)
        XCTAssertEqual(before.state["status"], "CREATED")
        XCTAssertNil(before.state["tracking"])
        XCTAssertEqual(before.version, 3)
        XCTAssertEqual(history.state(after: 0).state, ["status": "NEW", "items": [], "paid": 0])
        XCTAssertTrue(history.warnings.allSatisfy(\.isEmpty))
    }

    func testEveryOperation() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              T:
                initial: {list: [1, 2, 1], n: 10, gone: x, deep: {keep: 1}}
                on:
                  E:
                    set: {a.b.c: $data.v, meta: $metadata.user, kind: $type, at: $version, where: $position, s: $stream}
                    unset: [gone, nothing.here]
                    add: {n: $data.v}
                    subtract: {m: 2}
                    append: {list: $data.v}
                    remove: {list: 1}
                    merge: {deep: {more: $data.v}}
            """)
        var state = rules.aggregates[0].initial
        let event = ReplayFixtures.event(7, "t-1", 3, "E", #"{"v":5}"#, streamType: "T", metadata: #"{"user":"u"}"#)
        XCTAssertEqual(Reducer(rules: rules).apply(event, to: &state), [])
        XCTAssertEqual(state, [
            "list": [2, 1, 5], "n": 15, "deep": ["keep": 1, "more": 5], "a": ["b": ["c": 5]], "meta": "u",
            "kind": "E", "at": 3, "where": 7, "s": "t-1", "m": -2,
        ])
    }

    func testImpossibleOperationsWarnAndLeaveTheStateAlone() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              T:
                initial: {name: text, list: [], scalar: 1}
                on:
                  E:
                    add: {name: 1}
                    remove: {scalar: 1}
                    append: {name: x}
                    set: {scalar.inner: 1, missing: $data.nope}
                    subtract: {list: $data.word}
            """)
        var state = rules.aggregates[0].initial
        let warnings = Reducer(rules: rules).apply(ReplayFixtures.event(1, "t-1", 1, "E", #"{"word":"w"}"#, streamType: "T"), to: &state)
        XCTAssertEqual(warnings, [
            "cannot add to name: it is a string",
            "cannot remove from scalar: it is a number",
            "cannot append to name: it is a string",
            "cannot set scalar.inner: scalar is a number",
            "set missing: $data.nope is missing from the event",
            "subtract list: $data.word is a string, not a number",
        ])
        XCTAssertEqual(state, rules.aggregates[0].initial)
    }

    func testMoneyAddsUpExactly() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              Account:
                initial: {balance: 0}
                on:
                  Deposited: {add: {balance: $data.amount}}
                  Withdrawn: {subtract: {balance: $data.amount}}
            """)
        let amounts = [("Deposited", "0.1"), ("Deposited", "0.2"), ("Deposited", "117.25"), ("Withdrawn", "17.55"), ("Deposited", "1e-2")]
        let events = amounts.enumerated().map { index, step in
            ReplayFixtures.event(Int64(index + 1), "acc-1", Int64(index + 1), step.0, #"{"amount":\#(step.1)}"#, streamType: "Account")
        }
        let history = AggregateHistory(stream: "acc-1", streamType: "Account", events: events, reducer: Reducer(rules: rules))
        XCTAssertEqual(JSONWriter.compact(history.state(after: 2).state), #"{"balance":0.3}"#)
        XCTAssertEqual(JSONWriter.compact(history.final.state), #"{"balance":100.01}"#)
        XCTAssertTrue(history.warnings.allSatisfy(\.isEmpty))
    }

    func testOverflowIsAWarningNotAWrongNumber() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              T:
                initial: {count: 9223372036854775806, tiny: 1e-30, big: 1e30}
                on:
                  E: {add: {count: 1}}
                  F: {add: {count: 1, tiny: $data.x, big: $data.x}}
            """)
        var state = rules.aggregates[0].initial
        let reducer = Reducer(rules: rules)
        XCTAssertEqual(reducer.apply(ReplayFixtures.event(1, "t-1", 1, "E", streamType: "T"), to: &state), [])
        XCTAssertEqual(state["count"], .int(Int64.max))
        let warnings = reducer.apply(ReplayFixtures.event(2, "t-1", 2, "F", #"{"x":1e30}"#, streamType: "T"), to: &state)
        XCTAssertEqual(warnings, [
            "add count: 9223372036854775807 + 1 overflows a 64-bit integer; left unchanged",
            "add tiny: 1e-30 + 1e30 needs more than 38 significant digits; left unchanged",
        ])
        XCTAssertEqual(state["count"], .int(Int64.max))
        XCTAssertEqual(state["tiny"], try JSONParser.parse("1e-30"))
        XCTAssertEqual(state["big"], try JSONParser.parse("2e30"))
    }

    func testFallbacks() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              Kept: {otherwise: merge}
              Dropped: {otherwise: ignore}
            """)
        let reducer = Reducer(rules: rules)
        var kept: JSONValue = ["a": ["x": 1]]
        _ = reducer.apply(ReplayFixtures.event(1, "k-1", 1, "Any", #"{"a":{"y":2},"b":[1]}"#, streamType: "Kept"), to: &kept)
        XCTAssertEqual(kept, ["a": ["x": 1, "y": 2], "b": [1]])
        var dropped: JSONValue = ["a": 1]
        _ = reducer.apply(ReplayFixtures.event(1, "d-1", 1, "Any", #"{"a":2}"#, streamType: "Dropped"), to: &dropped)
        XCTAssertEqual(dropped, ["a": 1])
        var unknown: JSONValue = .emptyObject
        _ = Reducer(rules: .merge).apply(ReplayFixtures.event(1, "x-1", 1, "Any", #"{"z":true}"#, streamType: "X"), to: &unknown)
        XCTAssertEqual(unknown, ["z": true])
    }

    func testStreamsMatchByTypeOrPattern() throws {
        let rules = try ReplayFixtures.rules("""
            aggregates:
              Order: {streams: "order-*", initial: {by: pattern}}
              Cart: {initial: {by: type}}
            """)
        XCTAssertEqual(rules.aggregate(stream: "order-1", streamType: "Whatever")?.name, "Order")
        XCTAssertEqual(rules.aggregate(stream: "basket-1", streamType: "Cart")?.name, "Cart")
        XCTAssertNil(rules.aggregate(stream: "basket-1", streamType: "Basket"))
        XCTAssertTrue(Glob("a*b?c").matches("a-long-bxc"))
        XCTAssertFalse(Glob("a*b?c").matches("a-long-bc"))
        XCTAssertTrue(Glob("*").matches(""))
        // `?` is one character however many bytes it takes; literal non-ASCII text matches itself.
        XCTAssertTrue(Glob("caf?-*").matches("café-1"))
        XCTAssertFalse(Glob("caf?-*").matches("cafe\u{301}-1"))
        XCTAssertTrue(Glob("*é-?").matches("le-café-9"))
        XCTAssertFalse(Glob("*é-?").matches("le-cafe-9"))
        XCTAssertTrue(Glob("*-*-x").matches("a-b-c-x"))
    }

    func testInvalidPayloadIsAWarning() throws {
        var state = JSONValue.emptyObject
        let warnings = Reducer(rules: .merge).apply(ReplayFixtures.event(1, "x-1", 1, "E", "{oops"), to: &state)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].hasPrefix("data is not valid JSON"))
        XCTAssertEqual(state, .emptyObject)
    }
}
