import JSON
import Replay

/// One line of the aggregate pane's state tree.
public struct TreeRow: Equatable, Sendable {
    public enum Change: Equatable, Sendable { case none, added, changed, removed }

    public let path: StatePath
    public let depth: Int
    /// `key: value` (or `key: {…}` when folded, `key: {` when open).
    public let text: String
    public let isContainer: Bool
    public let isFolded: Bool
    public let change: Change
}

/// Flattens a state into tree rows, marking what the last event changed (compared with the state
/// before it); removed fields appear as rows of their own so the change is visible.
public enum AggregateTree {
    public static func rows(_ state: JSONValue, before: JSONValue?, folded: Set<String>) -> [TreeRow] {
        var rows: [TreeRow] = []
        let changes = before.map { StateDiff.between($0, state) } ?? []
        let byPath = Dictionary(changes.map { ($0.path.description, $0.kind) }, uniquingKeysWith: { first, _ in first })
        append(state, key: nil, path: .root, depth: 0, changes: byPath, folded: folded, into: &rows)
        for change in changes where change.kind == .removed {
            rows.append(TreeRow(path: change.path, depth: change.path.components.count - 1,
                                text: "\(change.path.components.last ?? ""): \(compact(change.old ?? .null))",
                                isContainer: false, isFolded: false, change: .removed))
        }
        return rows
    }

    private static func append(_ value: JSONValue, key: String?, path: StatePath, depth: Int, changes: [String: StateChange.Kind],
                               folded: Set<String>, into rows: inout [TreeRow]) {
        let label = key.map { "\($0): " } ?? ""
        let change: TreeRow.Change
        switch changes[path.description] {
        case .added?: change = .added
        case .changed?: change = .changed
        default: change = .none
        }
        switch value {
        case .object(let members) where !members.isEmpty:
            let isFolded = folded.contains(path.description)
            if key != nil {
                rows.append(TreeRow(path: path, depth: depth, text: label + (isFolded ? "{…} \(members.count) fields" : "{"),
                                    isContainer: true, isFolded: isFolded, change: change))
            }
            guard !isFolded else { return }
            for (name, member) in members {
                append(member, key: name, path: path.appending(name), depth: key == nil ? depth : depth + 1,
                       changes: changes, folded: folded, into: &rows)
            }
        case .array(let elements) where elements.count > 8 || elements.contains(where: { $0.objectValue != nil }):
            let isFolded = folded.contains(path.description)
            rows.append(TreeRow(path: path, depth: depth, text: label + (isFolded ? "[…] \(elements.count) items" : "["),
                                isContainer: true, isFolded: isFolded, change: change))
            guard !isFolded else { return }
            for (offset, element) in elements.enumerated() {
                append(element, key: String(offset), path: path.appending(String(offset)), depth: depth + 1,
                       changes: changes, folded: folded, into: &rows)
            }
        default:
            rows.append(TreeRow(path: path, depth: depth, text: label + compact(value), isContainer: false, isFolded: false, change: change))
        }
    }

    static func compact(_ value: JSONValue) -> String {
        JSONWriter.compact(value)
    }
}
