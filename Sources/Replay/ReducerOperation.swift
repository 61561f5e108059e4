import JSON

/// One step of a rule: what to do at which path of the state, with which value.
public struct ReducerOperation: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case set, unset, add, subtract, append, remove, merge
    }

    public let kind: Kind
    public let path: StatePath
    /// Absent only for `unset`.
    public let value: ValueExpression?

    public init(_ kind: Kind, _ path: StatePath, _ value: ValueExpression?) {
        self.kind = kind
        self.path = path
        self.value = value
    }

    /// Applies the operation to `state`; returns a warning when it cannot apply (the state is then
    /// left as it was).
    public func apply(to state: inout JSONValue, _ context: inout EventContext) -> String? {
        if kind == .unset {
            do { try state.setValue(nil, at: path) } catch { return conflict(error) }
            return nil
        }
        guard let operand = value?.evaluate(&context) else {
            return "\(kind.rawValue) \(path): \(value?.description ?? "value") is missing from the event"
        }
        let current = state.value(at: path)
        let result: JSONValue
        switch kind {
        case .set:
            result = operand
        case .merge:
            result = (current ?? .emptyObject).deepMerged(with: operand)
        case .add, .subtract:
            guard operand.isNumber else {
                return "\(kind.rawValue) \(path): \(value?.description ?? "") is a \(operand.kindName), not a number"
            }
            let base = current ?? .int(0)
            guard base.isNumber else { return "cannot \(kind == .add ? "add to" : "subtract from") \(path): it is a \(base.kindName)" }
            switch Self.arithmetic(base, operand, negate: kind == .subtract) {
            case .success(let value): result = value
            case .failure(let problem): return "\(kind.rawValue) \(path): \(problem.reason); left unchanged"
            }
        case .append:
            guard case .array(var elements) = current ?? .array([]) else {
                return "cannot append to \(path): it is a \(current?.kindName ?? "")"
            }
            elements.append(operand)
            result = .array(elements)
        case .remove:
            guard case .array(var elements) = current ?? .array([]) else {
                return "cannot remove from \(path): it is a \(current?.kindName ?? "")"
            }
            if let index = elements.firstIndex(of: operand) { elements.remove(at: index) }
            result = .array(elements)
        case .unset:
            return nil
        }
        do { try state.setValue(result, at: path) } catch { return conflict(error) }
        return nil
    }

    private struct ArithmeticProblem: Error {
        let reason: String
    }

    /// Exact arithmetic on two numbers: integers stay 64-bit integers, anything with a fraction is
    /// an exact decimal. A result that does not fit is a problem, never a rounded number.
    private static func arithmetic(_ base: JSONValue, _ operand: JSONValue, negate: Bool) -> Result<JSONValue, ArithmeticProblem> {
        let sign = negate ? "-" : "+"
        if case .int(let a) = base, case .int(let b) = operand {
            let (sum, overflow) = negate ? a.subtractingReportingOverflow(b) : a.addingReportingOverflow(b)
            if overflow { return .failure(ArithmeticProblem(reason: "\(a) \(sign) \(b) overflows a 64-bit integer")) }
            return .success(.int(sum))
        }
        guard let a = base.decimalValue, let b = operand.decimalValue,
              let sum = negate ? a.subtracting(b) : a.adding(b) else {
            let digits = DecimalNumber.maximumDigits
            return .failure(ArithmeticProblem(reason: "\(JSONWriter.compact(base)) \(sign) \(JSONWriter.compact(operand)) needs more than \(digits) significant digits"))
        }
        return .success(.decimal(sum))
    }

    private func conflict(_ error: JSONValue.PathConflict) -> String {
        "cannot \(kind.rawValue) \(path): \(error.path) is a \(error.kind)"
    }
}
