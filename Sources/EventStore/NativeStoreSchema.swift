import EventModel
/// The native evx store layout (docs/store-format.md). Only `events` is required.
public enum NativeStoreSchema {
    public static let events = """
        CREATE TABLE events (
          position       INTEGER PRIMARY KEY,
          event_id       TEXT    NOT NULL UNIQUE,
          stream_id      TEXT    NOT NULL,
          stream_type    TEXT    NOT NULL,
          version        INTEGER NOT NULL,
          type           TEXT    NOT NULL,
          schema_version INTEGER NOT NULL DEFAULT 1,
          data           TEXT    NOT NULL,
          metadata       TEXT    NOT NULL DEFAULT '{}',
          recorded_at    TEXT    NOT NULL,
          UNIQUE (stream_id, version)
        );
        """

    public static let optionalTables = """
        CREATE TABLE snapshots (stream_id TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL,
          taken_at TEXT NOT NULL, PRIMARY KEY (stream_id, version));
        CREATE TABLE outbox (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, destination TEXT NOT NULL,
          payload TEXT NOT NULL, created_at TEXT NOT NULL, published_at TEXT,
          attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
        CREATE TABLE processed_events (consumer TEXT NOT NULL, event_id TEXT NOT NULL, processed_at TEXT NOT NULL,
          PRIMARY KEY (consumer, event_id));
        CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL,
          updated_at TEXT NOT NULL);
        """

    /// Every table of the format.
    public static let all = events + "\n" + optionalTables
}
