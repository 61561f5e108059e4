#!/usr/bin/env bash
# The explorer never waits for the store (issue 9's proof, docs/benchmarks.md):
#  1. A writer holds an exclusive lock on a rollback-journal store for 6 s while the explorer is
#     open on it: how long after each key (→, ?, Tab, Esc) the screen changes, read from tmux; what
#     the panes say meanwhile; how long after the lock goes they fill in.
#  2. A `/` search over a large store: its progress, and how long Esc takes to cancel it.
# Times come from polling `tmux capture-pane` (a few ms each), so they are upper bounds.
# Usage: Tests/Benchmarks/responsiveness.sh [LARGE_STORE]   (needs python3, sqlite3 and tmux;
#        LARGE_STORE defaults to a generated 1M-event store; give a 10M one for the issue's numbers)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product evx >/dev/null
evx="$(swift build -c release --show-bin-path)/evx"
dir="$(mktemp -d /tmp/evx-responsive.XXXXXX)"
socket=""  # one tmux server per part, so a closing one cannot race the next
trap 'for s in evx-responsive-$$-1 evx-responsive-$$-2; do tmux -L "$s" kill-server 2>/dev/null || true; done; rm -rf "$dir"' EXIT

screen() { tmux -L "$socket" capture-pane -p -t bench; }
# Milliseconds from the shell's own clock (bash 5): no process started to read it.
ms() { local now=${EPOCHREALTIME/./}; echo $(( now / 1000 )); }

# Waits (at most 120 s) until the screen contains $1; prints the milliseconds it took.
wait_for() {
  local start now
  start=$(ms)
  until screen | grep -qF -- "$1"; do
    now=$(ms)
    if [ $((now - start)) -gt 120000 ]; then echo "timeout waiting for: $1" >&2; screen >&2; exit 1; fi
    sleep 0.005
  done
  echo $(( $(ms) - start ))
}

# Sends a key and prints how many milliseconds until the screen differs from before.
key_latency() {
  local before start
  before="$(screen)"
  start=$(ms)
  tmux -L "$socket" send-keys -t bench "$1"
  until [ "$(screen)" != "$before" ]; do
    if [ $(( $(ms) - start )) -gt 10000 ]; then echo "no change after $1" >&2; exit 1; fi
    sleep 0.002
  done
  echo $(( $(ms) - start ))
}

open_explorer() {
  socket="evx-responsive-$$-$2"
  tmux -L "$socket" -f /dev/null new-session -d -s bench -x 120 -y 40 "env LANG=C.UTF-8 '$evx' '$1'"
}

echo "## 1. A writer holds an exclusive lock for 6 s (rollback journal), 1M events"
store="$dir/locked.sqlite"
"$evx" generate "$store" --events 1000000 --seed 7 >/dev/null
sqlite3 "$store" 'PRAGMA journal_mode = DELETE;' >/dev/null
touch -d '1 hour ago' "$store"
open_explorer "$store" 1
echo "  explorer filled (every pane) in $(wait_for 'outbox ') ms after start"
sleep 1
python3 - "$store" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
db.execute("DELETE FROM projection_checkpoints")
time.sleep(6)
db.execute("ROLLBACK")
PY
writer=$!
sleep 0.3
for key in Home Right '?' Escape z Tab BTab z Left; do
  echo "  key $key while locked: screen changed after $(key_latency "$key") ms"
done
sleep 2.5
if screen | grep -q "locked"; then echo "  the footer says the store is locked"; fi
if screen | grep -q "#1 …"; then echo "  the events not read yet show as '#N …'"; fi
wait "$writer"
echo "  after the lock went, the rows filled in $(wait_for '#1  ') ms"

large="${1:-$store}"
echo "## 2. / search over $(basename "$large")"
tmux -L "$socket" kill-server
open_explorer "$large" 2
wait_for 'outbox ' >/dev/null
sleep 1
tmux -L "$socket" send-keys -t bench '/' 'no-such-word-anywhere' Enter
echo "  progress shown after $(wait_for 'events read') ms: $(screen | grep -o 'searching[^·]*' | head -1)"
sleep 1
echo "  still searching: $(screen | grep -o 'searching[^·]*' | head -1)"
for key in Right Right Left; do
  echo "  key $key during the search: screen changed after $(key_latency "$key") ms"
done
start=$(ms)
tmux -L "$socket" send-keys -t bench Escape
wait_for 'search cancelled' >/dev/null
echo "  Esc cancelled it in $(( $(ms) - start )) ms"
