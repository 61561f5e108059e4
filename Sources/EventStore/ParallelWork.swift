import Foundation

/// Runs two pieces of work at once, one on a new thread and one on the caller's, and returns both
/// results. The summary of a large store is two independent scans, and machines have several cores.
enum ParallelWork {
    static func both<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        try withoutActuallyEscaping(first) { first in
            nonisolated(unsafe) var firstResult: Result<A, Error>?
            nonisolated(unsafe) let work = first
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                firstResult = Result { try work() }
                done.signal()
            }
            thread.stackSize = 1 << 22
            thread.start()
            let secondResult = Result { try second() }
            done.wait()
            // The semaphore orders the thread's write before this read.
            guard let firstResult else { fatalError("the worker thread ended without a result") }
            return (try firstResult.get(), try secondResult.get())
        }
    }
}
