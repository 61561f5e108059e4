import App
import EventModel
import JSON
import Replay

/// An in-memory store that answers the core's effects by hand, so tests decide when, in what
/// order and whether each answer comes: the core is tested without a real store or threads.
struct FakeStore {
    var events: [Event]

    /// `count` events over `streams` streams of type Order, one second apart, positions from 1.
    init(count: Int, streams: Int = 5) {
        events = (1...count).map { position in
            let stream = "order-\(position % streams)"
            return Event(position: Int64(position), id: "e\(position)", stream: stream, streamType: "Order",
                         version: Int64((position - 1) / streams + 1), type: position % 2 == 0 ? "ItemAdded" : "OrderCreated",
                         data: #"{"n":\#(position)}"#, metadata: #"{"correlation_id":"c\#(position % 7)"}"#,
                         recordedAt: EventTime(microseconds: 1_767_600_000_000_000 + Int64(position) * 1_000_000).iso8601)
        }
    }

    var bounds: LogBounds? {
        guard let first = events.first, let last = events.last else { return nil }
        return LogBounds(first: first.position, last: last.position, count: events.count, countIsExact: true)
    }

    /// What a real runner would post for `effect`: the open's first answer and then its index.
    func answers(_ effect: Effect) -> [Action] {
        guard case .open(let id) = effect else { return answer(effect).map { [$0] } ?? [] }
        return [answer(effect), .loaded(id, .indexed(index))].compactMap { $0 }
    }

    /// The (first) answer a real runner would post for `effect` (nil for `.cancel`).
    func answer(_ effect: Effect) -> Action? {
        guard let id = effect.request else { return nil }
        switch effect {
        case .open:
            return .loaded(id, .opened(bounds, newest: Array(events.suffix(256)), indexing: true))
        case .loadWindow(_, .from(let start, let limit)):
            return .loaded(id, .window(Array(events.filter { $0.position >= start }.prefix(limit))))
        case .loadWindow(_, .before(let end, let limit)):
            return .loaded(id, .window(Array(events.filter { $0.position < end }.suffix(limit))))
        case .loadEvents(_, let positions):
            return .loaded(id, .events(events.filter { positions.contains($0.position) }))
        case .probe(_, let positions):
            return .loaded(id, .probes(positions.compactMap { p in events.first { $0.position >= p }.map { LogEntry(position: $0.position, time: $0.time, stream: $0.stream) } }))
        case .loadStream(_, let stream, _, _):
            let own = events.filter { $0.stream == stream }
            guard let first = own.first else { return .loaded(id, .stream(nil)) }
            return .loaded(id, .stream(AggregateHistory(stream: stream, streamType: first.streamType, events: own, reducer: Reducer(rules: .merge))))
        case .project(_, let position):
            let count = events.filter { $0.position <= position }.count
            return .loaded(id, .projections(ProjectionValues(position: position, values: [NamedValue(name: "events", value: .int(Int64(count)))])))
        case .loadDelivery(_, let time, _):
            return .loaded(id, .delivery(DeliverySnapshot(asOf: time, outbox: OutboxStatus(asOf: time, destinations: []), consumers: [], checkpoints: [])))
        case .loadEventDeliveries:
            return .loaded(id, .eventDeliveries(EventDeliveries(outbox: [], processedBy: [])))
        case .loadCorrelation(_, _, let correlation):
            return .loaded(id, .correlation(events.filter { EventDetail.correlationID(of: $0) == correlation }))
        case .search(_, let query):
            return .loaded(id, .searched(events.filter(query.matches).map(\.position)))
        case .find(_, let history, let predicate):
            return .loaded(id, .found(history.transitions(to: predicate, all: false).first))
        case .blame(_, let history, let field):
            return .loaded(id, .blamed(history.blame(StatePath(field))))
        case .write(_, let path, _, _):
            return .loaded(id, .written(path: path))
        case .listStreams:
            let streams = Dictionary(grouping: events, by: \.stream).map { stream, own in
                StreamSummary(stream: stream, streamType: own[0].streamType, events: own.count, lastPosition: own[own.count - 1].position, lastTime: own[own.count - 1].time)
            }
            return .loaded(id, .streams(streams))
        case .locateTime(_, let cut):
            var walk = TimeCut.Walk(cut)
            for event in events { _ = walk.add(event) }
            return .loaded(id, .located(walk))
        case .cancel, .copyToClipboard:
            return nil
        }
    }

    var index: EventIndex { EventIndex(events.map { ($0.position, $0.time) }) }
}

/// The core and a queue of effects waiting for answers: tests answer them one by one, all at
/// once, late, out of order, or with a failure.
struct CoreHarness {
    var state: AppState
    var store: FakeStore
    /// Effects asked for and not answered yet, oldest first (cancels are not kept).
    var pending: [Effect] = []
    var cancelled: [RequestID] = []

    init(store: FakeStore, width: Int = 120, height: Int = 40, projections: [String] = ["events"]) {
        self.store = store
        state = AppState(width: width, height: height, source: SourceDescription(name: "fake", format: "SQLite", projectionNames: projections))
    }

    mutating func send(_ action: Action) {
        for effect in reduce(&state, action) {
            if case .cancel(let id) = effect { cancelled.append(id) } else { pending.append(effect) }
        }
    }

    /// Answers every pending effect (and those the answers make) until none is left.
    mutating func answerAll(limit: Int = 100) {
        var rounds = 0
        while !pending.isEmpty, rounds < limit {
            let effect = pending.removeFirst()
            for answer in store.answers(effect) { send(answer) }
            rounds += 1
        }
    }

    /// Removes and returns the first pending effect that `matches`.
    mutating func take(_ matches: (Effect) -> Bool) -> Effect? {
        guard let index = pending.firstIndex(where: matches) else { return nil }
        return pending.remove(at: index)
    }

    func screen(width: Int? = nil) -> String {
        Screen(theme: .monochrome, unicode: true).render(state).text()
    }
}
