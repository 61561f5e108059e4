import Foundation

/// Threads that read or decode for the thread that called a read, at that thread's priority: a
/// new thread inherits its creator's nice value on Linux, where a pooled one of the global
/// dispatch queue runs at the default. In the explorer the caller is a store worker running below
/// the UI thread (`StoreWorker`); its helpers must not run above it and take the cores from the
/// UI while a large file is read.
enum HelperThreads {
    /// Parsing and folding recurse on nested values: a main thread's stack, not a secondary one's default.
    static let stackSize = 8 << 20

    /// Starts `count` threads running `body`; the group is done when all have returned.
    /// The caller waits on it before anything `body` uses goes away.
    static func start(_ count: Int, name: String, _ body: @escaping @Sendable () -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.name = name
            thread.stackSize = stackSize
            thread.start()
        }
        return group
    }
}
