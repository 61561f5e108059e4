import JSON
import Replay
import XCTest

/// Inputs the predicate fuzzer (Tests/Fuzz/PredicateFuzzer.swift, docs/reliability.md) found
/// overflowing the stack through unbounded recursion; nesting is now bounded and they fail to parse.
final class PredicateFuzzRegressionTests: XCTestCase {
    private func assertTooDeep(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try StatePredicate(parsing: text), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains("nests more than"), "\(error)", file: file, line: line)
        }
    }

    func testDeepParenthesesAreRejected() {
        // The fuzzer's input: 2870 opening parentheses.
        assertTooDeep(String(repeating: "(", count: 2870))
        assertTooDeep(String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000))
    }

    func testDeepNotAndLongChainsAreRejected() {
        assertTooDeep(String(repeating: "not ", count: 100_000) + "a")
        assertTooDeep(Array(repeating: "a = 1", count: 100_000).joined(separator: " and "))
        assertTooDeep(Array(repeating: "a", count: 100_000).joined(separator: " or "))
    }

    func testNestingWithinTheLimitStillParses() throws {
        let state: JSONValue = ["a": 1]
        let nested = String(repeating: "(", count: 200) + "a = 1" + String(repeating: ")", count: 200)
        XCTAssertTrue(try StatePredicate(parsing: nested).holds(in: state))
        XCTAssertTrue(try StatePredicate(parsing: String(repeating: "not ", count: 200) + "a").holds(in: state))
        let chain = Array(repeating: "a = 1", count: 200).joined(separator: " and ")
        XCTAssertTrue(try StatePredicate(parsing: chain).holds(in: state))
        XCTAssertTrue(try StatePredicate(parsing: "status = 'SHIPPED' and (paid >= 50 or len(items) = 0) or a = 1").holds(in: state))
    }
}
