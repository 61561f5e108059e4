/// One event as a source read it. Payloads stay raw JSON text: they are parsed only when a
/// view or the replay engine needs them, so that listing millions of events stays cheap.
public struct Event: Sendable, Equatable {
    /// Global order in the log; gaps are allowed.
    public var position: Int64
    public var id: String
    /// The aggregate's stream id, e.g. `order-42`.
    public var stream: String
    /// The aggregate type, e.g. `Order`.
    public var streamType: String
    /// 1-based position of the event within its stream.
    public var version: Int64
    public var type: String
    public var schemaVersion: Int64
    /// The payload, as stored: normally a JSON object.
    public var data: String
    public var metadata: String
    /// The recorded time as stored, and as parsed (`nil` when unreadable).
    public var recordedAt: String
    public var time: EventTime?
    /// Why this event is flagged (payload not valid JSON, unreadable time...). Flagged events still load.
    public var problems: [String]
    /// Every stream the event is linked into, its own first, when the store links events into
    /// several streams (Rails Event Store); empty otherwise.
    public var linkedStreams: [String]

    public init(position: Int64, id: String, stream: String, streamType: String, version: Int64, type: String,
                schemaVersion: Int64 = 1, data: String, metadata: String = "{}", recordedAt: String,
                time: EventTime? = nil, problems: [String] = [], linkedStreams: [String] = []) {
        self.position = position
        self.id = id
        self.stream = stream
        self.streamType = streamType
        self.version = version
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.recordedAt = recordedAt
        self.time = time ?? EventTime(iso8601: recordedAt)
        self.problems = problems
        self.linkedStreams = linkedStreams
    }
}
