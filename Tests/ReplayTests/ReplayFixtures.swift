import EventModel
import JSON
import Replay
import StoreGenerator

/// Events and rules for replay tests, written out so each test states what it replays.
enum ReplayFixtures {
    /// The rules example of the design notes, as `evx generate` writes it.
    static let domainExample = StoreGenerator.rules(for: .orders)

    static func rules(_ yaml: String = domainExample) throws -> Rules {
        try RulesLoader.parse(yaml, file: "test.evx.yaml")
    }

    /// An event of `stream` with version and position, type and data.
    static func event(_ position: Int64, _ stream: String, _ version: Int64, _ type: String,
                      _ data: String = "{}", streamType: String = "Order", schemaVersion: Int64 = 1,
                      metadata: String = "{}") -> Event {
        Event(position: position, id: "e\(position)", stream: stream, streamType: streamType, version: version, type: type,
              schemaVersion: schemaVersion, data: data, metadata: metadata,
              recordedAt: EventTime(microseconds: 1_767_600_000_000_000 + position * 1_000_000).iso8601)
    }

    /// The worked example of the design notes.
    static let workedExample = [
        event(1, "order-42", 1, "OrderCreated", #"{"customer":"c-7","items":["A","B"],"total":80}"#),
        event(2, "order-42", 2, "ItemRemoved", #"{"item":"B","price":30}"#),
        event(3, "order-42", 3, "PaymentReceived", #"{"amount":50}"#),
        event(4, "order-42", 4, "OrderShipped", #"{"tracking":"XY123"}"#),
    ]
}
