import Foundation
import GRDB

/// One event of a native SQLite store, as stored (payloads as text).
public struct FixtureEvent {
    public var position: Int64
    public var id: String
    public var stream: String
    public var streamType: String
    public var version: Int64
    public var type: String
    public var schemaVersion: Int64
    public var data: String
    public var metadata: String
    public var recordedAt: String

    /// Every event of a native SQLite store, in position order.
    public static func read(sqlite path: String) throws -> [FixtureEvent] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at FROM events ORDER BY position").map {
                FixtureEvent(position: $0[0], id: $0[1], stream: $0[2], streamType: $0[3], version: $0[4], type: $0[5],
                             schemaVersion: $0[6], data: $0[7], metadata: $0[8], recordedAt: $0[9])
            }
        }
    }

    /// Marten's default event type alias: the class name in snake_case (`OrderCreated` → `order_created`).
    public var snakeCaseType: String {
        var out = ""
        for character in type {
            if character.isUppercase, !out.isEmpty { out += "_" }
            out += character.lowercased()
        }
        return out
    }
}

/// Event stores of other libraries created in a test database: tables from the facts each
/// project publishes about its schema (docs/postgres.md names the files), rows as each writes them.
/// Written for evx's tests; no other project's code.
public enum PostgresFixtures {
    /// A SQL string literal.
    public static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Inserts in batches so one statement stays small.
    private static func insert(_ db: TestDatabase, _ prefix: String, _ rows: [String]) throws {
        for start in stride(from: 0, to: rows.count, by: 500) {
            try db.run(prefix + rows[start..<min(rows.count, start + 500)].joined(separator: ",\n") + ";")
        }
    }

    // MARK: - evx's own schema

    public static func native(_ db: TestDatabase, events: [FixtureEvent], schema: String = "public") throws {
        try db.run("""
            CREATE SCHEMA IF NOT EXISTS \(schema);
            CREATE TABLE \(schema).events (
              position bigint PRIMARY KEY, event_id text NOT NULL UNIQUE, stream_id text NOT NULL,
              stream_type text NOT NULL, version bigint NOT NULL, type text NOT NULL,
              schema_version integer NOT NULL DEFAULT 1, data text NOT NULL, metadata text NOT NULL DEFAULT '{}',
              recorded_at text NOT NULL, UNIQUE (stream_id, version));
            """)
        try insert(db, "INSERT INTO \(schema).events (position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at) VALUES\n",
                   events.map { e in
                       "(\(e.position), \(literal(e.id)), \(literal(e.stream)), \(literal(e.streamType)), \(e.version), \(literal(e.type)), \(e.schemaVersion), "
                           + "\(literal(e.data)), \(literal(e.metadata)), \(literal(e.recordedAt)))"
                   })
    }

    // MARK: - Message DB

    /// `message_store.messages` with its indexes, `message_store_version()`, and a `write_message`
    /// that behaves as Message DB documents its own: a transaction-scoped advisory lock on the
    /// stream's category, the stream's next position (from 0), an optional expected-version check.
    public static func messageDBSchema(_ db: TestDatabase) throws {
        try db.run("""
            CREATE SCHEMA message_store;
            CREATE TABLE message_store.messages (
              global_position bigserial PRIMARY KEY, position bigint NOT NULL,
              id uuid NOT NULL, time timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
              stream_name text NOT NULL, type text NOT NULL, data jsonb, metadata jsonb);
            CREATE UNIQUE INDEX messages_id ON message_store.messages (id);
            CREATE UNIQUE INDEX messages_stream ON message_store.messages (stream_name, position);
            CREATE FUNCTION message_store.message_store_version() RETURNS varchar LANGUAGE sql AS $f$ SELECT '1.3.0'::varchar $f$;
            CREATE FUNCTION message_store.category(name varchar) RETURNS varchar LANGUAGE sql IMMUTABLE AS $f$ SELECT split_part(name, '-', 1) $f$;
            CREATE INDEX messages_category ON message_store.messages
              (message_store.category(stream_name), global_position, message_store.category(metadata->>'correlationStreamName'));
            CREATE FUNCTION message_store.write_message(message_id varchar, stream varchar, message_type varchar,
                payload jsonb, meta jsonb DEFAULT NULL, expected bigint DEFAULT NULL) RETURNS bigint
            LANGUAGE plpgsql AS $f$
            DECLARE
              current_version bigint;
            BEGIN
              PERFORM pg_advisory_xact_lock(hashtext(split_part(stream, '-', 1)));
              SELECT max(m.position) INTO current_version FROM message_store.messages m WHERE m.stream_name = stream;
              current_version := coalesce(current_version, -1);
              IF expected IS NOT NULL AND expected <> current_version THEN
                RAISE EXCEPTION 'Wrong expected version: % (Stream: %, Stream Version: %)', expected, stream, current_version;
              END IF;
              INSERT INTO message_store.messages (id, stream_name, position, type, data, metadata)
                VALUES (message_id::uuid, stream, current_version + 1, message_type, payload, meta);
              RETURN current_version + 1;
            END $f$;
            """)
    }

    /// The events of a native store as Message DB rows (global position = position, per-stream
    /// position = version − 1, the time in UTC without a zone, a schema version other than 1 as
    /// the metadata's `schemaVersion`, as Message DB's conventions have it).
    public static func messageDB(_ db: TestDatabase, events: [FixtureEvent]) throws {
        try messageDBSchema(db)
        try insert(db, "INSERT INTO message_store.messages (global_position, position, id, time, stream_name, type, data, metadata) VALUES\n",
                   events.map { e in
                       "(\(e.position), \(e.version - 1), \(literal(e.id)), \(literal(e.recordedAt))::timestamptz AT TIME ZONE 'UTC', "
                           + "\(literal(e.stream)), \(literal(e.type)), \(literal(e.data))::jsonb, "
                           + "\(literal(e.metadata))::jsonb\(e.schemaVersion == 1 ? "" : " || jsonb_build_object('schemaVersion', '\(e.schemaVersion)')"))"
                   })
        try db.run("SELECT setval('message_store.messages_global_position_seq', (SELECT max(global_position) FROM message_store.messages));")
    }

    // MARK: - Marten

    /// `mt_streams`, `mt_events` (string stream identity), `mt_event_progression`, in `schema`.
    public static func martenSchema(_ db: TestDatabase, schema: String = "public") throws {
        try db.run("""
            CREATE SCHEMA IF NOT EXISTS \(schema);
            CREATE SEQUENCE \(schema).mt_events_sequence;
            CREATE TABLE \(schema).mt_streams (
              id varchar PRIMARY KEY, type varchar NULL, version bigint NULL,
              timestamp timestamptz NOT NULL DEFAULT now(), snapshot jsonb, snapshot_version integer,
              created timestamptz NOT NULL DEFAULT now(), tenant_id varchar DEFAULT '*DEFAULT*', is_archived bool DEFAULT FALSE);
            CREATE TABLE \(schema).mt_events (
              seq_id bigint PRIMARY KEY, id uuid NOT NULL, stream_id varchar REFERENCES \(schema).mt_streams (id) ON DELETE CASCADE,
              version bigint NOT NULL, data jsonb NOT NULL, type varchar(500) NOT NULL,
              timestamp timestamptz NOT NULL DEFAULT now(), tenant_id varchar DEFAULT '*DEFAULT*',
              mt_dotnet_type varchar NULL, correlation_id varchar NULL, causation_id varchar NULL, is_archived bool DEFAULT FALSE);
            CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON \(schema).mt_events (stream_id, version);
            CREATE UNIQUE INDEX pk_mt_events_id_unique ON \(schema).mt_events (id);
            CREATE TABLE \(schema).mt_event_progression (
              name varchar PRIMARY KEY, last_seq_id bigint NULL, last_updated timestamptz DEFAULT transaction_timestamp());
            """)
    }

    /// The events of a native store as Marten rows (seq_id = position, type its snake_case alias).
    public static func marten(_ db: TestDatabase, events: [FixtureEvent], schema: String = "public") throws {
        try martenSchema(db, schema: schema)
        var streams: [String: (type: String, version: Int64)] = [:]
        var order: [String] = []
        for e in events {
            if streams[e.stream] == nil { order.append(e.stream) }
            streams[e.stream] = (e.streamType, e.version)
        }
        try insert(db, "INSERT INTO \(schema).mt_streams (id, type, version) VALUES\n", order.map { stream in
            "(\(literal(stream)), \(literal(streams[stream]?.type ?? "")), \(streams[stream]?.version ?? 0))"
        })
        try insert(db, "INSERT INTO \(schema).mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type) VALUES\n",
                   events.map { e in
                       "(\(e.position), \(literal(e.id))::uuid, \(literal(e.stream)), \(e.version), \(literal(e.data))::jsonb, "
                           + "\(literal(e.snakeCaseType)), \(literal(e.recordedAt))::timestamptz, \(literal("Orders.\(e.type), Orders")))"
                   })
        try db.run("SELECT setval('\(schema).mt_events_sequence', (SELECT max(seq_id) FROM \(schema).mt_events));")
    }

    // MARK: - Commanded

    /// Commanded EventStore's tables (`streams` with the `$all` row 0, `events` with bytea
    /// payloads as its JSON serializer writes them, `stream_events`, `subscriptions`, `snapshots`),
    /// the NOTIFY on `<schema>.events` after each append, and `append_event(stream, type, data)`,
    /// which appends as Commanded does: the `$all` row first (so appends queue behind each other),
    /// then the stream, the event, and its two links.
    public static func commandedSchema(_ db: TestDatabase, schema: String = "public") throws {
        try db.run("""
            CREATE SCHEMA IF NOT EXISTS \(schema);
            SET search_path TO \(schema);
            CREATE TABLE streams (stream_id bigserial PRIMARY KEY, stream_uuid text NOT NULL, stream_version bigint NOT NULL DEFAULT 0,
              stream_origin bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
            CREATE UNIQUE INDEX ix_streams_stream_uuid ON streams (stream_uuid);
            CREATE TABLE events (event_id uuid PRIMARY KEY, event_type text NOT NULL, causation_id uuid, correlation_id uuid,
              data bytea NOT NULL, metadata bytea, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE stream_events (event_id uuid NOT NULL REFERENCES events (event_id), stream_id bigint NOT NULL REFERENCES streams (stream_id),
              stream_version bigint NOT NULL, original_stream_id bigint REFERENCES streams (stream_id), original_stream_version bigint,
              PRIMARY KEY (event_id, stream_id));
            CREATE UNIQUE INDEX ix_stream_events ON stream_events (stream_id, stream_version);
            CREATE TABLE subscriptions (subscription_id bigserial PRIMARY KEY, stream_uuid text NOT NULL, subscription_name text NOT NULL,
              last_seen bigint, created_at timestamptz NOT NULL DEFAULT now());
            CREATE UNIQUE INDEX ix_subscriptions_stream_uuid_subscription_name ON subscriptions (stream_uuid, subscription_name);
            CREATE TABLE snapshots (source_uuid text PRIMARY KEY, source_version bigint NOT NULL, source_type text NOT NULL,
              data bytea NOT NULL, metadata bytea, created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO streams (stream_id, stream_uuid, stream_version, stream_origin) VALUES (0, '$all', 0, 0);
            CREATE FUNCTION notify_appended() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              PERFORM pg_notify(TG_TABLE_SCHEMA || '.events', NEW.stream_uuid || ',' || NEW.stream_id || ',' || NEW.stream_version);
              RETURN NULL;
            END $f$;
            CREATE TRIGGER event_notification AFTER INSERT OR UPDATE ON streams FOR EACH ROW EXECUTE PROCEDURE notify_appended();
            CREATE FUNCTION append_event(stream text, type text, payload text, meta text DEFAULT '{}', id uuid DEFAULT gen_random_uuid(),
                at timestamptz DEFAULT now()) RETURNS bigint LANGUAGE plpgsql AS $f$
            DECLARE
              global bigint;
              own bigint;
              version bigint;
            BEGIN
              UPDATE streams SET stream_version = stream_version + 1 WHERE stream_id = 0 RETURNING stream_version INTO global;
              INSERT INTO streams (stream_uuid, stream_version) VALUES (stream, 1)
                ON CONFLICT (stream_uuid) DO UPDATE SET stream_version = streams.stream_version + 1
                RETURNING stream_id, stream_version INTO own, version;
              INSERT INTO events (event_id, event_type, data, metadata, created_at)
                VALUES (id, type, convert_to(payload, 'UTF8'), convert_to(meta, 'UTF8'), at);
              INSERT INTO stream_events VALUES (id, own, version, own, version), (id, 0, global, own, version);
              RETURN global;
            END $f$;
            RESET search_path;
            """)
    }

    /// The events of a native store appended to a Commanded store, in position order.
    public static func commanded(_ db: TestDatabase, events: [FixtureEvent], schema: String = "public") throws {
        try commandedSchema(db, schema: schema)
        let calls = events.map { e in
            "SELECT \(schema).append_event(\(literal(e.stream)), \(literal(e.type)), \(literal(e.data)), \(literal(e.metadata)), "
                + "\(literal(e.id))::uuid, \(literal(e.recordedAt))::timestamptz);"
        }
        for start in stride(from: 0, to: calls.count, by: 500) {
            try db.run(calls[start..<min(calls.count, start + 500)].joined(separator: "\n"))
        }
    }

    // MARK: - Emmett

    /// Emmett's PostgreSQL tables (emmett-postgresql `schema/tables.ts`): `emt_messages`,
    /// `emt_streams` and `emt_processors` partitioned by `partition` (the default one, split by
    /// `is_archived` as Emmett's `emt_add_partition` does), the global position from a sequence,
    /// the writing transaction's id in `transaction_id`, and Emmett's poll indexes on
    /// `global_position` and `(transaction_id, global_position)`.
    public static func emmettSchema(_ db: TestDatabase) throws {
        try db.run("""
            CREATE SEQUENCE emt_global_message_position;
            CREATE TABLE emt_streams (stream_id text NOT NULL, stream_position bigint NOT NULL, partition text NOT NULL DEFAULT 'emt:default',
              stream_type text NOT NULL, stream_metadata jsonb NOT NULL, is_archived boolean NOT NULL DEFAULT false,
              PRIMARY KEY (stream_id, partition, is_archived)) PARTITION BY LIST (partition);
            CREATE TABLE emt_messages (stream_position bigint NOT NULL,
              global_position bigint DEFAULT nextval('emt_global_message_position'), transaction_id xid8 NOT NULL,
              created timestamptz NOT NULL DEFAULT now(), is_archived boolean NOT NULL DEFAULT false,
              message_kind varchar(1) NOT NULL DEFAULT 'E', stream_id text NOT NULL, partition text NOT NULL DEFAULT 'emt:default',
              message_schema_version text NOT NULL, message_id text NOT NULL, message_type text NOT NULL,
              message_data jsonb NOT NULL, message_metadata jsonb NOT NULL,
              PRIMARY KEY (stream_id, stream_position, partition, is_archived)) PARTITION BY LIST (partition);
            CREATE TABLE emt_processors (last_processed_transaction_id xid8 NOT NULL, version int NOT NULL DEFAULT 1,
              processor_id text NOT NULL, partition text NOT NULL DEFAULT 'emt:default', status text NOT NULL DEFAULT 'stopped',
              last_processed_checkpoint text NOT NULL, processor_instance_id text DEFAULT 'emt:unknown',
              created_at timestamptz NOT NULL DEFAULT now(), last_updated timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (processor_id, partition, version)) PARTITION BY LIST (partition);
            CREATE TABLE emt_messages_emt_default PARTITION OF emt_messages FOR VALUES IN ('emt:default') PARTITION BY LIST (is_archived);
            CREATE TABLE emt_messages_emt_default_active PARTITION OF emt_messages_emt_default FOR VALUES IN (false);
            CREATE TABLE emt_messages_emt_default_archived PARTITION OF emt_messages_emt_default FOR VALUES IN (true);
            CREATE TABLE emt_streams_emt_default PARTITION OF emt_streams FOR VALUES IN ('emt:default') PARTITION BY LIST (is_archived);
            CREATE TABLE emt_streams_emt_default_active PARTITION OF emt_streams_emt_default FOR VALUES IN (false);
            CREATE TABLE emt_streams_emt_default_archived PARTITION OF emt_streams_emt_default FOR VALUES IN (true);
            CREATE TABLE emt_processors_emt_default PARTITION OF emt_processors FOR VALUES IN ('emt:default');
            CREATE INDEX emt_messages_global_position ON emt_messages (global_position);
            CREATE INDEX emt_messages_transaction_global ON emt_messages (transaction_id, global_position);
            """)
    }

    /// The events of a native store as Emmett rows (global position = position, stream
    /// position = version, each stream's type in `emt_streams`).
    public static func emmett(_ db: TestDatabase, events: [FixtureEvent]) throws {
        try emmettSchema(db)
        var streams: [String: (type: String, version: Int64)] = [:]
        var order: [String] = []
        for e in events {
            if streams[e.stream] == nil { order.append(e.stream) }
            streams[e.stream] = (e.streamType, e.version)
        }
        try insert(db, "INSERT INTO emt_streams (stream_id, stream_position, stream_type, stream_metadata) VALUES\n", order.map { stream in
            "(\(literal(stream)), \(streams[stream]?.version ?? 0), \(literal(streams[stream]?.type ?? "")), '{}')"
        })
        try insert(db, """
            INSERT INTO emt_messages (global_position, stream_position, transaction_id, created, stream_id, message_schema_version,
              message_id, message_type, message_data, message_metadata) VALUES\n
            """, events.map { e in
                "(\(e.position), \(e.version), pg_current_xact_id(), \(literal(e.recordedAt))::timestamptz, \(literal(e.stream)), "
                    + "'\(e.schemaVersion)', \(literal(e.id)), \(literal(e.type)), \(literal(e.data))::jsonb, \(literal(e.metadata))::jsonb)"
            })
        try db.run("SELECT setval('emt_global_message_position', (SELECT max(global_position) FROM emt_messages));")
    }
}
