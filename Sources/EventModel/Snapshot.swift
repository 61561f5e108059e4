/// A checkpoint of an aggregate's state that the application stored (the `snapshots` table).
public struct Snapshot: Sendable, Equatable {
    public var stream: String
    public var version: Int64
    /// The state as stored: JSON text in the application's own shape.
    public var state: String
    public var takenAt: String

    public init(stream: String, version: Int64, state: String, takenAt: String) {
        self.stream = stream
        self.version = version
        self.state = state
        self.takenAt = takenAt
    }
}
