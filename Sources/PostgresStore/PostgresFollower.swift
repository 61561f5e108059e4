import EventModel
import EventStore
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
        // Which transactions had ended is read before the window: one that ends between the two
        // reads may have committed the missing position after the window's snapshot, and passing
        // the gap on its end would skip that event for good.
        let xminBeforeWindow = store.positionsCommitOutOfOrder && gaps.open != nil ? (try? snapshotBound("xmin")) ?? nil : nil
        let events = try events(DialectQueries.EventQuery(fromPosition: previous + 1, limit: Self.appendedWindow),
                                checkingPayloads: true, includingDetails: true, deadlineSeconds: Self.followDeadlineSeconds)
        for event in events {
            if store.positionsCommitOutOfOrder, event.position != previous + 1 {
                let mayPass = gaps.mayPass(after: previous, now: Date(),
                                           xmaxNow: { try? self.snapshotBound("xmax") },
                                           xminNow: { xminBeforeWindow })
                guard mayPass else { return }
            }
            gaps.clear()
            previous = event.position
            if try !body(event) { return }
        }
    }

    /// A follower's poll reads at most `appendedWindow` rows by index, in milliseconds: a connection
    /// that has not answered one in this long is taken for lost and opened again (after a server
    /// restart, a query sent as the connection died was seen to wait forever).
    static let followDeadlineSeconds: Int64 = 10

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
