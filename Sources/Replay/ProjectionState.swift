import EventModel
import JSON

/// The running value of one projection. A plain value, so a checkpoint is a copy.
struct ProjectionState {
    enum Kind {
        /// Aggregates of a type, grouped by a state field (or all in one group).
        case aggregates(type: String, fold: SubStateFold?)
        /// Matching events, measured and grouped by event values.
        case events
    }

    let definition: ProjectionDefinition
    let kind: Kind

    // Aggregate counts: each aggregate's group (by aggregate id; -1 for none yet), the distinct
    // values of the grouping field, and how many aggregates sit in each.
    private var groupOfAggregate: [Int32] = []
    private var groupValues: [JSONValue?] = []
    private var groupByKey: [String: Int32] = [:]
    private var groupCounts: [Int] = []

    // Event measures, by group key ("" when ungrouped).
    private var buckets: [String: Measure] = [:]
    private var bucketOrder: [String] = []

    init(definition: ProjectionDefinition) {
        self.definition = definition
        if case .countAggregates(let type, let by) = definition.measure {
            kind = .aggregates(type: type, fold: by.map { SubStateFold(path: $0) })
        } else {
            kind = .events
        }
    }

    var approximateBytes: Int {
        groupOfAggregate.count * 4 + groupValues.count * 48 + bucketOrder.count * 96 + 64
    }

    // MARK: - Aggregates

    mutating func applyAggregateEvent(_ context: inout EventContext, aggregate: AggregateRules, id: Int32) {
        guard case .aggregates(_, let fold) = kind else { return }
        let slot = Int(id)
        if slot >= groupOfAggregate.count {
            groupOfAggregate.append(contentsOf: repeatElement(-1, count: slot - groupOfAggregate.count + 1))
        }
        let previous = groupOfAggregate[slot]
        guard let fold else {
            if previous < 0 { move(slot, from: previous, to: group(for: nil)) }
            return
        }
        let before = previous >= 0 ? groupValues[Int(previous)] : fold.initial(aggregate)
        let after = fold.apply(&context, to: before, aggregate: aggregate)
        if previous < 0 || after != before { move(slot, from: previous, to: group(for: after)) }
    }

    private mutating func move(_ slot: Int, from old: Int32, to new: Int32) {
        if old >= 0 { groupCounts[Int(old)] -= 1 }
        groupCounts[Int(new)] += 1
        groupOfAggregate[slot] = new
    }

    private mutating func group(for value: JSONValue?) -> Int32 {
        let key = Self.key(value)
        if let existing = groupByKey[key] { return existing }
        let index = Int32(groupValues.count)
        groupByKey[key] = index
        groupValues.append(value)
        groupCounts.append(0)
        return index
    }

    // MARK: - Events

    mutating func applyEvent(_ context: inout EventContext) {
        guard definition.filter.admits(context.event) else { return }
        let (operand, by): (ValueExpression?, ValueExpression?)
        switch definition.measure {
        case .countEvents(let group): (operand, by) = (nil, group)
        case .sum(let value, let group), .min(let value, let group), .max(let value, let group), .average(let value, let group):
            (operand, by) = (value, group)
        case .countAggregates: return
        }
        let key = by.map { Self.key($0.evaluate(&context)) } ?? ""
        var measure = buckets[key] ?? { bucketOrder.append(key); return Measure() }()
        if let operand {
            guard let value = operand.evaluate(&context), value.isNumber else { return }
            measure.add(value)
        } else {
            measure.count += 1
        }
        buckets[key] = measure
    }

    // MARK: - Value

    var value: JSONValue {
        switch kind {
        case .aggregates(_, let fold):
            guard fold != nil else { return .int(Int64(groupCounts.first ?? 0)) }
            let groups = zip(groupValues, groupCounts).filter { $0.1 > 0 }.map { (Self.key($0.0), $0.1) }
            return .object(pairs: groups.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map { ($0.0, .int(Int64($0.1))) })
        case .events:
            let ungrouped: Bool
            switch definition.measure {
            case .countEvents(let by), .sum(_, let by), .min(_, let by), .max(_, let by), .average(_, let by): ungrouped = by == nil
            case .countAggregates: ungrouped = true
            }
            if ungrouped { return result(buckets[""] ?? Measure()) }
            let keys = bucketOrder.sorted()
            return .object(pairs: keys.compactMap { key in buckets[key].map { (key, result($0)) } })
        }
    }

    private func result(_ measure: Measure) -> JSONValue {
        switch definition.measure {
        case .countEvents, .countAggregates: return .int(Int64(measure.count))
        case .sum: return measure.sum
        case .min: return measure.minimum ?? .null
        case .max: return measure.maximum ?? .null
        case .average:
            guard measure.count > 0, let total = measure.sum.doubleValue else { return .null }
            return .double(total / Double(measure.count))
        }
    }

    /// A group's name: strings as they are, other values as compact JSON, a missing value as `null`.
    static func key(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: return text
        case let other?: return JSONWriter.compact(other)
        case nil: return "null"
        }
    }
}

/// Count, sum, minimum and maximum of numbers; sums stay integers while every operand is one.
struct Measure {
    var count = 0
    var sum: JSONValue = .int(0)
    var minimum: JSONValue?
    var maximum: JSONValue?

    mutating func add(_ value: JSONValue) {
        count += 1
        if case .int(let total) = sum, case .int(let operand) = value,
           case (let result, false) = total.addingReportingOverflow(operand) {
            sum = .int(result)
        } else {
            sum = .double((sum.doubleValue ?? 0) + (value.doubleValue ?? 0))
        }
        if minimum.map({ (value.doubleValue ?? 0) < ($0.doubleValue ?? 0) }) ?? true { minimum = value }
        if maximum.map({ (value.doubleValue ?? 0) > ($0.doubleValue ?? 0) }) ?? true { maximum = value }
    }
}
