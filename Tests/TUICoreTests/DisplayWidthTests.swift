import TUICore
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testASCIIIsOneColumnEach() {
        XCTAssertEqual(DisplayWidth.of("hello, world"), 12)
        XCTAssertEqual(DisplayWidth.of(Character("a")), 1)
        XCTAssertEqual(DisplayWidth.of(""), 0)
    }

    func testCJKAndFullwidthAreTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
        XCTAssertEqual(DisplayWidth.of("ｅｖｘ"), 6)
        XCTAssertEqual(DisplayWidth.of("カタカナ"), 8)
        XCTAssertEqual(DisplayWidth.of(Character("\u{3000}")), 2)  // ideographic space
    }

    func testEmojiAreTwoColumns() {
        XCTAssertEqual(DisplayWidth.of(Character("🙂")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("🚀")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("👍🏽")), 2)  // with a skin-tone modifier
        XCTAssertEqual(DisplayWidth.of(Character("🇩🇪")), 2)  // a flag: two regional indicators
        XCTAssertEqual(DisplayWidth.of(Character("✅")), 2)
    }

    func testZeroWidthJoinerSequenceIsOneEmoji() {
        XCTAssertEqual(DisplayWidth.of(Character("👨‍👩‍👧")), 2)
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧x"), 3)
    }

    func testCombiningMarksAndZeroWidthCharactersTakeNoColumn() {
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("a\u{300}\u{301}\u{302}"), 1)
        XCTAssertEqual(DisplayWidth.of(Character("\u{301}")), 0)
        XCTAssertEqual(DisplayWidth.of("\u{200B}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{200D}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{FEFF}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{1B}"), 0)
    }

    func testTextSymbolsStayOneColumn() {
        // Text-presentation symbols are one column, as libc and terminals count them.
        XCTAssertEqual(DisplayWidth.of(Character("❤")), 1)
        XCTAssertEqual(DisplayWidth.of("│─┌…→✓"), 6)
    }

    func testTruncate() {
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: 10), "hello")
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: 5), "hello")
        XCTAssertEqual(DisplayWidth.truncate("hello world", toWidth: 6), "hello…")
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: 0), "")
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: -1), "")
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: 1), "…")
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: 3, ellipsis: "..."), "...")
        XCTAssertEqual(DisplayWidth.truncate("hello", toWidth: 2, ellipsis: "..."), "he")
        XCTAssertEqual(DisplayWidth.truncate("hello world", toWidth: 8, ellipsis: ""), "hello wo")
    }

    func testTruncateNeverSplitsAWideCharacter() {
        XCTAssertEqual(DisplayWidth.truncate("日本語", toWidth: 4), "日…")
        XCTAssertEqual(DisplayWidth.truncate("日本語", toWidth: 5), "日本…")
        XCTAssertEqual(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2), "e\u{301}…")
        XCTAssertLessThanOrEqual(DisplayWidth.of(DisplayWidth.truncate("日本語", toWidth: 4)), 4)
    }
}
