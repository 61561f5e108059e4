/// The handful of query shapes every dialect needs, rendered for one driver's `SQLSyntax`: a window
/// of events by position, a stream's events, the head and first positions, counts, the stream
/// walk for integrity checks, snapshots and checkpoints. Each one filters and orders by a column
/// the family indexes (position, or stream then version), so none reads a whole table to open.
public struct DialectQueries: Sendable {
    public let dialect: StoreDialect
    public let syntax: SQLSyntax

    public init(dialect: StoreDialect, syntax: SQLSyntax) {
        self.dialect = dialect
        self.syntax = syntax
    }

    /// The columns of an event query, in the order `EventRowDecoder` reads them.
    public enum EventColumn: Int32, CaseIterable, Sendable {
        case position, eventID, stream, streamType, version, type, schemaVersion, data, metadata, time, linkedStreams
    }

    /// Which events to read: every condition present must hold; ordered by position (descending
    /// with `beforePosition`).
    public struct EventQuery: Sendable, Equatable {
        public var stream: String?
        /// Pushed into SQL only when the dialect stores types as shown (`TypeNaming.asStored`).
        public var type: String?
        public var fromPosition: Int64?
        public var throughPosition: Int64?
        /// Only events before this position, the nearest first (with `limit`: a window ending here).
        public var beforePosition: Int64?
        public var limit: Int?
        /// Without details, event ids, metadata and linked streams are not read (NULL).
        public var includingDetails: Bool
        /// Without payloads, data is not read (NULL) unless the time is inside it.
        public var includingPayloads: Bool

        public init(stream: String? = nil, type: String? = nil, fromPosition: Int64? = nil, throughPosition: Int64? = nil,
                    beforePosition: Int64? = nil, limit: Int? = nil, includingDetails: Bool = true, includingPayloads: Bool = true) {
            self.stream = stream
            self.type = type
            self.fromPosition = fromPosition
            self.throughPosition = throughPosition
            self.beforePosition = beforePosition
            self.limit = limit
            self.includingDetails = includingDetails
            self.includingPayloads = includingPayloads
        }
    }

    /// Whether a type filter runs in SQL (else the caller filters decoded events).
    public var filtersTypeInSQL: Bool { dialect.events.typeNaming == .asStored }

    /// The relation a query reads: a stream's own path when the dialect has one.
    public func relation(forStream stream: String?) -> EventRelation {
        stream == nil ? dialect.events : (dialect.streamEvents ?? dialect.events)
    }

    // MARK: - Events

    public func events(_ query: EventQuery) -> SQLStatement {
        let relation = relation(forStream: query.stream)
        var renderer = Renderer(syntax: syntax)
        let r = relation
        let needsData = query.includingPayloads || r.time == .payloadTimestamp
        let columns: [(SQLExpression?, ColumnKind)] = [
            (r.position, .integer),
            (query.includingDetails ? r.eventID : nil, .text),
            (r.stream, .text),
            (streamTypeColumn(r), .text),
            (r.version, .integer),
            (r.type, .text),
            (r.schemaVersion, .integer),
            (needsData ? r.data : nil, r.dataKind),
            (query.includingDetails ? r.metadata : nil, r.metadataKind),
            (r.time.expression, r.time.kind),
            (query.includingDetails ? r.linkedStreams : nil, .text),
        ]
        let list = columns.map { expression, kind in
            expression.map { syntax.read(renderer.render($0), kind) } ?? "NULL"
        }.joined(separator: ", ")
        var conditions = renderer.conditions(r.conditions)
        if let stream = query.stream { conditions.append("\(renderer.render(r.stream)) = \(renderer.bind(.text(stream)))") }
        if let type = query.type, filtersTypeInSQL { conditions.append("\(renderer.render(r.type)) = \(renderer.bind(.text(type)))") }
        if let from = query.fromPosition { conditions.append("\(renderer.render(r.position)) >= \(renderer.bind(.integer(from)))") }
        if let through = query.throughPosition { conditions.append("\(renderer.render(r.position)) <= \(renderer.bind(.integer(through)))") }
        if let before = query.beforePosition { conditions.append("\(renderer.render(r.position)) < \(renderer.bind(.integer(before)))") }
        var sql = "SELECT \(list) FROM \(renderer.from(r.source))" + Self.whereClause(conditions)
        sql += " ORDER BY \(renderer.render(r.position))" + (query.beforePosition == nil ? "" : " DESC")
        if let limit = query.limit { sql += " LIMIT \(max(limit, 0))" }
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// The events after `position`, at most `limit`: the explorer's window and a follower's poll.
    public func window(after position: Int64, limit: Int, includingDetails: Bool = true) -> SQLStatement {
        events(EventQuery(fromPosition: position + 1, limit: limit, includingDetails: includingDetails))
    }

    /// What the stream-type column of an event query reads.
    private func streamTypeColumn(_ relation: EventRelation) -> SQLExpression? {
        switch relation.streamType {
        case let .expression(expression):
            return expression
        case .streamTable where !syntax.resolvesStreamTypes:
            return relation.streamType.lookup(forStream: relation.stream)
        default:
            return nil
        }
    }

    /// One stream's type from the dialect's stream table (`StreamTypeSource.streamTable`), for
    /// drivers that resolve and cache them: `SELECT type FROM table WHERE stream = ? LIMIT 1`.
    public func streamTypeLookup() -> SQLStatement? {
        guard case let .streamTable(table, stream, type) = dialect.events.streamType else { return nil }
        return SQLStatement(sql: "SELECT \(syntax.read(syntax.quote(type), .text)) FROM \(syntax.table(table)) WHERE \(syntax.quote(stream)) = \(syntax.placeholder(1)) LIMIT 1",
                            arguments: [.text("")])
    }

    /// Each event's position and time after `position`, in global order (columns 0 and 1), when
    /// the time is a column; `nil` when it is inside the payload (then whole events are read).
    public func positionsAndTimes(after position: Int64) -> SQLStatement? {
        guard let time = dialect.events.time.expression else { return nil }
        var renderer = Renderer(syntax: syntax)
        let r = dialect.events
        var conditions = renderer.conditions(r.conditions)
        conditions.append("\(renderer.render(r.position)) > \(renderer.bind(.integer(position)))")
        let sql = "SELECT \(syntax.read(renderer.render(r.position), .integer)), \(syntax.read(renderer.render(time), r.time.kind))"
            + " FROM \(renderer.from(r.source))" + Self.whereClause(conditions) + " ORDER BY \(renderer.render(r.position))"
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// Each event's position, type, stream type, version and time (columns 0-4) in a range of
    /// positions, in global order: what a summary counts, and nothing else (so no other column
    /// is decoded). `nil` unless the type is stored as shown and the stream type and time are
    /// expressions of the row.
    public func namesAndTimes(fromPosition low: Int64, throughPosition high: Int64) -> SQLStatement? {
        let r = dialect.events
        guard r.typeNaming == .asStored, case let .expression(streamType) = r.streamType, let time = r.time.expression else { return nil }
        var renderer = Renderer(syntax: syntax)
        let position = renderer.render(r.position)
        let columns = [
            syntax.read(position, .integer), syntax.read(renderer.render(r.type), .text), syntax.read(renderer.render(streamType), .text),
            syntax.read(renderer.render(r.version), .integer), syntax.read(renderer.render(time), r.time.kind),
        ]
        var conditions = renderer.conditions(r.conditions)
        conditions.append("\(position) >= \(renderer.bind(.integer(low)))")
        conditions.append("\(position) <= \(renderer.bind(.integer(high)))")
        let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(renderer.from(r.source))" + Self.whereClause(conditions)
            + " ORDER BY \(position)"
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// `min` or `max` of the position: one query each, so SQLite answers from the index's edge.
    public func edgePosition(last: Bool) -> SQLStatement {
        var renderer = Renderer(syntax: syntax)
        let r = dialect.events
        let sql = "SELECT \(last ? "max" : "min")(\(renderer.render(r.position))) FROM \(renderer.from(r.source))"
            + Self.whereClause(renderer.conditions(r.conditions))
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// How many events there are, or how many come after a position (a checkpoint's lag).
    public func eventCount(after position: Int64? = nil) -> SQLStatement {
        var renderer = Renderer(syntax: syntax)
        let r = dialect.events
        var conditions = renderer.conditions(r.conditions)
        if let position { conditions.append("\(renderer.render(r.position)) > \(renderer.bind(.integer(position)))") }
        let sql = "SELECT count(*) FROM \(renderer.from(r.source))" + Self.whereClause(conditions)
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// Every event's stream and version up to a position, in (stream, version) order: the walk
    /// that counts streams and finds gaps and repeats (the families' unique keys give this order).
    /// Through the streams' own path when there is one (every link of a linked event counts).
    public func streamVersions(throughPosition position: Int64) -> SQLStatement {
        var renderer = Renderer(syntax: syntax)
        let r = dialect.streamEvents ?? dialect.events
        var conditions = renderer.conditions(r.conditions)
        conditions.append("\(renderer.render(r.position)) <= \(renderer.bind(.integer(position)))")
        let stream = renderer.render(r.stream), version = renderer.render(r.version)
        let sql = "SELECT \(syntax.read(stream, .text)), \(syntax.read(version, .integer)) FROM \(renderer.from(r.source))"
            + Self.whereClause(conditions) + " ORDER BY \(stream), \(version)"
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// Event ids used more than once (for families without a unique index on them).
    public func duplicateEventIDs() -> SQLStatement? {
        let r = dialect.events
        guard let id = r.eventID, !r.eventIDsAreUnique else { return nil }
        var renderer = Renderer(syntax: syntax)
        let column = renderer.render(id)
        let sql = "SELECT \(syntax.read(column, .text)) FROM \(renderer.from(r.source))" + Self.whereClause(renderer.conditions(r.conditions))
            + " GROUP BY \(column) HAVING count(*) > 1"
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    public func rowCount(of table: String) -> SQLStatement {
        SQLStatement(sql: "SELECT count(*) FROM \(syntax.table(table))")
    }

    // MARK: - Snapshots and checkpoints

    /// Columns: stream, version, state, taken-at (NULL when the time is inside the state).
    public func snapshots(stream: String?) -> SQLStatement? {
        guard let s = dialect.snapshots else { return nil }
        var renderer = Renderer(syntax: syntax)
        var conditions = renderer.conditions(s.conditions)
        if let stream { conditions.append("\(syntax.quote(s.stream)) = \(renderer.bind(.text(stream)))") }
        let list = [
            syntax.read(syntax.quote(s.stream), .text), syntax.read(syntax.quote(s.version), .integer),
            syntax.read(syntax.quote(s.state), s.stateKind), s.takenAt.map { syntax.read(syntax.quote($0), .time) } ?? "NULL",
        ].joined(separator: ", ")
        let sql = "SELECT \(list) FROM \(syntax.table(s.table))" + Self.whereClause(conditions)
            + " ORDER BY \(syntax.quote(s.stream)), \(syntax.quote(s.version))"
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    /// Columns: name, position, updated-at (or NULL). Integer positions come as the latest per name.
    public func checkpoints() -> SQLStatement? {
        guard let c = dialect.checkpoints else { return nil }
        var renderer = Renderer(syntax: syntax)
        let conditions = renderer.conditions(c.conditions)
        let name = syntax.quote(c.name), position = syntax.quote(c.position)
        let updated = c.updatedAt.map { syntax.read("max(\(syntax.quote($0)))", .time) } ?? "NULL"
        let sql: String
        if c.positionKind == .integer {
            sql = "SELECT \(syntax.read(name, .text)), max(\(position)), \(updated) FROM \(syntax.table(c.table))"
                + Self.whereClause(conditions) + " GROUP BY \(name) ORDER BY \(name)"
        } else {
            sql = "SELECT \(syntax.read(name, .text)), \(syntax.read(position, .text)), "
                + "\(c.updatedAt.map { syntax.read(syntax.quote($0), .time) } ?? "NULL") FROM \(syntax.table(c.table))"
                + Self.whereClause(conditions) + " ORDER BY \(name)"
        }
        return SQLStatement(sql: sql, arguments: renderer.arguments)
    }

    // MARK: - Parts, for a driver's own statements

    /// An expression as this driver's SQL (lookups and literals inlined; no arguments), for a
    /// driver that composes a statement of its own from the dialect (PostgreSQL's aggregates).
    public func sql(_ expression: SQLExpression) -> String {
        var renderer = Renderer(syntax: syntax)
        return renderer.render(expression)
    }

    /// `FROM ... WHERE <the relation's conditions>` of a relation (the conditions may be empty).
    public func fromClause(_ relation: EventRelation) -> (from: String, conditions: [String]) {
        var renderer = Renderer(syntax: syntax)
        return (renderer.from(relation.source), renderer.conditions(relation.conditions))
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}

// MARK: - Rendering

extension DialectQueries {
    /// Renders expressions for one statement: collects bound arguments and numbers lookup aliases.
    struct Renderer {
        let syntax: SQLSyntax
        private(set) var arguments: [SQLArgument] = []
        private var lookups = 0

        init(syntax: SQLSyntax) { self.syntax = syntax }

        mutating func bind(_ argument: SQLArgument) -> String {
            arguments.append(argument)
            return syntax.placeholder(arguments.count)
        }

        mutating func render(_ expression: SQLExpression) -> String {
            switch expression {
            case let .column(name, table): return qualified(name, table)
            case let .rowid(table): return table.map { syntax.quote($0) + ".rowid" } ?? "rowid"
            case let .text(text): return syntax.literal(text)
            case let .integer(value): return String(value)
            case .null: return "NULL"
            case let .plus(inner, value): return "(\(render(inner)) + \(value))"
            case let .coalesce(list): return "COALESCE(" + list.map { render($0) }.joined(separator: ", ") + ")"
            case let .first(lookup):
                let (alias, body) = lookupBody(lookup)
                return "(SELECT \(alias).\(syntax.quote(lookup.column)) \(body) LIMIT 1)"
            case let .list(lookup):
                let (alias, body) = lookupBody(lookup)
                let order = lookup.orderBy.isEmpty ? nil : lookup.orderBy.map { "\(alias).\(syntax.quote($0))" }.joined(separator: ", ")
                return "(SELECT \(syntax.joinLines("\(alias).\(syntax.quote(lookup.column))", order)) \(body.orderless))"
            case let .count(lookup):
                let (_, body) = lookupBody(lookup)
                return "(SELECT count(*) \(body.orderless))"
            case let .jsonObject(members):
                return syntax.jsonObject(members.flatMap { [syntax.literal($0.name), render($0.value)] })
            }
        }

        /// `FROM table AS lN WHERE ... ORDER BY ...` for a lookup, and its alias.
        private mutating func lookupBody(_ lookup: SQLLookup) -> (String, LookupBody) {
            lookups += 1
            let alias = syntax.quote("l\(lookups)")
            let conditions = lookup.conditions.map { "\(alias).\(syntax.quote($0.column)) \($0.op.rawValue) \(render($0.value))" }
            let from = "FROM \(syntax.table(lookup.table)) AS \(alias)" + DialectQueries.whereClause(conditions)
            let order = lookup.orderBy.isEmpty ? "" : " ORDER BY " + lookup.orderBy.map { "\(alias).\(syntax.quote($0))" }.joined(separator: ", ")
            return (alias, LookupBody(orderless: from, order: order))
        }

        struct LookupBody: CustomStringConvertible {
            let orderless: String
            let order: String
            var description: String { orderless + order }
        }

        mutating func conditions(_ list: [SQLCondition]) -> [String] {
            list.map { "\(qualified($0.column, $0.table)) \($0.op.rawValue) \(render($0.value))" }
        }

        func qualified(_ column: String, _ table: String?) -> String {
            (table.map { syntax.quote($0) + "." } ?? "") + syntax.quote(column)
        }

        func from(_ source: RelationSource) -> String {
            switch source {
            case let .table(name, alias):
                return syntax.table(name) + (alias.map { " AS " + syntax.quote($0) } ?? "")
            case let .joined(base, joins):
                var text = "\(syntax.table(base.name)) AS \(syntax.quote(base.alias))"
                for join in joins {
                    var renderer = self
                    let on = join.on.map { "\(syntax.quote(join.table.alias)).\(syntax.quote($0.column)) = \(renderer.render($0.equals))" }
                    text += (join.isLeft ? " LEFT JOIN " : " JOIN ") + "\(syntax.table(join.table.name)) AS \(syntax.quote(join.table.alias)) ON " + on.joined(separator: " AND ")
                }
                return text
            case let .select(sql):
                return "(\(sql)) AS \(syntax.quote("evx_mapped"))"
            }
        }
    }
}

extension StreamTypeSource {
    /// A stream table read with each event: `(SELECT type FROM table WHERE stream = <stream> LIMIT 1)`.
    public func lookup(forStream stream: SQLExpression) -> SQLExpression? {
        guard case let .streamTable(table, streamColumn, type) = self else { return nil }
        return .first(SQLLookup(table: table, column: type, where: [SQLCondition(streamColumn, .equal, stream)]))
    }

    /// The expression to select, when the stream type is a column or lookup.
    var expression: SQLExpression? {
        if case let .expression(expression) = self { return expression }
        return nil
    }
}

extension TimeSource {
    var expression: SQLExpression? {
        if case let .expression(expression, _) = self { return expression }
        return nil
    }

    var kind: ColumnKind {
        if case let .expression(_, kind) = self { return kind }
        return .time
    }
}
