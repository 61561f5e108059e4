import Foundation

/// A value that several threads read and change, guarded by a lock: the explorer's workers and
/// the demo's service threads share their state through it.
///
/// It is `@unchecked Sendable` because the compiler cannot see the lock: every access to `value`
/// goes through `lock` (there is no other path to it), and `Value` must itself be `Sendable`, so
/// nothing non-thread-safe can be smuggled across threads inside it.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func get() -> Value {
        withLock { $0 }
    }

    public func set(_ newValue: Value) {
        withLock { $0 = newValue }
    }

    public func update(_ change: (inout Value) -> Void) {
        withLock(change)
    }

    /// Changes the value and returns something from it, in one critical section.
    public func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
