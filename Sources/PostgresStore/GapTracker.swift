import Foundation

/// Decides when a follower may pass a gap in the positions it has seen.
///
/// In a sequence-numbered table written by concurrent transactions, position 105 can become
/// visible before 104: 104's transaction is still running (it will fill the gap) or was rolled
/// back (the gap is permanent). A gap is passed once every transaction that was running when it
/// was first seen has ended (the snapshot horizon has moved past them) and it stayed empty for
/// `minimum`; or, whatever the horizon, after `grace` (a transaction that took a sequence value
/// before it had a transaction id, or a long unrelated writer holding the horizon back). A
/// writer's transaction open longer than `grace` can therefore still be passed: the price of
/// never stopping for good.
struct GapTracker {
    /// The longest a gap holds the follower back.
    var grace: TimeInterval = 30
    /// A gap is never passed sooner than this, even when the horizon says it may be.
    var minimum: TimeInterval = 0.2

    private(set) var open: (after: Int64, firstSeen: Date, horizon: Int64?)?

    /// Whether the gap right after `position` may be passed now. `horizon` tells whether every
    /// transaction running when the gap was first seen (`xmax` then) has ended.
    mutating func mayPass(after position: Int64, now: Date, xmaxNow: () -> Int64?, xminNow: () -> Int64?) -> Bool {
        guard let gap = open, gap.after == position else {
            open = (position, now, xmaxNow())
            return false
        }
        let age = now.timeIntervalSince(gap.firstSeen)
        if age >= grace { return true }
        if age >= minimum, let horizon = gap.horizon, let xmin = xminNow(), xmin >= horizon { return true }
        return false
    }

    mutating func clear() { open = nil }
}
