import EventModel
import EventStore
import Foundation
import PostgresNIO

/// An event store in a PostgreSQL database: the PostgreSQL driver running a family's dialect (the
/// same dialects the SQLite driver runs, docs/dialects.md), through one read-only connection used
/// by one thread at a time. Every query is a window by position, a stream by its index, or an
/// index edge: nothing reads a whole table to open or to page (docs/postgres.md shows the plans).
/// Long listings (`events` without a limit, replay) read the log in bounded windows keyed by
/// position, so memory stays flat whatever the table's size.
///
/// A dropped connection is opened again at the next call (with a growing pause while the server
/// stays unreachable, `ReconnectBackoff`): the explorer's workers, its watcher and `tail` recover
/// after a server restart by asking again, each with the source it already has.
public final class PostgresSource: EventSource {
    public let kind = SourceKind.postgres
    /// The database's URI without its password.
    public let path: String
    public let readWarnings: [String] = []
    public let settings: ConnectionSettings
    let store: PostgresStoreChoice
    let queries: DialectQueries
    let options: StoreOptions
    /// Whether the time column is a timestamp (shown in evx's canonical form) rather than text kept as stored.
    private let timeIsTimestamp: Bool
    private var server: ServerConnection?
    private var reconnection = ReconnectBackoff()
    /// The gap a follower is waiting at (see `readAppended`).
    var gaps = GapTracker()
    /// Events per look of a follower.
    static let appendedWindow = 1000

    /// Rows per window of a long listing: small first, so the first events show at once.
    static let firstBatch = 500
    static let batch = 5000

    public convenience init(uri: String, options: StoreOptions = StoreOptions()) throws {
        try self.init(settings: try ConnectionSettings.resolve(uri: uri), options: options)
    }

    public init(settings: ConnectionSettings, options: StoreOptions = StoreOptions()) throws {
        self.settings = settings
        self.options = options
        path = settings.displayName
        let server: ServerConnection
        let catalog: PostgresCatalog
        do {
            server = try ServerConnection.open(settings)
            catalog = try PostgresCatalog.read(server)
        } catch let failure as ServerFailure {
            throw failure.error
        }
        var store: PostgresStoreChoice
        if let mapping = options.mapping {
            let schema = settings.store ?? "public"
            guard let tables = catalog.schemas[schema] else {
                throw StoreError("\(settings.displayName): no schema \"\(schema)\" with tables for the mapping (name one with ?store=SCHEMA)")
            }
            let dialect = try mapping.dialect(for: tables, path: settings.displayName) { select in
                try Self.resultColumns(of: select, server: server, settings: settings)
            }
            store = PostgresStoreChoice(dialect: dialect, schema: schema)
        } else {
            store = try PostgresStoreChoice.choose(catalog.stores(path: settings.displayName), selector: settings.store,
                                                   database: settings.displayName,
                                                   tables: catalog.schemas.flatMap { schema, tables in tables.tableNames.map { "\(schema).\($0)" } }.sorted())
        }
        let types = catalog.columnTypes[store.schema] ?? [:]
        store.dialect.events = Self.fittingKinds(store.dialect.events, types: types)
        store.dialect.streamEvents = store.dialect.streamEvents.map { Self.fittingKinds($0, types: types) }
        timeIsTimestamp = Self.columnType(of: store.dialect.events.time.column, in: store.dialect.events, types: types)?.hasPrefix("timestamp") ?? false
        self.store = store
        queries = DialectQueries(dialect: store.dialect, syntax: .postgres(schema: store.schema))
        self.server = server
    }

    /// The family and schema read (`marten:public`).
    public var storeName: String { store.name }
    public var family: String { store.dialect.family }

    /// Whether the last failure was the server refusing (permission denied, a statement timeout,
    /// a bad password) rather than the connection or the server going away.
    private(set) var lastFailureWasRefusal = false

    /// Runs `work` on the connection, opening it again first if it was lost. Failures come out as
    /// one-line `StoreError`s.
    func withServer<T>(_ work: (ServerConnection) throws -> T) throws -> T {
        do {
            return try work(try connection())
        } catch let failure as ServerFailure {
            lastFailureWasRefusal = failure.isRefusal
            throw failure.error
        }
    }

    /// The open connection, or a new one when it was lost (the server restarted, the network or an
    /// administrator dropped it). While the server stays unreachable, attempts are spaced by
    /// `reconnection`, and calls in between fail at once with the last attempt's failure.
    private func connection() throws -> ServerConnection {
        if let server, server.isOpen { return server }
        server = nil
        let now = Date()
        if let failure = reconnection.failureToRepeat(at: now) { throw failure }
        do {
            let opened = try ServerConnection.open(settings)
            reconnection.succeeded()
            server = opened
            return opened
        } catch let failure as ServerFailure {
            reconnection.failed(failure, at: now)
            throw failure
        }
    }

    // MARK: - Events

    public func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws {
        var remaining = filter.limit ?? Int.max
        guard remaining > 0 else { return }
        let filtersType = filter.type != nil && !queries.filtersTypeInSQL
        var from = filter.fromPosition ?? Int64.min
        var batch = Self.firstBatch
        let filtersInSwift = filtersType || filter.since != nil || filter.until != nil
        while true {
            // A limit the SQL can apply bounds the window too (a one-event probe reads one row).
            if !filtersInSwift { batch = min(batch, remaining) }
            let query = DialectQueries.EventQuery(
                stream: filter.stream.map(store.dialect.streamIDForm.stored), type: filter.type, fromPosition: from,
                limit: batch, includingDetails: filter.includesDetails)
            let events = try self.events(query, checkingPayloads: filter.checksPayloads, includingDetails: filter.includesDetails)
            for event in events where filter.admits(time: event.time) && (!filtersType || event.type == filter.type) {
                remaining -= 1
                if try !body(event) || remaining == 0 { return }
            }
            guard events.count == batch, let last = events.last?.position, last < Int64.max else { return }
            from = last + 1
            batch = Self.batch
        }
    }

    /// Up to `limit` events after `position`, in global order: the window every listing and the
    /// follower page with.
    public func window(after position: Int64, limit: Int) throws -> [Event] {
        try events(DialectQueries.EventQuery(fromPosition: position == Int64.max ? position : position + 1, limit: limit),
                   checkingPayloads: true, includingDetails: true)
    }

    /// Up to `limit` events before `position`, nearest first: the explorer's window above the cursor.
    public func window(before position: Int64, limit: Int) throws -> [Event] {
        try events(DialectQueries.EventQuery(beforePosition: position, limit: limit), checkingPayloads: true, includingDetails: true)
    }

    public func readEvents(before position: Int64, limit: Int, _ body: (Event) throws -> Bool) throws {
        guard limit > 0 else { return }
        for event in try window(before: position, limit: limit).reversed() where try !body(event) { return }
    }

    /// A production database is never indexed whole: the explorer works from windows and probes.
    public var windowsOnly: Bool { true }

    /// Runs an event query and decodes its rows with the dialect's decoder.
    func events(_ query: DialectQueries.EventQuery, checkingPayloads: Bool, includingDetails: Bool,
                deadlineSeconds: Int64 = ServerConnection.clientDeadlineSeconds) throws -> [Event] {
        let batch = try withServer { try $0.batch(queries.events(query), deadlineSeconds: deadlineSeconds) }
        var decoder = EventRowDecoder(relation: queries.relation(forStream: query.stream), cipherKey: options.cipherKey)
        return (0..<batch.count).map { index in
            var event = decoder.event(batch[index], checkingPayloads: checkingPayloads, includingDetails: includingDetails)
            if timeIsTimestamp, includingDetails, let time = event.time { event.recordedAt = time.iso8601 }
            return event
        }
    }

    // MARK: - Positions and times

    /// One event without payloads at an end of the log or at/after a position (one index probe).
    private func probe(_ query: DialectQueries.EventQuery) throws -> Event? {
        var query = query
        query.limit = 1
        query.includingDetails = false
        query.includingPayloads = false
        return try events(query, checkingPayloads: false, includingDetails: false).first
    }

    /// The first and last positions, from the position index's two edges.
    public func positionBounds() throws -> (first: Int64, last: Int64)? {
        guard let first = try probe(.init())?.position,
              let last = try probe(.init(beforePosition: Int64.max))?.position else { return nil }
        return (first, last)
    }

    /// The position and time of the first event at or after `position`: what a timeline samples.
    public func timeProbe(atOrAfter position: Int64) throws -> (position: Int64, time: EventTime?)? {
        try probe(.init(fromPosition: position)).map { ($0.position, $0.time) }
    }

    public func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws {
        var last = position
        let size = Self.batch * 4
        while last < Int64.max {
            let query = DialectQueries.EventQuery(fromPosition: last + 1, limit: size, includingDetails: false,
                                                  includingPayloads: false)
            let events = try events(query, checkingPayloads: false, includingDetails: false)
            for event in events { body(event.position, event.time) }
            guard events.count == size, let end = events.last?.position else { return }
            last = end
        }
    }

    /// The last position: it changes whenever an event is committed (one index probe).
    public func changeToken() throws -> Int64 {
        try positionBounds()?.last ?? Int64.min
    }

    // MARK: - Snapshots

    /// Snapshots of the dialects that keep them in a table of JSON states (evx's own format).
    public func snapshots(stream: String?) throws -> [Snapshot] {
        guard let relation = store.dialect.snapshots, relation.encoding == .json, relation.stateMember == nil,
              let statement = queries.snapshots(stream: stream.map(store.dialect.streamIDForm.stored)) else { return [] }
        let batch = try withServer { try $0.batch(statement) }
        return (0..<batch.count).map { index in
            let row = batch[index]
            return Snapshot(stream: row.string(0) ?? "", version: row.int64(1) - relation.versionBase + 1,
                            state: row.string(2) ?? "{}", takenAt: row.string(3) ?? "")
        }
    }

    // MARK: - Counts

    /// The planner's estimate of the events table's rows (`pg_class.reltuples`, summed over
    /// the tables that hold rows: every level of partitions or inheritance children, not the
    /// partitioned parents, whose estimate repeats their partitions'), nil when the table was
    /// never analysed. Costs nothing on any size.
    public func estimatedCount() throws -> Int? {
        guard let table = store.eventsTable else { return nil }
        let sql = """
            WITH RECURSIVE tree(oid) AS (
              SELECT $1::regclass::oid
              UNION SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN tree t ON i.inhparent = t.oid)
            SELECT sum(greatest(c.reltuples, 0))::bigint, bool_or(c.reltuples >= 0)::text
            FROM tree JOIN pg_catalog.pg_class c ON c.oid = tree.oid
            WHERE c.relkind <> 'p'
            """
        return try withServer { server in
            guard let row = try server.rows(sql, [queries.syntax.table(table)]).first,
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
        let batch = try withServer { try $0.batch(queries.eventCount()) }
        return batch.count == 0 ? 0 : Int(batch[0].int64(0))
    }

    // MARK: - Catalog helpers

    /// A `--map` SELECT's result columns, from one row of it (read-only like every statement).
    private static func resultColumns(of select: String, server: ServerConnection, settings: ConnectionSettings) throws -> [String] {
        let names: [String]
        do {
            names = try server.columnNames("SELECT * FROM (\(select)) AS evx_mapped LIMIT 1")
        } catch let failure as ServerFailure {
            throw failure.error
        }
        guard !names.isEmpty else {
            throw StoreError("\(settings.displayName): the mapping's SELECT returns no rows, so evx cannot see its columns")
        }
        return names
    }

    /// The relation with payload kinds that fit the columns' types: a family's bytes (Commanded's
    /// `bytea`) may be `jsonb` in another installation, read as text.
    private static func fittingKinds(_ relation: EventRelation, types: [String: [String: String]]) -> EventRelation {
        var relation = relation
        if relation.dataKind == .bytes, let type = columnType(of: relation.data, in: relation, types: types), type != "bytea" {
            relation.dataKind = .json
        }
        if relation.metadataKind == .bytes, let metadata = relation.metadata,
           let type = columnType(of: metadata, in: relation, types: types), type != "bytea" {
            relation.metadataKind = .json
        }
        return relation
    }

    /// The SQL type of a column expression of the relation (through its table aliases).
    private static func columnType(of expression: SQLExpression?, in relation: EventRelation, types: [String: [String: String]]) -> String? {
        guard case let .column(name, alias)? = expression else { return nil }
        var tables: [String: String] = [:]
        var main: String?
        switch relation.source {
        case let .table(table, tableAlias):
            main = table
            if let tableAlias { tables[tableAlias] = table }
        case let .joined(base, joins):
            main = base.name
            tables[base.alias] = base.name
            for join in joins { tables[join.table.alias] = join.table.name }
        case .select:
            return nil
        }
        guard let table = alias.flatMap({ tables[$0] }) ?? main else { return nil }
        return types[table]?[name]
    }
}

extension TimeSource {
    /// The column the time is read from, when it is one.
    var column: SQLExpression? {
        if case let .expression(expression, _) = self { return expression }
        return nil
    }
}
