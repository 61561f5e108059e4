import App
import Dispatch
import EventModel
import Foundation
import Replay

/// What a worker's thread holds: its own connection to the store (and, on the long worker, the
/// projection engine). It never leaves that thread, so SQLite statements are stepped where they
/// were prepared and a non-thread-safe source is used by one thread only.
final class WorkerContext {
    let source: EventSource
    let generation: Int
    let rules: Rules
    private(set) lazy var engine = ProjectionEngine(rules: rules)

    init(source: EventSource, generation: Int, rules: Rules) {
        self.source = source
        self.generation = generation
        self.rules = rules
    }
}

/// One unit of work for a worker: its request (for cancellation) and what it does.
struct Job: Sendable {
    let request: RequestID?
    /// The store generation it was asked in: a worker holding an older connection reopens first.
    let generation: Int
    let token: CancellationToken
    let work: @Sendable (WorkerContext, CancellationToken) throws -> Action?
}

/// A thread that runs jobs one at a time, in order, on a connection it owns. Jobs cancelled
/// before they start are skipped; a failing job answers `.failed` with one line.
final class StoreWorker: Sendable {
    private let jobs = Locked<[Job]>([])
    private let stopped = Locked(false)
    private let available = DispatchSemaphore(value: 0)

    /// Starts the thread. `open` makes a connection (again after a reload); answers go to `mailbox`.
    init(name: String, rules: Rules, mailbox: Mailbox, open: @escaping @Sendable () throws -> EventSource) {
        let thread = Thread { [jobs, stopped, available] in
            Self.yieldToTheUI()
            var context: WorkerContext?
            while true {
                available.wait()
                if stopped.get() { return }
                var next: Job?
                jobs.update { if !$0.isEmpty { next = $0.removeFirst() } }
                guard let job = next, !job.token.isCancelled else { continue }
                do {
                    if context == nil || context?.generation != job.generation {
                        context = nil
                        context = WorkerContext(source: try open(), generation: job.generation, rules: rules)
                    }
                    guard let context else { continue }
                    if let answer = try job.work(context, job.token), !job.token.isCancelled { mailbox.post(answer) }
                } catch {
                    if let request = job.request, !job.token.isCancelled { mailbox.post(.failed(request, Self.oneLine(error, source: context?.source))) }
                }
            }
        }
        thread.name = name
        // Rules, JSON and replay recurse on nested values: a main thread's stack, not a worker's default.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Lowers this thread's scheduling priority (Linux's nice is per thread), so that on a machine
    /// whose cores are all busy with workers the UI thread still draws a key's frame at once.
    private static func yieldToTheUI() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)  // 0: the calling thread, on Linux
        #endif
    }

    func submit(_ job: Job) {
        jobs.update { $0.append(job) }
        available.signal()
    }

    func stop() {
        stopped.set(true)
        available.signal()
    }

    /// The error as one line for the footer, without the store's name in front (the header shows it).
    static func oneLine(_ error: Error, source: EventSource? = nil) -> String {
        let line = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let path = source?.path, line.hasPrefix(path + ": ") else { return line }
        return String(line.dropFirst(path.count + 2))
    }
}
