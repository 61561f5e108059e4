#!/usr/bin/env bash
# Benchmarks of the time-travel engine and the explorer core (docs/benchmarks.md):
# full-log projection (evx vs jq vs sqlite3 doing the same fold), stream replay, explorer frames.
# Usage: Tests/Benchmarks/engine.sh [EVENTS...]   (default: 1000000 10000000)
# Stores are generated once into $EVX_BENCH_DIR (default /tmp/evx-bench) and reused; jq runs on
# stores of at most $EVX_JQ_MAX events (default 1000000): its JSON Lines export of 10M events is 5 GB.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000000 10000000); fi
dir="${EVX_BENCH_DIR:-/tmp/evx-bench}"
jq_max="${EVX_JQ_MAX:-1000000}"
mkdir -p "$dir"
swift build -c release --product evx >/dev/null
swift build -c release --product evx-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"

# The same fold as the orders rules' three projections, written for sqlite3 and for jq.
cat > "$dir/fold.sql" <<'SQL'
SELECT 'revenue', sum(json_extract(data, '$.amount')) FROM events WHERE type = 'PaymentReceived';
SELECT type, count(*) FROM events GROUP BY type;
SELECT status, count(*) FROM (
  SELECT CASE type WHEN 'OrderCreated' THEN 'CREATED' WHEN 'OrderShipped' THEN 'SHIPPED' ELSE 'CANCELLED' END AS status,
         row_number() OVER (PARTITION BY stream_id ORDER BY version DESC) AS rn
  FROM events WHERE stream_type = 'Order' AND type IN ('OrderCreated', 'OrderShipped', 'OrderCancelled'))
WHERE rn = 1 GROUP BY status;
SQL
cat > "$dir/fold.jq" <<'JQ'
reduce inputs as $e ({revenue: 0, types: {}, status: {}};
  .revenue += (if $e.type == "PaymentReceived" then $e.data.amount else 0 end)
  | .types[$e.type] += 1
  | if $e.stream_type == "Order" and ({"OrderCreated": 1, "OrderShipped": 1, "OrderCancelled": 1} | has($e.type))
    then .status[$e.stream] = {"OrderCreated": "CREATED", "OrderShipped": "SHIPPED", "OrderCancelled": "CANCELLED"}[$e.type]
    else . end)
| {revenue, events_per_type: .types, orders_by_status: (.status | to_entries | group_by(.value) | map({(.[0].value): length}) | add)}
JQ

echo "## machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p'); $(swift --version 2>&1 | head -1)"
for n in "${sizes[@]}"; do
  store="$dir/orders-$n.sqlite"
  [ -f "$store" ] || "$bin/evx" generate "$store" --events "$n" --seed 1 >/dev/null
  rules="$dir/orders-$n.evx.yaml"
  [ -f "$rules" ] || cp sample-stores/orders.evx.yaml "$rules"  # evx generate writes it; older stores may lack it
  echo
  echo "## $n events"
  cat "$store" >/dev/null  # warm the page cache: numbers are for a store read recently
  hyperfine --warmup 1 --runs 5 --style basic "$bin/evx project $store --json" "sqlite3 -readonly $store < $dir/fold.sql" \
    2>&1 | grep -E "Benchmark|Time|±|faster"
  if [ "$n" -le "$jq_max" ]; then
    # jq takes minutes: one timed run.
    [ -f "$dir/orders-$n.jsonl" ] || "$bin/evx" events "$store" --json > "$dir/orders-$n.jsonl"
    /usr/bin/time -f "jq fold: %e s wall, peak RSS %M KB" jq -n -c -f "$dir/fold.jq" "$dir/orders-$n.jsonl" >/dev/null
  fi
  /usr/bin/time -f "evx project: %e s wall, %U s user + %S s system, peak RSS %M KB" "$bin/evx" project "$store" --json >/dev/null
  "$bin/evx-bench" project "$store" "$rules"
  "$bin/evx-bench" replay "$store" "$rules" inventory-main 1000
  "$bin/evx-bench" scrub "$store" "$rules" 2000
done
