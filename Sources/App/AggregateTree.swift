import JSON
import Replay

/// One line of the aggregate pane's state tree.
public struct TreeRow: Equatable, Sendable {
    public enum Change: Equatable, Sendable { case none, added, changed, removed }

    /// What the line shows after its key.
    public enum Content: Equatable, Sendable {
        /// A value written out.
        case value(String)
        /// An open object or array: `{` or `[`.
        case open(Character)
        /// A folded object or array: its brackets, and how many fields or items it holds.
        case folded(open: Character, close: Character, count: Int, noun: String)
    }

    public let path: StatePath
    public let depth: Int
    /// The field name or array index (nil for the root).
    public let key: String?
    public let content: Content
    public let change: Change

    public var isContainer: Bool {
        switch content {
        case .value: return false
        case .open, .folded: return true
        }
    }

    /// `key: value`, `key: {`, or `key: {…} 3 fields` with the given ellipsis.
    public func text(ellipsis: String) -> String {
        let label = key.map { "\($0): " } ?? ""
        switch content {
        case .value(let text): return label + text
        case .open(let bracket): return label + String(bracket)
        case .folded(let open, let close, let count, let noun): return label + "\(open)\(ellipsis)\(close) \(count) \(noun)"
        }
    }
}

/// Flattens a state into tree rows, marking what the last event changed (compared with the state
/// before it); removed fields appear as rows of their own so the change is visible, and a folded
/// object or array shows that something inside it changed.
public enum AggregateTree {
    public static func rows(_ state: JSONValue, before: JSONValue?, folded: Set<String>) -> [TreeRow] {
        var rows: [TreeRow] = []
        let changes = before.map { StateDiff.between($0, state) } ?? []
        let byPath = Dictionary(changes.map { ($0.path.description, $0.kind) }, uniquingKeysWith: { first, _ in first })
        append(state, key: nil, path: .root, depth: 0, changes: byPath, folded: folded, into: &rows)
        for change in changes where change.kind == .removed {
            rows.append(TreeRow(path: change.path, depth: change.path.components.count - 1, key: change.path.components.last,
                                content: .value(compact(change.old ?? .null)), change: .removed))
        }
        return rows
    }

    private static func append(_ value: JSONValue, key: String?, path: StatePath, depth: Int, changes: [String: StateChange.Kind],
                               folded: Set<String>, into rows: inout [TreeRow]) {
        var change: TreeRow.Change
        switch changes[path.description] {
        case .added?: change = .added
        case .changed?: change = .changed
        default: change = .none
        }
        let isFolded = folded.contains(path.description)
        if isFolded, change == .none, changes.keys.contains(where: { $0.hasPrefix(path.description + ".") }) { change = .changed }
        switch value {
        case .object(let members) where !members.isEmpty:
            if key != nil {
                let content: TreeRow.Content = isFolded ? .folded(open: "{", close: "}", count: members.count, noun: "fields") : .open("{")
                rows.append(TreeRow(path: path, depth: depth, key: key, content: content, change: change))
            }
            guard !isFolded || key == nil else { return }
            for (name, member) in members {
                append(member, key: name, path: path.appending(name), depth: key == nil ? depth : depth + 1,
                       changes: changes, folded: folded, into: &rows)
            }
        case .array(let elements) where elements.count > 8 || elements.contains(where: { $0.objectValue != nil }):
            let content: TreeRow.Content = isFolded ? .folded(open: "[", close: "]", count: elements.count, noun: "items") : .open("[")
            rows.append(TreeRow(path: path, depth: depth, key: key, content: content, change: change))
            guard !isFolded else { return }
            for (offset, element) in elements.enumerated() {
                append(element, key: String(offset), path: path.appending(String(offset)), depth: depth + 1,
                       changes: changes, folded: folded, into: &rows)
            }
        default:
            rows.append(TreeRow(path: path, depth: depth, key: key, content: .value(compact(value)), change: change))
        }
    }

    /// Strings longer than this show their start and their length (a row shows a line at most).
    static let longString = 1024

    /// A value written on one line, long strings shortened (a 200 MB string would otherwise be
    /// copied whole to show its first columns).
    static func compact(_ value: JSONValue) -> String {
        JSONWriter.compact(shortened(value))
    }

    private static func shortened(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.utf8.count > longString:
            return .string(String(text.prefix(longString)) + "… (\(text.utf8.count) bytes)")
        case .array(let elements):
            return .array(elements.map(shortened))
        case .object(let members):
            return .object(members.mapValues(shortened))
        default:
            return value
        }
    }
}
