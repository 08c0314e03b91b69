#!/usr/bin/env python3
"""Where a server's CPU went, from a dotnet-trace speedscope file (docs/performance.md, "Profiles").

    dotnet-trace collect -p PID --duration 00:00:00:12 -o trace.nettrace --format speedscope
    python3 profile_top.py trace.speedscope.json self            # methods by their own CPU
    python3 profile_top.py trace.speedscope.json total MeToo 60  # by CPU under them, names with "MeToo"

Counts only time on CPU (the CPU_TIME frames, and native time under SQLite), not threads waiting.
"""
import collections
import json
import sys

profile = json.load(open(sys.argv[1]))
mode = sys.argv[2] if len(sys.argv) > 2 else "self"
wanted = sys.argv[3].lower() if len(sys.argv) > 3 else ""
limit = int(sys.argv[4]) if len(sys.argv) > 4 else 45
names = [f["name"] for f in profile["shared"]["frames"]]
cpu = {i for i, n in enumerate(names) if n == "CPU_TIME"}
native = {i for i, n in enumerate(names) if n == "UNMANAGED_CODE_TIME"}
total, own, under = 0.0, collections.Counter(), collections.Counter()
for thread in profile["profiles"]:
    stack, last = [], None
    for event in thread["events"]:
        now = event["at"]
        if stack and last is not None:
            top = stack[-1]
            if top in cpu or (top in native and len(stack) > 1 and "sqlite" in names[stack[-2]].lower()):
                spent = now - last
                total += spent
                if len(stack) > 1:
                    own[stack[-2]] += spent
                for frame in set(stack):
                    under[frame] += spent
        last = now
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

print(f"{total:.0f} ms on CPU")
shown = 0
for frame, spent in (own if mode == "self" else under).most_common():
    if wanted in names[frame].lower():
        print(f"{100 * spent / total:5.1f}% {names[frame][:170]}")
        shown += 1
        if shown >= limit:
            break
