import JSON

/// A condition on an aggregate's state, as `evx find --where` and the UI's `:find` take it
/// (docs/rules.md, "Predicates"): comparisons between state paths and literals, `and`, `or`,
/// `not`, parentheses and `len(path)`.
public indirect enum StatePredicate: Equatable, Sendable {
    case compare(Operand, Comparison, Operand)
    /// A bare operand: true unless missing, null, false, 0 or "".
    case truthy(Operand)
    case not(StatePredicate)
    case and(StatePredicate, StatePredicate)
    case or(StatePredicate, StatePredicate)

    public enum Comparison: String, Sendable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public enum Operand: Equatable, Sendable {
        case literal(JSONValue)
        case path(StatePath)
        case length(StatePath)

        func value(in state: JSONValue) -> JSONValue {
            switch self {
            case .literal(let value): return value
            case .path(let path): return state.value(at: path) ?? .null
            case .length(let path):
                switch state.value(at: path) {
                case .array(let elements)?: return .int(Int64(elements.count))
                case .object(let members)?: return .int(Int64(members.count))
                case .string(let text)?: return .int(Int64(text.count))
                default: return .int(0)
                }
            }
        }
    }

    public func holds(in state: JSONValue) -> Bool {
        switch self {
        case .compare(let left, let comparison, let right):
            return Self.compare(left.value(in: state), comparison, right.value(in: state))
        case .truthy(let operand):
            switch operand.value(in: state) {
            case .null, .bool(false), .string(""): return false
            case .int(let number): return number != 0
            case .decimal(let number): return !number.isZero
            default: return true
            }
        case .not(let inner): return !inner.holds(in: state)
        case .and(let a, let b): return a.holds(in: state) && b.holds(in: state)
        case .or(let a, let b): return a.holds(in: state) || b.holds(in: state)
        }
    }

    /// Equality is JSON equality (numbers by value); ordering applies to two numbers or two strings
    /// and is false for anything else.
    private static func compare(_ a: JSONValue, _ comparison: Comparison, _ b: JSONValue) -> Bool {
        switch comparison {
        case .equal: return a == b
        case .notEqual: return a != b
        default: break
        }
        let order: Int
        if let numeric = a.compareNumber(to: b) {
            order = numeric
        } else if case .string(let x) = a, case .string(let y) = b {
            order = x < y ? -1 : (x > y ? 1 : 0)
        } else {
            return false
        }
        switch comparison {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }
}
