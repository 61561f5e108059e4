import EventModel
import JSON

/// The running value of one projection. A plain value, so a checkpoint is a copy.
struct ProjectionState {
    /// What an aggregate count needs per event, in one reference: copying it costs one retain,
    /// where copying the rules and the fold themselves would retain each of their parts.
    final class CountedAggregate: Sendable {
        let handlers: [String: EventRule]
        let otherwise: AggregateRules.Fallback
        /// The grouping field's fold (nil: all aggregates in one group) and its value before an
        /// aggregate's first event.
        let fold: SubStateFold?
        let initialValue: JSONValue?

        init(rules: AggregateRules, fold: SubStateFold?) {
            handlers = rules.handlers
            otherwise = rules.otherwise
            self.fold = fold
            initialValue = fold?.initial(rules)
        }
    }

    let definition: ProjectionDefinition
    /// For aggregate counts: the counted aggregate's index among the rules' aggregates, and what
    /// counting it needs (nil for event measures, or an aggregate the rules do not define).
    let countedAggregate: Int?
    private let counted: CountedAggregate?
    /// For event measures, taken apart once: the measured value (nil: a count), the grouping, and
    /// whether `where` needs more than the event type.
    private let operand: ValueExpression?
    private let grouping: ValueExpression?
    private let groupsByType: Bool
    private let filterNeedsEvent: Bool

    // Aggregate counts: each aggregate's group (by aggregate id; -1 for none yet), the distinct
    // values of the grouping field, and how many aggregates sit in each.
    private var groupOfAggregate: [Int32] = []
    private var groupValues: [JSONValue?] = []
    private var groupByKey: [String: Int32] = [:]
    private var groupCounts: [Int] = []

    // Event measures, by group key ("" when ungrouped).
    private var buckets: [String: Measure] = [:]

    // Facts about each event type, by the engine's type slot: whether `where` admits it, the
    // aggregate rule for it, and (when grouping by `$type`) its measure.
    private var admitsTypeSlot: [Bool?] = []
    private var ruleForTypeSlot: [EventRule??] = []
    private var measureForTypeSlot: [Measure] = []
    private var typeNameForSlot: [String?] = []

    init(definition: ProjectionDefinition, rules: Rules) {
        self.definition = definition
        if case .countAggregates(let type, let by) = definition.measure {
            countedAggregate = rules.aggregates.firstIndex { $0.name == type }
            counted = countedAggregate.map { CountedAggregate(rules: rules.aggregates[$0], fold: by.map { SubStateFold(path: $0) }) }
        } else {
            countedAggregate = nil
            counted = nil
        }
        switch definition.measure {
        case .countAggregates: (operand, grouping) = (nil, nil)
        case .countEvents(let by): (operand, grouping) = (nil, by)
        case .sum(let value, let by), .min(let value, let by), .max(let value, let by), .average(let value, let by):
            (operand, grouping) = (value, by)
        }
        groupsByType = grouping == .type
        filterNeedsEvent = definition.filter.streamTypes != nil || definition.filter.stream != nil
    }

    var approximateBytes: Int {
        groupOfAggregate.count * 4 + groupValues.count * 48 + (buckets.count + measureForTypeSlot.count) * 96 + 64
    }

    // MARK: - Aggregates

    mutating func applyAggregateEvent(_ context: inout EventContext, id: Int32, typeSlot: Int) {
        guard let counted else { return }
        let fold = counted.fold
        let slot = Int(id)
        if slot >= groupOfAggregate.count {
            groupOfAggregate.append(contentsOf: repeatElement(-1, count: slot - groupOfAggregate.count + 1))
        }
        let previous = groupOfAggregate[slot]
        guard let fold else {
            if previous < 0 { move(slot, from: previous, to: group(for: nil)) }
            return
        }
        let before = previous >= 0 ? groupValues[Int(previous)] : counted.initialValue
        let rule = Self.cached(&ruleForTypeSlot, typeSlot) { counted.handlers[context.event.type] }
        let schemaVersion = context.event.schemaVersion
        let operations = rule.flatMap { $0.bySchemaVersion.isEmpty ? $0.anyVersion : ($0.bySchemaVersion[schemaVersion] ?? $0.anyVersion) }
        let after = fold.apply(&context, to: before, operations: operations, otherwise: counted.otherwise)
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

    mutating func applyEvent(_ context: inout EventContext, typeSlot: Int) {
        let typeAdmitted = Self.cached(&admitsTypeSlot, typeSlot) { definition.filter.types.map { $0.contains(context.event.type) } ?? true }
        guard typeAdmitted, !filterNeedsEvent || definition.filter.admits(context.event) else { return }
        var value: JSONValue?
        if let operand {
            guard let number = operand.evaluate(&context), number.isNumber else { return }
            value = number
        }
        if groupsByType {
            // Grouping by type: the bucket is found by slot, without hashing the type's name.
            if typeSlot >= measureForTypeSlot.count {
                let missing = typeSlot - measureForTypeSlot.count + 1
                measureForTypeSlot.append(contentsOf: repeatElement(Measure(), count: missing))
                typeNameForSlot.append(contentsOf: repeatElement(nil, count: missing))
            }
            if typeNameForSlot[typeSlot] == nil { typeNameForSlot[typeSlot] = context.event.type }
            if let value { measureForTypeSlot[typeSlot].add(value) } else { measureForTypeSlot[typeSlot].count += 1 }
            return
        }
        let key = grouping.map { Self.key($0.evaluate(&context)) } ?? ""
        if let value { buckets[key, default: Measure()].add(value) } else { buckets[key, default: Measure()].count += 1 }
    }

    // MARK: - Value

    var value: JSONValue {
        if case .countAggregates = definition.measure {
            guard counted?.fold != nil else { return .int(Int64(groupCounts.first ?? 0)) }
            let groups = zip(groupValues, groupCounts).filter { $0.1 > 0 }.map { (Self.key($0.0), $0.1) }
            return .object(pairs: groups.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map { ($0.0, .int(Int64($0.1))) })
        }
        if grouping == nil { return result(buckets[""] ?? Measure()) }
        var groups = buckets
        for (name, measure) in zip(typeNameForSlot, measureForTypeSlot) {
            if let name { groups[name] = measure }
        }
        return .object(pairs: groups.keys.sorted().compactMap { key in groups[key].map { (key, result($0)) } })
    }

    private func result(_ measure: Measure) -> JSONValue {
        switch definition.measure {
        case .countEvents, .countAggregates: return .int(Int64(measure.count))
        case .sum: return measure.sum
        case .min: return measure.minimum ?? .null
        case .max: return measure.maximum ?? .null
        case .average:
            guard measure.count > 0, let total = measure.sum.decimalValue else { return .null }
            return .decimal(total.divided(by: Int64(measure.count)))
        }
    }

    /// The value cached for a type slot, computed on first use.
    private static func cached<Value>(_ table: inout [Value?], _ slot: Int, _ compute: () -> Value) -> Value {
        if slot >= table.count { table.append(contentsOf: repeatElement(nil, count: slot - table.count + 1)) }
        if let known = table[slot] { return known }
        let value = compute()
        table[slot] = value
        return value
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

/// Count, sum, minimum and maximum of numbers, exactly: sums stay 64-bit integers while every
/// operand is one and the total fits, and are exact decimals otherwise (rounded only beyond 38
/// significant digits: a read model has no warnings to give, so it must always have a value).
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
        } else if let total = sum.decimalValue, let operand = value.decimalValue {
            sum = .decimal(total.addingRounded(operand))
        }
        if minimum.map({ (value.compareNumber(to: $0) ?? 0) < 0 }) ?? true { minimum = value }
        if maximum.map({ (value.compareNumber(to: $0) ?? 0) > 0 }) ?? true { maximum = value }
    }
}
