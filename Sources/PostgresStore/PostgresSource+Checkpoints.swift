import EventModel
import EventStore

/// The projections' and consumers' own record of how far they got, read from the store's tables:
/// the dialect's checkpoint table (Marten's `mt_event_progression`, Commanded's `subscriptions`
/// on `$all`, evx's `projection_checkpoints`...), and for Message DB the `Recorded` messages
/// (data `{"position": N}`) of its position streams, whose category ends in `:position` or
/// `+position` (`account:position-reports`). PostgreSQL stores have no outbox or consumer tables
/// evx knows of.
extension PostgresSource: DeliveryTables {
    public func outboxStatus(asOf time: EventTime) throws -> OutboxStatus? { nil }
    public func consumerStatuses(asOf time: EventTime) throws -> [ConsumerStatus]? { nil }
    public func deliveries(ofEvent id: String) throws -> EventDeliveries { EventDeliveries(outbox: [], processedBy: []) }

    public func projectionCheckpoints() throws -> [ProjectionCheckpoint]? {
        let statement: SQLStatement
        if let dialectQuery = queries.checkpoints() {
            statement = dialectQuery
        } else if let positionStreams = messageDBPositionStreams {
            statement = positionStreams
        } else {
            return nil
        }
        let batch = try withServer { try $0.batch(statement) }
        return (0..<batch.count).compactMap { index in
            let row = batch[index]
            guard let name = row.string(0), !row.isNull(1) else { return nil }
            return ProjectionCheckpoint(projection: name, position: row.int64(1), updatedAt: row.string(2).flatMap { EventTime(iso8601: $0) })
        }
    }

    /// Message DB's category index, `(category(stream_name), global_position, ...)`: the categories
    /// are found by skipping through it (one probe each), and each position category's last
    /// `Recorded` message by one backward probe. Nil without that index (nothing is scanned).
    private var messageDBPositionStreams: SQLStatement? {
        guard store.key == "messagedb",
              store.indexes.contains(where: { $0.contains("category(") && $0.contains("global_position") }) else { return nil }
        let messages = queries.syntax.table("messages")
        let category = "\(queries.syntax.quote(store.schema)).category(m.stream_name)"
        return SQLStatement(sql: """
            WITH RECURSIVE categories(name) AS (
              (SELECT \(category) FROM \(messages) m ORDER BY 1 LIMIT 1)
              UNION ALL
              SELECT (SELECT \(category) FROM \(messages) m WHERE \(category) > categories.name ORDER BY 1 LIMIT 1)
              FROM categories WHERE categories.name IS NOT NULL
            )
            SELECT c.name::text, (last.data->>'position')::bigint, (to_json(last.time) #>> '{}')
            FROM categories c
            CROSS JOIN LATERAL (SELECT m.data, m.time FROM \(messages) m
                                WHERE \(category) = c.name AND m.type = 'Recorded'
                                ORDER BY m.global_position DESC LIMIT 1) last
            WHERE c.name ~ '[:+]position$' AND last.data->>'position' ~ '^[0-9]{1,18}$'
            ORDER BY c.name
            """)
    }
}
