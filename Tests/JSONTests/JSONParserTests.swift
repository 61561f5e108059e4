import JSON
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" {"a": [1, -2, 3.5, 1e3, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        XCTAssertEqual(value, ["a": [1, -2, 3.5, 1000.0, true, false, nil], "b": ["c": "d"], "e": ""])
    }

    func testKeepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":3}"#)
        XCTAssertEqual(value.objectValue?.keys.elementsEqual(["z", "a", "m"]), true)
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""tab\there \"q\" \\ \/ \u00e9 \ud83d\ude00""#)
        XCTAssertEqual(value, .string("tab\there \"q\" \\ / é 😀"))
    }

    func testKeepsRawUTF8() throws {
        XCTAssertEqual(try JSONParser.parse("\"日本語 ✓\""), .string("日本語 ✓"))
    }

    func testIntegersStayExactAndTheRestBecomeExactDecimals() throws {
        XCTAssertEqual(try JSONParser.parse("9223372036854775807"), .int(Int64.max))
        XCTAssertEqual(try JSONParser.parse("-9223372036854775808"), .int(Int64.min))
        guard case .decimal(let large) = try JSONParser.parse("9223372036854775808") else { return XCTFail("expected a decimal") }
        XCTAssertEqual(large.description, "9223372036854775808")
        guard case .decimal(let money) = try JSONParser.parse("117.25") else { return XCTFail("expected a decimal") }
        XCTAssertEqual(money.significand, 11725)
        XCTAssertEqual(money.exponent, -2)
        guard case .decimal(let thousand) = try JSONParser.parse("1E+3") else { return XCTFail("expected a decimal") }
        XCTAssertEqual(thousand.int64Value, 1000)
    }

    func testRejectsNumbersBeyondDouble() {
        XCTAssertEqual(JSONParser.validate("1e400")?.reason, "number out of range")
        XCTAssertEqual(JSONParser.validate("-12.5e99999999999999999999")?.reason, "number out of range")
        XCTAssertEqual(JSONParser.validate("1e-99999999999999999999")?.reason, "number out of range")
        XCTAssertNil(JSONParser.validate("1e-400"))
    }

    func testRepeatedKeyKeepsTheLastValue() throws {
        XCTAssertEqual(try JSONParser.parse(#"{"a":1,"a":2}"#), ["a": 2])
    }

    func testRejectsMalformedDocumentsWithOffsets() {
        let cases: [(String, String)] = [
            ("", "unexpected end of input"),
            ("{", "unexpected end of input"),
            (#"{"a" 1}"#, "expected ':'"),
            (#"{"a":1,}"#, "expected a string key"),
            ("[1 2]", "expected ',' or ']'"),
            (#""abc"#, "unterminated string"),
            (#""\x""#, #"invalid escape '\x'"#),
            (#""\u12""#, #"invalid \u escape"#),
            ("\"a\u{01}b\"", "control character in string"),
            ("01", "unexpected data after the value"),
            ("1.", "invalid number"),
            ("-", "invalid number"),
            ("tru", "invalid literal"),
            ("{} {}", "unexpected data after the value"),
            (#""\ud800""#, #"unpaired surrogate in \u escape"#),
        ]
        for (text, reason) in cases {
            XCTAssertEqual(JSONParser.validate(text)?.reason, reason, "for \(text.debugDescription)")
            XCTAssertThrowsError(try JSONParser.parse(text), "for \(text.debugDescription)")
        }
        XCTAssertEqual(JSONParser.validate(#"{"a" 1}"#)?.offset, 5)
    }

    func testRejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22]] {
            XCTAssertEqual(bytes.withUnsafeBufferPointer { JSONParser.validate($0) }?.reason, "invalid UTF-8", "for \(bytes)")
        }
    }

    func testBoundsNestingInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertEqual(JSONParser.validate(deep)?.reason, "nesting deeper than \(JSONParser.maximumDepth) levels")
        XCTAssertThrowsError(try JSONParser.parse(deep))
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        XCTAssertNil(JSONParser.validate(allowed))
    }

    func testValidateAgreesWithParse() {
        let samples = [#"{"a":[1,{"b":null}]}"#, "[", "\"\\u0041\"", "-0.5e-3", "{\"a\":tru}", " 7 "]
        for sample in samples {
            XCTAssertEqual(JSONParser.validate(sample) == nil, (try? JSONParser.parse(sample)) != nil, sample)
        }
    }

    func testForEachMemberGivesRawValueRanges() throws {
        let line = #"{"id":"x","data":{"a":[1,2]},"n":5}"#
        var seen: [String: String] = [:]
        var copy = line
        try copy.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes)
            try parser.forEachMember { key, range in
                seen[key] = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
        }
        XCTAssertEqual(seen, ["id": #""x""#, "data": #"{"a":[1,2]}"#, "n": "5"])
    }

    /// A path is read without building the document: the same answer as parsing it whole and
    /// looking the path up, for repeated keys, arrays and paths that stop at a scalar.
    func testValueAtAPathAgreesWithTheParsedDocument() throws {
        let documents = [
            #"{"a":{"b":1},"a":{"b":3}}"#,
            #"{"a":{"b":1},"a":{"c":2}}"#,
            #"{"a":[{"x":1},{"x":2}],"b":"t"}"#,
            #"{"a":5,"b":{"a":{"b":[7,[8,9]]}}}"#,
            #"[{"a":1},{"a":{"b":2}}]"#,
        ]
        let paths = [["a", "b"], ["a", "1", "x"], ["b", "a", "b", "1", "0"], ["1", "a", "b"], ["a"], ["a", "0"], ["b"], ["z"]]
        for document in documents {
            let whole = try JSONParser.parse(document)
            for path in paths {
                XCTAssertEqual(try JSONParser.value(at: path, in: document), whole.value(atComponents: path), "\(path) in \(document)")
            }
        }
        XCTAssertThrowsError(try JSONParser.value(at: ["a"], in: #"{"a":1,"b":}"#))
    }

    /// A path as deep as the parser allows is found (each byte is read once, not once per level).
    func testADeepPathIsFound() throws {
        let depth = JSONParser.maximumDepth - 1
        let document = String(repeating: #"{"pad":[1,2,3],"l":"#, count: depth) + "42" + String(repeating: "}", count: depth)
        XCTAssertEqual(try JSONParser.value(at: Array(repeating: "l", count: depth), in: document), 42)
    }
}

private extension JSONValue {
    /// The value at object keys or array indexes, looked up in the parsed tree.
    func value(atComponents path: [String]) -> JSONValue? {
        guard let first = path.first else { return self }
        switch self {
        case .object(let members): return members[first]?.value(atComponents: Array(path.dropFirst()))
        case .array(let elements):
            guard let index = Int(first), elements.indices.contains(index) else { return nil }
            return elements[index].value(atComponents: Array(path.dropFirst()))
        default: return nil
        }
    }
}
