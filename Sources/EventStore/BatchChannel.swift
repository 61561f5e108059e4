import Foundation

/// Hands batches from one producer thread to one consumer thread, at most `capacity` batches
/// ahead. Either side can stop the other: the producer by closing, the consumer by cancelling.
final class BatchChannel<Element>: @unchecked Sendable {
    private var batches: [[Element]] = []
    private var closed = false
    private var cancelled = false
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private let space = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        // Created at zero and raised: libdispatch traps when a semaphore is freed below its
        // initial value, which happens when the consumer stops early.
        for _ in 0..<capacity { space.signal() }
    }

    /// Waits for room and queues a batch; false when the consumer has cancelled.
    func send(_ batch: [Element]) -> Bool {
        space.wait()
        lock.lock()
        defer { lock.unlock() }
        if cancelled { return false }
        batches.append(batch)
        available.signal()
        return true
    }

    /// The next batch, or nil once the producer has closed and everything was taken.
    func receive() -> [Element]? {
        available.wait()
        lock.lock()
        defer { lock.unlock() }
        guard !batches.isEmpty else { return nil }  // the close signal
        space.signal()
        return batches.removeFirst()
    }

    /// The producer is done (normally or not).
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        available.signal()
    }

    /// The consumer wants no more; a producer waiting for room is released.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        space.signal()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
