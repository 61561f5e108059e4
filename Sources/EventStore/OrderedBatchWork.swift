import Foundation

/// Batches that one producer thread submits, worked on by several worker threads at once and
/// collected by one consumer thread in the order they were submitted. The producer waits while
/// `window` batches are submitted but not yet collected, so memory is bounded whatever the
/// input's length. While the batch it needs next is not ready, the consumer works on a waiting
/// one itself rather than wait. The producer closes (with the error that stopped it, if any); the
/// consumer can cancel, which releases everyone.
///
/// `@unchecked Sendable` because the compiler cannot see the lock: every stored property below
/// `condition` is read and written only between `condition.lock()` and `unlock()`, and what
/// crosses threads (inputs, outputs, errors) is Sendable.
final class OrderedBatchWork<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private var waiting: [(index: Int, input: Input)] = []
    private var submitted = 0
    private var nextToCollect = 0
    private var finished: [Int: Output] = [:]
    private var closed = false
    private var failure: (any Error)?
    private var cancelled = false

    init(window: Int) {
        self.window = max(1, window)
    }

    /// Producer: queues a batch, waiting for room; false when the consumer has cancelled.
    func submit(_ input: Input) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, submitted - nextToCollect >= window { condition.wait() }
        guard !cancelled else { return false }
        waiting.append((submitted, input))
        submitted += 1
        condition.broadcast()
        return true
    }

    /// Producer: nothing more will be submitted, normally (nil) or because of `failure`.
    func close(failure: (any Error)? = nil) {
        condition.lock()
        closed = true
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// Worker: the next batch and its number; nil once the producer has closed and every batch
    /// was taken, or the consumer cancelled.
    func take() -> (index: Int, input: Input)? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, waiting.isEmpty, !closed { condition.wait() }
        guard !cancelled, !waiting.isEmpty else { return nil }
        return waiting.removeFirst()
    }

    /// Worker: the result of batch `index`.
    func deliver(_ index: Int, _ output: Output) {
        condition.lock()
        if !cancelled { finished[index] = output }
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next batch's result in submission order, working on waiting batches with
    /// `work` until it is there; nil after the last one; throws the producer's failure once the
    /// results of the batches it submitted are taken.
    func collect(workingMeanwhile work: (Input) -> Output) throws -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, finished[nextToCollect] == nil, !(closed && nextToCollect == submitted) {
            guard !waiting.isEmpty else {
                condition.wait()
                continue
            }
            let (index, input) = waiting.removeFirst()
            condition.unlock()
            let output = work(input)
            condition.lock()
            if !cancelled { finished[index] = output }
            condition.broadcast()
        }
        if let output = finished.removeValue(forKey: nextToCollect) {
            nextToCollect += 1
            condition.broadcast()
            return output
        }
        if !cancelled, let failure { throw failure }
        return nil
    }

    /// Consumer: wants no more; waiting producers and workers are released.
    func cancel() {
        condition.lock()
        cancelled = true
        finished = [:]
        waiting = []
        condition.broadcast()
        condition.unlock()
    }
}
