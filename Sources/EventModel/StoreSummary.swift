/// What `evx info` reports about a store: sizes, time span, types, optional tables and integrity.
public struct StoreSummary: Sendable, Equatable {
    public var kind: SourceKind
    public var path: String
    /// Which family's store this is (`evx`, `eventsourcing (Python)`, ...), when the format has families.
    public var family: String?
    public var eventCount: Int
    public var streamCount: Int
    public var firstPosition: Int64?
    public var lastPosition: Int64?
    /// The earliest and latest readable event times.
    public var firstTime: EventTime?
    public var lastTime: EventTime?
    /// Events per event type, most frequent first.
    public var eventTypes: [TypeCount]
    /// Streams and events per stream (aggregate) type, most events first.
    public var streamTypes: [StreamTypeCount]
    /// The optional tables present (snapshots, outbox, ...) with their row counts.
    public var tables: [TableCount]
    public var warnings: [IntegrityWarning]
    /// Where each projection or consumer has read up to (the family's checkpoint table), with its lag.
    public var checkpoints: [CheckpointLag] = []
    /// Whether the counts (events, streams, per type) are estimates rather than counted: a
    /// large PostgreSQL table is summarised without being read (docs/postgres.md).
    public var countsAreEstimates = false

    public init(kind: SourceKind, path: String, eventCount: Int = 0, streamCount: Int = 0,
                firstPosition: Int64? = nil, lastPosition: Int64? = nil, firstTime: EventTime? = nil,
                lastTime: EventTime? = nil, eventTypes: [TypeCount] = [], streamTypes: [StreamTypeCount] = [],
                tables: [TableCount] = [], warnings: [IntegrityWarning] = []) {
        self.kind = kind
        self.path = path
        self.eventCount = eventCount
        self.streamCount = streamCount
        self.firstPosition = firstPosition
        self.lastPosition = lastPosition
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.eventTypes = eventTypes
        self.streamTypes = streamTypes
        self.tables = tables
        self.warnings = warnings
    }
}

/// A checkpoint and how many events of the log come after it.
public struct CheckpointLag: Sendable, Equatable {
    public var checkpoint: ProjectionCheckpoint
    public var eventsBehind: Int
    /// Recorded time between the event at the checkpoint and the log's last event, where known.
    public var microsecondsBehind: Int64?
    /// Behind, and last updated well before the log's last event was recorded: it stopped.
    public var stalled: Bool

    public init(checkpoint: ProjectionCheckpoint, eventsBehind: Int, microsecondsBehind: Int64? = nil, stalled: Bool = false) {
        self.checkpoint = checkpoint
        self.eventsBehind = eventsBehind
        self.microsecondsBehind = microsecondsBehind
        self.stalled = stalled
    }

    /// How long before the log's last event a checkpoint may have been updated, while behind,
    /// before it counts as stalled.
    public static let stallMicroseconds: Int64 = 60_000_000
}

public struct TypeCount: Sendable, Equatable {
    public var name: String
    public var events: Int
    public init(name: String, events: Int) { self.name = name; self.events = events }
}

public struct StreamTypeCount: Sendable, Equatable {
    public var name: String
    public var streams: Int
    public var events: Int
    public init(name: String, streams: Int, events: Int) { self.name = name; self.streams = streams; self.events = events }
}

public struct TableCount: Sendable, Equatable {
    public var name: String
    public var rows: Int
    public init(name: String, rows: Int) { self.name = name; self.rows = rows }
}

/// Something in the store that breaks the event-sourcing invariants, with a few examples.
public struct IntegrityWarning: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case duplicateEventIDs = "duplicate_event_ids"
        case duplicateStreamVersions = "duplicate_stream_versions"
        case missingStreamVersions = "missing_stream_versions"
        case positionsOutOfTimeOrder = "positions_out_of_time_order"
        case unreadableTimes = "unreadable_times"
        case invalidPayloads = "invalid_payloads"
        case skippedLines = "skipped_lines"
    }

    public var kind: Kind
    /// How many events (or streams, or lines) are affected.
    public var count: Int
    /// A few of them, for a person to look at.
    public var examples: [String]

    public init(kind: Kind, count: Int, examples: [String]) {
        self.kind = kind
        self.count = count
        self.examples = examples
    }

    /// One line for a person.
    public var message: String {
        let shown = examples.isEmpty ? "" : " (e.g. " + examples.joined(separator: ", ") + ")"
        switch kind {
        case .duplicateEventIDs: return "\(count) event id(s) used more than once\(shown)"
        case .duplicateStreamVersions: return "\(count) stream(s) with a version used more than once\(shown)"
        case .missingStreamVersions: return "\(count) stream(s) with missing versions\(shown)"
        case .positionsOutOfTimeOrder: return "\(count) event(s) recorded earlier than the event before them\(shown)"
        case .unreadableTimes: return "\(count) event(s) without a readable recorded time\(shown)"
        case .invalidPayloads: return "\(count) event(s) whose data or metadata is not a JSON object\(shown)"
        case .skippedLines: return "\(count) line(s) skipped\(shown)"
        }
    }
}

extension IntegrityWarning {
    /// How many examples a warning keeps.
    public static let exampleLimit = 5
}
