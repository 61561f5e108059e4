import TUICore
import XCTest

final class BufferDrawingTests: XCTestCase {
    func testTextSnapshotTrimsTrailingSpacesAndKeepsEveryRow() {
        var buffer = Buffer(width: 6, height: 3)
        buffer.write("ab  ", at: 0, y: 0)
        buffer.write("c", at: 5, y: 2)
        XCTAssertEqual(buffer.text(), "ab\n\n     c")
    }

    func testFillClipsToTheBuffer() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), character: "#")
        XCTAssertEqual(buffer.text(), "\n  ##\n  ##")
    }

    func testFillWithAWideCharacterLeavesAnOddColumnBlank() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.fill(Rect(x: 0, y: 0, width: 5, height: 1), character: "日")
        XCTAssertEqual(buffer.text(), "日日")
        XCTAssertEqual(buffer[4, 0], Cell(" "))
    }

    func testSetAndModifyStyleKeepCharacters() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.write("abcd", at: 0, y: 0, style: Style(foreground: .green))
        buffer.setStyle(Rect(x: 1, y: 0, width: 2, height: 5), style: Style(bold: true))
        XCTAssertEqual(buffer[0, 0].style, Style(foreground: .green))
        XCTAssertEqual(buffer[1, 0].style, Style(bold: true))
        XCTAssertEqual(buffer[1, 1].style, Style(bold: true))
        buffer.modifyStyle(buffer.bounds) { $0.reverse = true }
        XCTAssertEqual(buffer[0, 0].style, Style(foreground: .green, reverse: true))
        XCTAssertEqual(buffer.text(), "abcd\n")
    }

    func testBoxSnapshot() {
        var buffer = Buffer(width: 8, height: 4)
        buffer.drawBox(Rect(x: 1, y: 0, width: 6, height: 3))
        buffer.write("hi", at: 2, y: 1)
        XCTAssertEqual(buffer.text(), """
             ┌────┐
             │hi  │
             └────┘

            """)
    }

    func testAsciiBoxAndClipping() {
        var buffer = Buffer(width: 5, height: 3)
        buffer.drawBox(Rect(x: 2, y: 1, width: 9, height: 9), box: .ascii)
        XCTAssertEqual(buffer.text(), "\n  +--\n  |")
        XCTAssertEqual(BoxCharacters.forTerminal(isUnicode: false), .ascii)
        XCTAssertEqual(BoxCharacters.forTerminal(isUnicode: true), .light)
    }

    func testRowsExposeStylesForDiffing() {
        var buffer = Buffer(width: 3, height: 2)
        buffer.write("x", at: 1, y: 1, style: Style(underline: true))
        XCTAssertEqual(buffer.row(1).map(\.style), [.plain, Style(underline: true), .plain])
        XCTAssertTrue(buffer.row(2).isEmpty)
        XCTAssertEqual(buffer.cells.count, 6)
    }

    func testClearResetsEveryCell() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("日x", at: 0, y: 0, style: Style(bold: true))
        buffer.clear()
        XCTAssertEqual(buffer, Buffer(width: 3, height: 1))
    }
}
