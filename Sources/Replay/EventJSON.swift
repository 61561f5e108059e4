import EventModel
import JSON

/// An event as a JSON value with the canonical JSON Lines field names (docs/store-format.md),
/// payloads parsed (or kept as text when they are not JSON).
public enum EventJSON {
    public static func value(_ event: Event) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("position", .int(event.position)), ("id", .string(event.id)), ("stream", .string(event.stream)),
            ("stream_type", .string(event.streamType)), ("type", .string(event.type)), ("version", .int(event.version)),
            ("schema_version", .int(event.schemaVersion)),
            ("data", (try? JSONParser.parse(event.data)) ?? .string(event.data)),
            ("metadata", (try? JSONParser.parse(event.metadata)) ?? .string(event.metadata)),
            ("time", .string(event.time?.iso8601 ?? event.recordedAt)),
        ]
        // Every stream the event is linked into, where the store links events (Rails Event Store).
        if !event.linkedStreams.isEmpty { pairs.append(("streams", .array(event.linkedStreams.map { .string($0) }))) }
        return .object(pairs: pairs)
    }
}
