#!/usr/bin/env python3
"""The vectorised numpy sweep a researcher would write: batched numpy.linalg.solve of the bordered systems
[M 1; 1' 0][w; nu] = [lambda_A a; 1] over a consistency x diversity grid (docs/model.md#closed-form and #exclusion).

Usage: numpy_sweep.py GAME.json [SIDE] [REPEATS]  -> prints JSON with the best time and the exclusion counts."""
import json
import sys
import time

import numpy as np


def sweep(a, C, S, lam_a, agents, xs, ys, tau, chunk=200_000):
    K = a.size
    lc, ld = np.meshgrid(xs, ys)           # rows: diversity (y), columns: consistency (x)
    lc, ld = lc.ravel(), ld.ravel()
    if agents == 1:
        ld = np.zeros_like(ld)
    interior = 0
    excluded = np.zeros(K, dtype=np.int64)
    any_excluded = 0
    for start in range(0, lc.size, chunk):
        c, d = lc[start:start + chunk], ld[start:start + chunk]
        P = c.size
        A = np.zeros((P, K + 1, K + 1))
        A[:, :K, :K] = 2.0 * c[:, None, None] * C + d[:, None, None] * S
        A[:, :K, K] = 1.0
        A[:, K, :K] = 1.0
        b = np.zeros((P, K + 1, 1))
        b[:, :K, 0] = lam_a * a
        b[:, K, 0] = 1.0
        w = np.linalg.solve(A, b)[:, :K, 0]
        inside = (w > 0).all(axis=1)
        low = inside[:, None] & (w < tau)
        interior += int(inside.sum())
        excluded += low.sum(axis=0)
        any_excluded += int(low.any(axis=1).sum())
    return interior, excluded.tolist(), any_excluded


def main():
    game = json.load(open(sys.argv[1]))
    side = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    a = np.array([s["attractiveness"] for s in game["subpopulations"]], dtype=float)
    C = np.array(game["inconsistency"], dtype=float)
    S = np.eye(a.size) if game.get("similarity") is None else np.array(game["similarity"], dtype=float)
    lam = game["coefficients"]
    xs = np.linspace(0.01, 2.0, side)
    ys = np.linspace(0.0, 3.0, side)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = sweep(a, C, S, lam["attractiveness"], game["agents"], xs, ys, 0.01)
        best = min(best, time.perf_counter() - t0)
    interior, excluded, any_excluded = result
    print(json.dumps({"points": side * side, "seconds": best, "nsPerPoint": best * 1e9 / (side * side),
                      "interiorPoints": interior, "excluded": excluded, "anyExcluded": any_excluded,
                      "numpy": np.__version__}))


if __name__ == "__main__":
    main()
