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

    /// Why the data could not be used, if it could not.
    public mutating func payloadProblem() -> String? {
        _ = data()
        if case .failure(let error)? = parsedData { return "data is not valid JSON (\(error))" }
        return nil
    }
}
