import TUICore
import XCTest

final class BufferWriteTests: XCTestCase {
    func testWritesTextAndReturnsColumnsAdvanced() {
        var buffer = Buffer(width: 10, height: 2)
        XCTAssertEqual(buffer.write("hello", at: 1, y: 0), 5)
        XCTAssertEqual(buffer.text(), " hello\n")
        XCTAssertEqual(buffer[1, 0].character, "h")
        XCTAssertEqual(buffer[5, 0].character, "o")
    }

    func testClipsAtTheRightEdge() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("abcdefgh", at: 2, y: 0), 3)
        XCTAssertEqual(buffer.text(), "  abc")
    }

    func testClipsAtMaxWidth() {
        var buffer = Buffer(width: 10, height: 1)
        XCTAssertEqual(buffer.write("abcdefgh", at: 1, y: 0, maxWidth: 3), 3)
        XCTAssertEqual(buffer.text(), " abc")
        XCTAssertEqual(buffer.write("xyz", at: 6, y: 0, maxWidth: 0), 0)
        XCTAssertEqual(buffer.write("xyz", at: 6, y: 0, maxWidth: -4), 0)
        XCTAssertEqual(buffer.text(), " abc")
    }

    func testRowsOutsideTheBufferAreNotWritten() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.write("top", at: 0, y: -1)
        buffer.write("bottom", at: 0, y: 2)
        buffer.write("end", at: 0, y: 1)
        XCTAssertEqual(buffer.text(), "\nend")
    }

    func testNegativeColumnsClipTheStart() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("abcdef", at: -2, y: 0), 6)  // the next free column is 4
        XCTAssertEqual(buffer.text(), "cdef")
        XCTAssertEqual(buffer.write("abc", at: 10, y: 0), 0)
        XCTAssertEqual(buffer.write("abc", at: -10, y: 0), 3)
    }

    func testWideCharactersTakeTwoCells() {
        var buffer = Buffer(width: 8, height: 1)
        XCTAssertEqual(buffer.write("日本x", at: 0, y: 0), 5)
        XCTAssertEqual(buffer[0, 0].width, 2)
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertEqual(buffer[2, 0].character, "本")
        XCTAssertEqual(buffer[4, 0].character, "x")
        XCTAssertEqual(buffer.text(), "日本x")
    }

    func testWideCharacterThatDoesNotFitAtTheRightEdgeBecomesASpace() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.fill(buffer.bounds, character: ".")
        XCTAssertEqual(buffer.write("ab日本", at: 0, y: 0), 5)
        XCTAssertEqual(buffer.text(), "ab日")
        XCTAssertEqual(buffer[4, 0], Cell(" "))
        var limited = Buffer(width: 10, height: 1)
        limited.fill(limited.bounds, character: ".")
        XCTAssertEqual(limited.write("日本", at: 0, y: 0, maxWidth: 3), 3)
        XCTAssertEqual(limited.text(), "日 .......")
    }

    func testWideCharacterCutByTheLeftEdgeLeavesASpace() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.fill(buffer.bounds, character: ".")
        XCTAssertEqual(buffer.write("日本", at: -1, y: 0), 4)
        XCTAssertEqual(buffer.text(), " 本.")
        XCTAssertFalse(buffer[0, 0].isContinuation)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("日本語", at: 0, y: 0)
        buffer.write("x", at: 1, y: 0)  // right half of 日
        buffer.write("y", at: 2, y: 0)  // left half of 本
        XCTAssertEqual(buffer.text(), " xy 語")
        for x in 0..<4 { XCTAssertEqual(buffer[x, 0].width, 1, "column \(x)") }
    }

    func testSubscriptSetterKeepsWideCharactersWhole() {
        var buffer = Buffer(width: 3, height: 1)
        buffer[0, 0] = Cell("日")
        XCTAssertTrue(buffer[1, 0].isContinuation)
        buffer[2, 0] = Cell("本")  // does not fit in the last column
        XCTAssertEqual(buffer[2, 0], Cell(" "))
        buffer[5, 5] = Cell("x")  // outside: ignored
        XCTAssertEqual(buffer[5, 5], .blank)
        XCTAssertEqual(buffer.text(), "日")
    }

    func testStyleIsStored() {
        var buffer = Buffer(width: 4, height: 1)
        let bold = Style(foreground: .red, bold: true)
        buffer.write("ab", at: 0, y: 0, style: bold)
        XCTAssertEqual(buffer[0, 0].style, bold)
        XCTAssertEqual(buffer[2, 0].style, .plain)
    }

    func testEmptyBufferAcceptsEverything() {
        var buffer = Buffer(width: -3, height: 0)
        XCTAssertEqual(buffer.width, 0)
        XCTAssertEqual(buffer.write("abc", at: 0, y: 0), 0)
        buffer.fill(Rect(x: 0, y: 0, width: 5, height: 5), character: "x")
        XCTAssertEqual(buffer.text(), "")
    }
}
