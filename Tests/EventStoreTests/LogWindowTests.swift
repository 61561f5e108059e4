import EventModel
import EventStore
import TestSupport
import XCTest

/// The explorer's first frame and its windows behind the cursor: bounds and the events just
/// before a position, the same on every source.
final class LogWindowTests: XCTestCase {
    let folder = TemporaryDirectory()

    /// Positions 1, 2, 3, 4, 5, 7 (a gap at 6), in SQLite and in JSON Lines.
    private func sources() throws -> [EventSource] {
        let path = folder.path("store.sqlite")
        let store = try StoreBuilder.workedExample(at: path)
        try store.event(5, stream: "order-7", type: "OrderCreated", version: 1, data: #"{"items":["C"]}"#)
        try store.event(7, stream: "order-42", type: "OrderCancelled", version: 5, data: #"{"reason":"x"}"#)
        try store.close()
        let sqlite = try StoreOpener.open(path: path)
        var lines = ""
        try sqlite.readEvents(EventFilter()) { event in
            lines += #"{"position":\#(event.position),"stream_id":"\#(event.stream)","type":"\#(event.type)","data":\#(event.data),"recorded_at":"\#(event.recordedAt)"}"# + "\n"
            return true
        }
        let jsonl = folder.path("store.jsonl")
        try lines.write(toFile: jsonl, atomically: true, encoding: .utf8)
        return [sqlite, try StoreOpener.open(path: jsonl)]
    }

    func testBoundsAreTheEndsOfTheLog() throws {
        for source in try sources() {
            let bounds = try XCTUnwrap(try source.bounds(), "\(source.kind)")
            XCTAssertEqual(bounds.first, 1)
            XCTAssertEqual(bounds.last, 7)
            if bounds.countIsExact { XCTAssertEqual(bounds.count, 6) } else { XCTAssertGreaterThanOrEqual(bounds.count, 6) }
            XCTAssertFalse(source.windowsOnly)
        }
    }

    func testEventsBeforeAPositionComeInAscendingOrder() throws {
        for source in try sources() {
            func before(_ position: Int64, _ limit: Int) throws -> [Int64] {
                var positions: [Int64] = []
                try source.readEvents(before: position, limit: limit) { positions.append($0.position); return true }
                return positions
            }
            XCTAssertEqual(try before(7, 3), [3, 4, 5], "\(source.kind)")
            XCTAssertEqual(try before(Int64.max, 2), [5, 7], "\(source.kind)")
            XCTAssertEqual(try before(3, 10), [1, 2], "\(source.kind)")
            XCTAssertEqual(try before(1, 10), [], "\(source.kind)")
            XCTAssertEqual(try before(7, 0), [], "\(source.kind)")
        }
    }
}
