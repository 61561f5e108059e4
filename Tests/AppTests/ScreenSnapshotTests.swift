import App
import TUICore
import XCTest

/// Rendered screens at fixed sizes, compared with Snapshots/*.txt: text, and for the main
/// layouts the styles too (re-record with `EVX_RECORD_SNAPSHOTS=1 swift test --filter ScreenSnapshotTests`).
final class ScreenSnapshotTests: XCTestCase {
    /// The fixture at order-42's last event, every pane's data arrived.
    private func atWorkedExample(width: Int, height: Int) throws -> AppFixture {
        let app = try AppFixture(width: width, height: height)
        let positions = try app.positions(of: "order-42")
        app.send(.jump(to: positions[3]))
        return app
    }

    private func focus(_ pane: AppState.Pane, _ app: AppFixture) {
        while app.state.focus != pane { app.send(.focusNext) }
    }

    func testWideLayoutShowsEveryPane() throws {
        let app = try atWorkedExample(width: 120, height: 40)
        assertSnapshot(app.screen(), named: "wide-120x40")
        assertSnapshot(app.styledScreen(), named: "wide-120x40-styled")
    }

    func testEachPaneAt80x24() throws {
        let app = try atWorkedExample(width: 80, height: 24)
        for pane in AppState.Pane.allCases {
            focus(pane, app)
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
        let wide = try atWorkedExample(width: 120, height: 40)
        assertSnapshot(wide.styledScreen(unicode: false), named: "wide-ascii-120x40-styled")
    }

    func testSmallestUsefulSize() throws {
        let app = try atWorkedExample(width: 40, height: 12)
        focus(.aggregate, app)
        let text = app.screen()
        assertSnapshot(text, named: "aggregate-40x12")
        XCTAssertTrue(text.contains("SHIPPED"), text)
    }

    func testNothingIsDrawnOutsideTheScreenAtAnySize() throws {
        let app = try atWorkedExample(width: 120, height: 40)
        for (width, height) in [(0, 0), (1, 1), (5, 3), (20, 6), (39, 11), (99, 30), (100, 30), (200, 60)] {
            app.send(.resize(width: width, height: height))
            let buffer = Screen(theme: .color, unicode: true).render(app.state)
            XCTAssertEqual(buffer.width, width)
            XCTAssertEqual(buffer.height, height)
            XCTAssertEqual(buffer.text().split(separator: "\n", omittingEmptySubsequences: false).count, max(height, 1))
        }
    }
}
