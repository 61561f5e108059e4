import JSON
import XCTest

final class DecimalNumberTests: XCTestCase {
    private func decimal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> DecimalNumber {
        guard let value = DecimalNumber(text) else {
            XCTFail("\(text) is not a decimal", file: file, line: line)
            return DecimalNumber(0)
        }
        return value
    }

    func testPrintsTheShortestExactDecimal() {
        let cases: [(String, String)] = [
            ("0.1", "0.1"), ("117.25", "117.25"), ("1.50", "1.5"), ("-0.50", "-0.5"), ("1e3", "1000"), ("100.0", "100"),
            ("0.000001", "0.000001"), ("-0.000001", "-0.000001"), ("1e-7", "1e-7"), ("1.5E-8", "1.5e-8"),
            ("123456789012345678901", "123456789012345678901"), ("1.5e21", "1.5e21"), ("0.0", "0"), ("-0.0", "0"),
            ("12345678901234567890.123456789", "12345678901234567890.123456789"), ("1e308", "1e308"),
        ]
        for (text, printed) in cases {
            XCTAssertEqual(decimal(text).description, printed, text)
        }
    }

    func testMoreThan38DigitsRoundHalfToEven() {
        XCTAssertEqual(decimal("1.23456789012345678901234567890123456785").description, "1.2345678901234567890123456789012345678")
        XCTAssertEqual(decimal("1.234567890123456789012345678901234567851").description, "1.2345678901234567890123456789012345679")
        XCTAssertEqual(decimal("1.23456789012345678901234567890123456795").description, "1.234567890123456789012345678901234568")
        XCTAssertEqual(decimal("99999999999999999999999999999999999999.9").description, "1e38")
    }

    func testRefusesWhatIsNotANumber() {
        for text in ["", "1.", ".5", "+1", "1e", "0x10", "1 ", " 1", "NaN", "Infinity", "--1", "1e400"] {
            XCTAssertNil(DecimalNumber(text), text)
        }
        XCTAssertNil(DecimalNumber(approximating: .nan))
        XCTAssertNil(DecimalNumber(approximating: .infinity))
    }

    func testArithmeticIsExact() {
        XCTAssertEqual(decimal("0.1").adding(decimal("0.2"))?.description, "0.3")
        XCTAssertEqual(decimal("117.25").subtracting(decimal("17.25"))?.description, "100")
        var total = DecimalNumber(0)
        for _ in 0..<10 { total = total.adding(decimal("0.1")) ?? total }
        XCTAssertEqual(total, DecimalNumber(1))
        XCTAssertEqual(decimal("1e20").adding(decimal("0.000001"))?.description, "100000000000000000000.000001")
        XCTAssertEqual(decimal("-5.5").adding(decimal("5.5"))?.isZero, true)
    }

    func testAResultBeyond38DigitsIsRefusedOrRounded() {
        XCTAssertNil(decimal("1e30").adding(decimal("1e-30")))
        XCTAssertEqual(decimal("1e30").addingRounded(decimal("1e-30")).description, "1e30")
        XCTAssertEqual(decimal("99999999999999999999999999999999999999").addingRounded(DecimalNumber(1)).description, "1e38")
        XCTAssertNil(decimal("1e37").adding(decimal("6.5")))
        XCTAssertEqual(decimal("1e37").addingRounded(decimal("6.5")).description, "1.000000000000000000000000000000000001e37")
        // Trailing zeros are not what makes a sum too long: 0.9 + 0.2 held with 38 digits each.
        let (nine, two) = (Int128(9) * 10_000_000_000_000_000_000 * 1_000_000_000_000_000_000, Int128(2) * 10_000_000_000_000_000_000 * 1_000_000_000_000_000_000)
        XCTAssertEqual(DecimalNumber(significand: nine, exponent: -38).adding(DecimalNumber(significand: two, exponent: -38))?.description, "1.1")
    }

    func testComparesByValue() {
        XCTAssertEqual(decimal("1.5"), decimal("1.50"))
        XCTAssertLessThan(decimal("0.1"), decimal("0.10000000000000001"))
        XCTAssertLessThan(decimal("-2"), decimal("-1.5"))
        XCTAssertLessThan(decimal("-1e30"), decimal("1e-30"))
        XCTAssertLessThan(decimal("9.99"), decimal("10"))
        XCTAssertGreaterThan(decimal("1e20"), decimal("99999999999999999999.9"))
        XCTAssertEqual(JSONValue.int(100), JSONValue.decimal(decimal("1e2")))
        XCTAssertEqual(JSONValue.int(2).compareNumber(to: .decimal(decimal("2.5"))), -1)
        XCTAssertEqual(JSONValue.int(3).compareNumber(to: .int(2)), 1)
        XCTAssertNil(JSONValue.string("1").compareNumber(to: .int(1)))
    }

    func testDividesToSeventeenSignificantDigits() {
        XCTAssertEqual(decimal("112.5").divided(by: 3).description, "37.5")
        XCTAssertEqual(DecimalNumber(2).divided(by: 3).description, "0.66666666666666667")
        XCTAssertEqual(decimal("0.3").divided(by: 2).description, "0.15")
        XCTAssertEqual(decimal("-1").divided(by: 8).description, "-0.125")
    }

    func testConvertsToIntegersOnlyWhenExact() {
        XCTAssertEqual(decimal("5.0").int64Value, 5)
        XCTAssertEqual(decimal("1e3").int64Value, 1000)
        XCTAssertNil(decimal("5.5").int64Value)
        XCTAssertNil(decimal("9223372036854775808").int64Value)
        XCTAssertEqual(decimal("-9223372036854775808.0").int64Value, Int64.min)
        XCTAssertEqual(JSONValue.decimal(decimal("42.000")).intValue, 42)
    }

    func testConvertsFromAndToDoubles() {
        XCTAssertEqual(DecimalNumber(approximating: 0.1)?.description, "0.1")
        XCTAssertEqual(DecimalNumber(approximating: 1e-7)?.description, "1e-7")
        XCTAssertEqual(DecimalNumber(approximating: 5.0)?.description, "5")
        XCTAssertEqual(decimal("0.1").doubleValue, 0.1)
        XCTAssertEqual(decimal("1767600000.123").doubleValue, 1_767_600_000.123)
    }

    /// Sums of random amounts in cents, folded here in integer cents: the decimal sum is that exactly.
    func testSumsOfAmountsEqualAnIntegerFoldOfCents() throws {
        var generator = SystemRandomNumberGenerator()
        var cents: Int64 = 0
        var total = DecimalNumber(0)
        for _ in 0..<10_000 {
            let amount = Int64.random(in: -1_000_000...1_000_000, using: &generator)
            cents += amount
            let text = (amount < 0 ? "-" : "") + "\(abs(amount) / 100).\(String(format: "%02d", abs(amount) % 100))"
            guard case .decimal(let parsed) = try JSONParser.parse(text) else { return XCTFail("\(text) did not parse as a decimal") }
            total = try XCTUnwrap(total.adding(parsed))
        }
        XCTAssertEqual(total, DecimalNumber(significand: Int128(cents), exponent: -2))
        XCTAssertEqual(JSONWriter.compact(.decimal(total)), JSONWriter.compact(.decimal(DecimalNumber(significand: Int128(cents), exponent: -2))))
    }
}
