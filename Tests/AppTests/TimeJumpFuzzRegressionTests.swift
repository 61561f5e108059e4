import App
import EventModel
import XCTest

/// Inputs the time fuzzer (Tests/Fuzz/TimeFuzzer.swift, docs/reliability.md) found trapping on
/// Int64 overflow in `TimeJump.parse`; they now read as "not a time".
final class TimeJumpFuzzRegressionTests: XCTestCase {
    private let cursor = EventTime(iso8601: "2026-01-05T08:00:00.123Z")!

    func testHugeDayOffsetIsRejectedNotATrap() {
        XCTAssertNil(TimeJump.parse("+1000000000d", relativeTo: cursor))
        XCTAssertNil(TimeJump.parse("-1000000000d", relativeTo: cursor))
        XCTAssertNil(TimeJump.parse("+-9223372036854775808d", relativeTo: cursor))
    }

    func testOffsetPastTheEndOfInt64IsRejected() {
        let late = EventTime(microseconds: .max - 10)
        XCTAssertNil(TimeJump.parse("+1s", relativeTo: late))
        XCTAssertNil(TimeJump.parse("-1s", relativeTo: EventTime(microseconds: .min + 10)))
    }

    func testOrdinaryOffsetsStillWork() {
        XCTAssertEqual(TimeJump.parse("-5m", relativeTo: cursor), EventTime(microseconds: cursor.microseconds - 300_000_000))
        XCTAssertEqual(TimeJump.parse("+90ms", relativeTo: cursor), EventTime(microseconds: cursor.microseconds + 90_000))
        XCTAssertEqual(TimeJump.parse("+1000000000h", relativeTo: cursor),
                       EventTime(microseconds: cursor.microseconds + 3_600_000_000_000_000_000))
        XCTAssertEqual(TimeJump.parse("15:04", relativeTo: cursor), EventTime(iso8601: "2026-01-05T15:04:00Z"))
    }
}
