import EventModel

/// `evx info` on PostgreSQL. Exact on a store of up to `exactRowLimit` events (by the planner's
/// estimate); beyond that, estimated without reading the table: the row count from
/// `pg_class.reltuples`, types and stream types from a sample of about `sampleRows` rows
/// (`TABLESAMPLE SYSTEM`), streams as the sampled events that open a stream (version 1). The
/// positions and the first and last event's times are exact in both cases (index edges).
/// `exactSummary()` counts everything (several scans; asked for with `--exact`).
extension PostgresSource: EstimatingSource {
    static let exactRowLimit = 200_000
    static let sampleRows = 100_000.0

    public func summary() throws -> StoreSummary {
        guard let (first, last) = try positionBounds() else { return StoreSummary(kind: kind, path: path) }
        let estimate = try sizeEstimate(first: first, last: last)
        guard estimate > Self.exactRowLimit else { return try exactSummary() }
        var summary = StoreSummary(kind: kind, path: path)
        summary.family = family
        summary.countsAreEstimates = true
        try fillEdges(&summary)
        let percent = min(100, max(0.001, Self.sampleRows / Double(estimate) * 100))
        let sql = mapping.select("(\(mapping.type))::text, (\(mapping.streamType))::text, count(*)::bigint, "
                                 + "(count(*) FILTER (WHERE (\(mapping.version)) = 1))::bigint", samplingPercent: percent)
            + " GROUP BY 1, 2"
        let rows = try withServer { try $0.rows(sql) }
        let sampled = rows.reduce(0) { $0 + ($1.int64(2) ?? 0) }
        let scale = sampled == 0 ? 0 : Double(estimate) / Double(sampled)
        fillTypes(&summary, rows, scale: scale)
        summary.eventCount = estimate
        summary.checkpoints = try checkpointLags()
        return summary
    }

    public func exactSummary() throws -> StoreSummary {
        var summary = StoreSummary(kind: kind, path: path)
        summary.family = family
        try fillEdges(&summary)
        try withLongStatements {
            let types = mapping.select("(\(mapping.type))::text, (\(mapping.streamType))::text, count(*)::bigint, "
                                       + "(count(*) FILTER (WHERE (\(mapping.version)) = 1))::bigint") + " GROUP BY 1, 2"
            fillTypes(&summary, try withServer { try $0.rows(types) }, scale: 1)
            try fillStreamIntegrity(&summary)
            try fillTimeOrder(&summary)
        }
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

    /// Positions, and times at the first and last position.
    private func fillEdges(_ summary: inout StoreSummary) throws {
        guard let (first, last) = try positionBounds() else { return }
        summary.firstPosition = first
        summary.lastPosition = last
        summary.firstTime = try timeProbe(atOrAfter: first)?.time
        summary.lastTime = try timeProbe(atOrAfter: last)?.time
    }

    private func fillTypes(_ summary: inout StoreSummary, _ rows: [ServerRow], scale: Double) {
        var types: [String: Int] = [:]
        var streamTypes: [String: (streams: Int, events: Int)] = [:]
        for row in rows {
            let events = Int((Double(row.int64(2) ?? 0) * scale).rounded())
            let streams = Int((Double(row.int64(3) ?? 0) * scale).rounded())
            types[row.string(0) ?? "", default: 0] += events
            let streamType = row.string(1) ?? ""
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

    /// Streams counted exactly, and those whose versions are not 1, 2, 3...
    private func fillStreamIntegrity(_ summary: inout StoreSummary) throws {
        let perStream = mapping.select("(\(mapping.stream))::text AS s, min(\(mapping.version)) AS lo, max(\(mapping.version)) AS hi, "
                                       + "count(*) AS n, count(DISTINCT \(mapping.version)) AS d") + " GROUP BY 1"
        let sql = """
            SELECT count(*)::bigint,
              (count(*) FILTER (WHERE lo <> 1 OR hi <> d))::bigint,
              (count(*) FILTER (WHERE n <> d))::bigint,
              array_to_string((array_agg(s ORDER BY s) FILTER (WHERE lo <> 1 OR hi <> d))[1:\(IntegrityWarning.exampleLimit)], chr(10)),
              array_to_string((array_agg(s ORDER BY s) FILTER (WHERE n <> d))[1:\(IntegrityWarning.exampleLimit)], chr(10))
            FROM (\(perStream)) streams
            """
        guard let row = try withServer({ try $0.rows(sql) }).first else { return }
        summary.streamCount = Int(row.int64(0) ?? 0)
        let examples = { (index: Int) in row.string(index).map { $0.split(separator: "\n").map(String.init) } ?? [] }
        if let missing = row.int64(1), missing > 0 {
            summary.warnings.append(IntegrityWarning(kind: .missingStreamVersions, count: Int(missing), examples: examples(3)))
        }
        if let duplicated = row.int64(2), duplicated > 0 {
            summary.warnings.append(IntegrityWarning(kind: .duplicateStreamVersions, count: Int(duplicated), examples: examples(4)))
        }
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
    }

    /// Events recorded earlier than the event before them, walking the position index once.
    private func fillTimeOrder(_ summary: inout StoreSummary) throws {
        let ordered = mapping.select("(\(mapping.position)) AS p, (\(mapping.time)) AS t, lag(\(mapping.time)) OVER (ORDER BY \(mapping.position)) AS previous")
        let sql = """
            SELECT (count(*) FILTER (WHERE t < previous))::bigint,
              array_to_string((array_agg(p ORDER BY p) FILTER (WHERE t < previous))[1:\(IntegrityWarning.exampleLimit)], chr(10)),
              (count(*) FILTER (WHERE t IS NULL))::bigint,
              min(t)::text, max(t)::text
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
        summary.firstTime = row.string(3).flatMap { EventTime(iso8601: $0) } ?? summary.firstTime
        summary.lastTime = row.string(4).flatMap { EventTime(iso8601: $0) } ?? summary.lastTime
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
    }

    /// Runs scans the user asked for under a longer statement timeout (still bounded).
    private func withLongStatements(_ work: () throws -> Void) throws {
        _ = try withServer { try $0.rows("SET statement_timeout = '10min'") }
        defer { _ = try? withServer { try $0.rows("SET statement_timeout = '\(ServerConnection.statementTimeoutSeconds)s'") } }
        try work()
    }
}
