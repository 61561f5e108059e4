import Foundation

/// Hands out the numbers of a file's chunks to worker threads and takes back their results, which
/// the reading thread collects in chunk order. Workers stay at most `window` chunks ahead of the
/// reader, so memory is bounded whatever the file's size; the reader can stop them early. While
/// the chunk it needs next is not ready, the reader decodes one itself rather than wait.
///
/// `@unchecked Sendable` because the compiler cannot see the lock: every stored property below
/// `condition` is read and written only between `condition.lock()` and `unlock()`, and results
/// are Sendable values, so sharing an instance between threads is safe.
final class ChunkHandoff<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var nextToHandOut = 0
    private var nextToCollect = 0
    private var delivered: [Int: Result] = [:]
    private var stopped = false

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    /// The next chunk for a worker to decode, or nil when none is left or the reader stopped.
    /// Waits while the workers are `window` chunks ahead of the reader.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, nextToHandOut < count, nextToHandOut >= nextToCollect + window { condition.wait() }
        guard !stopped, nextToHandOut < count else { return nil }
        nextToHandOut += 1
        return nextToHandOut - 1
    }

    func deliver(_ chunk: Int, _ result: Result) {
        condition.lock()
        if !stopped { delivered[chunk] = result }
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk's result in file order; nil after the last one. Until it is there, the
    /// reader decodes the next chunk no worker has taken with `decode`, or waits when none is left.
    func collect(decodingMeanwhile decode: (Int) -> Result) -> Result? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToCollect < count, !stopped else { return nil }
        while delivered[nextToCollect] == nil {
            guard nextToHandOut < count, nextToHandOut < nextToCollect + window else {
                condition.wait()
                continue
            }
            let index = nextToHandOut
            nextToHandOut += 1
            condition.unlock()
            let result = decode(index)
            condition.lock()
            delivered[index] = result
            condition.broadcast()
        }
        let result = delivered.removeValue(forKey: nextToCollect)
        nextToCollect += 1
        condition.broadcast()
        return result
    }

    /// The reader wants no more: workers finish the chunk in hand and take no other.
    func stop() {
        condition.lock()
        stopped = true
        delivered = [:]
        condition.broadcast()
        condition.unlock()
    }
}
