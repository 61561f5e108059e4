import EventModel
import JSON

/// Facts about one event that the detail overlay and the requests for it share.
public enum EventDetail {
    /// The correlation id in the event's metadata (`correlation_id`, or Message DB's and Emmett's
    /// camelCase `correlationId`).
    public static func correlationID(of event: Event) -> String? {
        guard event.metadata.contains("orrelation") else { return nil }
        for key in ["correlation_id", "correlationId"] {
            if case .string(let id)? = try? JSONParser.value(at: [key], in: event.metadata), !id.isEmpty { return id }
        }
        return nil
    }

    /// The causation id in the event's metadata.
    public static func causationID(of event: Event) -> String? {
        guard event.metadata.contains("ausation") else { return nil }
        for key in ["causation_id", "causationId"] {
            if case .string(let id)? = try? JSONParser.value(at: [key], in: event.metadata), !id.isEmpty { return id }
        }
        return nil
    }
}
