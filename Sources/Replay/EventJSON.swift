import EventModel
import JSON

/// An event as a JSON value with the canonical JSON Lines field names (docs/store-format.md),
/// payloads parsed (or kept as text when they are not JSON).
public enum EventJSON {
    public static func value(_ event: Event) -> JSONValue {
        .object(pairs: [
            ("position", .int(event.position)), ("id", .string(event.id)), ("stream", .string(event.stream)),
            ("stream_type", .string(event.streamType)), ("type", .string(event.type)), ("version", .int(event.version)),
            ("schema_version", .int(event.schemaVersion)),
            ("data", (try? JSONParser.parse(event.data)) ?? .string(event.data)),
            ("metadata", (try? JSONParser.parse(event.metadata)) ?? .string(event.metadata)),
            ("time", .string(event.time?.iso8601 ?? event.recordedAt)),
        ])
    }
}
