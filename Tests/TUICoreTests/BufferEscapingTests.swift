import TUICore
import XCTest

/// Untrusted text must never reach the terminal raw: every stored cell has to be printable.
final class BufferEscapingTests: XCTestCase {
    private func written(_ text: String, width: Int = 80) -> Buffer {
        var buffer = Buffer(width: width, height: 1)
        buffer.write(text, at: 0, y: 0)
        return buffer
    }

    private func assertEveryCellIsPrintable(_ buffer: Buffer, file: StaticString = #filePath, line: UInt = #line) {
        for cell in buffer.cells where !cell.isContinuation {
            let scalars = cell.character.unicodeScalars
            XCTAssertFalse(scalars.contains(where: SafeText.needsEscape), "raw \(scalars.map { $0.value })", file: file, line: line)
            XCTAssertGreaterThan(DisplayWidth.of(cell.character), 0, "zero-width \(scalars.map { $0.value })", file: file, line: line)
        }
    }

    func testEscapeSequencesAreShownEscaped() {
        let buffer = written("a\u{1B}]0;pwned\u{07}b\u{1B}[2Jc")
        XCTAssertEqual(buffer.text(), #"a\u001b]0;pwned\u0007b\u001b[2Jc"#)
        assertEveryCellIsPrintable(buffer)
    }

    func testC1BidiAndZeroWidthCharactersAreShownEscaped() {
        let buffer = written("x\u{9B}31m\u{202E}evil\u{200B}\u{FEFF}\u{2066}y")
        XCTAssertEqual(buffer.text(), #"x\u009b31m\u202eevil\u200b\ufeff\u2066y"#)
        assertEveryCellIsPrintable(buffer)
    }

    func testControlCharactersIncludingNewlinesAreShownEscaped() {
        let buffer = written("a\tb\r\nc\u{7F}\u{0}")
        XCTAssertEqual(buffer.text(), #"a\u0009b\u000d\u000ac\u007f\u0000"#)
        assertEveryCellIsPrintable(buffer)
    }

    func testLoneCombiningMarkIsShownEscaped() {
        let buffer = written("\u{301}x")
        XCTAssertEqual(buffer.text(), #"\u0301x"#)
        assertEveryCellIsPrintable(buffer)
    }

    func testCombiningCharacterStaysInOneCell() {
        let buffer = written("e\u{301}!")
        XCTAssertEqual(buffer[0, 0].character, "e\u{301}")
        XCTAssertEqual(buffer[1, 0].character, "!")
        XCTAssertEqual(buffer.text(), "e\u{301}!")
    }

    func testZeroWidthJoinerSequenceKeepsItsEmojiAndEscapesTheJoiners() {
        let buffer = written("👨‍👩‍👧")
        XCTAssertEqual(buffer.text(), #"👨\u200d👩\u200d👧"#)
        assertEveryCellIsPrintable(buffer)
    }

    func testEscapesAreClippedLikeOtherText() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("\u{1B}[2J", at: 0, y: 0), 5)
        XCTAssertEqual(buffer.text(), #"\u001"#)
        assertEveryCellIsPrintable(buffer)
    }

    func testUnsafeCellCharacterIsReplaced() {
        XCTAssertEqual(Cell("\u{1B}").character, "\u{FFFD}")
        XCTAssertEqual(Cell("\u{200B}").character, "\u{FFFD}")
        var buffer = Buffer(width: 3, height: 1)
        buffer.fill(buffer.bounds, character: "\u{7}")
        assertEveryCellIsPrintable(buffer)
    }

    func testArbitraryScalarsNeverStoreAnythingUnsafe() {
        var text = ""
        for value in stride(from: 0, through: 0x3000, by: 7) {
            if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
        }
        for value: UInt32 in [0x200D, 0x2028, 0x2029, 0xE0001, 0xE0041, 0xFE0F, 0x1F3FB, 0x1F1E9, 0x1F1EA] {
            text.unicodeScalars.append(Unicode.Scalar(value)!)
        }
        assertEveryCellIsPrintable(written(text, width: 20_000))
    }
}
