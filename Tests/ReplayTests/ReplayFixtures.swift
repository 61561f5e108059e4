import EventModel
import JSON
import Replay

/// Events and rules for replay tests, written out so each test states what it replays.
enum ReplayFixtures {
    static let domainExample = """
        aggregates:
          Order:
            streams: "order-*"              # glob on stream id; stream_type Order also matches
            initial: {status: NEW, items: [], paid: 0}
            on:
              OrderCreated:
                set: {customer: $data.customer, items: $data.items, total: $data.total, status: CREATED}
              ItemAdded:
                append: {items: $data.item}
                add: {total: $data.price}
              ItemRemoved:
                remove: {items: $data.item}   # removes the first equal element
                subtract: {total: $data.price}
              PaymentReceived:
                add: {paid: $data.amount}
              OrderShipped:
                set: {status: SHIPPED, tracking: $data.tracking}
              OrderCancelled:
                set: {status: CANCELLED, reason: $data.reason}
                unset: [tracking]
            otherwise: merge                # events with no rule: merge (default) or ignore
        projections:
          orders_by_status: {count: Order, by: status}          # aggregates of a type, grouped by a state field
          revenue: {sum: $data.amount, where: {type: PaymentReceived}}
          events_per_type: {count: events, by: $type}
        """

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
