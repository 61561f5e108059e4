import EventModel
import Dispatch

/// Runs two pieces of work at once and returns both results. The summary of a large store is
/// independent scans, and machines have several cores.
enum ParallelWork {
    static func both<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        try withoutActuallyEscaping(first) { first in
            try withoutActuallyEscaping(second) { second in
                // Each closure runs on exactly one thread, and `concurrentPerform` returns only once
                // both have finished, so handing them across threads is safe.
                let work = UncheckedSendable((first, second))
                let results = UncheckedSendable(ResultSlots<A, B>())
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 {
                        results.value.first = Result { try work.value.0() }
                    } else {
                        results.value.second = Result { try work.value.1() }
                    }
                }
                guard let a = results.value.first, let b = results.value.second else {
                    preconditionFailure("concurrentPerform returned before both iterations ran")
                }
                return (try a.get(), try b.get())
            }
        }
    }
}

private final class ResultSlots<A, B> {
    var first: Result<A, Error>?
    var second: Result<B, Error>?
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
