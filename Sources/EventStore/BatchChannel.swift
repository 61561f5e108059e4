import Foundation

/// Hands batches from one producer thread to one consumer thread, at most `capacity` batches
/// ahead. Either side can stop the other: the producer by closing (with the error that stopped
/// it, if any), the consumer by cancelling.
///
/// `@unchecked Sendable` because the compiler cannot see the lock: every stored property below
/// `condition` is read and written only between `condition.lock()` and `unlock()`, and what
/// crosses threads (batches of Sendable elements, errors) is Sendable.
final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[Element]] = []
    private var closed = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Waits for room and queues a batch; false when the consumer has cancelled.
    func send(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, batches.count >= capacity { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer is done, normally (nil) or because of `failure`.
    func close(failure: (any Error)? = nil) {
        condition.lock()
        closed = true
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil once the producer has closed and everything was taken; throws the
    /// producer's failure after the batches it sent.
    func receive() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !closed { condition.wait() }
        guard !batches.isEmpty else {
            if let failure { throw failure }
            return nil
        }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// The consumer wants no more; a producer waiting for room is released.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
