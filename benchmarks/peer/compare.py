#!/usr/bin/env python3
"""Side-by-side: the BenchmarkDotNet 1000 x 1000 sweep at K = 5 against the batched numpy sweep on the same grid and game.

Run from the repository root:  /usr/bin/python3 benchmarks/peer/compare.py
(needs Debian's python3-numpy: apt-get install python3-numpy). Prints both times per point, the ratio, and checks that
both count the same interior points and exclusions."""
import glob
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
game = os.path.join(root, "benchmarks", "peer", "game-k5.json")

subprocess.check_call(["dotnet", "build", "-c", "Release", os.path.join(root, "benchmarks", "ActiveAlignment.Benchmarks")], stdout=subprocess.DEVNULL)
subprocess.check_call(["dotnet", "build", "-c", "Release", os.path.join(root, "src", "ActiveAlignment.Cli")], stdout=subprocess.DEVNULL)
peer = json.loads(subprocess.check_output([sys.executable, os.path.join(root, "benchmarks", "peer", "numpy_sweep.py"), game, "1000", "3"]))

artifacts = os.path.join(root, "BenchmarkDotNet.Artifacts")
subprocess.check_call(["dotnet", "run", "--no-build", "-c", "Release", "--project", os.path.join(root, "benchmarks", "ActiveAlignment.Benchmarks"), "--",
                       "--filter", "*SweepGrid1000*", "--exporters", "json", "--artifacts", artifacts], stdout=subprocess.DEVNULL)
report = max(glob.glob(os.path.join(artifacts, "results", "*SweepGrid1000*-report-full*.json")), key=os.path.getmtime)
ns = json.load(open(report))["Benchmarks"][0]["Statistics"]["Mean"]

counts = json.loads(subprocess.check_output(["dotnet", "run", "--no-build", "-c", "Release", "--project", os.path.join(root, "src", "ActiveAlignment.Cli"), "--", "sweep", game,
                                             "--x", "consistency=0.01:2:1000", "--y", "diversity=0:3:1000", "--json"]))
same = counts["interiorPoints"] == peer["interiorPoints"] and counts["anyGroup"]["excluded"] == peer["anyExcluded"] \
    and [g["excluded"] for g in counts["groups"].values()] == peer["excluded"]
print(f"grid 1000 x 1000, K = 5 (benchmarks/peer/game-k5.json), numpy {peer['numpy']}")
print(f"ActiveAlignment  {ns:8.2f} ns/point  ({1e9 / ns / 1e6:7.1f} M points/s)")
print(f"numpy batched    {peer['nsPerPoint']:8.2f} ns/point  ({1e9 / peer['nsPerPoint'] / 1e6:7.1f} M points/s)")
print(f"speed-up         {peer['nsPerPoint'] / ns:8.1f} x")
print(f"same counts      {same} (interior {counts['interiorPoints']} vs {peer['interiorPoints']}, any group {counts['anyGroup']['excluded']} vs {peer['anyExcluded']})")
