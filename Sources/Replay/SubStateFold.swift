import EventModel
import JSON

/// Follows one path of an aggregate's state through its events without building the rest of the
/// state. Rule values come from the event (never from other parts of the state), so the value at
/// a path depends only on the operations that touch that path, above it or below it.
/// Projections that group aggregates by a field use this to stay small on millions of aggregates.
struct SubStateFold {
    let path: StatePath

    /// The value at the path before the first event.
    func initial(_ aggregate: AggregateRules?) -> JSONValue? {
        (aggregate?.initial ?? .emptyObject).value(at: path)
    }

    /// The value at the path after `context`'s event, given the value before it, the operations
    /// of the aggregate's rule for the event (nil: no rule) and the aggregate's fallback.
    func apply(_ context: inout EventContext, to current: JSONValue?, operations: [ReducerOperation]?,
               otherwise: AggregateRules.Fallback) -> JSONValue? {
        guard let operations else {
            guard otherwise != .ignore else { return current }
            return mergeData(&context, into: current)
        }
        var value = current
        for operation in operations {
            value = apply(operation, &context, to: value)
        }
        return value
    }

    private func apply(_ operation: ReducerOperation, _ context: inout EventContext, to current: JSONValue?) -> JSONValue? {
        if path.isWithin(operation.path) {
            // The operation works at or above the path.
            let below = path.relative(to: operation.path)
            switch operation.kind {
            case .unset:
                return nil
            case .set:
                guard let value = operation.value?.evaluate(&context) else { return current }
                return value.value(at: below)
            case .merge:
                guard let patch = operation.value?.evaluate(&context) else { return current }
                return merge(patch, at: operation.path, into: current)
            case .add, .subtract, .append, .remove:
                guard below.isRoot else { return current }  // would fail on the object above: no change
                return applied(operation, relativePath: .root, &context, to: current)
            }
        }
        if operation.path.isWithin(path) {
            return applied(operation, relativePath: operation.path.relative(to: path), &context, to: current)
        }
        return current
    }

    /// The operation applied to the sub-state, with its path made relative to ours. The sub-state
    /// is wrapped in an object so that "missing" stays distinct from null, as in the full state.
    private func applied(_ operation: ReducerOperation, relativePath: StatePath, _ context: inout EventContext,
                         to current: JSONValue?) -> JSONValue? {
        let slot = "value"
        var wrapper: JSONValue = current.map { .object(pairs: [(slot, $0)]) } ?? .emptyObject
        let relative = ReducerOperation(operation.kind, StatePath(components: [slot] + relativePath.components), operation.value)
        if relative.apply(to: &wrapper, &context) != nil { return current }  // the full replay reports it
        return wrapper.value(at: StatePath(components: [slot]))
    }

    /// The value at our path after deep-merging the event's data into the whole state. For a path of
    /// one step (the usual `by: status`) only that member of the data is parsed, not the whole
    /// payload: the other members cannot reach the path.
    private func mergeData(_ context: inout EventContext, into current: JSONValue?) -> JSONValue? {
        if path.components.count == 1, context.dataStartsAsObject {
            guard let patch = context.dataValue(at: path) else { return current }
            return (current ?? .emptyObject).deepMerged(with: patch)
        }
        guard case .object = context.data() else { return current }
        return merge(context.data(), at: .root, into: current)
    }

    /// The value at our path after deep-merging `patch` into the node at `target` (at or above it).
    private func merge(_ patch: JSONValue, at target: StatePath, into current: JSONValue?) -> JSONValue? {
        var patch = patch
        for component in path.relative(to: target).components {
            guard case .object(let members) = patch else { return nil }  // a non-object replaces the node
            guard let next = members[component] else { return current }   // the merge does not reach us
            patch = next
        }
        return (current ?? .emptyObject).deepMerged(with: patch)
    }
}
