import TUICore
import XCTest

final class KeyEventTests: XCTestCase {
    func testNames() {
        XCTAssertEqual(KeyEvent.ctrl("c").description, "Ctrl+C")
        XCTAssertEqual(KeyEvent.alt("x").description, "Alt+x")
        XCTAssertEqual(KeyEvent.character("q").description, "q")
        XCTAssertEqual(KeyEvent.character(" ").description, "Space")
        XCTAssertEqual(KeyEvent(.up, modifiers: .shift).description, "Shift+Up")
        XCTAssertEqual(KeyEvent(.down, modifiers: [.control, .alt, .shift]).description, "Ctrl+Alt+Shift+Down")
        XCTAssertEqual(KeyEvent(.pageDown).description, "PageDown")
        XCTAssertEqual(KeyEvent(.function(5)).description, "F5")
        XCTAssertEqual(KeyEvent(.escape).description, "Esc")
        XCTAssertEqual(KeyEvent(.backTab).description, "Shift+Tab")
        XCTAssertEqual(KeyEvent.character("\u{1B}").description, #"\u001b"#)
    }

    func testKeysWorkAsDictionaryKeys() {
        let bindings: [KeyEvent: String] = [.ctrl("c"): "quit", .character("q"): "quit", KeyEvent(.down): "next"]
        XCTAssertEqual(bindings[KeyEvent(.character("c"), modifiers: .control)], "quit")
        XCTAssertEqual(bindings[.ctrl("C")], "quit")
        XCTAssertEqual(bindings[KeyEvent(.down)], "next")
        XCTAssertNil(bindings[KeyEvent(.down, modifiers: .shift)])
    }

    func testXtermModifierParameter() {
        XCTAssertEqual(KeyModifiers(xtermParameter: 1), [])
        XCTAssertEqual(KeyModifiers(xtermParameter: 2), .shift)
        XCTAssertEqual(KeyModifiers(xtermParameter: 5), .control)
        XCTAssertEqual(KeyModifiers(xtermParameter: 7), [.control, .alt])
        XCTAssertEqual(KeyModifiers(xtermParameter: 9), .alt)
    }

    func testColorIndexes() {
        XCTAssertNil(Color.default.ansiIndex)
        XCTAssertEqual(Color.red.ansiIndex, 1)
        XCTAssertEqual(Color.brightWhite.ansiIndex, 15)
        XCTAssertTrue(Color.brightBlack.isBright)
        XCTAssertFalse(Color.white.isBright)
        XCTAssertEqual(Set(Color.allCases.compactMap(\.ansiIndex)), Set(0..<16))
    }
}
