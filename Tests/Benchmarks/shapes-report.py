#!/usr/bin/env python3
"""Tables for docs/benchmarks.md from the hyperfine exports that shapes.sh leaves beside the stores.

Usage: shapes-report.py DIR SHAPE...

Wall-clock medians are what a person waits; CPU (user + system, means) is what the work costs,
and the steadier of the two on a shared machine, so the ratios are given for both.
"""
import json
import os
import sqlite3
import sys


def load(directory, shape):
    path = os.path.join(directory, shape + ".hyperfine.json")
    results = {r["command"]: r for r in json.load(open(path))["results"]}
    return {name: (r["median"], r["user"] + r["system"]) for name, r in results.items()}


def main():
    directory, shapes = sys.argv[1], sys.argv[2:]
    print("| shape | events | command | wall median | CPU |")
    print("|---|---|---|---|---|")
    ratios = []
    for shape in shapes:
        m = load(directory, shape)
        events = sqlite3.connect(os.path.join(directory, shape + ".sqlite")).execute("SELECT count(*) FROM events").fetchone()[0]
        jsonl_bytes = os.path.getsize(os.path.join(directory, shape + ".jsonl"))
        for name, (wall, cpu) in m.items():
            print("| %s | %s | %s | %.3f s | %.3f s |" % (shape, format(events, ","), name, wall, cpu))

        def ratio(a, b, which):
            return m[a][which] / m[b][which]
        ratios.append((shape, events,
                       events / m["project sqlite"][0] / 1e6, events / m["project jsonl"][0] / 1e6,
                       ratio("project sqlite", "project sqlite, first half", 1), ratio("project jsonl", "project jsonl, first half", 1),
                       ratio("project jsonl", "project sqlite", 0), ratio("project sqlite", "sqlite3 fold", 0),
                       ratio("info sqlite", "sqlite3 group by type", 0), jsonl_bytes / m["info jsonl"][0] / 1e6))
    print()
    print("| shape | project, M events/s (SQLite / JSON Lines) | whole log / first half, CPU (SQLite / JSON Lines) "
          "| project JSON Lines / SQLite | project SQLite / sqlite3 fold | info SQLite / sqlite3 GROUP BY type | info JSON Lines, MB/s |")
    print("|---|---|---|---|---|---|---|")
    for shape, events, sq, jl, lin_sq, lin_jl, jl_sq, sq_fold, info, mbs in ratios:
        print("| %s | %.2f / %.2f | %.2f / %.2f | %.2f | %.2f | %.2f | %.0f |" % (shape, sq, jl, lin_sq, lin_jl, jl_sq, sq_fold, info, mbs))


if __name__ == "__main__":
    main()
