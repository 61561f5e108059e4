import App
import TUICore
import XCTest

/// Rendered screens at fixed sizes, compared as text with Snapshots/*.txt
/// (re-record with `EVX_RECORD_SNAPSHOTS=1 swift test --filter ScreenSnapshotTests`).
final class ScreenSnapshotTests: XCTestCase {
    /// The fixture at order-42's last event, views settled.
    private func atWorkedExample(width: Int, height: Int) throws -> AppFixture {
        let app = try AppFixture(width: width, height: height)
        let positions = try app.positions(of: "order-42")
        app.send(.jumpCursor(to: app.index(of: positions[3])))
        return app
    }

    func testWideLayoutShowsEveryPane() throws {
        assertSnapshot(try atWorkedExample(width: 120, height: 40).screen(), named: "wide-120x40")
    }

    func testEachPaneAt80x24() throws {
        let app = try atWorkedExample(width: 80, height: 24)
        for pane in AppState.Pane.allCases {
            app.state.focus = pane
            assertSnapshot(app.screen(), named: "pane-\(pane.rawValue)-80x24")
        }
    }

    func testHelpOverlay() throws {
        let app = try atWorkedExample(width: 80, height: 24)
        app.send(.showHelp)
        assertSnapshot(app.screen(), named: "help-80x24")
    }

    func testDetailAndBlameOverlays() throws {
        let app = try atWorkedExample(width: 120, height: 40)
        app.send(.activate)
        assertSnapshot(app.screen(), named: "detail-120x40")
        app.send(.dismiss, .focusNext, .blameSelectedField)
        assertSnapshot(app.screen(), named: "blame-120x40")
    }

    func testDiffViewAndAsciiFallback() throws {
        let app = try atWorkedExample(width: 80, height: 24)
        app.send(.toggleDiff)
        assertSnapshot(app.screen(unicode: false), named: "diff-ascii-80x24")
    }

    func testSmallestUsefulSize() throws {
        let app = try atWorkedExample(width: 40, height: 12)
        app.state.focus = .aggregate
        let text = app.screen()
        assertSnapshot(text, named: "aggregate-40x12")
        XCTAssertTrue(text.contains("SHIPPED"), text)
    }

    func testNothingIsDrawnOutsideTheScreenAtAnySize() throws {
        let app = try atWorkedExample(width: 120, height: 40)
        for (width, height) in [(0, 0), (1, 1), (5, 3), (20, 6), (39, 11), (99, 30), (100, 30), (200, 60)] {
            app.send(.resize(width: width, height: height))
            let buffer = Screen(theme: .color, unicode: true).render(app.state, app.session)
            XCTAssertEqual(buffer.width, width)
            XCTAssertEqual(buffer.height, height)
            XCTAssertEqual(buffer.text().split(separator: "\n", omittingEmptySubsequences: false).count, max(height, 1))
        }
    }
}
