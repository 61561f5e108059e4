import OrderedCollections

/// A parsed JSON document. Objects keep their key order (for display) but compare unordered,
/// and numbers compare by value (`50` equals `50.0`), which is what state diffs and snapshot
/// checks need. Integers that fit are `int`; every other number is an exact `decimal` (there is
/// no binary floating point here: `0.1 + 0.2` must be `0.3`).
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case decimal(DecimalNumber)
    case string(String)
    case array([JSONValue])
    case object(OrderedDictionary<String, JSONValue>)

    public static let emptyObject = JSONValue.object([:])
}

// MARK: - Accessors

extension JSONValue {
    public var objectValue: OrderedDictionary<String, JSONValue>? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as the nearest Double, for approximate uses (seconds since the epoch).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .decimal(let d): return d.doubleValue
        default: return nil
        }
    }

    /// The value as an exact decimal, for arithmetic and comparisons.
    public var decimalValue: DecimalNumber? {
        switch self {
        case .int(let i): return DecimalNumber(i)
        case .decimal(let d): return d
        default: return nil
        }
    }

    /// The value as an integer when it is one exactly.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .decimal(let d): return d.int64Value
        default: return nil
        }
    }

    public var isNumber: Bool {
        switch self {
        case .int, .decimal: return true
        default: return false
        }
    }

    /// Orders two numbers exactly: -1, 0 or 1; nil unless both are numbers.
    public func compareNumber(to other: JSONValue) -> Int? {
        if case .int(let a) = self, case .int(let b) = other { return a < b ? -1 : (a > b ? 1 : 0) }
        guard let a = decimalValue, let b = other.decimalValue else { return nil }
        return DecimalNumber.compare(a, b)
    }

    /// The name of the JSON kind, for messages ("cannot add to a string").
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .decimal: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Member lookup on objects; `nil` for other kinds or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

// MARK: - Equality

extension JSONValue: Equatable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int, .decimal), (.decimal, .int), (.decimal, .decimal):
            return lhs.compareNumber(to: rhs) == 0
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], other == value else { return false }
            }
            return true
        default: return false
        }
    }
}

// MARK: - Literals (tests and rules read better with them)

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// The decimal the literal prints as (`0.1` is exactly 0.1).
    public init(floatLiteral value: Double) { self = DecimalNumber(approximating: value).map(JSONValue.decimal) ?? .null }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(OrderedDictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

// MARK: - Building

extension JSONValue {
    /// An object from key-value pairs in order; a repeated key keeps its last value.
    public static func object(pairs: [(String, JSONValue)]) -> JSONValue {
        .object(OrderedDictionary(pairs, uniquingKeysWith: { _, last in last }))
    }
}
