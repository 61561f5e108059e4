/// Follows a live store: hands out each newly committed event once, in position order, even where
/// positions become visible out of order (PostgreSQL sequences written by concurrent
/// transactions). Used by one thread at a time.
public protocol EventFollower: AnyObject {
    /// The position of the last event handed out.
    var position: Int64 { get }
    /// Events settled since the last call, in position order; empty when nothing new is settled.
    /// Throws when the store cannot be reached; the next call tries again, losing nothing.
    func next() throws -> [Event]
    /// Waits until the store notifies a change (true) or `timeoutMilliseconds` pass (false).
    func waitForChange(timeoutMilliseconds: Int) -> Bool
    /// Whether an error `next()` threw may pass by itself (the server restarting, the network),
    /// so following should retry; a refusal (permission denied, a statement timeout) will not.
    func mayRecover(from error: any Error) -> Bool
}

/// Sources with their own way to follow a live store (others are followed by `changeToken`).
public protocol FollowableSource: EventSource {
    /// A follower that hands out the events committed from now on, or, with `fromStart`, every
    /// event from the first.
    func follower(fromStart: Bool) throws -> EventFollower
}
