import EventModel

/// The projections' and consumers' own record of how far they got, read from the store's tables:
/// Marten's `mt_event_progression` (every shard and the `HighWaterMark` the daemon reads up to),
/// Commanded's `subscriptions` on `$all`, Message DB's `Recorded` messages (data `{"position": N}`)
/// in position streams, whose category ends in `:position` or `+position` (`account:position-reports`). PostgreSQL stores have no outbox or consumer tables evx knows of.
extension PostgresSource: DeliveryTables {
    public func outboxStatus(asOf time: EventTime) throws -> OutboxStatus? { nil }
    public func consumerStatuses(asOf time: EventTime) throws -> [ConsumerStatus]? { nil }
    public func deliveries(ofEvent id: String) throws -> EventDeliveries { EventDeliveries(outbox: [], processedBy: []) }

    public func projectionCheckpoints() throws -> [ProjectionCheckpoint]? {
        guard let sql = checkpointQuery else { return nil }
        return try withServer { server in
            try server.rows(sql).compactMap { row in
                guard let name = row.string(0), let position = row.int64(1) else { return nil }
                return ProjectionCheckpoint(projection: name, position: position, updatedAt: row.string(2).flatMap { EventTime(iso8601: $0) })
            }
        }
    }

    /// One query per family: name, position, time of the last update (text).
    private var checkpointQuery: String? {
        let s = quoted(mapping.schema)
        switch mapping.family {
        case "marten" where mapping.checkpointTables.contains("mt_event_progression"):
            return "SELECT name::text, last_seq_id::bigint, last_updated::text FROM \(s).mt_event_progression WHERE last_seq_id IS NOT NULL ORDER BY name"
        case "commanded" where mapping.checkpointTables.contains("subscriptions"):
            return "SELECT subscription_name::text, coalesce(last_seen, 0)::bigint, NULL::text FROM \(s).subscriptions WHERE stream_uuid = '$all' ORDER BY subscription_name"
        case "messagedb" where mapping.indexes.contains(where: { $0.contains("category(") && $0.contains("global_position") }):
            // Message DB's category index, (category(stream_name), global_position, ...): the
            // categories are found by skipping through it (one probe each), and each position
            // category's last `Recorded` message by one backward probe.
            let category = "\(s).category(m.stream_name)"
            return """
                WITH RECURSIVE categories(name) AS (
                  (SELECT \(category) FROM \(s).messages m ORDER BY 1 LIMIT 1)
                  UNION ALL
                  SELECT (SELECT \(category) FROM \(s).messages m WHERE \(category) > categories.name ORDER BY 1 LIMIT 1)
                  FROM categories WHERE categories.name IS NOT NULL
                )
                SELECT c.name, (last.data->>'position')::bigint, last.time::text
                FROM categories c
                CROSS JOIN LATERAL (SELECT m.data, m.time FROM \(s).messages m
                                    WHERE \(category) = c.name AND m.type = 'Recorded'
                                    ORDER BY m.global_position DESC LIMIT 1) last
                WHERE c.name ~ '[:+]position$' AND last.data->>'position' ~ '^[0-9]{1,18}$'
                ORDER BY c.name
                """
        default:
            return nil
        }
    }
}
