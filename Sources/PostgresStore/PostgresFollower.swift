import EventModel
import Foundation

/// Follows a PostgreSQL store for `evx tail`: `readAppended` from the last event handed out (one
/// indexed query, gaps waited for), waking on NOTIFY where the store sends one (Commanded).
final class PostgresFollower: EventFollower {
    private let source: PostgresSource
    private(set) var position: Int64
    private var listening: NotificationSignal?

    init(source: PostgresSource, after position: Int64) {
        self.source = source
        self.position = position
    }

    func next() throws -> [Event] {
        try listenIfPossible()
        var settled: [Event] = []
        try source.readAppended(after: position) { event in
            settled.append(event)
            return true
        }
        if let last = settled.last?.position { position = last }
        return settled
    }

    /// A lost or refused connection may come back; an error the server answered over a working
    /// connection (permission denied, a statement timeout) will not.
    func mayRecover(from error: any Error) -> Bool {
        !source.lastFailureWasRefusal
    }

    func waitForChange(timeoutMilliseconds: Int) -> Bool {
        if let listening { return listening.wait(milliseconds: timeoutMilliseconds) }
        Thread.sleep(forTimeInterval: Double(timeoutMilliseconds) / 1000)
        return false
    }

    /// LISTENs on the store's channel once per connection (again after a reconnection).
    private func listenIfPossible() throws {
        guard let channel = source.store.notifyChannel else { return }
        listening = try source.withServer { server in
            try server.listen(channel)
        }
    }
}

extension PostgresSource: FollowableSource {
    /// The events committed after `position`, each once, in order: one window query; where
    /// positions can commit out of order, only up to the first gap that `GapTracker` does not yet
    /// let pass (what the explorer's watcher and `evx tail` read with). After `Int64.min`, the
    /// log's first event has no gap before it.
    public func readAppended(after position: Int64, _ body: (Event) throws -> Bool) throws {
        var previous = position
        if previous == Int64.min, let first = try positionBounds()?.first { previous = first - 1 }
        let events = try window(after: previous, limit: Self.appendedWindow)
        for event in events {
            if store.positionsCommitOutOfOrder, event.position != previous + 1 {
                let mayPass = gaps.mayPass(after: previous, now: Date(),
                                           xmaxNow: { try? self.snapshotBound("xmax") },
                                           xminNow: { try? self.snapshotBound("xmin") })
                guard mayPass else { return }
            }
            gaps.clear()
            previous = event.position
            if try !body(event) { return }
        }
    }

    /// From the start: after the position before the first event. From now: after the last. On an
    /// empty store: after 0, since the sequences these stores number events with start at 1.
    public func follower(fromStart: Bool) throws -> EventFollower {
        let bounds = try positionBounds()
        let start = fromStart ? bounds.map { $0.first - 1 } : bounds?.last
        return PostgresFollower(source: self, after: start ?? 0)
    }

    /// `xmin` or `xmax` of the current snapshot: which transactions have ended (read-only safe).
    func snapshotBound(_ bound: String) throws -> Int64? {
        try withServer { server in
            try server.rows("SELECT txid_snapshot_\(bound)(txid_current_snapshot())").first?.int64(0)
        }
    }
}
