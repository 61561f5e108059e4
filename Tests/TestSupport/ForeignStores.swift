import Foundation
import GRDB

/// Stores of other libraries' SQLite schemas (from their published DDL, see docs/dialects.md),
/// with a few events each, for tests.
public enum ForeignStores {
    /// Emmett (emmett-sqlite tables.ts): two shopping carts and an order, a processor behind.
    /// Stream `shopping_cart-1` has 3 events (AddedItem amounts 10.10, 0.20; then Confirmed).
    @discardableResult
    public static func emmett(at path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE emt_streams(stream_id TEXT NOT NULL, stream_position BIGINT NOT NULL DEFAULT 0,
                  partition TEXT NOT NULL DEFAULT 'global', stream_type TEXT NOT NULL, stream_metadata JSONB NOT NULL,
                  is_archived BOOLEAN NOT NULL DEFAULT FALSE, PRIMARY KEY (stream_id, partition, is_archived),
                  UNIQUE (stream_id, partition, is_archived));
                CREATE TABLE emt_messages(stream_id TEXT NOT NULL, stream_position BIGINT NOT NULL,
                  partition TEXT NOT NULL DEFAULT 'global', message_kind CHAR(1) NOT NULL DEFAULT 'E',
                  message_data JSONB NOT NULL, message_metadata JSONB NOT NULL, message_schema_version TEXT NOT NULL,
                  message_type TEXT NOT NULL, message_id TEXT NOT NULL, is_archived BOOLEAN NOT NULL DEFAULT FALSE,
                  global_position INTEGER PRIMARY KEY, created DATETIME DEFAULT CURRENT_TIMESTAMP,
                  UNIQUE (stream_id, stream_position, partition, is_archived));
                CREATE TABLE emt_processors(processor_id TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
                  partition TEXT NOT NULL DEFAULT 'global', status TEXT NOT NULL DEFAULT 'stopped',
                  last_processed_checkpoint TEXT NOT NULL, processor_instance_id TEXT DEFAULT 'emt:unknown',
                  PRIMARY KEY (processor_id, partition, version));
                """)
            let events: [(String, Int, String, String)] = [
                ("shopping_cart-1", 1, "ProductItemAdded", #"{"productId":"p1","amount":10.10}"#),
                ("shopping_cart-2", 1, "ProductItemAdded", #"{"productId":"p2","amount":3}"#),
                ("shopping_cart-1", 2, "ProductItemAdded", #"{"productId":"p3","amount":0.20}"#),
                ("order-9", 1, "OrderPlaced", #"{"cart":"shopping_cart-1"}"#),
                ("shopping_cart-1", 3, "ShoppingCartConfirmed", #"{"confirmedAt":"2026-04-01T10:00:03Z"}"#),
            ]
            for (index, (stream, version, type, data)) in events.enumerated() {
                try db.execute(sql: """
                    INSERT INTO emt_messages (stream_id, stream_position, message_data, message_metadata, message_schema_version,
                      message_type, message_id, global_position, created) VALUES (?, ?, ?, ?, '1', ?, ?, ?, ?)
                    """, arguments: [stream, version, data, #"{"messageId":"m-\#(index)","correlationId":"c-1"}"#, type,
                                     "m-\(index)", index + 1, "2026-04-01 10:00:0\(index)"])
            }
            for (stream, type, position) in [("shopping_cart-1", "shopping_cart", 3), ("shopping_cart-2", "shopping_cart", 1), ("order-9", "order", 1)] {
                try db.execute(sql: "INSERT INTO emt_streams (stream_id, stream_position, stream_type, stream_metadata) VALUES (?, ?, ?, '{}')",
                               arguments: [stream, position, type])
            }
            try db.execute(sql: "INSERT INTO emt_processors (processor_id, last_processed_checkpoint) VALUES ('carts_summary', '0000000000000000003')")
        }
        try queue.close()
        return path
    }

    /// Rails Event Store (ActiveRecord on SQLite): YAML and JSON payloads; event 2 is published to
    /// `Ordering::Order$1` and linked into `$by_customer$7`; `Ordering::Order$1` holds 3 events.
    @discardableResult
    public static func railsEventStore(at path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE event_store_events (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, event_id VARCHAR(36) NOT NULL,
                  event_type VARCHAR NOT NULL, metadata BLOB, data BLOB NOT NULL, created_at DATETIME(6) NOT NULL, valid_at DATETIME(6));
                CREATE UNIQUE INDEX index_event_store_events_on_event_id ON event_store_events (event_id);
                CREATE INDEX index_event_store_events_on_event_type ON event_store_events (event_type);
                CREATE TABLE event_store_events_in_streams (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, stream VARCHAR NOT NULL,
                  position INTEGER DEFAULT NULL, event_id VARCHAR(36) NOT NULL, created_at DATETIME(6) NOT NULL);
                CREATE UNIQUE INDEX index_event_store_events_in_streams_on_stream_and_position ON event_store_events_in_streams (stream, position);
                CREATE UNIQUE INDEX index_event_store_events_in_streams_on_stream_and_event_id ON event_store_events_in_streams (stream, event_id);
                CREATE INDEX index_event_store_events_in_streams_on_event_id ON event_store_events_in_streams (event_id);
                """)
            let yaml = { (body: String) in Data(("---\n" + body).utf8) }
            let events: [(String, String, Data, Data)] = [
                ("e-1", "Ordering::OrderPlaced", yaml(":order_id: 1\n:customer_id: 7\n:total: 117.25\n"),
                 yaml(":correlation_id: c-1\n:timestamp: 2026-05-01 09:00:00.000000000 Z\n")),
                ("e-2", "Ordering::ItemAdded", yaml(":sku: A-1\n:price: !ruby/object:BigDecimal 18:0.1005e2\n:tags:\n- new\n- :promo\n"),
                 yaml(":correlation_id: c-1\n:causation_id: e-1\n")),
                ("e-3", "Ordering::OrderPaid", Data(#"{"amount":127.3}"#.utf8), Data(#"{"correlation_id":"c-1"}"#.utf8)),
            ]
            for (index, (id, type, data, metadata)) in events.enumerated() {
                try db.execute(sql: "INSERT INTO event_store_events (event_id, event_type, metadata, data, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, type, metadata, data, "2026-05-01 09:00:0\(index).123456"])
            }
            let links: [(String, Int?, String)] = [
                ("Ordering::Order$1", 0, "e-1"), ("Ordering::Order$1", 1, "e-2"), ("$by_customer$7", nil, "e-1"),
                ("$by_customer$7", nil, "e-2"), ("Ordering::Order$1", 2, "e-3"),
            ]
            for (stream, position, event) in links {
                try db.execute(sql: "INSERT INTO event_store_events_in_streams (stream, position, event_id, created_at) VALUES (?, ?, ?, '2026-05-01 09:00:00')",
                               arguments: [stream, position, event])
            }
        }
        try queue.close()
        return path
    }

    /// Spatie laravel-event-sourcing (read with Tests/Fixtures/mappings/spatie.map.yaml): versions
    /// from 1, JSON columns, a snapshots table; stream `a1` has 3 events.
    @discardableResult
    public static func spatie(at path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE stored_events (id INTEGER PRIMARY KEY AUTOINCREMENT, aggregate_uuid TEXT, aggregate_version INTEGER,
                  event_version INTEGER NOT NULL DEFAULT 1, event_class TEXT NOT NULL, event_properties TEXT NOT NULL,
                  meta_data TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (aggregate_uuid, aggregate_version));
                CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, aggregate_uuid TEXT NOT NULL,
                  aggregate_version INTEGER NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL);
                """)
            let events: [(String, Int, String, String)] = [
                ("a1", 1, #"App\StorableEvents\AccountCreated"#, #"{"name":"Ada"}"#),
                ("a2", 1, #"App\StorableEvents\AccountCreated"#, #"{"name":"Ken"}"#),
                ("a1", 2, #"App\StorableEvents\MoneyAdded"#, #"{"amount":10.10}"#),
                ("a1", 3, #"App\StorableEvents\MoneyAdded"#, #"{"amount":0.20}"#),
            ]
            for (index, (stream, version, type, data)) in events.enumerated() {
                try db.execute(sql: "INSERT INTO stored_events (aggregate_uuid, aggregate_version, event_class, event_properties, meta_data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [stream, version, type, data, #"{"user":"u\#(index)"}"#, "2026-02-0\(index + 1) 10:00:00"])
            }
            try db.execute(sql: "INSERT INTO snapshots (aggregate_uuid, aggregate_version, state, created_at) VALUES ('a1', 2, '{\"balance\":10.10}', '2026-02-03 10:00:01')")
        }
        try queue.close()
        return path
    }

    /// Axon Framework with Jackson (read with Tests/Fixtures/mappings/axon.map.yaml): JSON payloads
    /// in BLOBs, sequence numbers from 0; stream `gc-1` has 3 events.
    @discardableResult
    public static func axon(at path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE domain_event_entry (global_index INTEGER PRIMARY KEY, aggregate_identifier TEXT NOT NULL,
                  sequence_number INTEGER NOT NULL, type TEXT, event_identifier TEXT NOT NULL UNIQUE, meta_data BLOB,
                  payload BLOB NOT NULL, payload_revision TEXT, payload_type TEXT NOT NULL, time_stamp TEXT NOT NULL,
                  UNIQUE (aggregate_identifier, sequence_number));
                CREATE TABLE token_entry (processor_name TEXT NOT NULL, segment INTEGER NOT NULL, token BLOB, token_type TEXT,
                  timestamp TEXT, owner TEXT, PRIMARY KEY (processor_name, segment));
                """)
            let events: [(String, Int, String, String)] = [
                ("gc-1", 0, "io.axoniq.giftcard.api.CardIssuedEvent", #"{"id":"gc-1","amount":100}"#),
                ("gc-1", 1, "io.axoniq.giftcard.api.CardRedeemedEvent", #"{"id":"gc-1","amount":30}"#),
                ("gc-1", 2, "io.axoniq.giftcard.api.CardRedeemedEvent", #"{"id":"gc-1","amount":25}"#),
            ]
            for (index, (stream, sequence, type, payload)) in events.enumerated() {
                try db.execute(sql: "INSERT INTO domain_event_entry VALUES (?, ?, ?, 'GiftCard', ?, ?, ?, NULL, ?, ?)",
                               arguments: [index + 1, stream, sequence, "e-\(index)", Data(#"{"traceId":"t\#(index)"}"#.utf8),
                                           Data(payload.utf8), type, "2026-03-01T09:00:0\(index).000Z"])
            }
        }
        try queue.close()
        return path
    }
}
