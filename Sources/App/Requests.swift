/// The requests in flight, one per kind: a newer request of a kind replaces (and cancels) the
/// older, and an answer is taken only from the current request of its kind.
public struct Requests: Sendable {
    public enum Kind: Hashable, Sendable, CaseIterable {
        case open, window, events, probe, stream, projections, delivery, eventDeliveries, correlation, search, find, blame, write, streamList, locateTime
    }

    private var nextID = 1
    /// Each kind's current request and the effect that started it.
    private var current: [Kind: (id: RequestID, effect: Effect)] = [:]
    /// Progress reported by long requests.
    public private(set) var progress: [Kind: (done: Int, total: Int?)] = [:]

    public init() {}

    /// Starts the request `make` describes, unless the same one is already in flight; cancels
    /// the kind's previous request if it is still running. Returns the effects to run.
    public mutating func start(_ kind: Kind, _ make: (RequestID) -> Effect) -> [Effect] {
        if let running = current[kind], running.effect == make(running.id) { return [] }
        let id = RequestID(nextID)
        nextID += 1
        var effects: [Effect] = []
        if let running = current[kind] { effects.append(.cancel(running.id)) }
        current[kind] = (id, make(id))
        progress[kind] = nil
        return effects + [make(id)]
    }

    /// The effect of the kind's current request, when `id` is it (otherwise the answer is stale).
    public func effect(of kind: Kind, id: RequestID) -> Effect? {
        guard let running = current[kind], running.id == id else { return nil }
        return running.effect
    }

    /// The kind whose current request is `id`.
    public func kind(of id: RequestID) -> Kind? {
        current.first { $0.value.id == id }?.key
    }

    /// The request is answered: it is no longer in flight.
    public mutating func finish(_ kind: Kind) {
        current[kind] = nil
        progress[kind] = nil
    }

    public mutating func report(_ kind: Kind, done: Int, total: Int?) {
        progress[kind] = (done, total)
    }

    public func isRunning(_ kind: Kind) -> Bool { current[kind] != nil }

    /// Whether any request is in flight.
    public var isBusy: Bool { !current.isEmpty }

    /// The running request of a kind and what it asked.
    public func running(_ kind: Kind) -> Effect? { current[kind]?.effect }

    /// Cancels every request (a reload: their answers would describe another store).
    public mutating func cancelAll() -> [Effect] {
        let effects = current.values.map { Effect.cancel($0.id) }
        current.removeAll()
        progress.removeAll()
        return effects
    }

    /// Cancels one kind's request (Esc on a long search, say).
    public mutating func cancel(_ kind: Kind) -> [Effect] {
        guard let running = current[kind] else { return [] }
        finish(kind)
        return [.cancel(running.id)]
    }
}
