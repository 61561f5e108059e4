import Foundation

/// Work the explorer does off the UI thread (indexing the log, projections, delivery queries,
/// searches), one job at a time, newest first: a job still queued when a newer one of the same
/// kind arrives is dropped, so fast scrubbing never builds a backlog.
final class BackgroundWork: @unchecked Sendable {
    private let queue = DispatchQueue(label: "evx.background")
    private let lock = NSLock()
    private var latest: [String: Int] = [:]

    /// Runs `job` unless a newer job of the same kind is submitted before it starts.
    func submit(kind: String, _ job: @escaping @Sendable () -> Void) {
        lock.lock()
        let ticket = (latest[kind] ?? 0) + 1
        latest[kind] = ticket
        lock.unlock()
        queue.async { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let current = self.latest[kind] == ticket
            self.lock.unlock()
            if current { job() }
        }
    }

    /// Waits until every job submitted so far has run (tests, and shutdown).
    func drain() {
        queue.sync {}
    }
}
