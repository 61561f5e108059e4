import TUICore
import XCTest

final class InputDecoderTests: XCTestCase {
    func testControlBytes() {
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{03}"), .ctrl("c"))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{03}"), KeyEvent(.character("c"), modifiers: .control))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{01}"), .ctrl("a"))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{1A}"), .ctrl("z"))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\r"), KeyEvent(.enter))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\n"), KeyEvent(.enter))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\t"), KeyEvent(.tab))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{7F}"), KeyEvent(.backspace))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{08}"), KeyEvent(.backspace))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{1B}"), KeyEvent(.escape))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{00}"), .ctrl(" "))
        XCTAssertEqual(InputDecoder.key(forCharacter: "\u{1F}"), .ctrl("_"))
        XCTAssertEqual(InputDecoder.key(forCharacter: "q"), .character("q"))
        XCTAssertEqual(InputDecoder.key(forCharacter: "日"), .character("日"))
    }

    func testAlt() {
        XCTAssertEqual(InputDecoder.withAlt(.character("x")), .alt("x"))
        XCTAssertEqual(InputDecoder.withAlt(.ctrl("a")), KeyEvent(.character("a"), modifiers: [.control, .alt]))
    }

    func testCSISequences() {
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[A"), KeyEvent(.up))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[1;5A"), KeyEvent(.up, modifiers: .control))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[1;2D"), KeyEvent(.left, modifiers: .shift))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[1;3C"), KeyEvent(.right, modifiers: .alt))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[1;8B"), KeyEvent(.down, modifiers: [.shift, .alt, .control]))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[H"), KeyEvent(.home))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[F"), KeyEvent(.end))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[Z"), KeyEvent(.backTab))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[99;5u"), .ctrl("c"))
    }

    func testTildeSequences() {
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[3~"), KeyEvent(.delete))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[5;5~"), KeyEvent(.pageUp, modifiers: .control))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[6~"), KeyEvent(.pageDown))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[15~"), KeyEvent(.function(5)))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[24;2~"), KeyEvent(.function(12), modifiers: .shift))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[1~"), KeyEvent(.home))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "[4~"), KeyEvent(.end))
    }

    func testSS3Sequences() {
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "OP"), KeyEvent(.function(1)))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "OS"), KeyEvent(.function(4)))
        XCTAssertEqual(InputDecoder.key(forEscapeSequence: "OA"), KeyEvent(.up))
    }

    func testUnknownSequencesAreNil() {
        XCTAssertNil(InputDecoder.key(forEscapeSequence: ""))
        XCTAssertNil(InputDecoder.key(forEscapeSequence: "["))
        XCTAssertNil(InputDecoder.key(forEscapeSequence: "[99~"))
        XCTAssertNil(InputDecoder.key(forEscapeSequence: "[1;xA"))
        XCTAssertNil(InputDecoder.key(forEscapeSequence: "[?1049h"))
        XCTAssertNil(InputDecoder.key(forEscapeSequence: "X1"))
    }

    func testTerminfoNames() {
        XCTAssertEqual(InputDecoder.key(forTerminfoName: "kUP5"), KeyEvent(.up, modifiers: .control))
        XCTAssertEqual(InputDecoder.key(forTerminfoName: "kDC3"), KeyEvent(.delete, modifiers: .alt))
        XCTAssertEqual(InputDecoder.key(forTerminfoName: "kNXT6"), KeyEvent(.pageDown, modifiers: [.control, .shift]))
        XCTAssertEqual(InputDecoder.key(forTerminfoName: "kLFT"), KeyEvent(.left))
        XCTAssertNil(InputDecoder.key(forTerminfoName: "kxIN"))
        XCTAssertNil(InputDecoder.key(forTerminfoName: ""))
    }
}
