#!/usr/bin/env bash
# PostgreSQL numbers for docs/benchmarks.md: 10M events in Message DB's and in Marten's layout
# (postgres-bench-data.sql, generated server-side), evx's CLI against them (hyperfine, peak memory
# from /usr/bin/time), and tail's commit-to-output latency at 1,000 events/s.
#
#   eval "$(Tests/postgres-cluster.sh start)"
#   swift build -c release --product evx
#   Tests/Benchmarks/postgres.sh            # makes the evx_bench database the first time (~4 min)
set -euo pipefail
cd "$(dirname "$0")/../.."
evx=${EVX:-.build/release/evx}
: "${EVX_TEST_POSTGRES_URL:?start a cluster: eval \"\$(Tests/postgres-cluster.sh start)\"}"
base=${EVX_TEST_POSTGRES_URL%/postgres}/evx_bench
if ! psql "$EVX_TEST_POSTGRES_URL" -Atc "SELECT 1 FROM pg_database WHERE datname = 'evx_bench'" | grep -q 1; then
  psql "$EVX_TEST_POSTGRES_URL" -qc "CREATE DATABASE evx_bench"
  psql "$base" -q -v events=10000000 -f Tests/Benchmarks/postgres-bench-data.sql
fi
for store in messagedb marten; do
  url="$base?store=$store"
  echo "== $store"
  hyperfine -N --warmup 2 --runs 10 --export-markdown "/tmp/evx-pg-bench-$store.md" \
    "$evx events $url --limit 50" "$evx info $url" "$evx events $url --limit 1000 --json" \
    "$evx events $url --stream account-42 --json"
  for command in "info $url" "events $url --limit 100000 --json" "info $url --exact"; do
    /usr/bin/time -f "%e s, %M KB max RSS: evx $command" $evx $command > /dev/null
  done
done
python3 Tests/Benchmarks/postgres-tail-latency.py "$evx" "$base?store=messagedb" 1000 10
