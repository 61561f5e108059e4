import EventModel
import Foundation
@testable import PostgresStore
import XCTest

/// A lost connection is dialled again at once, then no sooner than a pause that doubles up to two
/// seconds while the server stays unreachable; meanwhile the last failure is answered at once.
final class ReconnectBackoffTests: XCTestCase {
    private let refused = ServerFailure(error: StoreError("postgres://u@h:5432/db: cannot connect (refused)"), isRefusal: false)

    func testTheFirstAttemptIsImmediateAndPausesDoubleUpToTheLongest() {
        var backoff = ReconnectBackoff()
        let start = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertNil(backoff.failureToRepeat(at: start), "nothing failed yet: dial")
        var now = start
        var pauses: [TimeInterval] = []
        for _ in 0..<7 {
            backoff.failed(refused, at: now)
            XCTAssertEqual(backoff.failureToRepeat(at: now.addingTimeInterval(0.05))?.description, refused.description, "within the pause")
            // The earliest moment the next attempt is allowed.
            var pause = 0.05
            while backoff.failureToRepeat(at: now.addingTimeInterval(pause)) != nil { pause += 0.05 }
            pauses.append((pause * 100).rounded() / 100)
            now = now.addingTimeInterval(pause)
        }
        XCTAssertEqual(pauses, [0.1, 0.2, 0.4, 0.8, 1.6, 2, 2])
    }

    func testASuccessStartsOver() {
        var backoff = ReconnectBackoff()
        let now = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<5 { backoff.failed(refused, at: now) }
        backoff.succeeded()
        XCTAssertNil(backoff.failureToRepeat(at: now))
        backoff.failed(refused, at: now)
        XCTAssertNil(backoff.failureToRepeat(at: now.addingTimeInterval(0.1)), "the first pause again")
    }
}
