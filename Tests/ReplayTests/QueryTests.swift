import JSON
import Replay
import XCTest

final class QueryTests: XCTestCase {
    private func history() throws -> AggregateHistory {
        AggregateHistory(stream: "order-42", streamType: "Order", events: ReplayFixtures.workedExample,
                         reducer: Reducer(rules: try ReplayFixtures.rules()))
    }

    func testPredicatesParseAndEvaluate() throws {
        let state: JSONValue = ["status": "SHIPPED", "paid": 50, "items": ["A"], "total": 50, "note": "", "address": ["city": "Oslo"]]
        let cases: [(String, Bool)] = [
            ("status = 'SHIPPED'", true), ("status == \"SHIPPED\"", true), ("status != 'SHIPPED'", false),
            ("paid >= 50 and paid < 51", true), ("paid > 50 or len(items) = 1", true), ("not (paid = 50)", false),
            ("paid = .total", true), (".status = 'SHIPPED'", true), ("len(.items) = 1", true), ("address.city = 'Oslo'", true), ("missing = null", true), ("missing", false),
            ("note", false), ("items", true), ("len(status) = 7", true), ("status < 'T'", true), ("status < 5", false),
            ("paid = 50.0", true), ("-1 < .paid", true), ("'SHIPPED' = .status", true), ("status = true", false), ("items.0 = 'A'", true), ("true", true),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try StatePredicate(parsing: text).holds(in: state), expected, text)
        }
    }

    func testPredicateErrorsSayWhere() {
        let cases: [(String, Int, String)] = [
            ("", 1, "expected a condition"), ("status =", 9, "expected a value"), ("status = 'x", 10, "unterminated string"),
            ("(paid > 1", 10, "expected ')'"), ("paid > 1 paid", 10, "unexpected 'paid'"), ("a ! b", 3, "'!' must be followed by '='"),
            ("len(1)", 5, "len( needs a state path"), ("a # b", 3, "unexpected character '#'"),
            // A bare word right of a comparison is text someone forgot to quote, or a path without its dot.
            ("status = SHIPPED", 10, "did you mean 'SHIPPED'? (a state path on the right is written .SHIPPED)"),
            ("paid > 1 and (status != CANCELLED)", 25, "did you mean 'CANCELLED'?"), ("paid = total", 8, "did you mean 'total'?"),
            ("a = .", 5, "unexpected character '.'"),
        ]
        for (text, column, fragment) in cases {
            XCTAssertThrowsError(try StatePredicate(parsing: text), text) { error in
                guard let error = error as? PredicateSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.column, column, "\(text): \(error)")
                XCTAssertTrue(error.message.contains(fragment), "\(text): \(error)")
            }
        }
    }

    func testFindFirstAndEveryTransition() throws {
        let history = try history()
        XCTAssertEqual(history.transitions(to: try StatePredicate(parsing: "status = 'SHIPPED'"), all: false), [3])
        XCTAssertEqual(history.transitions(to: try StatePredicate(parsing: "paid >= 50"), all: false), [2])
        XCTAssertEqual(history.transitions(to: try StatePredicate(parsing: "len(items) = 1 or status = 'NEW'"), all: true), [1])
        XCTAssertEqual(history.transitions(to: try StatePredicate(parsing: "status = 'CANCELLED'"), all: true), [])
        XCTAssertEqual(history.transitions(to: try StatePredicate(parsing: "status != 'NEW'"), all: true), [0])
    }

    func testBlameAndDiff() throws {
        let history = try history()
        let blame = history.blame(StatePath("status"))
        XCTAssertEqual(blame.map(\.event.version), [1, 4])
        XCTAssertEqual(blame.map(\.old), ["NEW", "CREATED"])
        XCTAssertEqual(blame.map(\.new), ["CREATED", "SHIPPED"])
        let tracking = history.blame(StatePath("tracking"))
        XCTAssertEqual(tracking.map(\.event.version), [4])
        XCTAssertNil(tracking.first?.old)

        let diff = StateDiff.between(history.state(after: 3).state, history.state(after: 4).state)
        XCTAssertEqual(diff, [
            StateChange(path: StatePath("status"), kind: .changed, old: "CREATED", new: "SHIPPED"),
            StateChange(path: StatePath("tracking"), kind: .added, old: nil, new: "XY123"),
        ])
        XCTAssertEqual(StateDiff.between(["a": ["b": 1, "c": 2]], ["a": ["b": 1]]),
                       [StateChange(path: StatePath("a.c"), kind: .removed, old: 2, new: nil)])
    }

    func testPositionsAndVersions() throws {
        let history = try history()
        XCTAssertEqual(history.count(throughVersion: 2), 2)
        XCTAssertEqual(history.count(throughVersion: 0), 0)
        XCTAssertEqual(history.count(throughVersion: 99), 4)
        XCTAssertEqual(history.count(throughPosition: 3), 3)
    }
}
