import EventModel
import EventStore
import XCTest

final class EventTimeTests: XCTestCase {
    func testParsesTheNativeFormat() {
        let time = EventTime(iso8601: "2026-01-05T08:00:00.123Z")
        XCTAssertEqual(time, EventTime.from(year: 2026, month: 1, day: 5, hour: 8, microsecond: 123_000))
        XCTAssertEqual(time?.iso8601, "2026-01-05T08:00:00.123Z")
    }

    func testReadsZonesSeparatorsAndPrecisions() {
        let utc = EventTime(iso8601: "2026-01-05T08:00:00Z")
        XCTAssertEqual(EventTime(iso8601: "2026-01-05T10:00:00+02:00"), utc)
        XCTAssertEqual(EventTime(iso8601: "2026-01-05T03:00:00-0500"), utc)
        XCTAssertEqual(EventTime(iso8601: "2026-01-05 08:00:00"), utc)
        XCTAssertEqual(EventTime(iso8601: "2026-01-05T08:00"), utc)
        XCTAssertEqual(EventTime(iso8601: "2026-01-05"), EventTime.from(year: 2026, month: 1, day: 5))
        XCTAssertEqual(EventTime(iso8601: "2026-01-05T08:00:00.000001Z")?.microseconds, (utc?.microseconds ?? 0) + 1)
        XCTAssertEqual(EventTime(iso8601: "2026-01-05T08:00:00.123456789Z")?.iso8601, "2026-01-05T08:00:00.123456Z")
    }

    func testRejectsWhatIsNotATime() {
        for text in ["", "yesterday", "2026-13-01", "2026-01-05T25:00:00Z", "2026-01-05T08:00:00Q", "2026-01-05T08:00:00.Z", "1767600000"] {
            XCTAssertNil(EventTime(iso8601: text), text)
        }
    }

    /// The reader that skips a repeated minute answers exactly as the parser, in any order of times.
    func testTheReaderOfConsecutiveTimesAgreesWithTheParser() {
        let times = [
            "2026-01-05T08:00:00.123Z", "2026-01-05T08:00:59.999Z", "2026-01-05T08:00:60.000Z", "2026-01-05T08:00:5x.000Z",
            "2026-01-05T08:00:07.12Z", "2026-01-05T08:00:07.1234", "2026-01-05T08:00:07+01:00", "2026-01-05t08:00:07.000Z",
            "2026-01-05T08:01:00.000Z", "2026-01-05T08:00:01.000Z", "2026-02-31T08:00:00.000Z", "2026-02-31T08:00:09.009Z",
            "2026-13-05T08:00:00.000Z", "2026-13-05T08:00:01.000Z", "2026-01-05T08:00:01.000z", "not a time at all, really",
            "", "2026-01-05", "1969-12-31T23:59:59.999Z", "1969-12-31T23:59:00.001Z", "2026-01-05T08:00:01.000Z",
            "2026-01-05T23:59:59.999Z", "2026-01-05T24:00:00.000Z", "2026-01-05T09:60:00.000Z", "2026-01-05 09:30:00.000Z",
            "2026-01-05T09:30:00.000+", "2026-01-05T0a:30:00.000Z", "2026-01-06T00:00:00.000Z",
        ]
        var reader = EventTimeReader()
        for text in times + times.reversed() + times {
            var bytes = text
            let read = bytes.withUTF8 { reader.time($0) }
            XCTAssertEqual(read, EventTime(iso8601: text), text)
        }
    }

    func testFormatsDatesAcrossEras() {
        XCTAssertEqual(EventTime(microseconds: 0).iso8601, "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(EventTime(microseconds: -1_000).iso8601, "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(EventTime(iso8601: "2024-02-29T12:00:00Z")?.iso8601, "2024-02-29T12:00:00.000Z")
        for days in stride(from: -719_162 as Int64, through: 2_932_896, by: 997) {  // years 1 to 9999
            let time = EventTime(microseconds: days * 86_400_000_000)
            XCTAssertEqual(EventTime(iso8601: time.iso8601), time)
        }
    }

    func testEpochNumbersAreReadByMagnitude() {
        let expected = EventTime(iso8601: "2026-01-05T08:00:00Z")
        XCTAssertEqual(EventTime(epochNumber: 1_767_600_000), expected)
        XCTAssertEqual(EventTime(epochNumber: 1_767_600_000_000), expected)
        XCTAssertEqual(EventTime(epochNumber: 1_767_600_000_000_000), expected)
        XCTAssertNil(EventTime(epochNumber: 1e300))
        XCTAssertNil(EventTime(epochNumber: .infinity))
    }
}
