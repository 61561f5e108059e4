import JSON
import XCTest

final class JSONValueTests: XCTestCase {
    func testNumbersCompareByValueAndObjectsIgnoreKeyOrder() {
        XCTAssertEqual(JSONValue.int(50), 50.0)
        XCTAssertEqual(try JSONParser.parse("50.00"), 50)
        XCTAssertNotEqual(JSONValue.int(50), 50.5)
        XCTAssertEqual(try JSONParser.parse(#"{"a":1,"b":2}"#), try JSONParser.parse(#"{"b":2,"a":1}"#))
        XCTAssertNotEqual(try JSONParser.parse("[1,2]"), try JSONParser.parse("[2,1]"))
        XCTAssertNotEqual(JSONValue.string("1"), JSONValue.int(1))
    }

    func testDeepMergeMergesObjectsAndReplacesTheRest() {
        let base: JSONValue = ["status": "NEW", "items": ["A", "B"], "address": ["city": "Oslo", "zip": "0150"]]
        let patch: JSONValue = ["items": ["A"], "address": ["city": "Bergen"], "paid": 50]
        XCTAssertEqual(base.deepMerged(with: patch),
                       ["status": "NEW", "items": ["A"], "address": ["city": "Bergen", "zip": "0150"], "paid": 50])
        XCTAssertEqual(JSONValue.int(1).deepMerged(with: ["a": 1]), ["a": 1])
    }

    func testWriterRoundTripsThroughTheParser() throws {
        let value: JSONValue = ["text": "line\nbreak \"quoted\" \u{1B}[31m tab\t é 😀", "n": [1, -2.5, 1e20, 0.1], "nested": ["e": [:], "a": []], "z": nil]
        XCTAssertEqual(try JSONParser.parse(JSONWriter.compact(value)), value)
        XCTAssertEqual(try JSONParser.parse(JSONWriter.pretty(value)), value)
        XCTAssertFalse(JSONWriter.compact(value).contains("\n"))
        XCTAssertFalse(JSONWriter.compact(value).unicodeScalars.contains { $0.value < 0x20 })
    }

    /// Short strings are scanned byte by byte, long ones by runs: both escape the same bytes,
    /// wherever they fall (a NUL included, which ends a C string).
    func testStringsAreEscapedAlikeWhateverTheirLength() throws {
        let special = "\u{0}\u{1}\t\n\r\"\\/\u{1F}\u{7F}é😀"
        let expected = #"\u0000\u0001\t\n\r\"\\/\u001f\u007fé😀"#
        for padding in [0, 10, 63, 64, 200, 100_000] {
            let pad = String(repeating: "a", count: padding)
            let text = pad + special + pad + special
            XCTAssertEqual(JSONWriter.quoted(text), "\"" + pad + expected + pad + expected + "\"", "padding \(padding)")
            XCTAssertEqual(try JSONParser.parse(JSONWriter.quoted(text)), .string(text))
        }
    }

    func testPrettyOutputIsIndented() {
        XCTAssertEqual(JSONWriter.pretty(["a": [1, 2], "b": [:]]), "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }

    func testNumbersPrintAsTheShortestExactDecimal() throws {
        XCTAssertEqual(JSONWriter.compact([50.0, .int(50), 0.1, 117.25]), "[50,50,0.1,117.25]")
        XCTAssertEqual(JSONWriter.compact(try JSONParser.parse("[1.50, 1e3, -0.0, 2.5E-8]")), "[1.5,1000,0,2.5e-8]")
    }
}
