import EventModel
import EventStore
import JSON
import Replay
import StoreGenerator
import TestSupport
import XCTest

/// Properties that must hold on any store, checked on generated ones.
final class ReplayPropertyTests: XCTestCase {
    static let folder = TemporaryDirectory()
    static let storePath: String = {
        let path = folder.path("orders.sqlite")
        try? StoreGenerator.generate(path: path, events: 4000, seed: 11, domain: .orders)
        return path
    }()

    private var random = TestRandom(seed: 99)

    private func source() throws -> EventSource { try StoreOpener.open(path: Self.storePath) }
    private func rules() throws -> Rules { try RulesLoader.parse(StoreGenerator.rules(for: .orders), file: "orders") }

    private func events(_ stream: String) throws -> [Event] {
        var result: [Event] = []
        try source().readEvents(EventFilter(stream: stream)) { result.append($0); return true }
        return result
    }

    private func coldFold(_ events: ArraySlice<Event>, reducer: Reducer, from base: JSONValue) -> JSONValue {
        var state = base
        for event in events { _ = reducer.apply(event, to: &state) }
        return state
    }

    func testCheckpointedReplayEqualsAColdFold() throws {
        let reducer = Reducer(rules: try rules())
        for stream in ["inventory-main", "order-42", "order-7", "order-300"] {
            let events = try events(stream)
            XCTAssertFalse(events.isEmpty, stream)
            let history = AggregateHistory(stream: stream, streamType: events[0].streamType, events: events, reducer: reducer,
                                           checkpointInterval: 7)
            let initial = reducer.initialState(stream: stream, streamType: events[0].streamType)
            for _ in 0..<40 {
                let count = random.int(0...events.count)
                XCTAssertEqual(history.state(after: count).state, coldFold(events.prefix(count), reducer: reducer, from: initial),
                               "\(stream) after \(count)")
            }
        }
    }

    func testSnapshotAssistedReplayEqualsAColdFold() throws {
        let reducer = Reducer(rules: try rules())
        let events = try events("inventory-main")
        let snapshots = try source().snapshots(stream: "inventory-main")
        XCTAssertGreaterThan(snapshots.count, 3)
        for snapshot in snapshots {
            let after = events.filter { $0.version > snapshot.version }
            let history = AggregateHistory(stream: "inventory-main", streamType: "Inventory", events: after, reducer: reducer,
                                           base: (snapshot.version, try JSONParser.parse(snapshot.state)), checkpointInterval: 16)
            let extra = random.int(0...after.count)
            let cold = coldFold(events.prefix(Int(snapshot.version) + extra), reducer: reducer, from: .emptyObject)
            XCTAssertEqual(history.state(after: extra).state, cold, "from snapshot \(snapshot.version) + \(extra)")
        }
    }

    func testBlameListsExactlyTheVersionsWhereTheFieldChanged() throws {
        let reducer = Reducer(rules: try rules())
        for (stream, field) in [("inventory-main", "levels.A"), ("order-42", "status"), ("order-42", "items"), ("order-9", "tracking")] {
            let events = try events(stream)
            let history = AggregateHistory(stream: stream, streamType: events[0].streamType, events: events, reducer: reducer)
            let path = StatePath(field)
            var expected: [Int64] = []
            for count in 1...events.count where
                history.state(after: count - 1).state.value(at: path) != history.state(after: count).state.value(at: path) {
                expected.append(events[count - 1].version)
            }
            XCTAssertEqual(history.blame(path).map(\.event.version), expected, "\(stream) \(field)")
        }
    }

    func testIncrementalProjectionsEqualAFullRecompute() throws {
        let rules = try rules()
        let source = try source()
        let engine = ProjectionEngine(rules: rules, checkpointSpacing: 97)
        var positions = (0..<12).map { _ in Int64(random.int(0...4000)) }
        positions += [4000, 1, 0]
        for target in positions {
            try engine.move(to: target, source: source)
            let fresh = ProjectionEngine(rules: rules, checkpointBudget: 0)
            try source.readEvents(EventFilter()) { event in
                guard event.position <= target else { return false }
                fresh.apply(event)
                return true
            }
            XCTAssertEqual(engine.position, fresh.position, "at \(target)")
            XCTAssertEqual(engine.values.map(\.value), fresh.values.map(\.value), "at \(target)")
        }
    }

    /// The standard projections, moved back and forth over the log, equal counts made here.
    func testStandardProjectionsEqualCountsMadeIndependently() throws {
        let source = try source()
        var events: [Event] = []
        try source.readEvents(EventFilter()) { events.append($0); return true }
        let engine = ProjectionEngine(rules: .merge, checkpointSpacing: 61)
        for target in (0..<10).map({ _ in Int64(random.int(0...4000)) }) + [4000, 0, 17] {
            try engine.move(to: target, source: source)
            var types: [String: Int64] = [:], streamTypes: [String: Int64] = [:]
            var streams: [String: Set<String>] = [:]
            for event in events where event.position <= target {
                types[event.type, default: 0] += 1
                streamTypes[event.streamType, default: 0] += 1
                streams[event.streamType, default: []].insert(event.stream)
            }
            let values = Dictionary(uniqueKeysWithValues: engine.values.map { ($0.name, $0.value) })
            func counts(_ table: [String: Int64]) -> JSONValue { .object(pairs: table.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }) }
            XCTAssertEqual(values["events_per_type"], counts(types), "at \(target)")
            XCTAssertEqual(values["events_per_stream_type"], counts(streamTypes), "at \(target)")
            XCTAssertEqual(values["streams_per_stream_type"], counts(streams.mapValues { Int64($0.count) }), "at \(target)")
        }
    }

    /// Positions at or below zero (a corrupt or foreign log): moving to them reads them, and
    /// moving below the first one gives the empty projections, without recursing forever.
    func testMovingOverPositionsAtOrBelowZero() throws {
        let path = Self.folder.write("negative.jsonl", """
            {"position":-5,"stream":"a-1","type":"T"}
            {"position":0,"stream":"a-2","type":"T"}
            {"position":3,"stream":"a-1","type":"U"}

            """)
        let source = try StoreOpener.open(path: path)
        let engine = ProjectionEngine(rules: .merge, checkpointSpacing: 1)
        let expected: [(Int64, Int64)] = [(3, 3), (-6, 0), (-5, 1), (0, 2), (-100, 0), (2, 2), (-5, 1), (10, 3)]
        for (target, count) in expected {
            try engine.move(to: target, source: source)
            let total = engine.values.first { $0.name == "events_per_stream_type" }?.value["a"]?.intValue ?? 0
            XCTAssertEqual(total, count, "at \(target)")
        }
    }

    func testGroupedAggregateCountsEqualFullReplays() throws {
        let rules = try rules()
        let reducer = Reducer(rules: rules)
        let target: Int64 = 2500
        var states: [String: JSONValue] = [:]
        let engine = ProjectionEngine(rules: rules, checkpointBudget: 0)
        try source().readEvents(EventFilter()) { event in
            guard event.position <= target else { return false }
            engine.apply(event)
            guard rules.aggregate(stream: event.stream, streamType: event.streamType)?.name == "Order" else { return true }
            var state = states[event.stream] ?? reducer.initialState(stream: event.stream, streamType: event.streamType)
            _ = reducer.apply(event, to: &state)
            states[event.stream] = state
            return true
        }
        var counts: [String: Int64] = [:]
        for state in states.values { counts[state["status"]?.stringValue ?? "null", default: 0] += 1 }
        let projected = try XCTUnwrap(engine.values.first { $0.name == "orders_by_status" }?.value.objectValue)
        XCTAssertEqual(projected.mapValues { $0.intValue ?? -1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
                       counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
    }
}

/// A small deterministic generator, so a failing case can be reproduced.
struct TestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return range.lowerBound + Int((state >> 33) % UInt64(range.count))
    }
}
