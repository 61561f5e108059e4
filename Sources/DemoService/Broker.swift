import EventModel

/// The message broker the relay publishes to: a queue per consumer, in memory. It delivers at
/// least once: whatever the relay publishes twice, consumers receive twice.
final class Broker: Sendable {
    struct Message: Sendable {
        let eventID: String
        let destination: String
        let payload: String
    }

    private let queues = Locked<[String: [Message]]>([:])
    /// Which consumers read which destination.
    let subscriptions: [String: [String]]

    init(subscriptions: [String: [String]]) {
        self.subscriptions = subscriptions
    }

    func publish(_ message: Message) {
        queues.update { queues in
            for consumer in subscriptions[message.destination] ?? [] { queues[consumer, default: []].append(message) }
        }
    }

    /// Up to `limit` messages for a consumer, oldest first.
    func take(for consumer: String, limit: Int) -> [Message] {
        queues.withLock { queues in
            let queue = queues[consumer] ?? []
            let taken = Array(queue.prefix(limit))
            queues[consumer] = Array(queue.dropFirst(taken.count))
            return taken
        }
    }

    var backlog: Int {
        queues.withLock { $0.values.reduce(0) { $0 + $1.count } }
    }

    var consumers: [String] { Array(Set(subscriptions.values.flatMap { $0 })).sorted() }
}
