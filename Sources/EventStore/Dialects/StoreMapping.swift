import EventModel
import Foundation
import Yams

/// A dialect written by a person (`--map FILE.yaml`): the table or read-only SELECT that holds
/// the events and which of its columns are which (docs/dialects.md, "Mapping files").
///
/// ```yaml
/// table: stored_events            # or  select: "SELECT ... FROM ... JOIN ..."
/// columns:
///   position: id                  # required: position, stream, version, type, data
///   stream: aggregate_uuid
///   stream_type: {value: Account} # a column name, or {value: NAME} for every stream
///   version: aggregate_version
///   type: event_class
///   data: event_properties
///   metadata: meta_data           # optional: event_id, stream_type, schema_version, metadata, time
///   time: created_at
/// version_base: 1                 # what the first version is stored as: 0 or 1 (default 1)
/// encoding: json                  # json, zlib+json, aes-gcm+zlib+json, yaml, eventsourcing
/// snapshots: {table: snapshots, stream: aggregate_uuid, version: aggregate_version, state: state, taken_at: created_at}
/// checkpoints: {table: projector_status, name: name, position: last_position}
/// ```
public struct StoreMapping: Sendable {
    public var file: String
    public var family: String
    public var source: RelationSource
    /// The events table, or `nil` for a SELECT.
    public var table: String?
    public var columns: [String: String]
    public var streamTypeName: String?
    public var versionBase: Int64
    public var encoding: PayloadEncoding
    public var snapshots: [String: String]?
    public var checkpoints: [String: String]?

    static let requiredColumns = ["position", "stream", "version", "type", "data"]
    static let optionalColumns = ["event_id", "stream_type", "schema_version", "metadata", "time"]
    static let topKeys = ["family", "table", "select", "columns", "version_base", "encoding", "snapshots", "checkpoints"]
    static let snapshotKeys = (required: ["table", "stream", "version", "state"], optional: ["taken_at", "version_base"])
    static let checkpointKeys = (required: ["table", "name", "position"], optional: ["updated_at"])

    /// Reads and checks a mapping file's shape (its columns are checked against the store when opened).
    public static func load(path: String) throws -> StoreMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError("\(path): cannot read the mapping file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> StoreMapping {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw StoreError("\(file): not valid YAML (\(String(describing: error).split(separator: "\n").first ?? ""))")
        }
        guard let top = loaded as? [String: Any] else { throw StoreError("\(file): a mapping file is a YAML mapping (see docs/dialects.md)") }
        try checkKeys(top, allowed: topKeys, in: file, where: "")
        let select = top["select"] as? String, table = top["table"] as? String
        guard (select == nil) != (table == nil) else { throw StoreError("\(file): give either `table` or `select`, one of them") }
        if let select {
            let first = select.trimmingCharacters(in: .whitespacesAndNewlines).prefix(6).lowercased()
            guard first == "select" || first.hasPrefix("with") else { throw StoreError("\(file): `select` must be a read-only SELECT") }
        }
        guard let columnMap = top["columns"] as? [String: Any] else { throw StoreError("\(file): `columns` is missing") }
        try checkKeys(columnMap, allowed: requiredColumns + optionalColumns, in: file, where: "columns.")
        var columns: [String: String] = [:]
        var streamTypeName: String?
        for (key, value) in columnMap {
            if key == "stream_type", let literal = value as? [String: Any] {
                guard literal.count == 1, let name = literal["value"].map({ "\($0)" }) else {
                    throw StoreError("\(file): columns.stream_type is a column name or {value: NAME}")
                }
                streamTypeName = name
            } else if let name = value as? String {
                columns[key] = name
            } else {
                throw StoreError("\(file): columns.\(key) must name a column")
            }
        }
        let missing = requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else { throw StoreError("\(file): columns lacks \(missing.joined(separator: ", ")) (required)") }
        let base = try versionBase(top["version_base"], file: file, key: "version_base")
        let encodingName = (top["encoding"] as? String) ?? "json"
        guard let encoding = PayloadEncoding(rawValue: encodingName) else {
            throw StoreError("\(file): encoding `\(encodingName)` is not one of \(PayloadEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return StoreMapping(
            file: file, family: (top["family"] as? String) ?? "mapped by \(URL(fileURLWithPath: file).lastPathComponent)",
            source: table.map { .table($0) } ?? .select(select ?? ""), table: table, columns: columns, streamTypeName: streamTypeName,
            versionBase: base, encoding: encoding,
            snapshots: try section(top["snapshots"], "snapshots", snapshotKeys, file: file),
            checkpoints: try section(top["checkpoints"], "checkpoints", checkpointKeys, file: file))
    }

    private static func checkKeys(_ map: [String: Any], allowed: [String], in file: String, where prefix: String) throws {
        let unknown = map.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw StoreError("\(file): unknown key(s) \(unknown.map { prefix + $0 }.joined(separator: ", ")) (known: \(allowed.joined(separator: ", ")))")
        }
    }

    private static func versionBase(_ value: Any?, file: String, key: String) throws -> Int64 {
        guard let value else { return 1 }
        guard let base = value as? Int, base == 0 || base == 1 else { throw StoreError("\(file): \(key) is 0 or 1") }
        return Int64(base)
    }

    private static func section(_ value: Any?, _ name: String, _ keys: (required: [String], optional: [String]),
                                file: String) throws -> [String: String]? {
        guard let value else { return nil }
        guard let map = value as? [String: Any] else { throw StoreError("\(file): `\(name)` is a mapping") }
        try checkKeys(map, allowed: keys.required + keys.optional, in: file, where: name + ".")
        var result: [String: String] = [:]
        for (key, value) in map { result[key] = "\(value)" }
        let missing = keys.required.filter { result[$0] == nil }
        guard missing.isEmpty else { throw StoreError("\(file): \(name) lacks \(missing.joined(separator: ", "))") }
        return result
    }

    // MARK: - Against the store

    /// The dialect, once every named table and column is found in the store (`selectColumns`
    /// gives the result columns of the mapping's SELECT); otherwise one line naming what is missing.
    public func dialect(for catalog: SchemaCatalog, path: String, selectColumns: (String) throws -> [String]) throws -> StoreDialect {
        let available: [String]
        let origin: String
        switch source {
        case let .select(sql):
            do {
                available = try selectColumns(sql)
            } catch {
                throw StoreError("\(file): the SELECT does not run on \(path): \(error)")
            }
            origin = "the SELECT's columns"
        default:
            let name = table ?? ""
            guard let found = catalog[name] else {
                throw StoreError("\(file): no table `\(name)` in \(path) (it has \(catalog.tableNames.joined(separator: ", ")))")
            }
            available = found.columns
            origin = "`\(name)`"
        }
        try requireColumns(Array(columns.values), in: available, of: origin)
        try snapshots.map { try requireTable($0, columns: ["stream", "version", "state", "taken_at"], catalog) }
        try checkpoints.map { try requireTable($0, columns: ["name", "position", "updated_at"], catalog) }

        func column(_ key: String) -> SQLExpression? { columns[key].map { SQLExpression.column($0, table: nil) } }
        let streamType: StreamTypeSource = streamTypeName.map { .expression(.text($0)) }
            ?? column("stream_type").map(StreamTypeSource.expression) ?? .streamCategory
        let relation = EventRelation(
            source: source, position: .column(columns["position"] ?? ""), eventID: column("event_id"),
            stream: .column(columns["stream"] ?? ""), streamType: streamType, version: .column(columns["version"] ?? ""),
            versionBase: versionBase, type: .column(columns["type"] ?? ""), schemaVersion: column("schema_version"),
            data: .column(columns["data"] ?? ""), dataKind: encoding == .json ? .json : .bytes,
            metadata: column("metadata"), metadataKind: encoding == .json ? .json : .bytes,
            time: column("time").map { .expression($0, .time) } ?? (encoding == .eventsourcing ? .payloadTimestamp : .none),
            encoding: encoding)
        return StoreDialect(
            family: family, events: relation,
            snapshots: snapshots.map { s in
                SnapshotRelation(table: s["table"] ?? "", stream: s["stream"] ?? "", version: s["version"] ?? "",
                                 versionBase: Int64(s["version_base"] ?? "") ?? versionBase, state: s["state"] ?? "",
                                 stateKind: encoding == .json ? .json : .bytes, takenAt: s["taken_at"], encoding: encoding)
            },
            checkpoints: checkpoints.map { c in
                CheckpointRelation(table: c["table"] ?? "", name: c["name"] ?? "", position: c["position"] ?? "", updatedAt: c["updated_at"])
            },
            countedTables: [snapshots?["table"], checkpoints?["table"]].compactMap { $0 })
    }

    private func requireColumns(_ names: [String], in available: [String], of origin: String) throws {
        let missing = Set(names.filter { !available.contains($0) }).sorted()
        guard missing.isEmpty else {
            throw StoreError("\(file): \(origin) has no column(s) \(missing.map { "`\($0)`" }.joined(separator: ", ")) (it has \(available.joined(separator: ", ")))")
        }
    }

    private func requireTable(_ section: [String: String], columns keys: [String], _ catalog: SchemaCatalog) throws {
        let name = section["table"] ?? ""
        guard let table = catalog[name] else {
            throw StoreError("\(file): no table `\(name)` (it has \(catalog.tableNames.joined(separator: ", ")))")
        }
        try requireColumns(keys.compactMap { section[$0] }, in: table.columns, of: "`\(name)`")
    }
}
