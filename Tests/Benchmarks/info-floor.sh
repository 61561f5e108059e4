#!/usr/bin/env bash
# How fast `evx info` on a native SQLite store could be (docs/benchmarks.md, "Third round"): next to
# `evx info` and sqlite3's GROUP BY type, sqlite3 itself doing only the reads the summary cannot
# avoid (every row's type, stream type, version and time; the (stream_id, version) index; the
# outbox's and processed_events' row counts), split over two processes as evx splits it over two
# threads. No index holds types or times, so no summary of the store can do with less.
# Usage: Tests/Benchmarks/info-floor.sh [STORE]   (default bench-stores/orders.sqlite; needs hyperfine, sqlite3)
set -euo pipefail
cd "$(dirname "$0")/../.."
store="${1:-bench-stores/orders.sqlite}"
if [ -z "${EVX_BIN:-}" ]; then swift build -c release --product evx >/dev/null; fi
evx="${EVX_BIN:-$(swift build -c release --show-bin-path)/evx}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
last=$(sqlite3 -readonly "$store" "SELECT max(position) FROM events")
middle=$((last / 2))
# A condition no row meets, on the four columns, so that every row's columns are read and none is returned.
scan="SELECT max(position) FROM events WHERE (type = 'x' OR stream_type = 'y' OR recorded_at = 'z' OR version = -1)"
echo "$scan AND position <= $middle;" > "$work/first-half.sql"
cat > "$work/second-half.sql" <<SQL
$scan AND position > $middle;
SELECT count(*) FROM outbox;
SELECT count(*) FROM processed_events;
SELECT count(*) FROM (SELECT stream_id, version FROM events ORDER BY stream_id, version);
SQL
cat > "$work/floor.sh" <<SH
sqlite3 -readonly "$store" < "$work/first-half.sql" > /dev/null &
sqlite3 -readonly "$store" < "$work/second-half.sql" > /dev/null
wait
SH
cat "$store" > /dev/null  # warm the page cache
hyperfine -N --warmup 2 --runs "${EVX_RUNS:-11}" --style basic \
  -n "evx info" "$evx info $store --json" \
  -n "sqlite3 GROUP BY type" "sqlite3 -readonly $store 'SELECT type, count(*) FROM events GROUP BY type'" \
  -n "sqlite3, the unavoidable reads on two cores" "bash $work/floor.sh"
