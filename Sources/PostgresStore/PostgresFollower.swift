import EventModel
import Foundation

/// Follows a PostgreSQL store: one indexed query per poll for the events after the last one handed
/// out, holding back at a gap until `GapTracker` lets it pass (stores whose positions can commit
/// out of order), and waking on NOTIFY where the store sends one (Commanded).
final class PostgresFollower: EventFollower {
    private let source: PostgresSource
    private(set) var position: Int64
    private var gaps = GapTracker()
    private var listening: NotificationSignal?

    init(source: PostgresSource, after position: Int64) {
        self.source = source
        self.position = position
    }

    func next() throws -> [Event] {
        try listenIfPossible()
        let events = try source.window(after: position, limit: 1000)
        guard source.store.positionsCommitOutOfOrder else {
            if let last = events.last?.position { position = last }
            return events
        }
        var settled: [Event] = []
        for event in events {
            if event.position != position + 1 {
                let mayPass = gaps.mayPass(after: position, now: Date(),
                                           xmaxNow: { try? self.source.snapshotBound("xmax") },
                                           xminNow: { try? self.source.snapshotBound("xmin") })
                guard mayPass else { break }
            }
            gaps.clear()
            settled.append(event)
            position = event.position
        }
        return settled
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
