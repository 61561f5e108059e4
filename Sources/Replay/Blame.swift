import EventModel
import JSON

/// An event that changed a field: the field's value before and after it (nil: absent).
public struct BlameEntry: Equatable, Sendable {
    public let event: Event
    public let old: JSONValue?
    public let new: JSONValue?
}

extension AggregateHistory {
    /// Every event that changed the value at `path` (including adding or removing it), in order.
    public func blame(_ path: StatePath) -> [BlameEntry] {
        var entries: [BlameEntry] = []
        forEachTransition { index, before, after in
            let old = before.value(at: path), new = after.value(at: path)
            if old != new { entries.append(BlameEntry(event: events[index], old: old, new: new)) }
            return true
        }
        return entries
    }

    /// The event indexes after which `predicate` holds while it did not after the event before
    /// (before the first event it counts as not holding, so a condition true from the start is
    /// found at the first event). With `all` false, stops at the first.
    public func transitions(to predicate: StatePredicate, all: Bool) -> [Int] {
        var found: [Int] = []
        var held = false
        forEachTransition { index, _, after in
            let holds = predicate.holds(in: after)
            if holds && !held { found.append(index) }
            held = holds
            return all || found.isEmpty
        }
        return found
    }
}
