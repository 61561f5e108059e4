import App
import EventModel
import Foundation
import JSON
import TUICore
import XCTest

/// The core with a real runner over a 600-event store: keys in, settled state out.
final class ReduceTests: XCTestCase {
    func testOpensAtTheNewestEventAndMovesWithinTheLog() throws {
        let app = try AppFixture()
        XCTAssertEqual(app.state.store.log.bounds?.count, 600)
        XCTAssertTrue(app.state.store.log.isComplete)
        XCTAssertEqual(app.state.cursor, 600, "opens at the newest event, as less +F and lnav do")
        app.send(.cursorToStart)
        XCTAssertEqual(app.state.cursor, 1)
        app.send(.moveCursor(by: -5))
        XCTAssertEqual(app.state.cursor, 1)
        app.send(.moveCursor(by: 3), .moveCursor(by: 1))
        XCTAssertEqual(app.state.cursor, 5)
        app.send(.cursorToEnd)
        XCTAssertEqual(app.state.cursor, 600)
        app.send(.moveCursor(by: 10))
        XCTAssertEqual(app.state.cursor, 600)
        app.send(.pageCursor(by: -1))
        XCTAssertEqual(app.state.cursor, 600 - 30, "a page is the events list's 30 rows at 120x40")
        XCTAssertNotNil(app.state.cursorEvent, "the cursor event was read")
    }

    func testTheWorkedExampleAtTheCursor() throws {
        let app = try AppFixture()
        let positions = try app.positions(of: "order-42")
        XCTAssertEqual(positions.count, 4)
        app.send(.openPrompt(.position))
        app.type(String(positions[3]))
        app.send(.submitPrompt)
        let shipped = try XCTUnwrap(app.state.shown)
        XCTAssertEqual(shipped.stream, "order-42")
        XCTAssertEqual(shipped.replayed.state["status"], "SHIPPED")
        XCTAssertEqual(shipped.replayed.state["paid"], 50)
        XCTAssertEqual(shipped.replayed.state["items"], ["A"])

        app.send(.stepInStream(by: -1))
        XCTAssertEqual(app.state.pinnedStream, "order-42")
        XCTAssertEqual(app.state.cursor, positions[2])
        let before = try XCTUnwrap(app.state.shown)
        XCTAssertEqual(before.replayed.state["status"], "CREATED")
        XCTAssertNil(before.replayed.state["tracking"])
        app.send(.stepInStream(by: -1), .stepInStream(by: -1), .stepInStream(by: -1))
        XCTAssertEqual(app.state.cursor, positions[0])
        XCTAssertEqual(app.state.message, "first event of order-42")
    }

    func testJumpsToATimeAndAPositionBetweenEvents() throws {
        let app = try AppFixture()
        app.send(.cursorToStart, .openPrompt(.time))
        app.type("+2h")
        app.send(.submitPrompt)
        let first = try XCTUnwrap(app.state.store.log.time(of: 1))
        let reached = try XCTUnwrap(app.state.store.log.time(of: try XCTUnwrap(app.state.cursor)))
        XCTAssertLessThanOrEqual(reached.microseconds - first.microseconds, 7_200_000_000)
        XCTAssertGreaterThan(reached.microseconds - first.microseconds, 6_000_000_000)

        app.send(.openPrompt(.time))
        app.type("yesterday-ish")
        app.send(.submitPrompt)
        XCTAssertTrue(app.state.message?.hasPrefix("t: cannot read") == true)

        app.send(.jump(to: 100_000))
        XCTAssertEqual(app.state.cursor, 600, "a position past the end lands on the last event")
    }

    func testSearchMarksMatchesAndStepsThroughThem() throws {
        let app = try AppFixture()
        app.send(.cursorToStart, .openPrompt(.filter))
        app.type("type:OrderShipped")
        app.send(.submitPrompt)
        let search = try XCTUnwrap(app.state.search)
        let matches = try XCTUnwrap(search.matches)
        XCTAssertFalse(matches.isEmpty)
        XCTAssertEqual(app.state.cursor, matches[0], "the cursor goes to the first match at or after it")
        app.send(.nextMatch(forward: true))
        XCTAssertEqual(app.state.cursor, matches[1])
        XCTAssertEqual(app.state.message, "match 2 of \(matches.count)")
        app.send(.nextMatch(forward: false))
        XCTAssertEqual(app.state.cursor, matches[0])
        app.send(.moveCursor(by: 1))
        XCTAssertEqual(app.state.cursor, matches[0] + 1, "without & the arrows step through every event")
        app.send(.toggleOnlyMatches, .moveCursor(by: 1))
        XCTAssertEqual(app.state.cursor, matches[1], "with & they step through the matches")
        for position in matches.prefix(20) { XCTAssertEqual(app.state.store.events[position]?.type, "OrderShipped") }
        app.send(.dismiss)
        XCTAssertNil(app.state.search)

        app.send(.openPrompt(.filter))
        app.type("data.amount>")
        app.send(.submitPrompt)
        XCTAssertTrue(app.state.message?.hasPrefix("/: ") == true, app.state.message ?? "")
        XCTAssertNil(app.state.search)
    }

    func testPinningAStream() throws {
        let app = try AppFixture()
        app.send(.openPrompt(.command))
        app.type("stream inventory-main")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.pinnedStream, "inventory-main")
        XCTAssertEqual(app.state.shown?.stream, "inventory-main")
        app.send(.openPrompt(.command))
        app.type("stream nope-1")
        app.send(.submitPrompt)
        XCTAssertNil(app.state.pinnedStream, "an unknown stream is not pinned")
        XCTAssertEqual(app.state.message, "no stream 'nope-1'")
    }

    func testPromptEditing() throws {
        let app = try AppFixture()
        app.send(.openPrompt(.command))
        XCTAssertEqual(action(for: .character("q"), in: app.state), .editPrompt(.character("q")))
        XCTAssertEqual(action(for: KeyEvent(.enter), in: app.state), .submitPrompt)
        app.type("qx")
        app.send(.editPrompt(KeyEvent(.backspace)))
        XCTAssertEqual(app.state.prompt?.text, "q")
        app.send(.submitPrompt)
        XCTAssertTrue(app.state.quitRequested)
        XCTAssertNil(app.state.prompt)
        let source = SourceDescription(name: "x", format: "SQLite", projectionNames: [])
        XCTAssertEqual(action(for: .character("q"), in: AppState(width: 80, height: 24, source: source)), .quit)
        XCTAssertEqual(action(for: .ctrl("c"), in: AppState(width: 80, height: 24, source: source)), .quit)
    }

    func testFindCommandMovesToTheFirstVersionWhereItHolds() throws {
        let app = try AppFixture()
        let positions = try app.positions(of: "order-42")
        app.send(.jump(to: positions[0]))
        app.send(.openPrompt(.command))
        app.type("find paid >= 50")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.cursor, positions[2])
        XCTAssertEqual(app.state.message, "find: first holds at version 3 (#\(positions[2]))")
        app.send(.openPrompt(.command))
        app.type("find status =")
        app.send(.submitPrompt)
        XCTAssertTrue(app.state.message?.hasPrefix("find: at column") == true, app.state.message ?? "")
    }

    func testWriteSavesTheEventOrTheState() throws {
        let app = try AppFixture()
        let positions = try app.positions(of: "order-42")
        app.send(.jump(to: positions[3]))
        app.send(.openPrompt(.command))
        app.type("write \(AppFixture.storePath)")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.message, "write: \(AppFixture.storePath) is the store being explored; evx never writes to it")
        let eventFile = AppFixture.folder.path("event-\(UUID().uuidString).json")
        app.send(.openPrompt(.command))
        app.type("write \(eventFile)")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.message, "wrote \(eventFile)")
        let event = try JSONParser.parse(String(contentsOfFile: eventFile, encoding: .utf8))
        XCTAssertEqual(event["type"], "OrderShipped")
        XCTAssertEqual(event["data"]?["tracking"], "XY123")

        app.send(.focusNext)
        XCTAssertEqual(app.state.focus, .aggregate)
        let stateFile = eventFile
        app.send(.openPrompt(.command))
        app.type("w \(stateFile)")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.message, "write: \(stateFile) exists; :write! \(stateFile) replaces it")
        app.send(.openPrompt(.command))
        app.type("w! \(stateFile)")
        app.send(.submitPrompt)
        let state = try JSONParser.parse(String(contentsOfFile: stateFile, encoding: .utf8))
        XCTAssertEqual(state["state"]?["status"], "SHIPPED")
        XCTAssertEqual(state["version"], 4)
    }

    func testMarksFocusZoomOverlaysAndBlame() throws {
        let app = try AppFixture()
        app.send(.jump(to: 10), .mark, .jump(to: 200), .mark, .jump(to: 50))
        XCTAssertEqual(app.state.marks, [10, 200])
        app.send(.nextMark)
        XCTAssertEqual(app.state.cursor, 200)
        app.send(.nextMark)
        XCTAssertEqual(app.state.cursor, 10)
        app.send(.mark)
        XCTAssertEqual(app.state.marks, [200])

        app.send(.focusPrevious)
        XCTAssertEqual(app.state.focus, .outbox)
        app.send(.focusNext, .focusNext)
        XCTAssertEqual(app.state.focus, .aggregate)
        app.send(.toggleZoom)
        XCTAssertTrue(app.state.zoomed)

        app.send(.showHelp)
        XCTAssertEqual(app.state.overlay, .help)
        app.send(.dismiss)
        XCTAssertNil(app.state.overlay)

        let positions = try app.positions(of: "order-42")
        app.send(.jump(to: positions[3]))
        app.send(.blameSelectedField)  // the first row: status
        XCTAssertEqual(app.state.overlay, .blame(field: "status", selected: 1), "the list opens at the cursor's change")
        XCTAssertEqual(app.state.store.blame?.entries.map(\.event.position), [positions[0], positions[3]])
        app.send(.moveSelection(by: -1), .activate)
        XCTAssertEqual(app.state.cursor, positions[0])
        app.send(.blameSelectedField)
        app.send(.moveSelection(by: 1), .activate)
        XCTAssertNil(app.state.overlay)
        XCTAssertEqual(app.state.cursor, positions[3])
    }

    func testFoldingAndDiff() throws {
        let app = try AppFixture()
        app.send(.openPrompt(.command))
        app.type("stream inventory-main")
        app.send(.submitPrompt, .cursorToEnd, .focusNext)
        let rows = try XCTUnwrap(app.state.shown).rows
        let levels = try XCTUnwrap(rows.firstIndex { $0.path.description == "levels" })
        app.send(.moveSelection(by: levels), .activate)
        XCTAssertEqual(app.state.aggregate.folded, ["levels"])
        XCTAssertLessThan(try XCTUnwrap(app.state.shown).rows.count, rows.count)
        app.send(.toggleDiff)
        XCTAssertTrue(app.state.aggregate.showsDiff)
    }

    func testFollowKeepsTheCursorOnTheNewestEventUntilItMoves() throws {
        let app = try AppFixture()
        app.send(.toggleFollow)
        XCTAssertTrue(app.state.follows)
        XCTAssertEqual(app.state.cursor, 600)
        let appended = (601...603).map { LogEntry(position: Int64($0), time: nil, stream: "order-9") }
        app.send(.storeChanged(.appended(appended)))
        XCTAssertEqual(app.state.cursor, 603)
        XCTAssertTrue(app.state.follows)
        app.send(.moveCursor(by: -1))
        XCTAssertFalse(app.state.follows)
        app.send(.storeChanged(.appended([LogEntry(position: 604, time: nil, stream: "order-9")])))
        XCTAssertEqual(app.state.newWhilePaused, 1)
        XCTAssertTrue(app.screen().contains("PAUSED +1 new"), app.screen())
        app.send(.toggleFollow)
        XCTAssertEqual(app.state.newWhilePaused, 0)
        XCTAssertEqual(app.state.cursor, 604)
        XCTAssertTrue(app.screen().contains("LIVE"))
    }
}

/// `t` on a log whose times go back and forth: as of T is the events recorded at or before T in
/// global order (the definition `--at-time` uses), and the message says the log is out of order.
final class TimeJumpOutOfOrderTests: XCTestCase {
    func testTheCursorGoesToTheLastEventRecordedByThenAndTheNoteSaysWhatWasLeftOut() throws {
        let times = ["08:00", "08:05", "08:20", "08:10", "08:30", "08:15", "08:40"]
        let lines = times.enumerated().map { index, time in
            #"{"stream_id":"s-\#(index % 2)","type":"T","data":{"n":\#(index + 1)},"recorded_at":"2026-01-05T\#(time):00Z"}"#
        }
        let path = AppFixture.folder.path("out-of-order-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
        let app = try AppFixture(path: path)
        app.send(.cursorToStart, .openPrompt(.time))
        app.type("2026-01-05T08:16:00Z")
        app.send(.submitPrompt)
        // Recorded by 08:16: #1 08:00, #2 08:05, #4 08:10, #6 08:15; #3 (08:20) and #5 (08:30) come before #6 and are left out.
        XCTAssertEqual(app.state.cursor, 6)
        XCTAssertEqual(app.state.message?.hasPrefix("the log is not in time order: 2 events recorded after 2026-01-05T08:16:00.000Z (the first at position 3)"), true,
                       app.state.message ?? "")
        app.send(.openPrompt(.time))
        app.type("08:06")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.cursor, 2, "a prefix: #1 and #2")
        XCTAssertEqual(app.state.message, "t: as of 2026-01-05T08:06:00.000Z: 2 events")
    }
}
