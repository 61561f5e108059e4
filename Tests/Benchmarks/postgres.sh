#!/usr/bin/env bash
# PostgreSQL numbers for docs/benchmarks.md: 10M events in Message DB's and in Marten's layout
# (postgres-bench-data.sql, generated server-side), and the same layout with 1,000 events to show
# that size does not matter.
#   cli:      evx's CLI against them (hyperfine, peak memory from /usr/bin/time), and tail's
#             commit-to-output latency at 1,000 events/s (postgres-tail-latency.py)
#   explorer: the explorer's core with its real runner, no terminal (evx-bench open, jump, scrub,
#             follow): first frame, every pane filled, jumps shown, frame times, commit → on screen
#
#   eval "$(Tests/postgres-cluster.sh start)"
#   swift build -c release --product evx --product evx-bench
#   Tests/Benchmarks/postgres.sh [cli|explorer]   # both without an argument; makes the databases
#                                                 # the first time (~4 min)
# The follow measures append 10,000 events (streams latency<time>-N) to the 10M tables each run.
set -euo pipefail
cd "$(dirname "$0")/../.."
part=${1:-all}
evx=${EVX:-.build/release/evx}
bench=${EVX_BENCH:-.build/release/evx-bench}
: "${EVX_TEST_POSTGRES_URL:?start a cluster: eval \"\$(Tests/postgres-cluster.sh start)\"}"
server=${EVX_TEST_POSTGRES_URL%/postgres}
for database in evx_bench:10000000 evx_bench_small:1000; do
  name=${database%:*}
  if ! psql "$EVX_TEST_POSTGRES_URL" -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql "$EVX_TEST_POSTGRES_URL" -qc "CREATE DATABASE $name"
    psql "$server/$name" -q -v events="${database#*:}" -f Tests/Benchmarks/postgres-bench-data.sql
  fi
done
base=$server/evx_bench

if [ "$part" != explorer ]; then
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
fi

if [ "$part" != cli ]; then
  # `standard`: the projections every store shows without a rules file.
  for store in messagedb marten; do
    echo "== explorer, $store"
    echo "1,000 events:  $($bench open "$server/evx_bench_small?store=$store" standard 20)"
    echo "10M events:    $($bench open "$base?store=$store" standard 20)"
    $bench jump "$base?store=$store" standard 100
    $bench scrub "$base?store=$store" standard 2000
    $bench follow "$base?store=$store" standard 1000 10
  done
fi
