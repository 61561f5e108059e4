import EventModel
import JSON

/// One event as the rules see it, with its payloads parsed at most once, on first use.
public struct EventContext {
    public let event: Event
    private var parsedData: Result<JSONValue, JSONError>?
    private var parsedMetadata: Result<JSONValue, JSONError>?

    public init(_ event: Event) {
        self.event = event
    }

    /// The event's data as JSON; an unparseable payload reads as an empty object and is reported
    /// once through `payloadProblem`.
    public mutating func data() -> JSONValue {
        if parsedData == nil { parsedData = Result { () throws(JSONError) in try JSONParser.parse(event.data) } }
        return (try? parsedData?.get()) ?? .emptyObject
    }

    public mutating func metadata() -> JSONValue {
        if parsedMetadata == nil { parsedMetadata = Result { () throws(JSONError) in try JSONParser.parse(event.metadata) } }
        return (try? parsedMetadata?.get()) ?? .emptyObject
    }

    /// The value at a path of the data. Before the whole data is needed, only that value is parsed
    /// (projections read one or two fields of millions of events).
    public mutating func dataValue(at path: StatePath) -> JSONValue? {
        if path.isRoot || parsedData != nil { return data().value(at: path) }
        do {
            return try JSONParser.value(at: path.components, in: event.data)
        } catch {
            return data().value(at: path)  // records the parse failure for payloadProblem()
        }
    }

    public mutating func metadataValue(at path: StatePath) -> JSONValue? {
        if path.isRoot || parsedMetadata != nil { return metadata().value(at: path) }
        do {
            return try JSONParser.value(at: path.components, in: event.metadata)
        } catch {
            return metadata().value(at: path)
        }
    }

    /// Whether the data's text opens an object (it may still be invalid further on): tells an object
    /// from an array before looking up a member by a key that could be an index.
    public var dataStartsAsObject: Bool {
        event.data.utf8.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == UInt8(ascii: "{")
    }

    /// Why the data could not be used, if it could not.
    public mutating func payloadProblem() -> String? {
        _ = data()
        if case .failure(let error)? = parsedData { return "data is not valid JSON (\(error))" }
        return nil
    }
}
