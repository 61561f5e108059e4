#!/usr/bin/env bash
# Benchmarks of the foundation commands (evx info, evx events --limit 100) on generated stores.
# Usage: Tests/Benchmarks/foundation.sh [EVENTS...]   (default: 1000000 10000000)
# Stores are generated once into $EVX_BENCH_DIR (default /tmp/evx-bench) and reused.
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000000 10000000); fi
dir="${EVX_BENCH_DIR:-/tmp/evx-bench}"
mkdir -p "$dir"

swift build -c release >/dev/null
evx="$(swift build -c release --show-bin-path)/evx"

echo "## machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')"
echo "$(swift --version 2>&1 | head -1)"
echo

for n in "${sizes[@]}"; do
  store="$dir/orders-$n.sqlite"
  if [ ! -f "$store" ]; then
    /usr/bin/time -f "generated $n events in %e s, peak %M KB" "$evx" generate "$store" --events "$n" --seed 1
  fi
  echo "## $n events ($(du -h "$store" | cut -f1))"
  # Warm the page cache first: the numbers are for a store that was read recently.
  cat "$store" >/dev/null
  hyperfine -N --warmup 2 --runs 15 --style basic \
    "$evx info $store" \
    "$evx events $store --limit 100" \
    "$evx events $store --stream order-42" \
    2>&1 | grep -E "Benchmark|Time|Range"
  for args in "info $store" "events $store --limit 100"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "  $args: %e s wall, %U s user + %S s system, peak RSS %M KB" "$evx" $args >/dev/null
  done
  echo
done
