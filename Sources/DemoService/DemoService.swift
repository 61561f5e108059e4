import EventModel
import EventStore
import Foundation
import GRDB
import JSON
import Replay
import StoreGenerator

/// A running order service writing to a native store in WAL mode, with the concurrent parts of a
/// real deployment, each on its own thread:
/// - the command handler validates customers' commands and appends each accepted one's event and
///   its outbox row in one transaction (the outbox pattern), with correlation and causation ids;
/// - the outbox relay publishes pending rows in order to an in-memory broker, with injected broker
///   failures (retried with backoff, `last_error` kept) and the occasional crash after publishing
///   but before marking, so the row is published again;
/// - idempotent consumers record `processed_events` in the same transaction as their effect and
///   skip duplicates;
/// - a projector advances `projection_checkpoints` with a varying lag.
public final class DemoService: Sendable {
    public struct Options: Sendable {
        public var eventsPerSecond: Double
        public var seed: UInt64

        public init(eventsPerSecond: Double = 200, seed: UInt64 = 1) {
            self.eventsPerSecond = eventsPerSecond
            self.seed = seed
        }
    }

    /// Counters for the status line and the tests.
    public struct Status: Sendable {
        public var events = 0
        public var rejected = 0
        public var published = 0
        public var brokerFailures = 0
        public var republished = 0
        public var processed = 0
        public var duplicatesSkipped = 0
    }

    public static let consumers = ["orders": ["inventory-service", "email-service"], "billing": ["accounting"], "shipping": ["email-service"]]
    public static let projections = ["orders_by_status", "revenue", "events_per_type"]

    private let pool: DatabasePool
    private let options: Options
    private let broker = Broker(subscriptions: DemoService.consumers)
    private let state = Locked(Status())
    private let stopping = Locked(false)
    private let commandsDone = Locked(false)
    private let finished = DispatchGroup()

    /// Creates the store (which must not exist) with the native schema, in WAL mode.
    public init(path: String, options: Options) throws {
        self.options = options
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "evx.demo"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(sql: NativeStoreSchema.all)
            try db.execute(sql: "CREATE TABLE consumer_effects (consumer TEXT NOT NULL, event_id TEXT NOT NULL, effect TEXT NOT NULL)")
        }
    }

    public var status: Status { state.get() }

    // MARK: - Running

    /// Starts every part on its own thread and returns.
    public func start() {
        spawn("commands") { self.runCommands() }
        spawn("relay") { self.runRelay() }
        for consumer in broker.consumers { spawn(consumer) { self.runConsumer(consumer) } }
        spawn("projector") { self.runProjector() }
    }

    /// Stops taking commands, lets the relay and consumers drain (at most `drainSeconds`), and
    /// waits for every thread to end.
    public func stop(drainSeconds: Double = 15) {
        commandsDone.set(true)
        let deadline = Date().addingTimeInterval(drainSeconds)
        while Date() < deadline, (try? pendingOutboxRows()) ?? 0 > 0 || broker.backlog > 0 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        stopping.set(true)
        finished.wait()
        // Fold the write-ahead log into the database, so the store is one self-contained file.
        _ = try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try? pool.close()
    }

    public func pendingOutboxRows() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE published_at IS NULL") ?? 0 }
    }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        finished.enter()
        let thread = Thread { [finished] in
            body()
            finished.leave()
        }
        thread.name = "evx.demo.\(name)"
        thread.start()
    }

    // MARK: - Command handler

    private func runCommands() {
        var desk = OrderDesk()
        var traffic = CustomerTraffic(seed: options.seed)
        var random = SeededRandom(seed: options.seed ^ 0xC0FFEE)
        let reducer = Reducer(rules: (try? RulesLoader.parse(StoreGenerator.rules(for: .orders), file: "orders")) ?? .merge)
        var writer = CommandWriter(reducer: reducer)
        let started = Date()
        var issued = 0
        while !commandsDone.get() && !stopping.get() {
            // The rate counts accepted commands (events); rejected ones come on top.
            let due = Int(Date().timeIntervalSince(started) * options.eventsPerSecond)
            if issued >= due {
                Thread.sleep(forTimeInterval: min(0.01, 1 / options.eventsPerSecond))
                continue
            }
            let command = traffic.next(desk)
            switch desk.handle(command) {
            case .failure:
                state.update { $0.rejected += 1 }
            case .success(let event):
                issued += 1
                do {
                    try pool.write { db in try writer.append(event, random: &random, db: db) }
                    state.update { $0.events += 1 }
                } catch {
                    state.update { $0.rejected += 1 }
                }
            }
        }
    }

    // MARK: - Outbox relay

    private func runRelay() {
        var random = SeededRandom(seed: options.seed ^ 0x0DE1A7)
        var retryAfter: [Int64: Date] = [:]
        var publishedUnmarked: Set<Int64> = []
        while !stopping.get() {
            let rows: [Row] = (try? pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, event_id, destination, payload, attempts FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 200")
            }) ?? []
            if rows.isEmpty { Thread.sleep(forTimeInterval: 0.02); continue }
            for row in rows {
                let id: Int64 = row["id"], attempts: Int64 = row["attempts"]
                if let wait = retryAfter[id], wait > Date() { continue }
                let now = recordedNow()
                if random.chance(0.03) {
                    // The broker refused: count the attempt, keep the error, back off.
                    let error = random.pick(["broker unavailable: connection refused", "publish timeout after 5000 ms"])
                    _ = try? pool.write { db in
                        try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", arguments: [error, id])
                    }
                    retryAfter[id] = Date().addingTimeInterval(0.05 * pow(2, Double(min(attempts, 5))))
                    state.update { $0.brokerFailures += 1 }
                    continue
                }
                broker.publish(Broker.Message(eventID: row["event_id"], destination: row["destination"], payload: row["payload"]))
                if !publishedUnmarked.contains(id), random.chance(0.005) {
                    // The relay "crashes" after publishing and before marking: it will publish again.
                    publishedUnmarked.insert(id)
                    _ = try? pool.write { db in try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", arguments: [id]) }
                    state.update { $0.republished += 1 }
                    continue
                }
                _ = try? pool.write { db in
                    try db.execute(sql: "UPDATE outbox SET published_at = ?, attempts = attempts + 1 WHERE id = ?", arguments: [now, id])
                }
                retryAfter[id] = nil
                publishedUnmarked.remove(id)
                state.update { $0.published += 1 }
            }
        }
    }

    // MARK: - Consumers

    private func runConsumer(_ name: String) {
        while !stopping.get() {
            let messages = broker.take(for: name, limit: 100)
            if messages.isEmpty { Thread.sleep(forTimeInterval: 0.02); continue }
            for message in messages {
                let outcome: Bool? = try? pool.write { db in
                    // Idempotent: the dedup row and the effect commit together, or neither does.
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM processed_events WHERE consumer = ? AND event_id = ?",
                                         arguments: [name, message.eventID]) == true {
                        return false
                    }
                    try db.execute(sql: "INSERT INTO processed_events (consumer, event_id, processed_at) VALUES (?, ?, ?)",
                                   arguments: [name, message.eventID, self.recordedNow()])
                    try db.execute(sql: "INSERT INTO consumer_effects (consumer, event_id, effect) VALUES (?, ?, ?)",
                                   arguments: [name, message.eventID, "handled \(message.destination) message"])
                    return true
                }
                state.update { if outcome == true { $0.processed += 1 } else if outcome == false { $0.duplicatesSkipped += 1 } }
            }
        }
    }

    // MARK: - Projector

    private func runProjector() {
        var random = SeededRandom(seed: options.seed ^ 0x9A0)
        while !stopping.get() {
            Thread.sleep(forTimeInterval: 0.25)
            _ = try? pool.write { db in
                let head = try Int64.fetchOne(db, sql: "SELECT max(position) FROM events") ?? 0
                for projection in Self.projections {
                    let lag = Int64(random.int(0...max(1, Int(options.eventsPerSecond / 2))))
                    try db.execute(sql: """
                        INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (projection) DO UPDATE SET position = max(position, excluded.position), updated_at = excluded.updated_at
                        """, arguments: [projection, max(0, head - lag), recordedNow()])
                }
            }
        }
    }

    private func recordedNow() -> String {
        EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1000) * 1000).iso8601
    }
}
