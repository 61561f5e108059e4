import EventModel
import EventStore
import Foundation
import JSON
import PostgresNIO

/// An event store in a PostgreSQL database, read through one read-only connection by one thread at
/// a time. Every query is a window by position, a stream by its index, or an index edge: nothing
/// reads a whole table to open or to page (docs/postgres.md shows each query's plan). Listings
/// that do cover the log (`events` without a limit, replay) read it in bounded batches, keyed by
/// position, so memory stays flat whatever the table's size.
///
/// A dropped connection is opened again at the next call: a follower that retries recovers after
/// a server restart.
public final class PostgresSource: EventSource {
    public let kind = SourceKind.postgres
    /// The database's URI without its password, and the store read in it.
    public let path: String
    public let readWarnings: [String] = []
    public let settings: ConnectionSettings
    let mapping: EventTableMapping
    private var server: ServerConnection?

    /// Rows per query of a long listing: small first, so the first events show at once.
    static let firstBatch = 500
    static let batch = 5000

    public convenience init(uri: String, options: StoreOptions = StoreOptions()) throws {
        try self.init(settings: try ConnectionSettings.resolve(uri: uri), options: options)
    }

    public init(settings: ConnectionSettings, options: StoreOptions = StoreOptions()) throws {
        if options.mapping != nil { throw StoreError("\(settings.displayName): --map is not supported on PostgreSQL yet") }
        self.settings = settings
        let server = try ServerConnection.open(settings)
        let stores = try StoreCatalog.read(server).stores
        mapping = try StoreCatalog.choose(stores, selector: settings.store, database: settings.displayName)
        self.server = server
        path = settings.displayName
    }

    /// The family and schema read (`marten:public`).
    public var storeName: String { mapping.name }
    public var family: String { mapping.family }

    /// Runs `work` on the connection, opening it again first if it was lost.
    func withServer<T>(_ work: (ServerConnection) throws -> T) throws -> T {
        if let server, server.isOpen { return try work(server) }
        server = nil
        let reopened = try ServerConnection.open(settings)
        server = reopened
        return try work(reopened)
    }

    // MARK: - Events

    public func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws {
        var remaining = filter.limit ?? Int.max
        guard remaining > 0 else { return }
        if let stream = filter.stream, mapping.streamIsUUID, UUID(uuidString: stream) == nil { return }
        var after = (filter.fromPosition ?? Int64.min).subtractingReportingOverflow(1)
        if after.overflow { after.partialValue = Int64.min }
        var last = after.partialValue
        var batch = Self.firstBatch
        while true {
            let events = try window(after: last, limit: batch, stream: filter.stream, type: filter.type,
                                    checkingPayloads: filter.checksPayloads)
            for event in events where filter.admits(time: event.time) {
                remaining -= 1
                if try !body(event) || remaining == 0 { return }
            }
            guard events.count == batch, let end = events.last?.position else { return }
            last = end
            batch = Self.batch
        }
    }

    /// Up to `limit` events after `position`, in global order: the one query every listing pages with.
    public func window(after position: Int64, limit: Int, stream: String? = nil, type: String? = nil,
                       checkingPayloads: Bool = true) throws -> [Event] {
        var conditions = ["(\(mapping.position)) > $\(stream == nil ? 1 : 2)"]
        var binds: [any PostgresBindable] = []
        if let stream {
            conditions.insert(mapping.streamMatch, at: 0)
            binds.append(stream)
        }
        binds.append(position)
        if let type {
            conditions.append("(\(mapping.type)) = $\(binds.count + 1)")
            binds.append(type)
        }
        let sql = mapping.select(mapping.eventColumns, where: conditions, forStream: stream != nil)
            + " ORDER BY \(mapping.position) LIMIT \(limit)"
        return try events(sql, binds, checkingPayloads: checkingPayloads)
    }

    /// Up to `limit` events before `position`, nearest first: the explorer's window above the cursor.
    public func window(before position: Int64, limit: Int) throws -> [Event] {
        let sql = mapping.select(mapping.eventColumns, where: ["(\(mapping.position)) < $1"])
            + " ORDER BY \(mapping.position) DESC LIMIT \(limit)"
        return try events(sql, [position], checkingPayloads: true)
    }

    public func readEvents(before position: Int64, limit: Int, _ body: (Event) throws -> Bool) throws {
        guard limit > 0 else { return }
        for event in try window(before: position, limit: limit).reversed() where try !body(event) { return }
    }

    /// A production database is never indexed whole: the explorer works from windows and probes.
    public var windowsOnly: Bool { true }

    private func events(_ sql: String, _ binds: [any PostgresBindable], checkingPayloads: Bool) throws -> [Event] {
        try withServer { server in
            try server.rows(sql, binds).map { decodeEvent($0, checkingPayloads: checkingPayloads) }
        }
    }

    /// Reads a row selected with `mapping.eventColumns`, flagging what breaks evx's model.
    private func decodeEvent(_ row: ServerRow, checkingPayloads: Bool) -> Event {
        var problems: [String] = []
        func required(_ index: Int, _ name: String) -> String {
            if let value = row.string(index) { return value }
            problems.append("\(name) is NULL")
            return ""
        }
        let id = required(1, "id"), stream = required(2, "stream"), streamType = row.string(3) ?? ""
        let type = required(5, "type"), data = row.string(7) ?? "null", metadata = row.string(8) ?? "{}"
        let recorded = row.string(9) ?? ""
        if checkingPayloads {
            if let problem = Self.objectProblem(data, name: "data") { problems.append(problem) }
            if let problem = Self.objectProblem(metadata, name: "metadata") { problems.append(problem) }
        }
        let time = EventTime(iso8601: recorded)
        if time == nil { problems.append(recorded.isEmpty ? "the time is NULL" : "the time is not an ISO-8601 time") }
        return Event(position: row.int64(0) ?? 0, id: id, stream: stream, streamType: streamType,
                     version: row.int64(4) ?? 0, type: type, schemaVersion: row.int64(6) ?? 1, data: data, metadata: metadata,
                     recordedAt: mapping.timeIsTimestamp ? (time?.iso8601 ?? recorded) : recorded, time: time, problems: problems)
    }

    /// Why a payload is not a JSON object, or nil when it is one.
    static func objectProblem(_ text: String, name: String) -> String? {
        if let error = JSONParser.validate(text) { return "\(name) is not valid JSON (\(error))" }
        guard text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") else {
            return "\(name) is not a JSON object"
        }
        return nil
    }

    // MARK: - Positions and times

    /// The first and last positions, from the position index's two edges.
    public func positionBounds() throws -> (first: Int64, last: Int64)? {
        let edge = { (direction: String) in
            self.mapping.select("(\(self.mapping.position))::bigint") + " ORDER BY \(self.mapping.position) \(direction) LIMIT 1"
        }
        return try withServer { server in
            guard let first = try server.rows(edge("ASC")).first?.int64(0),
                  let last = try server.rows(edge("DESC")).first?.int64(0) else { return nil }
            return (first, last)
        }
    }

    /// The position and time of the first event at or after `position` (one index probe): what a
    /// timeline histogram samples.
    public func timeProbe(atOrAfter position: Int64) throws -> (position: Int64, time: EventTime?)? {
        let sql = mapping.select("(\(mapping.position))::bigint, (\(mapping.time))::text", where: ["(\(mapping.position)) >= $1"])
            + " ORDER BY \(mapping.position) LIMIT 1"
        return try withServer { server in
            guard let row = try server.rows(sql, [position]).first, let found = row.int64(0) else { return nil }
            return (found, row.string(1).flatMap { EventTime(iso8601: $0) })
        }
    }

    public func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws {
        var last = position
        while true {
            let sql = mapping.select("(\(mapping.position))::bigint, (\(mapping.time))::text", where: ["(\(mapping.position)) > $1"])
                + " ORDER BY \(mapping.position) LIMIT \(Self.batch * 4)"
            let rows = try withServer { try $0.rows(sql, [last]) }
            for row in rows {
                guard let position = row.int64(0) else { continue }
                body(position, row.string(1).flatMap { EventTime(iso8601: $0) })
                last = position
            }
            if rows.count < Self.batch * 4 { return }
        }
    }

    /// The last position: it changes whenever an event is committed (one index probe).
    public func changeToken() throws -> Int64 {
        try positionBounds()?.last ?? Int64.min
    }

    // MARK: - Snapshots

    public func snapshots(stream: String?) throws -> [Snapshot] { [] }

    // MARK: - Counts

    /// The planner's estimate of the events table's rows (`pg_class.reltuples`, summed over
    /// partitions), nil when the table was never analysed. Costs nothing on any size.
    public func estimatedCount() throws -> Int? {
        let sql = """
            SELECT sum(greatest(c.reltuples, 0))::bigint, bool_or(c.reltuples >= 0)::text
            FROM pg_catalog.pg_class c
            WHERE c.oid = $1::regclass OR c.oid IN (SELECT inhrelid FROM pg_catalog.pg_inherits WHERE inhparent = $1::regclass)
            """
        return try withServer { server in
            guard let row = try server.rows(sql, [mapping.qualifiedTable]).first,
                  row.string(1) == "true", let count = row.int64(0) else { return nil }
            return Int(count)
        }
    }

    /// The ends of the log (index edges) and its size: counted when small, else the planner's
    /// estimate (or, for a table never analysed, the span of positions), marked as such.
    public func bounds() throws -> LogBounds? {
        guard let (first, last) = try positionBounds() else { return nil }
        let size = try sizeEstimate(first: first, last: last)
        if size <= Self.exactRowLimit { return LogBounds(first: first, last: last, count: try exactCount(), countIsExact: true) }
        return LogBounds(first: first, last: last, count: size, countIsExact: false)
    }

    /// The planner's row estimate, or the span of positions when the table was never analysed.
    func sizeEstimate(first: Int64, last: Int64) throws -> Int {
        if let estimate = try estimatedCount() { return estimate }
        let span = last.subtractingReportingOverflow(first)
        return span.overflow || span.partialValue >= Int64(Int.max) ? Int.max : Int(span.partialValue) + 1
    }

    /// The exact number of events (a scan of the position index at best: asked for explicitly).
    public func exactCount() throws -> Int {
        try withServer { server in
            Int(try server.rows(mapping.select("count(*)::bigint")).first?.int64(0) ?? 0)
        }
    }
}

/// What a query parameter can be (Int64, String).
typealias PostgresBindable = PostgresThrowingDynamicTypeEncodable
