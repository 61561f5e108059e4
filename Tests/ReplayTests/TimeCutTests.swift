import EventModel
import XCTest

/// "As of time T": the events recorded at or before T, in global order.
final class TimeCutTests: XCTestCase {
    private func time(_ seconds: Int64) -> EventTime { EventTime(microseconds: 1_767_600_000_000_000 + seconds * 1_000_000) }

    func testALogInTimeOrderIsCutToAPrefix() {
        var walk = TimeCut.Walk(TimeCut(time(3)))
        let included = (1...5).map { walk.add(position: Int64($0) * 10, time: time(Int64($0))) }
        XCTAssertEqual(included, [true, true, true, false, false])
        XCTAssertTrue(walk.isPrefix)
        XCTAssertEqual(walk.included, 3)
        XCTAssertEqual(walk.lastIncludedPosition, 30)
        XCTAssertEqual(walk.lastIncludedIndex, 2)
        XCTAssertNil(walk.outOfOrderNote())
    }

    func testALogOutOfTimeOrderKeepsEveryEventRecordedByThenAndSaysWhatIsLeftOut() {
        var walk = TimeCut.Walk(TimeCut(time(8)))
        let included = [10, 5, 20, 7, 30].enumerated().map { walk.add(position: Int64($0.offset + 1), time: time(Int64($0.element))) }
        XCTAssertEqual(included, [false, true, false, true, false])
        XCTAssertFalse(walk.isPrefix)
        XCTAssertEqual(walk.lastIncludedPosition, 4)
        XCTAssertEqual(walk.lastIncludedIndex, 3)
        XCTAssertEqual(walk.leftOutBefore, 2)
        XCTAssertEqual(walk.outOfOrderNote(), "the log is not in time order: 2 events recorded after \(time(8).iso8601) "
                       + "(the first at position 1) come before position 4 and are left out")
    }

    func testAnEventWithoutATimeIsIncluded() {
        var walk = TimeCut.Walk(TimeCut(time(1)))
        XCTAssertTrue(walk.add(position: 1, time: nil))
        XCTAssertFalse(walk.add(position: 2, time: time(2)))
        XCTAssertTrue(walk.isPrefix)
    }

    /// Random logs, half of them shuffled in time: the walk includes exactly what a filter on
    /// the times does, and calls it a prefix exactly when it is one.
    func testAgreesWithAFilterOnRandomLogs() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<500 {
            let count = Int.random(in: 0...40, using: &generator)
            var seconds = (0..<count).map { _ in Int64.random(in: 0...100, using: &generator) }
            if round % 2 == 0 { seconds.sort() }
            let times: [EventTime?] = seconds.map { Int.random(in: 0..<20, using: &generator) == 0 ? nil : time($0) }
            let cut = TimeCut(time(Int64.random(in: -1...101, using: &generator)))
            var walk = TimeCut.Walk(cut)
            let walked = times.enumerated().filter { walk.add(position: Int64($0.offset + 1), time: $0.element) }.map(\.offset)
            let expected = times.indices.filter { times[$0].map { $0 <= cut.time } ?? true }
            XCTAssertEqual(walked, expected)
            XCTAssertEqual(walk.isPrefix, expected == Array(0..<expected.count))
            XCTAssertEqual(walk.lastIncludedIndex, expected.last)
            XCTAssertEqual(walk.included, expected.count)
        }
    }
}
