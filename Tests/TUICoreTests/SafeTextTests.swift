import XCTest
import TUICore

final class SafeTextTests: XCTestCase {
    func testEscapesControlAndInvisibleCharacters() {
        XCTAssertEqual(SafeText.escaped("a\u{1B}[31mb\u{9B}c\u{202E}d\u{200B}e\tf"), #"a\u001b[31mb\u009bc\u202ed\u200be\u0009f"#)
        XCTAssertEqual(SafeText.escaped("plain ✓ 日本"), "plain ✓ 日本")
    }
}
