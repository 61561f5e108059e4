/// The outbox as of a moment: what had been written by then, and what of it was published.
///
/// `attempts` and `last_error` are the rows' current values (the table keeps no history of them),
/// so "failing" and "redelivered" describe the rows as they stand now.
public struct OutboxStatus: Equatable, Sendable {
    public struct Destination: Equatable, Sendable {
        public var name: String
        public var total: Int
        public var published: Int
        public var pending: Int
        /// Pending rows whose last attempt failed.
        public var failing: Int
        /// Published rows that took more than one attempt (at-least-once delivery at work).
        public var redelivered: Int
        public var oldestPending: EventTime?

        public init(name: String, total: Int, published: Int, pending: Int, failing: Int, redelivered: Int, oldestPending: EventTime?) {
            self.name = name
            self.total = total
            self.published = published
            self.pending = pending
            self.failing = failing
            self.redelivered = redelivered
            self.oldestPending = oldestPending
        }
    }

    public var asOf: EventTime
    public var destinations: [Destination]
    /// Pending rows at the end of each of `pendingHistory.count` equal slices of the hour before
    /// `asOf` (oldest first): the relay's lag over time, for a sparkline.
    public var pendingHistory: [Int]

    public static let historyWindowMicroseconds: Int64 = 3_600_000_000

    public init(asOf: EventTime, destinations: [Destination], pendingHistory: [Int] = []) {
        self.asOf = asOf
        self.destinations = destinations
        self.pendingHistory = pendingHistory
    }

    public var total: Int { destinations.reduce(0) { $0 + $1.total } }
    public var published: Int { destinations.reduce(0) { $0 + $1.published } }
    public var pending: Int { destinations.reduce(0) { $0 + $1.pending } }
    public var failing: Int { destinations.reduce(0) { $0 + $1.failing } }
    public var redelivered: Int { destinations.reduce(0) { $0 + $1.redelivered } }
    public var oldestPending: EventTime? { destinations.compactMap(\.oldestPending).min() }
}

/// An idempotent consumer as of a moment, from its dedup table (`processed_events`).
public struct ConsumerStatus: Equatable, Sendable {
    public var name: String
    public var processed: Int
    public var lastProcessedAt: EventTime?

    public init(name: String, processed: Int, lastProcessedAt: EventTime?) {
        self.name = name
        self.processed = processed
        self.lastProcessedAt = lastProcessedAt
    }
}

/// A read model's stored progress (`projection_checkpoints`).
public struct ProjectionCheckpoint: Equatable, Sendable {
    public var projection: String
    public var position: Int64
    public var updatedAt: EventTime?

    public init(projection: String, position: Int64, updatedAt: EventTime?) {
        self.projection = projection
        self.position = position
        self.updatedAt = updatedAt
    }
}

/// Where one event went: its outbox rows and the consumers that recorded processing it.
public struct EventDeliveries: Equatable, Sendable {
    public struct OutboxRow: Equatable, Sendable {
        public var destination: String
        public var publishedAt: String?
        public var attempts: Int
        public var lastError: String?

        public init(destination: String, publishedAt: String?, attempts: Int, lastError: String?) {
            self.destination = destination
            self.publishedAt = publishedAt
            self.attempts = attempts
            self.lastError = lastError
        }
    }

    public var outbox: [OutboxRow]
    /// Consumer names with the time each recorded the event as processed.
    public var processedBy: [(consumer: String, at: String)]

    public init(outbox: [OutboxRow], processedBy: [(consumer: String, at: String)]) {
        self.outbox = outbox
        self.processedBy = processedBy
    }

    public static func == (a: EventDeliveries, b: EventDeliveries) -> Bool {
        a.outbox == b.outbox && a.processedBy.map { "\($0.consumer) \($0.at)" } == b.processedBy.map { "\($0.consumer) \($0.at)" }
    }
}

/// Sources that hold the delivery side of the system (the native SQLite format does; JSON Lines
/// does not). Each method returns nil when its table is absent.
public protocol DeliveryTables: AnyObject {
    func outboxStatus(asOf time: EventTime) throws -> OutboxStatus?
    func consumerStatuses(asOf time: EventTime) throws -> [ConsumerStatus]?
    func projectionCheckpoints() throws -> [ProjectionCheckpoint]?
    func deliveries(ofEvent id: String) throws -> EventDeliveries
}
