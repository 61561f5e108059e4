import App
import EventModel
import EventStore
import Foundation
import GRDB
import TUICore
import XCTest

/// What the screen shows is right and reachable: outbox numbers equal SQL over the store at every
/// cursor, nothing needed is cut at a large size, what is cut is marked and scrolls, and a
/// terminal without UTF-8 gets ASCII for every symbol evx draws.
final class ScreenContentTests: XCTestCase {
    /// The outbox as of the cursor counts exactly the rows SQL counts with the cursor event's own
    /// time, at every 25th event of the log.
    func testOutboxAsOfTheCursorEqualsSQLAtEveryCursor() throws {
        let app = try AppFixture()
        let database = try DatabaseQueue(path: AppFixture.storePath, configuration: {
            var configuration = Configuration()
            configuration.readonly = true
            return configuration
        }())
        for position in stride(from: Int64(1), through: 600, by: 25) {
            app.send(.jump(to: position))
            let event = try XCTUnwrap(app.state.cursorEvent)
            let outbox = try XCTUnwrap(app.state.store.delivery?.outbox, "#\(position)")
            let (total, pending) = try database.read { db -> (Int, Int) in
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE created_at <= ?", arguments: [event.recordedAt]) ?? -1
                let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE created_at <= ? AND (published_at IS NULL OR published_at > ?)",
                                               arguments: [event.recordedAt, event.recordedAt]) ?? -1
                return (total, pending)
            }
            XCTAssertEqual(outbox.total, total, "outbox rows as of #\(position)")
            XCTAssertEqual(outbox.pending, pending, "pending rows as of #\(position)")
        }
    }

    /// At 200×60 every pane's lines fit: nothing is marked as cut.
    func testNothingIsCutAt200x60() throws {
        let app = try AppFixture(width: 200, height: 60)
        app.send(.jump(to: try app.positions(of: "order-42")[3]))
        let screen = app.screen()
        assertSnapshot(screen, named: "wide-200x60")
        XCTAssertFalse(screen.contains("more ↓"), screen)
        XCTAssertTrue(screen.contains("accounting:"), "the consumers are shown: \(screen)")
        XCTAssertTrue(screen.contains("StockReserved"), "events_per_type shows its values: \(screen)")
    }

    /// At 120×40 the panes that do not fit say so, and scrolling the focused one reaches the rest.
    func testCutPanesAreMarkedAndScroll() throws {
        let app = try AppFixture(width: 120, height: 40)
        app.send(.jump(to: try app.positions(of: "order-42")[3]))
        XCTAssertTrue(app.screen().contains("more ↓"), app.screen())
        while app.state.focus != .outbox { app.send(.focusNext) }
        XCTAssertFalse(app.screen().contains("email-service:"), app.screen())
        app.send(.cursorToEnd)
        let scrolled = app.screen()
        XCTAssertTrue(scrolled.contains("email-service:"), scrolled)
        XCTAssertTrue(scrolled.contains("/12 ─"), "the marker shows the end: \(scrolled)")
        app.send(.cursorToStart)
        XCTAssertEqual(app.state.scroll[.outbox], 0)
        XCTAssertEqual(app.state.cursor, try app.positions(of: "order-42")[3], "scrolling a pane leaves the cursor alone")
    }

    /// With the help open, j/k and G scroll it: its last line (the search syntax) can be reached at 80×24.
    func testHelpScrollsToItsEnd() throws {
        let app = try AppFixture(width: 80, height: 24)
        app.send(.showHelp)
        XCTAssertFalse(app.screen().contains("q/Ctrl+C"), app.screen())
        app.send(.cursorToEnd)
        XCTAssertTrue(app.screen().contains("data.amount>100"), app.screen())
        app.send(.moveSelection(by: -100))
        XCTAssertTrue(app.screen().contains("previous event"), app.screen())
    }

    /// Every cell of every screen drawn for a terminal without UTF-8 is ASCII (the sample's
    /// payloads are): each symbol has an ASCII form, so nothing shows as `?`.
    func testEverySymbolHasAnASCIIForm() throws {
        let app = try AppFixture(width: 120, height: 40)
        app.send(.jump(to: try app.positions(of: "order-42")[3]))
        var screens: [(String, Buffer)] = []
        func capture(_ name: String) { screens.append((name, Screen(theme: .color, unicode: false).render(app.state))) }
        capture("wide")
        app.send(.activate)
        capture("detail")
        app.send(.dismiss, .showHelp)
        capture("help")
        app.send(.dismiss, .focusNext, .blameSelectedField)
        capture("blame")
        app.send(.dismiss, .openPicker)
        capture("picker")
        app.send(.dismiss, .resize(width: 80, height: 24), .toggleDiff)
        capture("narrow diff")
        app.send(.openPrompt(.filter))
        capture("prompt")
        for (name, buffer) in screens {
            for y in 0..<buffer.height {
                for cell in buffer.row(y) where !cell.character.isASCII {
                    XCTFail("\(name): '\(cell.character)' at row \(y): \(buffer.text().split(separator: "\n", omittingEmptySubsequences: false)[y])")
                }
            }
        }
    }
}
