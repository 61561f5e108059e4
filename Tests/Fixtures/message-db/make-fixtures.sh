#!/usr/bin/env bash
# Remakes the Message DB exports with a real PostgreSQL: a throw-away cluster gets Message DB's
# messages table (as message-db/message-db's database/tables/messages.sql declares it), a few
# accounts' messages written as Message DB writes them (position per stream from 0,
# global_position from 1, time in UTC without a zone, metadata often NULL), and psql exports it
# the two ways people do:
#   messages.csv    \copy (SELECT * … ORDER BY global_position) TO … CSV HEADER
#   messages.jsonl  SELECT row_to_json(m) … ORDER BY global_position, one object per line
# Needs PostgreSQL's server binaries (initdb, pg_ctl) and psql; run as root, the server runs as
# the `postgres` user.
set -euo pipefail
cd "$(dirname "$0")"
out=$PWD
bindir=$(dirname "$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb | tail -1)")
dir=$(mktemp -d /tmp/evx-message-db.XXXXXX)
port=$((20000 + RANDOM % 20000))
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() { as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_server "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=''" start >/dev/null
psql=(psql -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q)

"${psql[@]}" <<'SQL'
CREATE SCHEMA message_store;
CREATE TABLE message_store.messages (
  global_position bigserial NOT NULL PRIMARY KEY,
  position bigint NOT NULL,
  id uuid NOT NULL,
  time timestamp without time zone NOT NULL,
  stream_name text NOT NULL,
  type text NOT NULL,
  data jsonb,
  metadata jsonb
);
CREATE UNIQUE INDEX messages_stream ON message_store.messages (stream_name, position);

-- Writes a message at the stream's next position, as message_store.write_message does.
CREATE FUNCTION write_message(n int, stream text, kind text, body jsonb, meta jsonb) RETURNS void AS $$
  INSERT INTO message_store.messages (position, id, time, stream_name, type, data, metadata)
  SELECT coalesce(max(position) + 1, 0),
         ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
         timestamp '2026-01-05 08:00:00' + n * interval '1.000125 seconds',
         stream, kind, body, meta
  FROM message_store.messages WHERE stream_name = stream;
$$ LANGUAGE sql;

-- Three accounts with cent amounts, a command stream (category account:command), a consumer's
-- position stream, and a stream whose name has no '-' (no category).
DO $$
DECLARE
  n int := 0;
  account int;
  amount numeric;
BEGIN
  FOR step IN 1..45 LOOP
    n := n + 1;
    account := 1 + (step * 7) % 3;
    amount := round(((step * 37) % 1000 + (step * 13) % 100 / 100.0)::numeric, 2) + 0.05;
    IF step <= 3 THEN
      PERFORM write_message(n, 'account-' || step, 'Opened', jsonb_build_object('customer', 'c-' || step), NULL);
    ELSIF step % 4 = 0 THEN
      PERFORM write_message(n, 'account-' || account, 'Withdrawn', jsonb_build_object('amount', round(amount / 4, 2)),
        jsonb_build_object('correlationStreamName', 'account:command-' || step, 'schemaVersion', '1'));
    ELSIF step % 9 = 0 THEN
      PERFORM write_message(n, 'account:command-' || step, 'Deposit', jsonb_build_object('amount', amount, 'note', 'a "quoted", comma'), NULL);
    ELSIF step % 10 = 0 THEN
      PERFORM write_message(n, 'accountConsumer+position', 'Recorded', jsonb_build_object('position', n - 1), NULL);
    ELSIF step % 11 = 0 THEN
      PERFORM write_message(n, 'audit', 'Checked', '{}', NULL);
    ELSE
      PERFORM write_message(n, 'account-' || account, 'Deposited', jsonb_build_object('amount', amount),
        jsonb_build_object('causationMessageGlobalPosition', n - 1));
    END IF;
  END LOOP;
END $$;
SQL

"${psql[@]}" -c "\\copy (SELECT * FROM message_store.messages ORDER BY global_position) TO '$out/messages.csv' CSV HEADER"
"${psql[@]}" -At -c "SELECT row_to_json(m) FROM message_store.messages m ORDER BY global_position" > "$out/messages.jsonl"
echo "wrote $out/messages.csv and $out/messages.jsonl ($(wc -l < "$out/messages.jsonl") messages)"
