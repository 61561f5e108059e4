import TUICore
import XCTest

final class RectTests: XCTestCase {
    func testSizesAreNeverNegative() {
        var rect = Rect(x: 1, y: 2, width: -5, height: -1)
        XCTAssertEqual(rect.width, 0)
        XCTAssertEqual(rect.height, 0)
        XCTAssertTrue(rect.isEmpty)
        rect.width = -3
        XCTAssertEqual(rect.width, 0)
    }

    func testInset() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 5)
        XCTAssertEqual(rect.inset(by: 1), Rect(x: 1, y: 1, width: 8, height: 3))
        XCTAssertEqual(rect.inset(top: 1, left: 2), Rect(x: 2, y: 1, width: 8, height: 4))
        XCTAssertEqual(rect.inset(by: 4), Rect(x: 4, y: 4, width: 2, height: 0))
        XCTAssertEqual(rect.inset(by: 20).width, 0)
    }

    func testIntersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        XCTAssertEqual(a.intersection(Rect(x: 5, y: -2, width: 10, height: 4)), Rect(x: 5, y: 0, width: 5, height: 2))
        XCTAssertTrue(a.intersection(Rect(x: 20, y: 20, width: 3, height: 3)).isEmpty)
        XCTAssertTrue(a.contains(x: 9, y: 0))
        XCTAssertFalse(a.contains(x: 10, y: 0))
    }

    func testSplitHorizontallyPlacesColumnsSideBySide() {
        let rect = Rect(x: 2, y: 1, width: 20, height: 5)
        XCTAssertEqual(rect.splitHorizontally([.fixed(5), .fill, .fixed(3)]), [
            Rect(x: 2, y: 1, width: 5, height: 5),
            Rect(x: 7, y: 1, width: 12, height: 5),
            Rect(x: 19, y: 1, width: 3, height: 5),
        ])
    }

    func testSplitVerticallyStacksRows() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 24)
        XCTAssertEqual(rect.splitVertically([.fixed(1), .fill, .fixed(1)]).map(\.height), [1, 22, 1])
        XCTAssertEqual(rect.splitVertically([.fixed(1), .fill, .fixed(1)]).map(\.y), [0, 1, 23])
    }

    func testFractionsCoverTheRoomExactly() {
        let rect = Rect(x: 0, y: 0, width: 81, height: 1)
        let halves = rect.splitHorizontally([.fraction(0.5), .fraction(0.5)])
        XCTAssertEqual(halves.map(\.width).reduce(0, +), 81)
        XCTAssertEqual(halves[1].x, halves[0].maxX)
        let thirds = Rect(x: 0, y: 0, width: 10, height: 1).splitHorizontally([.fraction(1.0 / 3), .fraction(1.0 / 3), .fraction(1.0 / 3)])
        XCTAssertEqual(thirds.map(\.width).reduce(0, +), 10)
    }

    func testFractionsShareWhatFixedPartsLeave() {
        let rect = Rect(x: 0, y: 0, width: 100, height: 1)
        XCTAssertEqual(rect.splitHorizontally([.fixed(30), .fraction(0.5), .fraction(0.5)]).map(\.width), [30, 35, 35])
        XCTAssertEqual(rect.splitHorizontally([.fraction(0.25), .fill]).map(\.width), [25, 75])
    }

    func testFillsShareTheRemainderEvenly() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 1)
        XCTAssertEqual(rect.splitHorizontally([.fill, .fill, .fill]).map(\.width), [4, 3, 3])
    }

    func testTooLittleRoomNeverOverflowsOrGoesNegative() {
        let rect = Rect(x: 0, y: 0, width: 5, height: 1)
        let parts = rect.splitHorizontally([.fixed(4), .fixed(4), .fill, .fraction(2), .fixed(-3)])
        XCTAssertEqual(parts.map(\.width), [4, 1, 0, 0, 0])
        XCTAssertTrue(parts.allSatisfy { $0.maxX <= rect.maxX && $0.width >= 0 })
        XCTAssertEqual(Rect(x: 0, y: 0, width: 0, height: 0).splitVertically([.fill, .fixed(2)]).map(\.height), [0, 0])
    }

    func testCentered() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        XCTAssertEqual(rect.centered(width: 40, height: 10), Rect(x: 20, y: 7, width: 40, height: 10))
        XCTAssertEqual(rect.centered(width: 100, height: 50), rect)
    }
}
