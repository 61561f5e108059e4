#!/usr/bin/env python3
"""Commit-to-output latency of `evx tail` on a PostgreSQL Message DB store (docs/benchmarks.md).

A writer (postgres-follow-writer.sql) appends RATE events per second for SECONDS seconds in
transactions of 10 events, each row's time set to clock_timestamp() at insert (the commit
follows within the same millisecond). `evx tail --json` runs meanwhile; each line's arrival
time minus the event's time is its latency. Prints count, p50, p99, max, and whether every
position arrived exactly once and in order.

usage: postgres-tail-latency.py EVX_BINARY DATABASE_URL [RATE] [SECONDS]
The database must hold message_store.messages (Tests/Benchmarks/postgres-bench-data.sql makes one).
"""
import datetime, json, os, subprocess, sys, threading, time

evx, url = sys.argv[1], sys.argv[2]
rate = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 10
batches = rate * seconds // 10
run = int(time.time())

tail = subprocess.Popen([evx, "tail", url, "--json"], stdout=subprocess.PIPE, text=True, bufsize=1)
arrivals = []
def read():
    for line in tail.stdout:
        arrivals.append((time.time(), json.loads(line)))
reader = threading.Thread(target=read, daemon=True)
reader.start()
time.sleep(1.0)  # tail connects and reaches the end of the log
writer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "postgres-follow-writer.sql")
subprocess.run(["psql", url.split("?")[0], "-X", "-q", "-v", "store=messagedb", "-v", f"batches={batches}",
                "-v", f"pause={10_000 // rate} ms", "-v", f"run={run}", "-f", writer], check=True)
deadline = time.time() + 10
while len(arrivals) < batches * 10 and time.time() < deadline:
    time.sleep(0.05)
tail.terminate()
tail.wait()

def epoch(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

latencies = sorted((arrived - epoch(event["time"])) * 1000 for arrived, event in arrivals)
positions = [event["position"] for _, event in arrivals]
n = len(latencies)
print(f"events {n} of {batches * 10}; in order, once each: {positions == sorted(set(positions))}")
if n:
    print(f"latency ms: p50 {latencies[n // 2]:.1f}  p99 {latencies[min(n - 1, n * 99 // 100)]:.1f}  max {latencies[-1]:.1f}")
