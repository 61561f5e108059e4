#!/usr/bin/env bash
# Benchmarks on store shapes besides the generator's (docs/benchmarks.md, "Shapes"): every command
# on every shape, in SQLite and JSON Lines, next to sqlite3 and jq doing comparable work in the
# same run, and the linearity of projections (the first half of each log against the whole).
# Usage: Tests/Benchmarks/shapes.sh [SHAPE...]   (default: every shape of shapes.py, and orders)
# Stores go to $EVX_SHAPES_DIR (default bench-stores/, git-ignored): several GB, made once by
# shapes.py and `evx generate`. jq runs once per store of at most $EVX_JQ_MAX events (default 300000).
# Needs python3, hyperfine, sqlite3, jq, bc.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${EVX_SHAPES_DIR:-$PWD/bench-stores}"
jq_max="${EVX_JQ_MAX:-300000}"
runs="${EVX_RUNS:-5}"
mkdir -p "$dir"
if [ -z "${EVX_BIN:-}" ]; then swift build -c release --product evx >/dev/null; fi
evx="${EVX_BIN:-$(swift build -c release --show-bin-path)/evx}"  # EVX_BIN: measure another build
if [ $# -gt 0 ]; then shapes=("$@"); else
  shapes=(process process-1m one-stream stream-types event-types big-payloads unordered deep orders); fi

for shape in "${shapes[@]}"; do
  if [ ! -f "$dir/$shape.sqlite" ]; then
    if [ "$shape" = orders ]; then
      "$evx" generate "$dir/orders.sqlite" --events 1000000 --seed 1 >/dev/null
      "$evx" events "$dir/orders.sqlite" --json > "$dir/orders.jsonl"
    else
      python3 Tests/Benchmarks/shapes.py "$dir" "$shape"
    fi
  fi
done

# The work sqlite3 and jq do for comparison: events per type and the sum of $data.amount (every
# shape's payloads have an amount), the two projection forms every rules file here has.
cat > "$dir/fold.sql" <<'SQL'
SELECT type, count(*) FROM events GROUP BY type;
SELECT sum(json_extract(data, '$.amount')) FROM events;
SQL
cat > "$dir/fold.jq" <<'JQ'
reduce inputs as $e ({types: {}, amount: 0}; .types[$e.type] += 1 | .amount += ($e.data.amount // 0))
JQ

echo "## machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p'); $(swift --version 2>&1 | head -1)"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"

for shape in "${shapes[@]}"; do
  sqlite="$dir/$shape.sqlite" jsonl="$dir/$shape.jsonl"
  rules="$dir/$shape.evx.yaml"
  events=$(sqlite3 -readonly "$sqlite" "SELECT count(*) FROM events")  # shapes-report.py reads it again
  half=$(sqlite3 -readonly "$sqlite" "SELECT position FROM events ORDER BY position LIMIT 1 OFFSET $((events / 2 - 1))")
  echo
  echo "## $shape: $events events; SQLite $(du -m "$sqlite" | cut -f1) MB, JSON Lines $(du -m "$jsonl" | cut -f1) MB"
  cat "$sqlite" "$jsonl" >/dev/null  # warm the page cache
  hyperfine -N --warmup 1 --runs "$runs" --style basic --export-json "$dir/$shape.hyperfine.json" \
    -n "project sqlite" "$evx project $sqlite --rules $rules --json" \
    -n "project sqlite, first half" "$evx project $sqlite --rules $rules --json --at-position $half" \
    -n "project jsonl" "$evx project $jsonl --rules $rules --json" \
    -n "project jsonl, first half" "$evx project $jsonl --rules $rules --json --at-position $half" \
    -n "info sqlite" "$evx info $sqlite --json" \
    -n "info jsonl" "$evx info $jsonl --json" \
    -n "sqlite3 fold" "sqlite3 -readonly $sqlite -cmd '.read $dir/fold.sql' .quit" \
    -n "sqlite3 group by type" "sqlite3 -readonly $sqlite 'SELECT type, count(*) FROM events GROUP BY type'" \
    >/dev/null 2>&1 || echo "(hyperfine failed: rerun it by hand to see why)"
  if [ "$events" -le "$jq_max" ]; then
    start=$(date +%s.%N)
    jq -n -c -f "$dir/fold.jq" "$jsonl" >/dev/null
    echo "jq fold (one run): $(echo "$(date +%s.%N) - $start" | bc) s"
  fi
  /usr/bin/time -f "evx project sqlite: peak RSS %M KB" "$evx" project "$sqlite" --rules "$rules" --json >/dev/null
  /usr/bin/time -f "evx project jsonl: peak RSS %M KB" "$evx" project "$jsonl" --rules "$rules" --json >/dev/null
done

echo
echo "## all shapes (medians; CPU = user + system)"
python3 Tests/Benchmarks/shapes-report.py "$dir" "${shapes[@]}"
