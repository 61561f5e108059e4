import App
import EventModel
import Foundation

/// Notices what other processes do to the store while it is explored: commits (with the events
/// they appended), and the file being replaced, truncated or deleted. Its own thread and
/// connection poll every `interval` with one cheap query (SQLite's data version, a JSON Lines
/// file's size), so following costs next to nothing while nothing happens.
final class StoreWatcher: Sendable {
    /// How often it looks.
    static let interval = 0.025
    /// Events read per look at most (a burst is taken in several looks).
    static let batchLimit = 10_000

    private struct Watch: Sendable {
        var generation = 0
        /// The last position reported (nil until the store was opened).
        var after: Int64?
        /// The file as it was when the store was opened.
        var identity: FileIdentity?
        var started = false
    }

    private let watch = Locked(Watch())
    private let stopped = Locked(false)

    init(path: String?, mailbox: Mailbox, open: @escaping @Sendable () throws -> EventSource) {
        let thread = Thread { [watch, stopped] in
            var source: EventSource?
            var generation = -1
            var token: Int64?
            var identity: FileIdentity?
            var reportedGone = false, reportedReplaced = false
            /// Whether the last look failed (and the footer was told).
            var failing = false
            while !stopped.get() {
                Thread.sleep(forTimeInterval: Self.interval)
                let current = watch.get()
                guard current.started, let after = current.after else { continue }
                if current.generation != generation {
                    // Opened (again, after a reload): a new connection, and the file as it was when
                    // the store was opened; the first look reads whatever came after `after`.
                    generation = current.generation
                    source = try? open()
                    token = nil
                    identity = current.identity
                    reportedGone = false
                    reportedReplaced = false
                    failing = false
                }
                if let path, let known = identity {
                    guard let now = FileIdentity(path: path) else {
                        if !reportedGone { mailbox.post(.storeChanged(.gone)) }
                        reportedGone = true
                        continue
                    }
                    if known.isReplaced(by: now) {
                        if !reportedReplaced { mailbox.post(.storeChanged(.replaced)) }
                        reportedReplaced = true
                        continue
                    }
                    identity = now
                }
                let change: (entries: [LogEntry], token: Int64)?
                do {
                    let current = try source ?? open()
                    source = current
                    change = try Self.look(at: current, after: after, known: token)
                } catch {
                    // The server restarting, a dropped connection, a writer's lock: say so once and
                    // look again (a PostgreSQL source reconnects by itself, with a growing pause).
                    // The position is kept, so what is committed meanwhile is read on recovery.
                    if !failing { mailbox.post(.storeChanged(.failing(StoreWorker.oneLine(error, source: source) + " (retrying)"))) }
                    failing = true
                    continue
                }
                if failing { mailbox.post(.storeChanged(.recovered)) }
                failing = false
                guard let (entries, latest) = change else { continue }
                // A full batch may have more behind it: leave the token so the next look reads on.
                if entries.count < Self.batchLimit { token = latest }
                if let last = entries.last?.position {
                    watch.update { if $0.generation == generation { $0.after = last } }
                    mailbox.post(.storeChanged(.appended(entries)))
                } else {
                    mailbox.post(.storeChanged(.committed))
                }
            }
        }
        thread.name = "evx.watch"
        thread.start()
    }

    /// What was committed after `after`, when the change token moved from `known`: the events
    /// (up to `batchLimit`) and the new token; nil when nothing changed.
    private static func look(at source: EventSource, after: Int64, known: Int64?) throws -> (entries: [LogEntry], token: Int64)? {
        let latest = try source.changeToken()
        guard latest != known else { return nil }
        var entries: [LogEntry] = []
        try source.readAppended(after: after) { event in
            entries.append(LogEntry(position: event.position, time: event.time, stream: event.stream))
            return entries.count < Self.batchLimit
        }
        return (entries, latest)
    }

    /// Watches from `position` on (the newest event the explorer has), for the store opened as
    /// `generation` when its file was `identity`.
    func start(after position: Int64?, generation: Int, identity: FileIdentity?) {
        watch.update { $0 = Watch(generation: generation, after: position ?? Int64.min, identity: identity, started: true) }
    }

    /// Stops watching until `start` (a reload is under way).
    func pause() {
        watch.update { $0.started = false }
    }

    func stop() {
        stopped.set(true)
    }
}
