-- 10M events in Message DB's and in Marten's layout, generated server-side (docs/benchmarks.md).
-- Usage: psql URL -v events=10000000 -f Tests/Benchmarks/postgres-bench-data.sql
-- 100,000 streams of ~100 events each, one event every 10 ms from 2026-01-01, five event types.
\set ON_ERROR_STOP 1
SET synchronous_commit = off;

CREATE SCHEMA message_store;
CREATE TABLE message_store.messages (
  global_position bigserial NOT NULL, position bigint NOT NULL, id uuid NOT NULL,
  time timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  stream_name text NOT NULL, type text NOT NULL, data jsonb, metadata jsonb);
INSERT INTO message_store.messages (global_position, position, id, time, stream_name, type, data, metadata)
SELECT g, g / 100000, md5(g::text)::uuid, timestamp '2026-01-01' + g * interval '10 milliseconds',
       'account-' || (g % 100000), (ARRAY['Opened', 'Deposited', 'Withdrawn', 'Transferred', 'Closed'])[1 + g % 5],
       jsonb_build_object('amount', g % 1000, 'currency', 'EUR'), jsonb_build_object('correlationStreamName', 'web-' || (g % 97))
FROM generate_series(1, :events) g;
ALTER TABLE message_store.messages ADD PRIMARY KEY (global_position);
CREATE UNIQUE INDEX messages_stream ON message_store.messages (stream_name, position);
CREATE UNIQUE INDEX messages_id ON message_store.messages (id);
SELECT setval('message_store.messages_global_position_seq', :events);

CREATE SCHEMA marten;
CREATE TABLE marten.mt_streams (id varchar PRIMARY KEY, type varchar, version bigint, timestamp timestamptz NOT NULL DEFAULT now(),
  snapshot jsonb, snapshot_version integer, created timestamptz NOT NULL DEFAULT now(), tenant_id varchar DEFAULT '*DEFAULT*', is_archived bool DEFAULT false);
INSERT INTO marten.mt_streams (id, type, version) SELECT 'account-' || s, 'Account', :events / 100000 FROM generate_series(0, 99999) s;
CREATE TABLE marten.mt_events (seq_id bigint NOT NULL, id uuid NOT NULL, stream_id varchar, version bigint NOT NULL, data jsonb NOT NULL,
  type varchar(500) NOT NULL, timestamp timestamptz NOT NULL DEFAULT now(), tenant_id varchar DEFAULT '*DEFAULT*',
  mt_dotnet_type varchar, is_archived bool DEFAULT false);
INSERT INTO marten.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
SELECT g, md5(g::text)::uuid, 'account-' || (g % 100000), g / 100000 + 1, jsonb_build_object('amount', g % 1000),
       (ARRAY['opened', 'deposited', 'withdrawn', 'transferred', 'closed'])[1 + g % 5],
       timestamptz '2026-01-01 00:00:00+00' + g * interval '10 milliseconds', 'Bank.Deposited, Bank'
FROM generate_series(1, :events) g;
ALTER TABLE marten.mt_events ADD PRIMARY KEY (seq_id);
CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON marten.mt_events (stream_id, version);
CREATE UNIQUE INDEX pk_mt_events_id_unique ON marten.mt_events (id);
CREATE TABLE marten.mt_event_progression (name varchar PRIMARY KEY, last_seq_id bigint, last_updated timestamptz DEFAULT transaction_timestamp());
INSERT INTO marten.mt_event_progression VALUES ('HighWaterMark', :events, now()), ('Balances:All', :events - 1500, now() - interval '2 minutes');
VACUUM ANALYZE message_store.messages;
VACUUM ANALYZE marten.mt_events;
VACUUM ANALYZE marten.mt_streams;
