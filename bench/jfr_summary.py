#!/usr/bin/env python3
"""Where the CPU time of a JFR recording went: execution samples by the method on top of the stack
(self), by the project's own method anywhere on the stack (inclusive), and by broad activity.
Usage: python3 bench/jfr_summary.py run.jfr"""
import collections
import json
import subprocess
import sys

raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", sys.argv[1]],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]

# broad activities, by the first frame from the top of the stack that names one
ACTIVITIES = [
    ("hash (SHA-256)", ("sun.security.provider.", "java.security.MessageDigest", "io.pinconv.mapping.Hashing")),
    ("phone numbers", ("com.google.i18n.phonenumbers.",)),
    ("JSON", ("com.fasterxml.jackson.",)),
    ("read segment (pgjdbc)", ("io.pinconv.segment.", "org.postgresql.jdbc.PgResultSet", "org.postgresql.core.v3.QueryExecutorImpl.processResults",
                               "org.postgresql.core.PGStream", "org.postgresql.core.VisibleBufferedInputStream")),
    ("ledger writes (pgjdbc)", ("io.pinconv.ledger.",)),
    ("HTTP", ("org.apache.hc.", "org.apache.camel.component.http.")),
    ("map rows", ("io.pinconv.mapping.",)),
    # the request body and the answer: written and read by the service's own code, called from Camel's steps
    ("request body and answer", ("io.pinconv.pinterest.",)),
    # the chunk's own steps (skip-delivered, map-batch's bookkeeping, record, the settlement): ids in sets and lists
    ("chunk bookkeeping", ("io.pinconv.activation.", "io.pinconv.delivery.")),
    ("Camel routing", ("org.apache.camel.",)),
    ("GC / JVM", ("jdk.internal.", "java.lang.ref.")),
]

def name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]

self_time = collections.Counter()
own = collections.Counter()
activity = collections.Counter()
threads = collections.Counter()
for e in events:
    frames = [name(f) for f in e["values"]["stackTrace"]["frames"]]
    if not frames:
        continue
    threads[e["values"]["sampledThread"]["javaName"].rstrip("0123456789- #")] += 1
    self_time[frames[0]] += 1
    for f in set(frames):
        if f.startswith("io.pinconv."):
            own[f] += 1
    for label, prefixes in ACTIVITIES:
        if any(f.startswith(prefixes) for f in frames[:25]):
            activity[label] += 1
            break
    else:
        activity["other"] += 1

total = len(events)
def show(title, counter, n):
    print(f"\n{title}")
    for k, v in counter.most_common(n):
        print(f"  {100.0 * v / total:5.1f}%  {k}")

print(f"{total} execution samples")
show("by activity (first match from the top of the stack)", activity, 12)
show("self (method on top of the stack)", self_time, 15)
show("inclusive, the service's own methods", own, 15)
show("by thread", threads, 6)
