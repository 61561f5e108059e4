#!/usr/bin/env bash
# Live-mode benchmarks (docs/benchmarks.md): the demo writer's rate, the latency from commit to
# `evx tail` output, and the explorer's CPU while following an idle and a busy store.
# Usage: Tests/Benchmarks/live.sh   (needs python3 and tmux)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product evx >/dev/null
evx="$(swift build -c release --show-bin-path)/evx"
dir="$(mktemp -d /tmp/evx-live.XXXXXX)"
trap 'rm -rf "$dir"; tmux -L evx-live kill-server 2>/dev/null || true' EXIT

# Latency: each line's arrival time minus the event's recorded time (both wall clock, ms).
cat > "$dir/latency.py" <<'PY'
import json, sys, time, datetime
lat = []
for line in sys.stdin:
    now = time.time()
    t = json.loads(line)["time"]
    recorded = datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
    lat.append((now - recorded) * 1000)
lat.sort()
pick = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
print(f"  tail: {len(lat)} events, latency p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {lat[-1]:.1f} ms")
PY

cat > "$dir/writer.py" <<'PY'
import json, sys
s = json.loads(sys.stdin.read())
rate = s["events"] / max(1, s["seconds"])
print(f"  writer: {s['events']} events in {s['seconds']} s = {rate:.0f}/s; {s['rejected']} rejected, "
      f"{s['broker_failures']} broker failures, {s['republished']} republished, {s['duplicates_skipped']} duplicates skipped")
PY

for rate in 1000 5000; do
  store="$dir/demo-$rate.sqlite"
  "$evx" demo "$store" --rate "$rate" --duration 10 --json > "$dir/demo-$rate.log" &
  demo=$!
  while [ ! -f "$store" ]; do sleep 0.05; done
  echo "## writer at $rate events/s for 10 s"
  "$evx" tail "$store" --json --duration 11 | python3 "$dir/latency.py"
  wait "$demo"
  tail -1 "$dir/demo-$rate.log" | python3 "$dir/writer.py"
done

# CPU of the explorer following a store: idle (no writer), then busy (the demo at 1000 events/s).
cpu() {  # utime+stime of a process in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
measure() {  # $1: label, $2: store
  tmux -L evx-live new-session -d -s live -x 120 -y 40 "$evx $2"
  sleep 2
  tmux -L evx-live send-keys -t live f
  local pid; pid=$(pgrep -n -f "$evx $2")
  local before; before=$(cpu "$pid")
  sleep 10
  local after; after=$(cpu "$pid")
  awk -v d="$((after - before))" -v hz="$(getconf CLK_TCK)" -v label="$1" \
    'BEGIN { printf "  explorer %s: %.1f%% of a core over 10 s (following, LIVE)\n", label, d * 100 / (hz * 10) }' 
  tmux -L evx-live kill-server
}
echo "## explorer CPU"
measure "on an idle store" "$dir/demo-1000.sqlite"
"$evx" demo "$dir/busy.sqlite" --rate 1000 --duration 16 > /dev/null &
while [ ! -f "$dir/busy.sqlite" ]; do sleep 0.05; done
measure "on a store written at 1000 events/s" "$dir/busy.sqlite"
wait
