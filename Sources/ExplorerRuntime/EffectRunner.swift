import App
#if canImport(Glibc)
import Glibc
#endif
import EventModel
import Replay

/// Runs the core's effects off the UI thread and posts their answers as actions. Six workers,
/// each with its own connection: quick reads (windows, events, files), stream histories (long
/// folds), long work the screen asks for by itself (indexing, projections), scans the user asked
/// for (search, the stream list, a time), so they start at once even while a 10M-event projection
/// runs, the outbox and consumers (whose first answer reads their tables whole), and a watcher
/// that follows other processes' commits. A newer request of a kind cancels the older one through
/// `.cancel`; cancelled work stops between events and its answer is never posted.
public final class EffectRunner: Sendable {
    private let mailbox = Mailbox()
    private let quick: StoreWorker
    private let streams: StoreWorker
    private let long: StoreWorker
    private let scans: StoreWorker
    private let delivery: StoreWorker
    private let watcher: StoreWatcher
    private let tokens = Locked<[RequestID: CancellationToken]>([:])
    private let generation = Locked(0)
    /// Whether the open store is read in windows only (its time lookups are quick probes).
    private let windowsOnly = Locked(false)
    private let storePath: String?

    /// `open` makes a connection to the store (each worker calls it on its own thread, again after
    /// a reload); `storePath` is the file to watch for replacement and to protect from `:write`.
    public init(rules: Rules, storePath: String?, open: @escaping @Sendable () throws -> EventSource) {
        self.storePath = storePath
        quick = StoreWorker(name: "evx.quick", rules: rules, mailbox: mailbox, open: open)
        streams = StoreWorker(name: "evx.streams", rules: rules, mailbox: mailbox, open: open)
        long = StoreWorker(name: "evx.long", rules: rules, mailbox: mailbox, open: open)
        scans = StoreWorker(name: "evx.scans", rules: rules, mailbox: mailbox, open: open)
        delivery = StoreWorker(name: "evx.delivery", rules: rules, mailbox: mailbox, open: open)
        watcher = StoreWatcher(path: storePath, mailbox: mailbox, open: open)
    }

    deinit { stop() }

    /// The descriptor the run loop waits on with the terminal: readable when answers are waiting.
    public var wakeDescriptor: Int32 { mailbox.wakePipe.readEnd }

    /// The answers posted since the last call, in order.
    public func takeActions() -> [Action] { mailbox.take() }

    /// Waits up to `timeoutMilliseconds` for an answer to be posted (for drivers without a terminal).
    public func waitForActions(timeoutMilliseconds: Int) -> [Action] {
        var descriptor = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(clamping: timeoutMilliseconds))
        return takeActions()
    }

    /// Stops the workers; the jobs running are cancelled, so none goes on reading after the
    /// explorer has closed (workers stop between events, not at once).
    public func stop() {
        for token in tokens.withLock({ tokens in defer { tokens.removeAll() }; return Array(tokens.values) }) { token.cancel() }
        quick.stop()
        streams.stop()
        long.stop()
        scans.stop()
        delivery.stop()
        watcher.stop()
    }

    public func run(_ effects: [Effect]) {
        for effect in effects { run(effect) }
    }

    private func run(_ effect: Effect) {
        guard let request = effect.request else {
            if case .cancel(let id) = effect { tokens.withLock { $0.removeValue(forKey: id) }?.cancel() }
            return
        }
        if case .open = effect {
            watcher.pause()
            generation.update { $0 += 1 }
        }
        let token = CancellationToken()
        tokens.update { $0[request] = token }
        let job = Job(request: request, generation: generation.get(), token: token) { [tokens, storePath, watcher, long, mailbox, windowsOnly] context, token in
            let handler = EffectHandler(context: context, request: request, token: token, mailbox: mailbox, storePath: storePath)
            guard case .open = effect else {
                defer { tokens.update { _ = $0.removeValue(forKey: request) } }
                return try handler.answer(effect)
            }
            let identity = storePath.flatMap(FileIdentity.init(path:))
            let opened = try handler.open()
            windowsOnly.set(context.source.windowsOnly)
            watcher.start(after: opened.bounds?.last, generation: context.generation, identity: identity)
            if opened.indexing {
                // Indexing is long: the long worker does it while this one answers windows.
                long.submit(Job(request: request, generation: context.generation, token: token) { context, token in
                    defer { tokens.update { _ = $0.removeValue(forKey: request) } }
                    return try EffectHandler(context: context, request: request, token: token, mailbox: mailbox, storePath: storePath).index()
                })
            } else {
                tokens.update { _ = $0.removeValue(forKey: request) }
            }
            return opened.action
        }
        worker(for: effect).submit(job)
    }

    private func worker(for effect: Effect) -> StoreWorker {
        switch effect {
        case .loadStream, .find, .blame: return streams
        case .project: return long
        case .search, .listStreams: return scans
        // A walk over the whole log, except where the log is only read in windows: ~24 index probes.
        case .locateTime: return windowsOnly.get() ? quick : scans
        case .loadDelivery, .loadEventDeliveries: return delivery
        default: return quick
        }
    }
}
