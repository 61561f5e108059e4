@testable import EventStore
import XCTest

/// Python eventsourcing's `{"_type_", "_data_"}` values made plain, with and without validation.
final class TypedValueUnwrapperTests: XCTestCase {
    private func unwrap(_ text: String, validating: Bool) throws -> TypedValueUnwrapper.Result {
        var text = text
        return try text.withUTF8 { try TypedValueUnwrapper.unwrap($0, validating: validating) }
    }

    func testTheLibrarysValuesBecomePlainJSON() throws {
        let state = #"{"timestamp":{"_type_":"datetime_iso","_data_":"2026-01-05T08:00:00.123456+00:00"},"#
            + #""amount":{"_type_":"decimal_str","_data_":"117.250"},"odd":{"_type_":"decimal_str","_data_":"NaN"},"#
            + #""to":{"_type_":"uuid_hex","_data_":"6BA7B8109DAD11D180B400C04FD430C8"},"#
            + #""items":[{"_type_":"decimal_str","_data_":"-1E+2"},{"n":"{\"_type_\":\"x\"}"}],"#
            + #""money":{"_type_":"money","_data_":"EUR 5"},"class_version":3}"#
        for validating in [true, false] {
            let result = try unwrap(state, validating: validating)
            XCTAssertEqual(result.json, #"{"timestamp":"2026-01-05T08:00:00.123456+00:00","amount":117.250,"odd":"NaN","#
                + #""to":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","items":[-1E+2,{"n":"{\"_type_\":\"x\"}"}],"#
                + #""money":{"_type_":"money","_data_":"EUR 5"},"class_version":3}"#, "validating: \(validating)")
            XCTAssertEqual(result.timestamp, "2026-01-05T08:00:00.123456+00:00")
            XCTAssertEqual(result.classVersion, 3)
        }
    }

    func testAStateInAnotherOrderIsReadByWalkingIt() throws {
        let result = try unwrap(#"{"class_version":2,"a":1,"timestamp":{"_type_":"datetime_iso","_data_":"2026-01-05T08:00:00+00:00"}}"#, validating: false)
        XCTAssertEqual(result.timestamp, "2026-01-05T08:00:00+00:00")
        XCTAssertEqual(result.classVersion, 2)
        XCTAssertEqual(result.json, #"{"class_version":2,"a":1,"timestamp":"2026-01-05T08:00:00+00:00"}"#)
    }

    func testInvalidJSONIsRefusedWhenValidating() {
        XCTAssertThrowsError(try unwrap(#"{"timestamp":{"_type_":"datetime_iso","_data_":"x"},"a":}"#, validating: true))
        XCTAssertThrowsError(try unwrap(#"["not an object"]"#, validating: false))
    }
}
