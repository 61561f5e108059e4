import Foundation
import JSON
import Yams

/// Reads a rules file (YAML) into `Rules`, reporting the first problem with its file, line and
/// column. The YAML is composed into nodes (not decoded into types) so every value keeps its
/// position for messages.
public enum RulesLoader {
    public static func load(path: String) throws(RulesError) -> Rules {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RulesError(file: path, line: 0, column: 0, message: "no such rules file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw RulesError(file: path, line: 0, column: 0, message: isDirectory.boolValue ? "is a directory, not a rules file" : "cannot read the rules file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RulesError(file: path, line: 1, column: 1, message: "the rules file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ yaml: String, file: String) throws(RulesError) -> Rules {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw RulesError(file: file, line: 1, column: 1, message: "\(error)")
        }
        var reader = NodeReader(file: file)
        guard let root else { return Rules(source: file).withStandardProjections }
        return try reader.rules(root).withStandardProjections
    }

    private static func yamlError(_ error: YamlError, file: String) -> RulesError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RulesError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .reader(let problem, _, _, _):
            return RulesError(file: file, line: 1, column: 1, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RulesError(file: file, line: context.mark.line, column: context.mark.column,
                              message: "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            return RulesError(file: file, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }
}

/// Walks the composed YAML, turning nodes into the rules model.
private struct NodeReader {
    let file: String

    // MARK: - Top level

    mutating func rules(_ root: Node) throws(RulesError) -> Rules {
        var rules = Rules(source: file)
        for (key, value) in try mapping(root, "the rules file") {
            switch try name(key) {
            case "aggregates":
                for (typeNode, body) in try mapping(value, "aggregates") {
                    rules.aggregates.append(try aggregate(name: try name(typeNode), body))
                }
            case "projections":
                for (nameNode, body) in try mapping(value, "projections") {
                    rules.projections.append(try projection(name: try name(nameNode), body))
                }
            case let other:
                throw error(key, "unknown section '\(other)' (expected aggregates or projections)")
            }
        }
        return rules
    }

    // MARK: - Aggregates

    private func aggregate(name: String, _ node: Node) throws(RulesError) -> AggregateRules {
        var aggregate = AggregateRules(name: name)
        for (key, value) in try mapping(node, "aggregate \(name)") {
            switch try self.name(key) {
            case "streams": aggregate.streams = Glob(try string(value, "streams"))
            case "initial":
                aggregate.initial = try literal(value)
                guard case .object = aggregate.initial else { throw error(value, "initial must be an object") }
            case "otherwise":
                guard let fallback = AggregateRules.Fallback(rawValue: try string(value, "otherwise")) else {
                    throw error(value, "otherwise must be merge or ignore")
                }
                aggregate.otherwise = fallback
            case "on":
                for (typeNode, body) in try mapping(value, "on") {
                    let key = try self.name(typeNode)
                    let operations = try self.operations(body, event: key)
                    let parts = key.split(separator: "@", maxSplits: 1)
                    let type = String(parts[0])
                    if parts.count == 2 {
                        guard let version = Int64(parts[1]), version > 0 else {
                            throw error(typeNode, "'\(key)': the part after @ must be a schema version number")
                        }
                        aggregate.handlers[type, default: EventRule()].bySchemaVersion[version] = operations
                    } else {
                        aggregate.handlers[type, default: EventRule()].anyVersion = operations
                    }
                }
            case let other:
                throw error(key, "unknown key '\(other)' in aggregate \(name) (expected streams, initial, on, otherwise)")
            }
        }
        return aggregate
    }

    private func operations(_ node: Node, event: String) throws(RulesError) -> [ReducerOperation] {
        var result: [ReducerOperation] = []
        for (key, value) in try mapping(node, "the rule for \(event)") {
            let word = try name(key)
            guard let kind = ReducerOperation.Kind(rawValue: word) else {
                let known = ReducerOperation.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(key, "unknown operation '\(word)' (expected one of \(known))")
            }
            switch (kind, value) {
            case (.unset, .sequence(let paths)):
                for path in paths { result.append(ReducerOperation(.unset, StatePath(try string(path, "a path")), nil)) }
            case (.unset, .scalar):
                result.append(ReducerOperation(.unset, StatePath(try string(value, "a path")), nil))
            case (.merge, .scalar):
                result.append(ReducerOperation(.merge, .root, try expression(value)))
            default:
                for (pathNode, operand) in try mapping(value, "\(word)") {
                    result.append(ReducerOperation(kind, StatePath(try name(pathNode)), try expression(operand)))
                }
            }
        }
        return result
    }

    // MARK: - Projections

    private func projection(name: String, _ node: Node) throws(RulesError) -> ProjectionDefinition {
        var measureKey: (String, Node)?
        var by: Node?
        var filter = EventFilterRule()
        for (key, value) in try mapping(node, "projection \(name)") {
            let word = try self.name(key)
            switch word {
            case "count", "sum", "min", "max", "avg":
                if measureKey != nil { throw error(key, "projection \(name) has more than one of count, sum, min, max, avg") }
                measureKey = (word, value)
            case "by": by = value
            case "where": filter = try eventFilter(value)
            default:
                throw error(key, "unknown key '\(word)' in projection \(name) (expected count, sum, min, max, avg, by, where)")
            }
        }
        guard let (word, value) = measureKey else {
            throw error(node, "projection \(name) needs one of count, sum, min, max, avg")
        }
        let measure: ProjectionDefinition.Measure
        switch word {
        case "count":
            let subject = try string(value, "count")
            if subject == "events" || subject == "streams" {
                let group = try by.map { node throws(RulesError) in try expression(node) }
                measure = subject == "events" ? .countEvents(by: group) : .countStreams(by: group)
            } else {
                let path = try by.map { node throws(RulesError) in
                    let text = try string(node, "by")
                    if text.hasPrefix("$") { throw error(node, "count of \(subject) groups by a state field (e.g. status), not \(text)") }
                    return StatePath(text)
                }
                measure = .countAggregates(type: subject, by: path)
            }
        default:
            let operand = try expression(value)
            if case .literal = operand { throw error(value, "\(word) needs an event value such as $data.amount") }
            let group = try by.map { node throws(RulesError) in try expression(node) }
            switch word {
            case "sum": measure = .sum(operand, by: group)
            case "min": measure = .min(operand, by: group)
            case "max": measure = .max(operand, by: group)
            default: measure = .average(operand, by: group)
            }
        }
        return ProjectionDefinition(name: name, measure: measure, filter: filter)
    }

    private func eventFilter(_ node: Node) throws(RulesError) -> EventFilterRule {
        var filter = EventFilterRule()
        for (key, value) in try mapping(node, "where") {
            switch try name(key) {
            case "type": filter.types = try stringSet(value, "type")
            case "stream_type": filter.streamTypes = try stringSet(value, "stream_type")
            case "stream": filter.stream = Glob(try string(value, "stream"))
            case let other: throw error(key, "unknown condition '\(other)' in where (expected type, stream_type, stream)")
            }
        }
        return filter
    }

    // MARK: - Values

    /// A value in an operation: `$` references, templates, or literals.
    private func expression(_ node: Node) throws(RulesError) -> ValueExpression {
        switch node {
        case .scalar(let scalar) where scalar.style == .plain || scalar.style == .any:
            if scalar.string.hasPrefix("$") {
                guard let reference = ValueExpression.reference(scalar.string) else {
                    throw error(node, "unknown reference \(scalar.string) (use \(ValueExpression.referenceNames), or $$ for a literal $)")
                }
                return reference
            }
            return .literal(try literal(node))
        case .scalar(let scalar):
            return .literal(.string(scalar.string))
        case .mapping(let pairs):
            var members: [(String, ValueExpression)] = []
            for (key, value) in pairs { members.append((try name(key), try expression(value))) }
            return .object(members)
        case .sequence(let elements):
            var values: [ValueExpression] = []
            for element in elements { values.append(try expression(element)) }
            return .array(values)
        case .alias:
            throw error(node, "YAML aliases are not supported in rules")
        }
    }

    /// A YAML node as plain JSON: unquoted scalars are typed (null, booleans, numbers).
    private func literal(_ node: Node) throws(RulesError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map { .bool($0) } ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue:
                // Exactly as written (`0.1` is 0.1), else YAML's other float spellings (`1_000.5`, `.5`).
                let number = DecimalNumber(scalar.string) ?? node.float.flatMap { DecimalNumber(approximating: $0) }
                return number.map { .decimal($0) } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let pairs):
            var members: [(String, JSONValue)] = []
            for (key, value) in pairs { members.append((try name(key), try literal(value))) }
            return .object(pairs: members)
        case .sequence(let elements):
            var values: [JSONValue] = []
            for element in elements { values.append(try literal(element)) }
            return .array(values)
        case .alias:
            throw error(node, "YAML aliases are not supported in rules")
        }
    }

    // MARK: - Node helpers

    private func mapping(_ node: Node, _ what: String) throws(RulesError) -> [(Node, Node)] {
        guard case .mapping(let pairs) = node else { throw error(node, "\(what) must be a mapping (key: value lines)") }
        return pairs.map { ($0.key, $0.value) }
    }

    private func name(_ node: Node) throws(RulesError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else { throw error(node, "expected a name") }
        return scalar.string
    }

    private func string(_ node: Node, _ what: String) throws(RulesError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be a single value") }
        return scalar.string
    }

    private func stringSet(_ node: Node, _ what: String) throws(RulesError) -> Set<String> {
        if case .sequence(let elements) = node {
            var values = Set<String>()
            for element in elements { values.insert(try string(element, what)) }
            return values
        }
        return [try string(node, what)]
    }

    private func error(_ node: Node, _ message: String) -> RulesError {
        let mark = node.mark
        return RulesError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }
}
