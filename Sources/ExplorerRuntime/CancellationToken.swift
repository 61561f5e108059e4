import EventModel

/// Set when a request's answer is no longer wanted; long work checks it between events.
final class CancellationToken: Sendable {
    private let flag = Locked(false)

    var isCancelled: Bool { flag.get() }

    func cancel() { flag.set(true) }
}
