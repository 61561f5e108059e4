/// How one family of event stores maps its tables into evx's model: where events, snapshots and
/// checkpoints live, which columns hold what, and how payloads are encoded. A dialect is plain
/// data: drivers (SQLite here, PostgreSQL in `PostgresStore`) render its queries with their own
/// `SQLSyntax`, and `EventRowDecoder` turns the rows into `Event`s the same way for every driver.
/// A `--map` file is a dialect written by a person (`StoreMapping`). See docs/dialects.md.
public struct StoreDialect: Sendable {
    /// The family as `evx info` names it, e.g. `eventsourcing (Python)`.
    public var family: String
    public var events: EventRelation
    /// The events of one stream, when reading them takes another path than filtering `events` by
    /// stream (Rails Event Store: the stream's links, so events linked into it count too).
    public var streamEvents: EventRelation?
    public var snapshots: SnapshotRelation?
    public var checkpoints: CheckpointRelation?
    /// Tables whose rows `evx info` counts beside the events, present in this store.
    public var countedTables: [String]
    /// Whether the native format's delivery tables (outbox, processed_events) are there to read.
    public var hasNativeDelivery: Bool
    /// How a stream id a person types becomes the stored one.
    public var streamIDForm: StreamIDForm = .asStored

    public init(family: String, events: EventRelation, streamEvents: EventRelation? = nil,
                snapshots: SnapshotRelation? = nil, checkpoints: CheckpointRelation? = nil,
                countedTables: [String] = [], hasNativeDelivery: Bool = false) {
        self.family = family
        self.events = events
        self.streamEvents = streamEvents
        self.snapshots = snapshots
        self.checkpoints = checkpoints
        self.countedTables = countedTables
        self.hasNativeDelivery = hasNativeDelivery
    }
}

/// The columns that make an event, as expressions over one relation.
public struct EventRelation: Sendable, Equatable {
    public var source: RelationSource
    /// Which rows of the source are events, for a table that holds other rows too.
    public var conditions: [SQLCondition] = []
    /// Global order; the column every window query filters and orders by (index-backed).
    public var position: SQLExpression
    /// `nil`: the event has no id of its own, evx shows its position.
    public var eventID: SQLExpression?
    public var stream: SQLExpression
    public var streamType: StreamTypeSource
    public var version: SQLExpression
    /// What the first version of a stream is stored as (0 or 1); evx shows versions 1-based.
    public var versionBase: Int64 = 1
    public var type: SQLExpression
    public var typeNaming: TypeNaming = .asStored
    public var schemaVersion: SQLExpression?
    public var data: SQLExpression
    public var dataKind: ColumnKind = .json
    public var metadata: SQLExpression?
    public var metadataKind: ColumnKind = .json
    public var time: TimeSource
    public var encoding: PayloadEncoding = .json
    /// Every stream the event is linked into, one per line (Rails Event Store).
    public var linkedStreams: SQLExpression?
    /// Whether unique indexes already rule out repeated event ids and stream versions (then
    /// `evx info` need not look for them).
    public var eventIDsAreUnique = false
    public var streamVersionsAreUnique = false

    public init(source: RelationSource, conditions: [SQLCondition] = [], position: SQLExpression,
                eventID: SQLExpression?, stream: SQLExpression, streamType: StreamTypeSource,
                version: SQLExpression, versionBase: Int64 = 1, type: SQLExpression, typeNaming: TypeNaming = .asStored,
                schemaVersion: SQLExpression? = nil, data: SQLExpression, dataKind: ColumnKind = .json,
                metadata: SQLExpression? = nil, metadataKind: ColumnKind = .json, time: TimeSource,
                encoding: PayloadEncoding = .json, linkedStreams: SQLExpression? = nil) {
        self.source = source
        self.conditions = conditions
        self.position = position
        self.eventID = eventID
        self.stream = stream
        self.streamType = streamType
        self.version = version
        self.versionBase = versionBase
        self.type = type
        self.typeNaming = typeNaming
        self.schemaVersion = schemaVersion
        self.data = data
        self.dataKind = dataKind
        self.metadata = metadata
        self.metadataKind = metadataKind
        self.time = time
        self.encoding = encoding
        self.linkedStreams = linkedStreams
    }
}

/// Where an event's stream type comes from.
public enum StreamTypeSource: Sendable, Equatable {
    /// A column or lookup.
    case expression(SQLExpression)
    /// In another table, keyed by the stream id (Emmett's `emt_streams`). Drivers that can answer
    /// it from a cache per read (`SQLSyntax.resolvesStreamTypes`) look each stream up once;
    /// others read it with the events, as a correlated subquery.
    case streamTable(table: String, stream: String, type: String)
    /// The class part of a Python topic's qualname (`bank:Account.Opened` → `Account`).
    case topicClass
    /// Derived from the stream id, as for JSON Lines (`order-42` → `order`).
    case streamCategory
    /// Rails Event Store's aggregate streams, `Ordering::Order$42` → `Ordering::Order`; other
    /// stream names as `streamCategory`.
    case aggregateRootStream
}

/// How the stored type becomes the type evx shows.
public enum TypeNaming: Sendable, Equatable {
    case asStored
    /// A Python topic `module:Qualname` shows as its qualname (`bank:Account.Opened` → `Account.Opened`).
    case pythonTopic
}

/// Where an event's time comes from.
public enum TimeSource: Sendable, Equatable {
    case expression(SQLExpression, ColumnKind)
    /// The payload's top-level `timestamp` (Python eventsourcing's `datetime_iso` value).
    case payloadTimestamp
    case none
}

/// How payload bytes become JSON text.
public enum PayloadEncoding: String, Sendable, Equatable, CaseIterable {
    /// UTF-8 JSON, as TEXT or in a BLOB.
    case json
    /// zlib-compressed JSON.
    case zlibJSON = "zlib+json"
    /// AES-GCM-encrypted (nonce 12 ‖ tag 16 ‖ ciphertext), zlib-compressed JSON; needs the cipher key.
    case aesGCMZlibJSON = "aes-gcm+zlib+json"
    /// YAML (Rails Event Store's default serializer); Ruby symbol keys lose their colon.
    case yaml
    /// Python eventsourcing: each payload is JSON, zlib+JSON or AES-GCM(+zlib)+JSON (told apart by
    /// its first bytes), and `{"_type_", "_data_"}` wrappers become plain values.
    case eventsourcing
}

/// The snapshots table, when the family has one.
public struct SnapshotRelation: Sendable, Equatable {
    public var table: String
    public var conditions: [SQLCondition]
    public var stream: String
    public var version: String
    public var versionBase: Int64
    public var state: String
    public var stateKind: ColumnKind
    /// A column holding the time, or `nil` when the time is the payload's `timestamp`.
    public var takenAt: String?
    public var encoding: PayloadEncoding
    /// Where the aggregate's state is inside the decoded payload (eventsourcing: `state`), or `nil`
    /// when the payload is the state.
    public var stateMember: String?
    /// Members of the state that are the library's bookkeeping, not the application's state
    /// (eventsourcing's `_created_on`, `_modified_on`): left out so a replay can agree.
    public var droppedMembers: [String]

    public init(table: String, conditions: [SQLCondition] = [], stream: String, version: String, versionBase: Int64 = 1,
                state: String, stateKind: ColumnKind = .json, takenAt: String?, encoding: PayloadEncoding = .json,
                stateMember: String? = nil, droppedMembers: [String] = []) {
        self.table = table
        self.conditions = conditions
        self.stream = stream
        self.version = version
        self.versionBase = versionBase
        self.state = state
        self.stateKind = stateKind
        self.takenAt = takenAt
        self.encoding = encoding
        self.stateMember = stateMember
        self.droppedMembers = droppedMembers
    }
}

/// Where consumers and projections record how far they have read the log.
public struct CheckpointRelation: Sendable, Equatable {
    public var table: String
    public var conditions: [SQLCondition]
    public var name: String
    public var position: String
    /// `.integer`, or `.text` holding digits (Emmett); the latest per name is kept.
    public var positionKind: ColumnKind
    public var updatedAt: String?

    public init(table: String, conditions: [SQLCondition] = [], name: String, position: String,
                positionKind: ColumnKind = .integer, updatedAt: String? = nil) {
        self.table = table
        self.conditions = conditions
        self.name = name
        self.position = position
        self.positionKind = positionKind
        self.updatedAt = updatedAt
    }
}

/// How stream ids are stored, so that `--stream` accepts the forms people copy from elsewhere.
public enum StreamIDForm: Sendable, Equatable {
    case asStored
    /// UUIDs stored as 32 hex digits (Python eventsourcing on SQLite): a dashed UUID is accepted too.
    case uuidHex

    /// The stored form of a stream id as typed.
    public func stored(_ stream: String) -> String {
        guard self == .uuidHex, stream.utf8.count == 36, stream.filter({ $0 == "-" }).count == 4 else { return stream }
        return stream.filter { $0 != "-" }.lowercased()
    }
}
