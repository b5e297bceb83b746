#!/usr/bin/python3
"""Side by side, in one run: ActiveAlignment's certified boundary solve against cvxopt's QP on the same games.

Run from the repository root:  /usr/bin/python3 benchmarks/peer/qp_compare.py
(needs Debian's python3-numpy and python3-cvxopt: apt-get install python3-numpy python3-cvxopt).

For K = 5, 20, 100, 500 it writes a seeded game (C = BᵀB/K + 0.5 I, S = I, attractiveness spread wide enough that the
equilibrium is on the boundary), times cvxopt.solvers.qp on  max λ_A aᵀw − ½ wᵀMw  over the simplex (M = 2λ_C C + λ_D S,
the equilibrium's KKT system), runs the BenchmarkDotNet benchmark QpPeerBenchmarks on the same files, checks that the two
weight vectors agree, and prints the table with the ratio. ActiveAlignment's time includes building the game, the
own-concavity set-up, the solve, the Nash-gap certificate and the uniqueness conditions; cvxopt's is qp() alone.
"""
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import cvxopt
import cvxopt.solvers
import numpy

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sizes = [5, 20, 100, 500]
games = tempfile.mkdtemp(prefix="aa-qp-peer-")
lam = {"attractiveness": 1.0, "consistency": 0.5, "diversity": 0.3}
agents = 10


def write_game(k):
    rng = numpy.random.default_rng(1000 + k)
    b = rng.standard_normal((k, k))
    c = b.T @ b / k + 0.5 * numpy.eye(k)
    a = 50.0 * rng.random(k)
    game = {"subpopulations": [{"name": f"g{i}", "attractiveness": float(a[i])} for i in range(k)],
            "inconsistency": [[float(x) for x in row] for row in c], "similarity": None, "agents": agents, "coefficients": lam}
    with open(os.path.join(games, f"k{k}.json"), "w") as f:
        json.dump(game, f)
    return a, c


def cvxopt_solve(a, c):
    k = len(a)
    m = 2 * lam["consistency"] * c + lam["diversity"] * numpy.eye(k)
    p, q = cvxopt.matrix(m), cvxopt.matrix(-lam["attractiveness"] * a)
    g, h = cvxopt.matrix(-numpy.eye(k)), cvxopt.matrix(numpy.zeros(k))
    aeq, beq = cvxopt.matrix(numpy.ones((1, k))), cvxopt.matrix(1.0)
    return numpy.array(cvxopt.solvers.qp(p, q, g, h, aeq, beq)["x"]).ravel()


cvxopt.solvers.options["show_progress"] = False
peer = {}
for k in sizes:
    a, c = write_game(k)
    w = cvxopt_solve(a, c)
    repeats = max(3, int(2.0 / max(1e-4, (lambda t0: (cvxopt_solve(a, c), time.perf_counter() - t0)[1])(time.perf_counter()))))
    repeats = min(repeats, 2000)
    t0 = time.perf_counter()
    for _ in range(repeats):
        cvxopt_solve(a, c)
    peer[k] = ((time.perf_counter() - t0) / repeats * 1e3, w)

env = dict(os.environ, AA_PEER_GAMES=games)
artifacts = os.path.join(root, "BenchmarkDotNet.Artifacts")
subprocess.check_call(["dotnet", "run", "-c", "Release", "--project", os.path.join(root, "benchmarks", "ActiveAlignment.Benchmarks"), "--",
                       "--filter", "*QpPeerBenchmarks*", "--job", "short", "--exporters", "json", "--artifacts", artifacts],
                      stdout=subprocess.DEVNULL, env=env)
report = max(glob.glob(os.path.join(artifacts, "results", "*QpPeerBenchmarks*-report-full*.json")), key=os.path.getmtime)
ours = {b["Parameters"]: b["Statistics"]["Mean"] / 1e6 for b in json.load(open(report))["Benchmarks"]}

solve = subprocess.run(["dotnet", "run", "-c", "Release", "--project", os.path.join(root, "src", "ActiveAlignment.Cli"), "--",
                        "solve", "--batch", "-"], input="".join(open(os.path.join(games, f"k{k}.json")).read().replace("\n", " ") + "\n" for k in sizes),
                       capture_output=True, text=True)
answers = [json.loads(line) for line in solve.stdout.splitlines()]

print(f"cvxopt {cvxopt.__version__}, numpy {numpy.__version__}; games in {games}")
print(f"| K | ActiveAlignment (certified, from scratch) | cvxopt qp | ratio | max |w_AA - w_cvxopt| | support |")
print(f"|---:|---:|---:|---:|---:|---:|")
for k, answer in zip(sizes, answers):
    ms = ours[f"K={k}"]
    w = numpy.array(list(answer["weights"].values()))
    print(f"| {k} | {ms:.3f} ms | {peer[k][0]:.3f} ms | {peer[k][0] / ms:.1f}x | {numpy.abs(w - peer[k][1]).max():.1e} | {len(answer['support'])} |")
