#!/usr/bin/python3
"""Side by side, in one run: ActiveAlignment's certified boundary solve against cvxopt's QP and R's quadprog on the same games.

Run from the repository root:  /usr/bin/python3 benchmarks/peer/qp_compare.py
(needs Debian's python3-numpy, python3-cvxopt and r-cran-quadprog: apt-get install python3-numpy python3-cvxopt r-cran-quadprog).
R's quadprog (Goldfarb-Idnani in Fortran) solves the same problem through benchmarks/peer/quadprog_solve.R.
HiGHS's QP (npm `highs`) is not compared: it cannot be installed without the npm registry.

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
    # The same problem for R's quadprog: min -d'w + 1/2 w'Dw on the simplex, D = M, d = λ_A a.
    m = 2 * lam["consistency"] * c + lam["diversity"] * numpy.eye(k)
    numpy.savetxt(os.path.join(games, f"k{k}.D.txt"), m, fmt="%.17g")
    numpy.savetxt(os.path.join(games, f"k{k}.d.txt"), lam["attractiveness"] * a, fmt="%.17g")
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

quadprog = {}
r_out = subprocess.check_output(["Rscript", os.path.join(root, "benchmarks", "peer", "quadprog_solve.R"), games] + [str(k) for k in sizes], text=True)
for line in r_out.splitlines():
    parts = line.split()
    quadprog[int(parts[0])] = (float(parts[2]), numpy.array([float(x) for x in parts[3:]]), float(parts[1]))
r_version = subprocess.check_output(["Rscript", "-e", 'cat(R.version$major, R.version$minor, as.character(packageVersion("quadprog")))'], text=True).split()

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

print(f"cvxopt {cvxopt.__version__}, numpy {numpy.__version__}, R {r_version[0]}.{r_version[1]} with quadprog {r_version[2]}; games in {games}")
print("Steady state (each side warmed up, then timed over repeated solves):")
print(f"| K | ActiveAlignment (certified, from scratch) | cvxopt qp | ratio | R quadprog solve.QP | ratio | max |w_AA - w_cvxopt| | max |w_AA - w_quadprog| | support |")
print(f"|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for k, answer in zip(sizes, answers):
    ms = ours[f"K={k}"]
    w = numpy.array(list(answer["weights"].values()))
    print(f"| {k} | {ms:.4f} ms | {peer[k][0]:.3f} ms | {peer[k][0] / ms:.1f}x | {quadprog[k][0]:.4f} ms | {quadprog[k][0] / ms:.1f}x | "
          f"{numpy.abs(w - peer[k][1]).max():.1e} | {numpy.abs(w - quadprog[k][1]).max():.1e} | {len(answer['support'])} |")

# The first call in a fresh process: what a research script that solves a few games pays. Each side runs as a new process
# five times; the in-process time of the first solve and of the first 300 solves is printed by each side itself.
print()
print("First calls in a fresh process (K = 20; median of 5 processes): the first solve, the first 300 solves, the whole process")
first_rows = []
cli = os.path.join(root, "benchmarks", "ActiveAlignment.Benchmarks", "bin", "Release", "net10.0", "ActiveAlignment.Benchmarks.dll")
def median(xs):
    return sorted(xs)[len(xs) // 2]
def fresh(command, env=None):
    firsts, hundreds, wholes = [], [], []
    for _ in range(5):
        t0 = time.perf_counter()
        out = subprocess.check_output(command, text=True, env=env).split()
        wholes.append(time.perf_counter() - t0)
        firsts.append(float(out[0]))
        hundreds.append(float(out[1]))
    return median(firsts), median(hundreds), median(wholes) * 1e3
py_first = ("import sys,time,numpy,cvxopt,cvxopt.solvers\n"
            "cvxopt.solvers.options['show_progress']=False\n"
            "k=20; m=numpy.loadtxt(sys.argv[1]); d=numpy.loadtxt(sys.argv[2])\n"
            "P,q=cvxopt.matrix(m),cvxopt.matrix(-d); G,h=cvxopt.matrix(-numpy.eye(k)),cvxopt.matrix(numpy.zeros(k))\n"
            "A,b=cvxopt.matrix(numpy.ones((1,k))),cvxopt.matrix(1.0)\n"
            "t0=time.perf_counter(); cvxopt.solvers.qp(P,q,G,h,A,b); t1=time.perf_counter()\n"
            "[cvxopt.solvers.qp(P,q,G,h,A,b) for _ in range(299)]; t2=time.perf_counter()\n"
            "print((t1-t0)*1e3,(t2-t0)*1e3)\n")
r_first = ("suppressMessages(library(quadprog)); a<-commandArgs(TRUE); D<-as.matrix(read.table(a[1])); d<-scan(a[2],quiet=TRUE);"
           "A<-cbind(rep(1,20),diag(20)); b<-c(1,rep(0,20)); t0<-proc.time()[[3]]; invisible(solve.QP(D,d,A,b,meq=1)); t1<-proc.time()[[3]];"
           "for(i in 1:299) solve.QP(D,d,A,b,meq=1); t2<-proc.time()[[3]]; cat((t1-t0)*1e3,(t2-t0)*1e3,'\\n')")
files = [os.path.join(games, "k20.D.txt"), os.path.join(games, "k20.d.txt")]
# What a user can do at no cost: publish the application that calls the library with ReadyToRun (precompiling the library too).
r2r_dir = tempfile.mkdtemp(prefix="aa-r2r-")
subprocess.check_call(["dotnet", "publish", os.path.join(root, "benchmarks", "ActiveAlignment.Benchmarks"), "-c", "Release", "-r", "linux-x64",
                       "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", r2r_dir, "--nologo", "-v", "quiet"], stdout=subprocess.DEVNULL)
r2r = os.path.join(r2r_dir, "ActiveAlignment.Benchmarks.dll")
rows = [("ActiveAlignment (JIT, `dotnet` + the library)", fresh(["dotnet", cli, "--first-calls", os.path.join(games, "k20.json"), "300"])),
        ("ActiveAlignment, TieredCompilation off", fresh(["dotnet", cli, "--first-calls", os.path.join(games, "k20.json"), "300"], dict(os.environ, DOTNET_TieredCompilation="0"))),
        ("ActiveAlignment, ReadyToRun off (all JIT)", fresh(["dotnet", cli, "--first-calls", os.path.join(games, "k20.json"), "300"], dict(os.environ, DOTNET_ReadyToRun="0"))),
        ("ActiveAlignment, dynamic PGO off (`DOTNET_TieredPGO=0`)", fresh(["dotnet", cli, "--first-calls", os.path.join(games, "k20.json"), "300"], dict(os.environ, DOTNET_TieredPGO="0"))),
        ("ActiveAlignment, the calling app published ReadyToRun", fresh(["dotnet", r2r, "--first-calls", os.path.join(games, "k20.json"), "300"])),
        ("cvxopt (python3)", fresh([sys.executable, "-c", py_first] + files)),
        ("R quadprog (Rscript)", fresh(["Rscript", "-e", r_first] + files))]
print("| | first solve | first 300 solves | whole process |")
print("|---|---:|---:|---:|")
for name, (f, h, w) in rows:
    print(f"| {name} | {f:.2f} ms | {h:.1f} ms | {w:.0f} ms |")
