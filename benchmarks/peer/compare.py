#!/usr/bin/env python3
"""Side-by-side: the BenchmarkDotNet 1000 x 1000 sweep at K = 5 against the batched numpy sweep on the same grid and game.

Run from the repository root:  /usr/bin/python3 benchmarks/peer/compare.py
(needs Debian's python3-numpy: apt-get install python3-numpy). Prints both times per point, the ratio, and checks that
both count the same interior points and exclusions.

Then the whole process: the tool is packed and installed into a temporary folder as a user would install it, and its
4-million-point sweep (2000 x 2000, the whole process: start-up, reading, sweeping, writing JSON; best of 5 runs) is timed
against numpy's compute time on the same 2000 x 2000 grid (best of 2), with the counts compared again."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
game = os.path.join(root, "benchmarks", "peer", "game-k5.json")

# numpy at its best: OpenBLAS picks its own kernel and cache sizes (this machine's environment pins OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE, which slow it); only the numpy side runs without them.
numpy_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}

subprocess.check_call(["dotnet", "build", "-c", "Release", os.path.join(root, "benchmarks", "ActiveAlignment.Benchmarks")], stdout=subprocess.DEVNULL)
subprocess.check_call(["dotnet", "build", "-c", "Release", os.path.join(root, "src", "ActiveAlignment.Cli")], stdout=subprocess.DEVNULL)
peer = json.loads(subprocess.check_output([sys.executable, os.path.join(root, "benchmarks", "peer", "numpy_sweep.py"), game, "1000", "3"], env=numpy_env))

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

# The whole process of the installed tool on 4 million points against numpy's compute on the same grid.
work = tempfile.mkdtemp(prefix="aa-cli-peer-")
try:
    subprocess.check_call(["dotnet", "pack", os.path.join(root, "src", "ActiveAlignment.Cli"), "-c", "Release", "-o", os.path.join(work, "artifacts"),
                           "--nologo", "-v", "quiet"], stdout=subprocess.DEVNULL)
    subprocess.check_call(["dotnet", "tool", "install", "--tool-path", os.path.join(work, "tools"), "--add-source", os.path.join(work, "artifacts"),
                           "ActiveAlignment.Cli"], stdout=subprocess.DEVNULL)
    tool = os.path.join(work, "tools", "active-alignment")
    command = [tool, "sweep", game, "--x", "consistency=0.01:2:2000", "--y", "diversity=0:3:2000", "--json"]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        output = subprocess.check_output(command)
        times.append(time.perf_counter() - t0)
    big = json.loads(output)
    peer4m = json.loads(subprocess.check_output([sys.executable, os.path.join(root, "benchmarks", "peer", "numpy_sweep.py"), game, "2000", "2"], env=numpy_env))
    same4m = big["interiorPoints"] == peer4m["interiorPoints"] and big["anyGroup"]["excluded"] == peer4m["anyExcluded"] \
        and [g["excluded"] for g in big["groups"].values()] == peer4m["excluded"]
    print()
    print("grid 2000 x 2000 (4 million points), the installed tool's whole process against numpy's compute")
    print(f"active-alignment sweep  {min(times):6.3f} s best, {sorted(times)[2]:6.3f} s median of 5 (start-up included)")
    print(f"numpy batched compute   {peer4m['seconds']:6.3f} s best of 2")
    print(f"speed-up                {peer4m['seconds'] / min(times):6.1f} x (best), {peer4m['seconds'] / sorted(times)[2]:.1f} x (median)")
    print(f"same counts             {same4m}")
finally:
    shutil.rmtree(work, ignore_errors=True)
