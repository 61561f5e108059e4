import EventModel
import EventStore

/// The delivery side of the service, as it stands at the moment the store is read: an outbox
/// relay that publishes each integration event (usually quickly, sometimes after broker failures
/// and retries, occasionally twice, rarely never), and idempotent consumers that record what they
/// processed. Anything due after `end` has not happened yet, and the relay has been down for the
/// last half percent of the time span, so the tail of the log is pending.
struct DeliverySimulator {
    let end: Int64
    let relayDownSince: Int64
    let consumers: [String: [String]]
    private var random: SeededRandom

    init(start: Int64, end: Int64, consumers: [String: [String]], seed: UInt64) {
        self.end = end
        relayDownSince = end - (end - start) / 200
        self.consumers = consumers
        random = SeededRandom(seed: seed ^ 0x0B0C_5E1A_7E5)
    }

    mutating func deliver(eventID: String, type: String, stream: String, data: String, at time: Int64,
                          to destinations: [String], writer: StoreWriter) throws {
        for destination in destinations {
            var attempts: Int64 = 1
            var lastError: String?
            var published: Int64? = time + Int64(random.exponential(mean: 150_000)) + 5_000
            let roll = random.unit()
            if roll < 0.0005 {
                attempts = 8
                lastError = "payload rejected by broker: schema validation failed"
                published = nil
            } else if roll < 0.03 {
                let failures = random.int(1...4)
                attempts = Int64(failures + 1)
                lastError = random.pick(["broker unavailable: connection refused", "publish timeout after 5000 ms",
                                         "broker returned 503"])
                published = published.map { $0 + Int64(1 << failures) * 1_000_000 }
            } else if roll < 0.035 {
                attempts = 2  // the relay crashed after publishing and before marking: published again
            }
            if let at = published, at > end || time >= relayDownSince {
                published = nil  // not yet: the retries so far have failed, or it was never tried
                attempts = lastError == nil ? 0 : attempts - 1
            }
            let payload = "{\"type\":\"\(type)\",\"stream\":\"\(stream)\",\"data\":\(data)}"
            try writer.outbox(eventID: eventID, destination: destination, payload: payload,
                              createdAt: recordedTime(time),
                              publishedAt: published.map(recordedTime),
                              attempts: attempts, lastError: attempts == 0 ? nil : lastError)
            guard let publishedAt = published else { continue }
            for consumer in consumers[destination] ?? [] {
                // analytics works in hourly batches, so it lags far behind the others.
                let delay = consumer == "analytics" ? random.exponential(mean: 3_600_000_000) : random.exponential(mean: 80_000) + 2_000
                let processed = publishedAt + Int64(delay)
                guard processed <= end else { continue }
                try writer.processed(consumer: consumer, eventID: eventID, processedAt: recordedTime(processed))
            }
        }
    }
}
