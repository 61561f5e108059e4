import EventModel
import JSON

/// A value in a rule: a literal, a reference to the event (`$data.items`, `$type`, ...), or an
/// object or array template whose members may themselves be references.
public indirect enum ValueExpression: Equatable, Sendable {
    case literal(JSONValue)
    case data(StatePath)
    case metadata(StatePath)
    case type
    case stream
    case streamType
    case version
    case schemaVersion
    case position
    case time
    case object([(String, ValueExpression)])
    case array([ValueExpression])

    public static func == (a: ValueExpression, b: ValueExpression) -> Bool {
        switch (a, b) {
        case (.literal(let x), .literal(let y)): return x == y
        case (.data(let x), .data(let y)), (.metadata(let x), .metadata(let y)): return x == y
        case (.type, .type), (.stream, .stream), (.streamType, .streamType), (.version, .version),
             (.schemaVersion, .schemaVersion), (.position, .position), (.time, .time): return true
        case (.object(let x), .object(let y)): return x.map(\.0) == y.map(\.0) && zip(x, y).allSatisfy { $0.1 == $1.1 }
        case (.array(let x), .array(let y)): return x == y
        default: return false
        }
    }

    /// Reads a rule string: `$`-references become references, `$$…` a literal starting with `$`,
    /// anything else a literal string. Returns nil for an unknown `$` reference.
    public static func reference(_ text: String) -> ValueExpression? {
        guard text.hasPrefix("$") else { return .literal(.string(text)) }
        if text.hasPrefix("$$") { return .literal(.string(String(text.dropFirst()))) }
        let name = text.dropFirst()
        let (head, rest) = name.firstIndex(of: ".").map { (name[..<$0], String(name[name.index(after: $0)...])) } ?? (name, "")
        switch head {
        case "data": return .data(StatePath(rest))
        case "metadata": return .metadata(StatePath(rest))
        case "type" where rest.isEmpty: return .type
        case "stream" where rest.isEmpty: return .stream
        case "stream_type" where rest.isEmpty: return .streamType
        case "version" where rest.isEmpty: return .version
        case "schema_version" where rest.isEmpty: return .schemaVersion
        case "position" where rest.isEmpty: return .position
        case "time" where rest.isEmpty: return .time
        default: return nil
        }
    }

    public static let referenceNames = "$data.…, $metadata.…, $type, $stream, $stream_type, $version, $schema_version, $position, $time"

    /// The value for this event, or nil when a referenced field is missing.
    public func evaluate(_ context: inout EventContext) -> JSONValue? {
        switch self {
        case .literal(let value): return value
        case .data(let path): return context.dataValue(at: path)
        case .metadata(let path): return context.metadataValue(at: path)
        case .type: return .string(context.event.type)
        case .stream: return .string(context.event.stream)
        case .streamType: return context.event.streamType.isEmpty ? .null : .string(context.event.streamType)  // none: absent
        case .version: return .int(context.event.version)
        case .schemaVersion: return .int(context.event.schemaVersion)
        case .position: return .int(context.event.position)
        case .time: return .string(context.event.time?.iso8601 ?? context.event.recordedAt)
        case .object(let members):
            var pairs: [(String, JSONValue)] = []
            for (key, member) in members {
                guard let value = member.evaluate(&context) else { return nil }
                pairs.append((key, value))
            }
            return .object(pairs: pairs)
        case .array(let elements):
            var values: [JSONValue] = []
            for element in elements {
                guard let value = element.evaluate(&context) else { return nil }
                values.append(value)
            }
            return .array(values)
        }
    }

    /// Whether evaluating this reads the event's metadata.
    public var readsMetadata: Bool {
        switch self {
        case .metadata: return true
        case .object(let members): return members.contains { $0.1.readsMetadata }
        case .array(let elements): return elements.contains { $0.readsMetadata }
        default: return false
        }
    }

    /// How the expression reads in a message, e.g. `$data.amount`.
    public var description: String {
        switch self {
        case .literal(let value): return JSONWriter.compact(value)
        case .data(let path): return path.isRoot ? "$data" : "$data.\(path)"
        case .metadata(let path): return path.isRoot ? "$metadata" : "$metadata.\(path)"
        case .type: return "$type"
        case .stream: return "$stream"
        case .streamType: return "$stream_type"
        case .version: return "$version"
        case .schemaVersion: return "$schema_version"
        case .position: return "$position"
        case .time: return "$time"
        case .object: return "{…}"
        case .array: return "[…]"
        }
    }
}
