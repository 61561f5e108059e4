import EventModel
import Foundation

/// The time of the first event at or after `position`.
func timeAt(_ source: EventSource, _ position: Int64) throws -> EventTime? {
    var time: EventTime?
    try source.readEvents(EventFilter(fromPosition: position, limit: 1)) { time = $0.time; return false }
    return time
}

/// Appends `rate` events per second for `seconds` seconds to a PostgreSQL benchmark table
/// (Message DB's `message_store.messages`, or Marten's `marten.mt_events` with `?store=marten`)
/// through psql and `postgres-follow-writer.sql` (the writer `postgres-tail-latency.py` uses):
/// 10 events per transaction, each row's time taken at insert, so that a follower's latency is
/// the time it shows an event minus that event's time.
final class FollowWriter {
    private let process = Process()

    init(url: String, rate: Int, seconds: Int) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("postgres-follow-writer.sql")
        let database = url.split(separator: "?").first.map(String.init) ?? url
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", database, "-X", "-q", "-v", "store=\(url.contains("store=marten") ? "marten" : "messagedb")",
                             "-v", "batches=\(rate * seconds / 10)", "-v", "pause=\(10_000 / rate) ms",
                             "-v", "run=\(Int(Date().timeIntervalSince1970))", "-f", script.path]
        try process.run()
    }

    func wait() { process.waitUntilExit() }
}
