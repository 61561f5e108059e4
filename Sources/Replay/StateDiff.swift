import JSON

/// One difference between two states at a path: added, removed or changed, with both values.
public struct StateChange: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case added, removed, changed
    }

    public let path: StatePath
    public let kind: Kind
    public let old: JSONValue?
    public let new: JSONValue?

    public init(path: StatePath, kind: Kind, old: JSONValue?, new: JSONValue?) {
        self.path = path
        self.kind = kind
        self.old = old
        self.new = new
    }
}

public enum StateDiff {
    /// The changes from `old` to `new`. Objects are compared member by member (recursively);
    /// anything else, arrays included, is one value that changed or not. Ordered by path as the
    /// keys appear (old keys first, then added ones).
    public static func between(_ old: JSONValue, _ new: JSONValue, at path: StatePath = .root) -> [StateChange] {
        guard case .object(let before) = old, case .object(let after) = new else {
            return old == new ? [] : [StateChange(path: path, kind: .changed, old: old, new: new)]
        }
        var changes: [StateChange] = []
        for (key, value) in before {
            if let other = after[key] {
                changes += between(value, other, at: path.appending(key))
            } else {
                changes.append(StateChange(path: path.appending(key), kind: .removed, old: value, new: nil))
            }
        }
        for (key, value) in after where before[key] == nil {
            changes.append(StateChange(path: path.appending(key), kind: .added, old: nil, new: value))
        }
        return changes
    }
}
