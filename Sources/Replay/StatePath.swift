import JSON

/// A dotted path into a JSON state, e.g. `address.city`. Array elements are addressed by index
/// (`items.0`) when the value at that point is an array.
public struct StatePath: Hashable, Sendable, CustomStringConvertible {
    public let components: [String]

    public init(_ dotted: String) {
        components = dotted.isEmpty ? [] : dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    public init(components: [String]) {
        self.components = components
    }

    public static let root = StatePath(components: [])

    public var isRoot: Bool { components.isEmpty }
    public var description: String { components.isEmpty ? "(root)" : components.joined(separator: ".") }

    /// Whether `self` is `other` or lies inside it.
    public func isWithin(_ other: StatePath) -> Bool {
        components.count >= other.components.count && components.starts(with: other.components)
    }

    /// The rest of this path below `prefix` (which it must lie within).
    public func relative(to prefix: StatePath) -> StatePath {
        StatePath(components: Array(components.dropFirst(prefix.components.count)))
    }

    public func appending(_ component: String) -> StatePath {
        StatePath(components: components + [component])
    }
}

// MARK: - Reading and writing JSON at a path

extension JSONValue {
    /// The value at `path`, or nil when any step is missing.
    public func value(at path: StatePath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch current {
            case .object(let members):
                guard let next = members[component] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(component), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Why a value cannot be written at a path: a step is a scalar or an array.
    public struct PathConflict: Error, Equatable {
        public let path: StatePath
        public let kind: String
    }

    /// Replaces (or with `nil`, removes) the value at `path`, creating missing objects on the way.
    public mutating func setValue(_ newValue: JSONValue?, at path: StatePath) throws(PathConflict) {
        try setValue(newValue, at: path.components[...], full: path)
    }

    private mutating func setValue(_ newValue: JSONValue?, at rest: ArraySlice<String>, full: StatePath) throws(PathConflict) {
        guard let key = rest.first else {
            if let newValue { self = newValue }
            return
        }
        switch self {
        case .object(var members):
            self = .null  // release the reference so the members are mutated in place
            var child = members[key] ?? .object([:])
            if rest.count == 1 {
                members[key] = newValue
            } else if members[key] == nil, newValue == nil {
                // removing below a missing key: nothing to do
            } else {
                do {
                    try child.setValue(newValue, at: rest.dropFirst(), full: full)
                } catch {
                    self = .object(members)
                    throw error
                }
                members[key] = child
            }
            self = .object(members)
        case .array(var elements):
            guard let index = Int(key), elements.indices.contains(index) else {
                throw PathConflict(path: StatePath(components: Array(full.components.prefix(full.components.count - rest.count + 1))), kind: "array")
            }
            self = .null
            if rest.count == 1 {
                if let newValue { elements[index] = newValue } else { elements.remove(at: index) }
            } else {
                var child = elements[index]
                do {
                    try child.setValue(newValue, at: rest.dropFirst(), full: full)
                } catch {
                    self = .array(elements)
                    throw error
                }
                elements[index] = child
            }
            self = .array(elements)
        case .null where newValue != nil:
            self = .object([:])
            try setValue(newValue, at: rest, full: full)
        default:
            if newValue == nil { return }
            throw PathConflict(path: StatePath(components: Array(full.components.prefix(full.components.count - rest.count))), kind: kindName)
        }
    }
}
