import App
import EventModel
import JSON
import TUICore
import Foundation
import XCTest

final class ReduceTests: XCTestCase {
    func testCursorMovesWithinTheLog() throws {
        let app = try AppFixture()
        XCTAssertEqual(app.session.index.count, 600)
        app.send(.moveCursor(by: -5))
        XCTAssertEqual(app.state.cursor, 0)
        app.send(.moveCursor(by: 3), .moveCursor(by: 1))
        XCTAssertEqual(app.state.cursor, 4)
        app.send(.cursorToEnd)
        XCTAssertEqual(app.state.cursor, 599)
        app.send(.moveCursor(by: 10))
        XCTAssertEqual(app.state.cursor, 599)
        app.send(.pageCursor(by: -1))
        XCTAssertEqual(app.state.cursor, 599 - (40 - 8))
        app.send(.cursorToStart)
        XCTAssertEqual(app.state.cursor, 0)
    }

    func testTheWorkedExampleAtTheCursor() throws {
        let app = try AppFixture()
        let positions = try app.positions(of: "order-42")
        XCTAssertEqual(positions.count, 4)
        app.send(.openPrompt(.position))
        app.type(String(positions[3]))
        app.send(.submitPrompt)
        let shipped = try XCTUnwrap(ShownAggregate(app.state, app.session))
        XCTAssertEqual(shipped.stream, "order-42")
        XCTAssertEqual(shipped.replayed.state["status"], "SHIPPED")
        XCTAssertEqual(shipped.replayed.state["paid"], 50)
        XCTAssertEqual(shipped.replayed.state["items"], ["A"])

        app.send(.stepInStream(by: -1))
        XCTAssertEqual(app.state.pinnedStream, "order-42")
        XCTAssertEqual(app.session.index.positions[app.state.cursor], positions[2])
        let before = try XCTUnwrap(ShownAggregate(app.state, app.session))
        XCTAssertEqual(before.replayed.state["status"], "CREATED")
        XCTAssertNil(before.replayed.state["tracking"])
        app.send(.stepInStream(by: -1), .stepInStream(by: -1), .stepInStream(by: -1))
        XCTAssertEqual(app.session.index.positions[app.state.cursor], positions[0])
        XCTAssertEqual(app.state.message, "first event of order-42")
    }

    func testPromptsJumpFilterAndPin() throws {
        let app = try AppFixture()
        app.send(.openPrompt(.time))
        XCTAssertEqual(app.state.prompt?.kind, .time)
        app.type("+2h")
        app.send(.submitPrompt)
        let first = try XCTUnwrap(app.session.index.time(at: 0))
        let reached = try XCTUnwrap(app.session.index.time(at: app.state.cursor))
        XCTAssertLessThanOrEqual(reached.microseconds - first.microseconds, 7_200_000_000)
        XCTAssertGreaterThan(reached.microseconds - first.microseconds, 6_000_000_000)

        app.send(.openPrompt(.time))
        app.type("yesterday-ish")
        app.send(.submitPrompt)
        XCTAssertTrue(app.state.message?.hasPrefix("t: cannot read") == true)

        app.send(.openPrompt(.filter))
        app.type("OrderShipped")
        app.send(.submitPrompt)
        let filter = try XCTUnwrap(app.state.filter)
        XCTAssertFalse(filter.matches.isEmpty)
        XCTAssertTrue(filter.matches.allSatisfy { app.session.event(at: $0)?.type == "OrderShipped" })
        let start = app.state.cursor
        app.send(.moveSelection(by: 1))
        XCTAssertEqual(app.state.cursor, filter.matches.first { $0 > start })
        app.send(.dismiss)
        XCTAssertNil(app.state.filter)

        app.send(.openPrompt(.stream))
        app.type("inventory-main")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.pinnedStream, "inventory-main")
        app.send(.openPrompt(.stream))
        app.type("nope-1")
        app.send(.submitPrompt)
        XCTAssertEqual(app.state.pinnedStream, "inventory-main", "an unknown stream leaves the pin as it was")
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
        XCTAssertEqual(action(for: .character("q"), in: AppState(width: 80, height: 24)), .quit)
        XCTAssertEqual(action(for: .ctrl("c"), in: AppState(width: 80, height: 24)), .quit)
    }

    func testFindCommandMovesToTheFirstVersionWhereItHolds() throws {
        let app = try AppFixture()
        let positions = try app.positions(of: "order-42")
        app.send(.jumpCursor(to: app.index(of: positions[0])))
        app.send(.openPrompt(.command))
        app.type("find paid >= 50")
        app.send(.submitPrompt)
        XCTAssertEqual(app.session.index.positions[app.state.cursor], positions[2])
        XCTAssertEqual(app.state.message, "find: first holds at version 3 (#\(positions[2]))")
        app.send(.openPrompt(.command))
        app.type("find status =")
        app.send(.submitPrompt)
        XCTAssertTrue(app.state.message?.hasPrefix("find: at column") == true, app.state.message ?? "")
    }

    func testWriteSavesTheEventOrTheState() throws {
        let app = try AppFixture()
        let positions = try app.positions(of: "order-42")
        app.send(.jumpCursor(to: app.index(of: positions[3])))
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
        app.send(.jumpCursor(to: 10), .mark, .jumpCursor(to: 200), .mark, .jumpCursor(to: 50))
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
        app.send(.jumpCursor(to: app.index(of: positions[3])))
        app.send(.blameSelectedField)  // the first row: status
        XCTAssertEqual(app.state.overlay, .blame(field: "status", selected: 0))
        app.send(.moveSelection(by: 1), .activate)
        XCTAssertNil(app.state.overlay)
        XCTAssertEqual(app.session.index.positions[app.state.cursor], positions[3])
    }

    func testFoldingAndDiff() throws {
        let app = try AppFixture()
        app.send(.openPrompt(.stream))
        app.type("inventory-main")
        app.send(.submitPrompt, .cursorToEnd, .focusNext)
        let rows = try XCTUnwrap(ShownAggregate(app.state, app.session)).rows
        let levels = try XCTUnwrap(rows.firstIndex { $0.path.description == "levels" })
        app.send(.moveSelection(by: levels), .activate)
        XCTAssertEqual(app.state.aggregate.folded, ["levels"])
        XCTAssertLessThan(try XCTUnwrap(ShownAggregate(app.state, app.session)).rows.count, rows.count)
        app.send(.toggleDiff)
        XCTAssertTrue(app.state.aggregate.showsDiff)
    }

    func testFollowKeepsTheCursorOnTheNewestEventUntilItMoves() throws {
        let app = try AppFixture()
        app.send(.toggleFollow)
        XCTAssertTrue(app.state.follows)
        XCTAssertEqual(app.state.cursor, 599)
        app.send(.storeGrew(by: 3))
        XCTAssertEqual(app.state.cursor, 599)
        XCTAssertTrue(app.state.follows)
        app.send(.moveCursor(by: -1))
        XCTAssertFalse(app.state.follows)
        app.send(.storeGrew(by: 3), .storeGrew(by: 2))
        XCTAssertEqual(app.state.newWhilePaused, 5)
        XCTAssertTrue(app.screen().hasPrefix(" #"), app.screen())
        XCTAssertTrue(app.screen().contains("PAUSED +5 new"))
        app.send(.toggleFollow)
        XCTAssertEqual(app.state.newWhilePaused, 0)
        XCTAssertTrue(app.screen().contains("LIVE"))
    }
}
