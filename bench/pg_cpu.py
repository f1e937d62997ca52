#!/usr/bin/env python3
"""PostgreSQL's CPU during a benchmark run, by who asked for it: the service's segment reader, its state
pool (ledger, rejections, runs), PostgreSQL's own background processes (WAL writer, checkpointer...).
Read from /proc/<pid>/stat of every postgres process, labelled through pg_stat_activity.

  pg_cpu.py snap > before.json ... pg_cpu.py snap > after.json; pg_cpu.py diff before.json after.json EVENTS

A backend that exits between the two snapshots takes its seconds with it: the figures are a floor."""
import json
import os
import subprocess
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def snap():
    rows = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-X", "-qAt", "-F", "\t", "-d", "postgres", "-c",
                           "SELECT pid, coalesce(nullif(application_name, ''), backend_type) FROM pg_stat_activity"],
                          check=True, capture_output=True, text=True).stdout.splitlines()
    labels = {int(r.split("\t")[0]): r.split("\t")[1] for r in rows if r}
    pids = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split()
    out = {}
    for p in map(int, pids):
        c = cpu(p)
        if c is not None:
            out[p] = {"cpu": c, "label": labels.get(p, "postmaster and others")}
    return out


def group(label):
    if label.startswith("pinterest-conversions "):
        return label[len("pinterest-conversions "):]
    if label in ("client backend", "psql", "PostgreSQL JDBC Driver"):
        return "other sessions"
    return "PostgreSQL's own processes"


def diff(before, after, events):
    by = {}
    for pid, a in after.items():
        b = before.get(pid, {"cpu": 0.0})
        by[group(a["label"])] = by.get(group(a["label"]), 0.0) + a["cpu"] - b["cpu"]
    total = sum(by.values())
    print(f"PostgreSQL CPU during the run {total:.2f} s ({1e6 * total / events:.1f} µs per event; all its processes)")
    for k, v in sorted(by.items(), key=lambda kv: -kv[1]):
        print(f"  {v:7.2f} s  {1e6 * v / events:5.1f} µs/event  {k}")


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        print(json.dumps(snap()))
    else:
        load = lambda f: {int(k): v for k, v in json.load(open(f)).items()}
        diff(load(sys.argv[2]), load(sys.argv[3]), int(sys.argv[4]))
