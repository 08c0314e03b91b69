#!/usr/bin/env python3
"""Who calls a hot method, from a dotnet-trace speedscope file: the chains of callers by CPU.

    python3 profile_callers.py trace.speedscope.json Monitor.Enter_Slowpath 5
"""
import collections
import json
import sys

profile = json.load(open(sys.argv[1]))
target = sys.argv[2]
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 4
names = [f["name"] for f in profile["shared"]["frames"]]
chains, total = collections.Counter(), 0.0
for thread in profile["profiles"]:
    stack, last = [], None
    for event in thread["events"]:
        now = event["at"]
        if stack and last is not None and names[stack[-1]] in ("CPU_TIME", "UNMANAGED_CODE_TIME"):
            hits = [i for i, f in enumerate(stack) if target in names[f]]
            if hits:
                spent = now - last
                total += spent
                i = hits[0]
                chains[" <- ".join(names[f].split("!")[-1][:70] for f in reversed(stack[max(0, i - depth):i]))] += spent
        last = now
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

print(f"{total:.0f} ms on CPU under {target}")
for chain, spent in chains.most_common(12):
    print(f"{spent:8.0f} ms  {chain}")
