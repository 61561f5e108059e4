import EventModel
import EventStore

/// `evx info` on PostgreSQL, counted by the server from the dialect's expressions (nothing but
/// the answer crosses the network). Exact on a store of up to `exactRowLimit` events (by the
/// planner's estimate); beyond that, estimated without reading the table: the row count from
/// `pg_class.reltuples`, types and stream types from `sampleWindows` windows of `sampleWindow`
/// events spread evenly over the positions (index scans), streams from the planner's statistics
/// (`pg_stats.n_distinct` of the stream column) where it has them. The positions and the first and
/// last events' times are exact in both cases (index edges). `exactSummary()` scans (`--exact`).
extension PostgresSource: EstimatingSource {
    static let exactRowLimit = 200_000
    static let sampleWindows = 20
    static let sampleWindow = 5000

    public func summary() throws -> StoreSummary {
        guard let (first, last) = try positionBounds() else { return try emptySummary() }
        let estimate = try sizeEstimate(first: first, last: last)
        guard estimate > Self.exactRowLimit else { return try exactSummary() }
        let relation = store.dialect.events
        let (from, conditions) = queries.fromClause(relation)
        let position = queries.sql(relation.position)
        let span = Double(last - first)
        // A stream type looked up per event (Marten's mt_streams) costs an index probe per row: a smaller sample.
        let (count, size) = relation.streamType.isLookup ? (Self.sampleWindows / 2, Self.sampleWindow / 2) : (Self.sampleWindows, Self.sampleWindow)
        let windows = (0..<count).map { index -> String in
            let start = first + Int64(span * Double(index) / Double(count))
            return "(SELECT \(typeColumns(relation)) FROM \(from) WHERE "
                + (conditions + ["\(position) >= \(start)"]).joined(separator: " AND ")
                + " ORDER BY \(position) LIMIT \(size))"
        }
        let sql = "SELECT t::text, st::text, count(*)::bigint, (count(*) FILTER (WHERE opens))::bigint FROM ("
            + windows.joined(separator: " UNION ALL ") + ") sample GROUP BY 1, 2"
        let rows = try withServer { try $0.rows(sql) }
        let sampled = rows.reduce(0) { $0 + ($1.int64(2) ?? 0) }
        let scale = sampled == 0 ? 0 : Double(estimate) / Double(sampled)
        var summary = StoreSummary(kind: kind, path: path)
        fillTypes(&summary, rows, scale: scale)
        if let streams = try estimatedStreams(estimate: estimate) { rescaleStreams(&summary, to: streams) }
        summary.eventCount = estimate
        summary.countsAreEstimates = true
        summary.firstTime = try timeProbe(atOrAfter: first)?.time
        summary.lastTime = try timeProbe(atOrAfter: last)?.time
        return try finished(summary, first: first, last: last)
    }

    public func exactSummary() throws -> StoreSummary {
        guard let (first, last) = try positionBounds() else { return try emptySummary() }
        let relation = store.dialect.events
        let (from, conditions) = queries.fromClause(relation)
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var summary = StoreSummary(kind: kind, path: path)
        try withLongStatements {
            let types = "SELECT t::text, st::text, count(*)::bigint, (count(*) FILTER (WHERE opens))::bigint FROM "
                + "(SELECT \(typeColumns(relation)) FROM \(from)\(filter)) log GROUP BY 1, 2"
            fillTypes(&summary, try withServer { try $0.rows(types) }, scale: 1)
            try fillStreamIntegrity(&summary, relation: relation, from: from, filter: filter)
            try fillTimeOrder(&summary, relation: relation, from: from, filter: filter)
        }
        return try finished(summary, first: first, last: last)
    }

    /// `t` (type), `st` (stream type) and `opens` (the event opens its stream) of each event.
    private func typeColumns(_ relation: EventRelation) -> String {
        let stream = queries.sql(relation.stream)
        let streamType: String
        switch relation.streamType {
        case .expression(let expression): streamType = queries.sql(expression)
        case .streamTable: streamType = relation.streamType.lookup(forStream: relation.stream).map(queries.sql) ?? "''"
        // As JSONLinesField.category: the stream id up to its first `-` (all of it without one).
        case .streamCategory, .aggregateRootStream: streamType = "CASE WHEN strpos(\(stream), '-') > 1 THEN split_part(\(stream), '-', 1) ELSE \(stream) END"
        case .topicClass: streamType = "''"
        }
        return "\(queries.sql(relation.type)) AS t, \(streamType) AS st, (\(queries.sql(relation.version))) = \(relation.versionBase) AS opens"
    }

    private func fillTypes(_ summary: inout StoreSummary, _ rows: [ServerRow], scale: Double) {
        var types: [String: Int] = [:]
        var streamTypes: [String: (streams: Int, events: Int)] = [:]
        let topics = store.dialect.events.typeNaming == .pythonTopic
        for row in rows {
            let events = Int((Double(row.int64(2) ?? 0) * scale).rounded())
            let streams = Int((Double(row.int64(3) ?? 0) * scale).rounded())
            // Python topics name the type and, by their qualname, the aggregate class.
            var (type, streamType) = (row.string(0) ?? "", row.string(1) ?? "")
            if topics { (type, streamType) = EventRowDecoder.pythonTopicNames(type) }
            types[type, default: 0] += events
            let current = streamTypes[streamType] ?? (0, 0)
            streamTypes[streamType] = (current.streams + streams, current.events + events)
        }
        summary.eventCount = types.values.reduce(0, +)
        summary.eventTypes = types.map { TypeCount(name: $0.key, events: $0.value) }
            .sorted { ($0.events, $1.name) > ($1.events, $0.name) }
        summary.streamTypes = streamTypes.map { StreamTypeCount(name: $0.key, streams: $0.value.streams, events: $0.value.events) }
            .sorted { ($0.events, $1.name) > ($1.events, $0.name) }
        summary.streamCount = streamTypes.values.reduce(0) { $0 + $1.streams }
    }

    /// Streams from the planner's statistics of the stream column (`n_distinct`, a fraction of the
    /// rows when negative), when the stream is a column of the events table and it was analysed.
    private func estimatedStreams(estimate: Int) throws -> Int? {
        guard case let .column(column, _) = store.dialect.events.stream, let table = store.eventsTable else { return nil }
        let sql = "SELECT n_distinct::float8 FROM pg_catalog.pg_stats WHERE schemaname = $1 AND tablename = $2 AND attname = $3"
        guard let distinct = try withServer({ try $0.rows(sql, [store.schema, table, column]) }).first?.double(0) else { return nil }
        return Int((distinct < 0 ? -distinct * Double(estimate) : distinct).rounded())
    }

    /// Shares the estimated streams among the stream types as the sample's stream starts (or events) are shared.
    private func rescaleStreams(_ summary: inout StoreSummary, to streams: Int) {
        let starts = summary.streamTypes.reduce(0) { $0 + $1.streams }
        let events = summary.streamTypes.reduce(0) { $0 + $1.events }
        for index in summary.streamTypes.indices {
            let share = starts > 0 ? Double(summary.streamTypes[index].streams) / Double(starts)
                : Double(summary.streamTypes[index].events) / Double(max(events, 1))
            summary.streamTypes[index].streams = Int((Double(streams) * share).rounded())
        }
        summary.streamCount = streams
    }

    /// Streams counted exactly, and those whose versions are not 1, 2, 3...
    private func fillStreamIntegrity(_ summary: inout StoreSummary, relation: EventRelation, from: String, filter: String) throws {
        let version = "(\(queries.sql(relation.version)) - \(relation.versionBase) + 1)"
        let perStream = "SELECT (\(queries.sql(relation.stream)))::text AS s, min\(version) AS lo, max\(version) AS hi, "
            + "count(*) AS n, count(DISTINCT \(version)) AS d FROM \(from)\(filter) GROUP BY 1"
        let examples = IntegrityWarning.exampleLimit
        let sql = """
            SELECT count(*)::bigint,
              (count(*) FILTER (WHERE lo <> 1 OR hi <> d))::bigint,
              (count(*) FILTER (WHERE n <> d))::bigint,
              array_to_string((array_agg(s ORDER BY s) FILTER (WHERE lo <> 1 OR hi <> d))[1:\(examples)], chr(10)),
              array_to_string((array_agg(s ORDER BY s) FILTER (WHERE n <> d))[1:\(examples)], chr(10))
            FROM (\(perStream)) streams
            """
        guard let row = try withServer({ try $0.rows(sql) }).first else { return }
        summary.streamCount = Int(row.int64(0) ?? 0)
        let list = { (index: Int) in row.string(index).map { $0.split(separator: "\n").map(String.init) } ?? [] }
        if let missing = row.int64(1), missing > 0 {
            summary.warnings.append(IntegrityWarning(kind: .missingStreamVersions, count: Int(missing), examples: list(3)))
        }
        if let repeated = row.int64(2), repeated > 0 {
            summary.warnings.append(IntegrityWarning(kind: .duplicateStreamVersions, count: Int(repeated), examples: list(4)))
        }
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
    }

    /// Events recorded earlier than the event before them (one walk of the position index), times
    /// that are missing, and the earliest and latest time.
    private func fillTimeOrder(_ summary: inout StoreSummary, relation: EventRelation, from: String, filter: String) throws {
        guard let timeExpression = relation.time.column else { return }
        let time = queries.sql(timeExpression), position = queries.sql(relation.position)
        let ordered = "SELECT \(position) AS p, \(time) AS t, lag(\(time)) OVER (ORDER BY \(position)) AS previous FROM \(from)\(filter)"
        let sql = """
            SELECT (count(*) FILTER (WHERE t < previous))::bigint,
              array_to_string((array_agg(p ORDER BY p) FILTER (WHERE t < previous))[1:\(IntegrityWarning.exampleLimit)], chr(10)),
              (count(*) FILTER (WHERE t IS NULL))::bigint,
              (to_json(min(t)) #>> '{}'), (to_json(max(t)) #>> '{}')
            FROM (\(ordered)) log
            """
        guard let row = try withServer({ try $0.rows(sql) }).first else { return }
        if let count = row.int64(0), count > 0 {
            let examples = row.string(1).map { $0.split(separator: "\n").map { "position \($0)" } } ?? []
            summary.warnings.append(IntegrityWarning(kind: .positionsOutOfTimeOrder, count: Int(count), examples: examples))
        }
        if let count = row.int64(2), count > 0 {
            summary.warnings.append(IntegrityWarning(kind: .unreadableTimes, count: Int(count), examples: []))
        }
        summary.firstTime = row.string(3).flatMap { EventTime(iso8601: $0) }
        summary.lastTime = row.string(4).flatMap { EventTime(iso8601: $0) }
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
    }

    /// Runs the scans the user asked for under a longer statement timeout (still bounded).
    private func withLongStatements(_ work: () throws -> Void) throws {
        _ = try withServer { try $0.rows("SET statement_timeout = '10min'") }
        defer { _ = try? withServer { try $0.rows("SET statement_timeout = '\(ServerConnection.statementTimeoutSeconds)s'") } }
        try work()
    }

    private func emptySummary() throws -> StoreSummary {
        var summary = StoreSummary(kind: kind, path: path)
        summary.family = family
        summary.checkpoints = try checkpointLags()
        return summary
    }

    private func finished(_ summary: StoreSummary, first: Int64, last: Int64) throws -> StoreSummary {
        var summary = summary
        summary.family = family
        summary.firstPosition = first
        summary.lastPosition = last
        summary.checkpoints = try checkpointLags()
        return summary
    }

    /// Each checkpoint's distance to the last event: in positions (events, for sequences with rare
    /// gaps) and recorded time, two index probes each; stalled when behind and last updated more
    /// than a minute before the last event was recorded.
    func checkpointLags() throws -> [CheckpointLag] {
        guard let checkpoints = try projectionCheckpoints(), !checkpoints.isEmpty,
              let last = try positionBounds()?.last else { return [] }
        let lastTime = try timeProbe(atOrAfter: last)?.time
        return try checkpoints.map { checkpoint in
            let behind = max(0, last - checkpoint.position)
            var time: Int64? = behind == 0 ? 0 : nil
            if behind > 0, let lastTime, let at = try timeProbe(atOrAfter: checkpoint.position)?.time {
                time = max(0, lastTime.microseconds - at.microseconds)
            }
            let stalled = behind > 0 && checkpoint.updatedAt.map { updated in
                lastTime.map { $0.microseconds - updated.microseconds > CheckpointLag.stallMicroseconds } ?? false
            } ?? false
            return CheckpointLag(checkpoint: checkpoint, eventsBehind: Int(behind), microsecondsBehind: time, stalled: stalled)
        }
    }
}

extension StreamTypeSource {
    /// Whether the stream type is found in another table for each event.
    var isLookup: Bool {
        if case .streamTable = self { return true }
        guard case let .expression(expression) = self else { return false }
        switch expression {
        case .first, .list, .count: return true
        default: return false
        }
    }
}
