import Foundation
import EventModel
import EventStore
import GRDB
import JSON
import Replay

/// Generates deterministic synthetic stores in the native format, with every table filled:
/// the same arguments give the same file on every machine.
public enum StoreGenerator {
    public static let maximumEvents = 50_000_000

    /// The rules file that goes with a domain's stores (its aggregates and projections).
    public static func rules(for domain: GeneratedDomain) -> String {
        switch domain {
        case .orders: return DomainRules.orders
        case .bank: return DomainRules.bank
        }
    }

    /// Writes a new store at `path` (which must not exist). The file appears only when complete:
    /// it is written under a temporary name and renamed at the end.
    public static func generate(path: String, events count: Int, seed: UInt64, domain kind: GeneratedDomain,
                                progress: ((Int) -> Void)? = nil) throws {
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            var configuration = Configuration()
            configuration.label = "evx.generate"
            let queue = try DatabaseQueue(path: partial, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
                try db.inTransaction {
                    let writer = try StoreWriter(db)
                    switch kind {
                    case .orders:
                        var domain = OrdersDomain(totalEvents: count)
                        try fill(writer, domain: &domain, events: count, seed: seed, progress: progress)
                    case .bank:
                        var domain = BankDomain()
                        try fill(writer, domain: &domain, events: count, seed: seed, progress: progress)
                    }
                    return .commit
                }
            }
            try queue.close()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    private static func fill<Domain: SyntheticDomain>(_ writer: StoreWriter, domain: inout Domain, events count: Int,
                                                      seed: UInt64, progress: ((Int) -> Void)?) throws {
        // The clock runs once ahead to find the end, so that delivery knows what is still pending.
        var lookahead = SimulatedClock(seed: seed, events: count)
        var end: Int64 = SimulatedClock.start
        for _ in 0..<count { end = lookahead.tick() }
        end += 2_000_000

        var clock = SimulatedClock(seed: seed, events: count)
        var random = SeededRandom(seed: seed)
        var delivery = DeliverySimulator(start: SimulatedClock.start, end: end, consumers: domain.consumers, seed: seed)
        var versions: [String: Int64] = [:]
        let reducer = Reducer(rules: try RulesLoader.parse(domain.rulesYAML, file: "built-in rules"))
        var foldedStates: [String: JSONValue] = [:]
        for position in 1...Int64(max(count, 1)) where count > 0 {
            let time = clock.tick()
            let event = domain.nextEvent(at: time, random: &random)
            let version = (versions[event.stream] ?? 0) + 1
            versions[event.stream] = version
            let id = random.uuidV7(milliseconds: time / 1000)
            let data = JSONWriter.compact(event.data)
            let metadata = JSONWriter.compact([
                "correlation_id": .string(event.correlationID), "causation_id": .string(event.causationID),
                "user": .string(event.user),
            ])
            let recordedAt = recordedTime(time)
            try writer.event(position: position, id: id, stream: event.stream, streamType: event.streamType,
                             version: version, type: event.type, schemaVersion: event.schemaVersion, data: data,
                             metadata: metadata, recordedAt: recordedAt)
            domain.recorded(eventID: id, for: event)
            try delivery.deliver(eventID: id, type: event.type, stream: event.stream, data: data, at: time,
                                 to: event.destinations, writer: writer)
            if let interval = domain.snapshotInterval(streamType: event.streamType) {
                var state = foldedStates[event.stream] ?? reducer.initialState(stream: event.stream, streamType: event.streamType)
                _ = reducer.apply(Event(position: position, id: id, stream: event.stream, streamType: event.streamType,
                                        version: version, type: event.type, schemaVersion: event.schemaVersion,
                                        data: data, metadata: metadata, recordedAt: recordedAt), to: &state)
                foldedStates[event.stream] = state
                if version % Int64(interval) == 0 {
                    try writer.snapshot(stream: event.stream, version: version, state: JSONWriter.compact(state),
                                        takenAt: recordedTime(time + 1_000))
                }
            }
            if position % 100_000 == 0 { progress?(Int(position)) }
        }
        try writeCheckpoints(writer, projections: domain.projections, head: Int64(count), end: end, random: &random)
    }

    /// Projection checkpoints lag the head by a little (one is far behind, as a stalled projector would be).
    private static func writeCheckpoints(_ writer: StoreWriter, projections: [String], head: Int64, end: Int64,
                                         random: inout SeededRandom) throws {
        for (index, projection) in projections.enumerated() {
            let lag = index == projections.count - 1 ? head / 5 : Int64(random.int(0...40))
            try writer.checkpoint(projection: projection, position: max(0, head - lag),
                                  updatedAt: recordedTime(end - lag * 300_000))
        }
    }
}
