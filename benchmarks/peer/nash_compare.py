#!/usr/bin/env python3
"""`active-alignment nash` against lrsnash (lrslib), side by side on the same seeded random bimatrix games.

Usage: nash_compare.py TOOL [SIZES...]   (TOOL: the installed active-alignment; default sizes 8 14 16 18)

For each size n, three games with integer payoffs in [-9, 9] (mostly non-degenerate; ties make some degenerate) and, up to
n = 14, two with payoffs in [-2, 2] (degenerate). Each side runs as its own process under GNU time, which gives the CPU
time (user + system) and peak resident memory, so start-up is included on both sides. The extreme equilibria must be identical, as
exact fractions (lrsnash prints each column strategy followed by the row strategies it pairs with).
"""
import json, os, random, subprocess, sys, tempfile
from fractions import Fraction


def game(n, seed, spread):
    rng = random.Random(seed)
    a = [[rng.randint(-spread, spread) for _ in range(n)] for _ in range(n)]
    b = [[rng.randint(-spread, spread) for _ in range(n)] for _ in range(n)]
    rows = lambda m: "\n".join(" ".join(map(str, r)) for r in m)
    return f"{n} {n}\n\n{rows(a)}\n\n{rows(b)}\n"


def run(argv):
    """Runs a process under GNU time; returns (stdout, cpu seconds, peak KB)."""
    with tempfile.NamedTemporaryFile("r") as times:
        proc = subprocess.run(["/usr/bin/time", "-o", times.name, "-f", "%U %S %M"] + argv, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{argv[0]} exited with {proc.returncode}: {proc.stderr.strip()}")
        user, system, peak = times.read().split()[-3:]
    return proc.stdout, float(user) + float(system), int(peak)


def lrs_equilibria(text):
    found, columns = set(), []
    for line in text.splitlines():
        t = line.split()
        if not t or t[0].startswith("*"):
            if not t:
                columns = []
            continue
        if t[0] == "2":
            columns.append(tuple(Fraction(v) for v in t[1:-1]))
        elif t[0] == "1":
            x = tuple(Fraction(v) for v in t[1:-1])
            found.update((x, y) for y in columns)
    return found


def our_equilibria(text):
    found = set()
    for e in json.loads(text)["equilibria"]:
        x, y = [[Fraction(v) for v in e[k].values()] for k in e if k not in ("pure", "payoffs")]
        found.add((tuple(x), tuple(y)))
    return found


def main():
    tool = sys.argv[1]
    sizes = [int(s) for s in sys.argv[2:]] or [8, 14, 16, 18]
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "lrslib"], capture_output=True, text=True).stdout or "?"
    print(f"lrsnash (lrslib {version}) against {tool} nash --json; CPU = user + system of the whole process")
    print("| game | equilibria | lrsnash CPU | lrsnash peak | nash CPU | nash peak | lrsnash / nash |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            cases = [(9, s) for s in (1, 2, 3)] + ([(2, s) for s in (1, 2)] if n <= 14 else [])
            for spread, seed in cases:
                path = os.path.join(work, f"g{n}_{spread}_{seed}.txt")
                with open(path, "w") as f:
                    f.write(game(n, 1000 * n + seed, spread))
                lrs_out, lrs_cpu, lrs_kb = run(["lrsnash", path])
                our_out, our_cpu, our_kb = run([tool, "nash", path, "--json"])
                theirs, ours = lrs_equilibria(lrs_out), our_equilibria(our_out)
                if theirs != ours:
                    raise SystemExit(f"{n}x{n} seed {seed}: the equilibria differ ({len(theirs)} from lrsnash, {len(ours)} from nash)")
                label = f"{n}×{n}, payoffs in [−{spread}, {spread}], seed {seed}"
                print(f"| {label} | {len(ours)} | {lrs_cpu:.2f} s | {lrs_kb / 1024:.1f} MB | {our_cpu:.2f} s | {our_kb / 1024:.1f} MB | {lrs_cpu / max(our_cpu, 1e-3):.1f}× |")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
