@testable import Replay
import XCTest

final class NameNumberingTests: XCTestCase {
    /// Numbers follow first appearance, whatever the ids (long, non-ASCII, near-identical), and
    /// stay the same through the tables' growth.
    func testNumbersStreamsInOrderOfFirstAppearance() {
        var numbering = NameNumbering()
        let ids = (0..<100_000).map { index in
            switch index % 4 {
            case 0: return "order-\(index)"
            case 1: return "\(index)"
            case 2: return "客户-\(index)-é"
            default: return String(repeating: "long-", count: 10) + "\(index)"
            }
        }
        for (index, id) in ids.enumerated() { XCTAssertEqual(numbering.number(for: id), Int32(index)) }
        for (index, id) in ids.enumerated().reversed() { XCTAssertEqual(numbering.number(for: id), Int32(index)) }
        XCTAssertEqual(numbering.count, 100_000)
        XCTAssertEqual(numbering.number(for: "order-"), 100_000)
        XCTAssertEqual(numbering.number(for: ""), 100_001)
        XCTAssertEqual(numbering.number(for: "order-"), 100_000)
    }
}
