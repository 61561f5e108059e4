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
    /// For event measures, taken apart once: the measured value (nil: a count), the grouping (and
    /// whether it is by the engine's type or stream type slot), whether distinct streams are
    /// counted, and whether `where` needs more than the event type.
    private let operand: ValueExpression?
    private let grouping: ValueExpression?
    private let slotGrouping: SlotGrouping?
    let countsStreams: Bool
    private let filterNeedsEvent: Bool

    /// Groupings whose buckets are found by the engine's numbering of names, without hashing them.
    enum SlotGrouping {
        case type, streamType
    }

    // Aggregate counts: each aggregate's group (by aggregate id; -1 for none yet), the distinct
    // values of the grouping field, and how many aggregates sit in each.
    private var groupOfAggregate: [Int32] = []
    private var groupValues: [JSONValue?] = []
    private var groupByKey: [String: Int32] = [:]
    private var groupCounts: [Int] = []

    // Event measures, by group key ("" when ungrouped).
    private var buckets: [String: Measure] = [:]

    // Facts about each event type, by the engine's type slot: whether `where` admits it and the
    // aggregate rule for it.
    private var admitsTypeSlot: [Bool?] = []
    private var ruleForTypeSlot: [EventRule??] = []
    // When grouping by `$type` or `$stream_type`: each slot's measure and name.
    private var measureForSlot: [Measure] = []
    private var nameForSlot: [String?] = []

    // Stream counts: the group each stream was first counted in (by the engine's stream id; -1
    // for none yet), the (group, stream) pairs of streams counted in further groups, and the
    // numbers of groups found by key.
    private var groupOfStream: [Int32] = []
    private var furtherGroupsOfStreams: Set<UInt64> = []
    private var groupNumbers: [String: Int32] = [:]

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
        case .countEvents(let by), .countStreams(let by): (operand, grouping) = (nil, by)
        case .sum(let value, let by), .min(let value, let by), .max(let value, let by), .average(let value, let by):
            (operand, grouping) = (value, by)
        }
        if case .countStreams = definition.measure { countsStreams = true } else { countsStreams = false }
        slotGrouping = grouping == .type ? .type : (grouping == .streamType ? .streamType : nil)
        filterNeedsEvent = definition.filter.streamTypes != nil || definition.filter.stream != nil
    }

    /// Whether applying an event needs the engine's number of its stream type.
    var needsStreamTypeSlot: Bool { slotGrouping == .streamType }

    var approximateBytes: Int {
        (groupOfAggregate.count + groupOfStream.count) * 4 + furtherGroupsOfStreams.count * 16 + groupValues.count * 48
            + (buckets.count + measureForSlot.count) * 96 + 64
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
        let rule = Self.cached(&ruleForTypeSlot, typeSlot) { counted.handlers[context.event.type] }
        // An event without a rule leaves an ignoring aggregate as it was (most events, in most logs).
        if rule == nil, counted.otherwise == .ignore, previous >= 0 { return }
        let before = previous >= 0 ? groupValues[Int(previous)] : counted.initialValue
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

    /// Applies an event to an event measure. `streamTypeSlot` is the engine's number of the event's
    /// stream type (only when `needsStreamTypeSlot`), `streamID` its number of the stream (only
    /// when `countsStreams`).
    mutating func applyEvent(_ context: inout EventContext, typeSlot: Int, streamTypeSlot: Int, streamID: Int32) {
        let typeAdmitted = Self.cached(&admitsTypeSlot, typeSlot) { definition.filter.types.map { $0.contains(context.event.type) } ?? true }
        guard typeAdmitted, !filterNeedsEvent || definition.filter.admits(context.event) else { return }
        var value: JSONValue?
        if let operand {
            guard let number = operand.evaluate(&context), number.isNumber else { return }
            value = number
        }
        if let slotGrouping {
            // Grouping by type or stream type: the bucket is found by slot, without hashing the name.
            let slot = slotGrouping == .type ? typeSlot : streamTypeSlot
            if slot >= measureForSlot.count {
                let missing = slot - measureForSlot.count + 1
                measureForSlot.append(contentsOf: repeatElement(Measure(), count: missing))
                nameForSlot.append(contentsOf: repeatElement(nil, count: missing))
            }
            if nameForSlot[slot] == nil {
                // Named as `Self.key` names the value: an event without a stream type falls in `null`.
                nameForSlot[slot] = Self.key((slotGrouping == .type ? ValueExpression.type : .streamType).evaluate(&context))
            }
            if countsStreams, !isFirst(stream: streamID, inGroup: Int32(slot)) { return }
            if let value { measureForSlot[slot].add(value) } else { measureForSlot[slot].count += 1 }
            return
        }
        let key = grouping.map { Self.key($0.evaluate(&context)) } ?? ""
        if countsStreams {
            let group = groupNumbers[key] ?? Int32(groupNumbers.count)
            if group == groupNumbers.count { groupNumbers[key] = group }
            guard isFirst(stream: streamID, inGroup: group) else { return }
        }
        if let value { buckets[key, default: Measure()].add(value) } else { buckets[key, default: Measure()].count += 1 }
    }

    /// Whether the stream is counted in the group for the first time. A stream usually falls in
    /// one group (its stream type), so that is an array lookup; further groups go to a set.
    private mutating func isFirst(stream id: Int32, inGroup group: Int32) -> Bool {
        let slot = Int(id)
        if slot >= groupOfStream.count {
            groupOfStream.append(contentsOf: repeatElement(-1, count: slot - groupOfStream.count + 1))
        }
        let first = groupOfStream[slot]
        if first < 0 {
            groupOfStream[slot] = group
            return true
        }
        if first == group { return false }
        return furtherGroupsOfStreams.insert(UInt64(UInt32(bitPattern: group)) << 32 | UInt64(UInt32(bitPattern: id))).inserted
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
        for (name, measure) in zip(nameForSlot, measureForSlot) {
            if let name { groups[name] = measure }
        }
        return .object(pairs: groups.keys.sorted().compactMap { key in groups[key].map { (key, result($0)) } })
    }

    private func result(_ measure: Measure) -> JSONValue {
        switch definition.measure {
        case .countEvents, .countStreams, .countAggregates: return .int(Int64(measure.count))
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
