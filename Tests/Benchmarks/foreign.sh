#!/usr/bin/env bash
# Foreign store families against the native format (docs/benchmarks.md, "Foreign stores"):
# `evx project` over the same events stored natively, eventsourcing-shaped (plain JSON state with
# its datetime_iso timestamp wrapper, rowid positions, topics), eventsourcing-shaped with zlib,
# Emmett-shaped (stream types found in emt_streams), and eventsourcing-shaped with AES-GCM over
# zlib (decryption reported apart), measured in one hyperfine run.
# Usage: Tests/Benchmarks/foreign.sh [EVENTS]   (default 1000000; stores kept in $EVX_BENCH_DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000000}"
dir="${EVX_BENCH_DIR:-/tmp/evx-bench}/foreign-$n"
mkdir -p "$dir"
swift build -c release --product evx >/dev/null
evx="$(swift build -c release --show-bin-path)/evx"

native="$dir/native.sqlite"
[ -f "$native" ] || "$evx" generate "$native" --events "$n" --seed 5 --domain bank >/dev/null

# The same events in each family's tables. Topics are `bank:TYPE`, so types read as in the native
# store and the same rules file applies (aggregates match by their `account-*` stream glob).
make() { [ -f "$1" ] || { sqlite3 "$1" "ATTACH '$native' AS n; $2" || { rm -f "$1"; exit 1; }; }; }
state="CASE WHEN data = '{}' THEN '{\"timestamp\":{\"_type_\":\"datetime_iso\",\"_data_\":\"' || recorded_at || '\"}}'
        ELSE '{\"timestamp\":{\"_type_\":\"datetime_iso\",\"_data_\":\"' || recorded_at || '\"},' || substr(data, 2) END"
make "$dir/eventsourcing.sqlite" "
  CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB,
    PRIMARY KEY (originator_id, originator_version));
  INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state)
    SELECT position, stream_id, version, 'bank:' || type, CAST($state AS BLOB) FROM n.events ORDER BY position;"
if [ ! -f "$dir/eventsourcing-zlib.sqlite" ]; then
  cp "$dir/eventsourcing.sqlite" "$dir/eventsourcing-zlib.sqlite"
  python3 - "$dir/eventsourcing-zlib.sqlite" <<'PY'
import sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT rowid, state FROM stored_events").fetchall()
db.executemany("UPDATE stored_events SET state = ? WHERE rowid = ?", [(zlib.compress(bytes(s)), r) for r, s in rows])
db.commit()
db.execute("VACUUM")
PY
fi
# AES-GCM over zlib, as eventsourcing's cipher writes it (nonce 12 | tag 16 | ciphertext), with the
# test key of Tests/Fixtures; measured apart (decryption is the cost there, not the family).
key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
if [ ! -f "$dir/eventsourcing-aes.sqlite" ]; then
  cp "$dir/eventsourcing-zlib.sqlite" "$dir/eventsourcing-aes.sqlite"
  python3 - "$dir/eventsourcing-aes.sqlite" "$key" <<'PY'
import base64, os, sqlite3, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
cipher = AESGCM(base64.b64decode(sys.argv[2]))
def seal(state):
    nonce = os.urandom(12)
    sealed = cipher.encrypt(nonce, bytes(state), None)
    return nonce + sealed[-16:] + sealed[:-16]
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT rowid, state FROM stored_events").fetchall()
db.executemany("UPDATE stored_events SET state = ? WHERE rowid = ?", [(seal(s), r) for r, s in rows])
db.commit()
db.execute("VACUUM")
PY
fi
make "$dir/emmett.sqlite" "
  CREATE TABLE emt_streams(stream_id TEXT NOT NULL, stream_position BIGINT NOT NULL DEFAULT 0,
    partition TEXT NOT NULL DEFAULT 'global', stream_type TEXT NOT NULL, stream_metadata JSONB NOT NULL,
    is_archived BOOLEAN NOT NULL DEFAULT FALSE, PRIMARY KEY (stream_id, partition, is_archived));
  CREATE TABLE emt_messages(stream_id TEXT NOT NULL, stream_position BIGINT NOT NULL,
    partition TEXT NOT NULL DEFAULT 'global', message_kind CHAR(1) NOT NULL DEFAULT 'E',
    message_data JSONB NOT NULL, message_metadata JSONB NOT NULL, message_schema_version TEXT NOT NULL,
    message_type TEXT NOT NULL, message_id TEXT NOT NULL, is_archived BOOLEAN NOT NULL DEFAULT FALSE,
    global_position INTEGER PRIMARY KEY, created DATETIME DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (stream_id, stream_position, partition, is_archived));
  INSERT INTO emt_messages (stream_id, stream_position, message_data, message_metadata, message_schema_version,
      message_type, message_id, global_position, created)
    SELECT stream_id, version, data, metadata, '1', type, event_id, position, recorded_at FROM n.events ORDER BY position;
  INSERT INTO emt_streams (stream_id, stream_position, stream_type, stream_metadata)
    SELECT stream_id, max(version), stream_type, '{}' FROM n.events GROUP BY stream_id;"

rules="$dir/native.evx.yaml"
# Same answers first: a family that read its events wrongly would be measured for nothing. (The
# standard per-stream-type projections differ by design: the eventsourcing copies' topics name no
# class, so their streams have no type.)
rulesOwn() { python3 -c 'import json, sys; p = json.load(sys.stdin)["projections"]; [p.pop(k, None) for k in ("events_per_stream_type", "streams_per_stream_type")]; print(json.dumps(p, sort_keys=True))'; }
expected="$("$evx" project "$native" --rules "$rules" --json | rulesOwn)"
for store in eventsourcing eventsourcing-zlib eventsourcing-aes emmett; do
  [ "$(CIPHER_KEY=$key "$evx" project "$dir/$store.sqlite" --rules "$rules" --json | rulesOwn)" = "$expected" ] || { echo "$store: projections differ from native" >&2; exit 1; }
done
echo "## machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p'); $(swift --version 2>&1 | head -1)"
echo "## evx project on $n events (rules: $rules)"
hyperfine --warmup 1 --runs "${EVX_RUNS:-5}" --export-json "$dir/results.json" \
  -n native "$evx project $native --rules $rules" \
  -n eventsourcing "$evx project $dir/eventsourcing.sqlite --rules $rules" \
  -n eventsourcing-zlib "$evx project $dir/eventsourcing-zlib.sqlite --rules $rules" \
  -n emmett "$evx project $dir/emmett.sqlite --rules $rules" \
  -n eventsourcing-aes "CIPHER_KEY=$key $evx project $dir/eventsourcing-aes.sqlite --rules $rules"
python3 - "$dir/results.json" "$n" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
events = int(sys.argv[2])
native = next(r["median"] for r in results if r["command"] == "native")
print("| store | median | events/s | speed vs native |")
print("|---|---:|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['median']:.2f} s | {events / r['median'] / 1e6:.2f} M | {native / r['median']:.2f} |")
PY
