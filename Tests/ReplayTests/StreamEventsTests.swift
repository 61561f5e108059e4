import EventModel
import Replay
import XCTest

/// A history holds its stream's events compactly (`StreamEvents`); every event read back must
/// equal the one stored, field for field, whatever its texts, names, problems or links.
final class StreamEventsTests: XCTestCase {
    private func event(_ n: Int) -> Event {
        var event = Event(
            position: Int64(n * 3 + 1), id: n % 5 == 0 ? "" : "id-\(n)-\(String(repeating: "x", count: n % 40))",
            stream: n % 7 == 0 ? "other-\(n % 3)" : "account-1", streamType: n % 7 == 0 ? "Other" : "Account",
            version: Int64(n + 1), type: ["Opened", "Deposited", "Withdrawn", "Rätselhaft ✓ 🎉 a type name longer than fifteen bytes"][n % 4],
            schemaVersion: Int64(n % 3 + 1), data: #"{"amount":\#(n),"note":"\#(String(repeating: "é", count: n % 9))"}"#,
            metadata: n % 2 == 0 ? "{}" : #"{"user":"u-\#(n)"}"#, recordedAt: "2026-01-05T08:00:\(String(format: "%02d", n % 60))Z",
            problems: n % 11 == 0 ? ["data is not a JSON object", "time is not an ISO-8601 time"] : [],
            linkedStreams: n % 13 == 0 ? ["account-1", "\(n)-linked"] : [])
        if n % 17 == 0 { event.time = nil }  // as a source that could not read it said, though the text parses
        return event
    }

    func testEveryEventReadsBackAsStored() {
        let events = (0..<500).map(event)
        let held = StreamEvents(events)
        XCTAssertEqual(held.count, events.count)
        for (index, original) in events.enumerated() where held[index] != original {
            return XCTFail("event \(index): \(held[index]) is not \(original)")
        }
        XCTAssertEqual((0..<500).map(held.position(at:)), events.map(\.position))
        XCTAssertEqual((0..<500).map(held.version(at:)), events.map(\.version))
    }

    /// `String`'s `==` equates a composed é with a decomposed one; the names must come back byte for byte.
    func testNamesComeBackByteForByte() {
        let spellings = ["Caf\u{E9}Opened", "Cafe\u{301}Opened"]
        XCTAssertEqual(spellings[0], spellings[1], "the premise: equal as Strings")
        let events = (0..<6).map { (n: Int) -> Event in
            let stream: String = spellings[(n / 2) % 2], streamType: String = spellings[n % 2], type: String = spellings[(n + 1) % 2]
            return Event(position: Int64(n + 1), id: "e\(n)", stream: stream, streamType: streamType, version: Int64(n + 1),
                         type: type, data: "{}", recordedAt: "2026-01-05T08:00:00Z")
        }
        let held = StreamEvents(events)
        for (index, original) in events.enumerated() {
            XCTAssertEqual(Array(held[index].type.utf8), Array(original.type.utf8), "type of event \(index)")
            XCTAssertEqual(Array(held[index].stream.utf8), Array(original.stream.utf8), "stream of event \(index)")
            XCTAssertEqual(Array(held[index].streamType.utf8), Array(original.streamType.utf8), "stream type of event \(index)")
        }
    }

    func testAppendingKeepsWhatWasThere() {
        var held = StreamEvents((0..<200).map(event))
        let copy = held
        held.append(contentsOf: (200..<260).map(event))
        XCTAssertEqual(Array(held), (0..<260).map(event))
        XCTAssertEqual(Array(copy), (0..<200).map(event), "a copy taken before is a value, unchanged")
    }

    func testAHistoryFromHeldEventsEqualsOneFromAnArray() {
        let events = (0..<300).map(event)
        let reducer = Reducer(rules: .merge)
        let fromArray = AggregateHistory(stream: "account-1", streamType: "Account", events: events, reducer: reducer, checkpointInterval: 16)
        let fromHeld = AggregateHistory(stream: "account-1", streamType: "Account", events: StreamEvents(events), reducer: reducer,
                                        checkpointInterval: 16)
        for count in [0, 1, 15, 16, 17, 150, 299, 300] {
            XCTAssertEqual(fromHeld.state(after: count).state, fromArray.state(after: count).state, "after \(count)")
        }
        XCTAssertEqual(fromHeld.warnings, fromArray.warnings)
        XCTAssertEqual(fromHeld.count(throughPosition: events[120].position), 121)
        XCTAssertEqual(fromHeld.count(throughVersion: events[120].version - 1), 120)
        let extended = fromArray.appending(StreamEvents((300..<340).map(event)))
        XCTAssertEqual(extended.final.state,
                       AggregateHistory(stream: "account-1", streamType: "Account", events: (0..<340).map(event), reducer: reducer).final.state)
    }
}
