import App
import EventModel
import XCTest

/// The `g` and `t` prompts read what the screen shows (`#1,000`, `12:00:05.500`) and compound
/// offsets (`-2h30m`), and refuse anything else rather than guess.
final class JumpPromptTests: XCTestCase {
    private let cursor = EventTime(iso8601: "2026-01-05T08:00:00.123Z")!

    func testPositionsAsTheScreenShowsThem() {
        let cases: [(String, Int64?)] = [
            ("100", 100), ("#100", 100), (" #100 ", 100), ("1,000", 1000), ("#1,000", 1000), ("1 000", 1000),
            ("1_000_000", 1_000_000), ("#12,345,678", 12_345_678), ("0", 0), ("-5", -5),
            ("", nil), ("#", nil), ("1,", nil), (",1", nil), ("1,,000", nil), ("1.000", nil), ("#-", nil),
            ("12a", nil), ("##1", nil), ("1 - 2", nil), ("99999999999999999999", nil), ("١٢", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(PositionJump.parse(text), expected, "'\(text)'")
        }
    }

    func testCompoundOffsets() {
        let minute: Int64 = 60_000_000, hour = 60 * minute, day = 24 * hour
        let cases: [(String, Int64)] = [
            ("-2h30m", -(2 * hour + 30 * minute)), ("+1d2h", day + 2 * hour), ("-1m30s", -(minute + 30_000_000)),
            ("+1s500ms", 1_500_000), ("-5m", -5 * minute), ("+90ms", 90_000), ("+1h1h", 2 * hour),
        ]
        for (text, offset) in cases {
            XCTAssertEqual(TimeJump.parse(text, relativeTo: cursor), EventTime(microseconds: cursor.microseconds + offset), text)
        }
        for text in ["-", "+h", "-2h30", "-2h 30m", "-2x", "+1000000000d", "+1000000000h1000000000h1000000000h", "--5m", "-١h"] {
            XCTAssertNil(TimeJump.parse(text, relativeTo: cursor), text)
        }
    }

    func testTimesOfDayAsTheEventsListShowsThem() {
        let cases: [(String, String)] = [
            ("12:00:05.5", "2026-01-05T12:00:05.500Z"), ("12:00:05.500", "2026-01-05T12:00:05.500Z"),
            ("08:00:00.123456", "2026-01-05T08:00:00.123456Z"), ("15:04", "2026-01-05T15:04:00Z"),
            ("15:04:05", "2026-01-05T15:04:05Z"), ("8:05", "2026-01-05T08:05:00Z"),
            ("2026-01-06T08:00:00Z", "2026-01-06T08:00:00Z"), ("2026-01-06", "2026-01-06T00:00:00Z"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(TimeJump.parse(text, relativeTo: cursor), EventTime(iso8601: expected), text)
        }
        for text in ["12:00:05.", "12:00:5", "12:0", "25:00", "12:60", "123:00", "12:00:05.1234567890", "12:00:05,5", "12:00:05.x"] {
            XCTAssertNil(TimeJump.parse(text, relativeTo: cursor), text)
        }
    }
}
