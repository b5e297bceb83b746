#!/usr/bin/env python3
"""Writes the synthetic measurement tables of samples/estimation/ (docs/estimation.md).

Seeded and standard-library only, so the files are reproduced byte for byte:

    python3 samples/estimation/generate.py

The true game is the five-trait example (truth.json): the tables are noisy measurements of its a and C, with a
per-user effect in the attractiveness table and a per-prompt effect in the inconsistency table, so that the cluster
bootstrap (by unit, by prompt) has something to account for.
"""
import json
import os
import random

SEED = 20261123
GROUPS = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"]
A = [0.50, 0.35, 0.60, 0.40, 0.05]
C = [
    [0.80, 0.15, 0.10, 0.10, 0.30],
    [0.15, 0.60, 0.20, 0.15, 0.35],
    [0.10, 0.20, 0.90, 0.10, 0.30],
    [0.10, 0.15, 0.10, 0.50, 0.25],
    [0.30, 0.35, 0.30, 0.25, 1.50],
]
USERS, POSTS_PER_USER = 800, 6
PROMPTS, PAIRS_PER_PROMPT = 400, 8


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(SEED)
    with open(os.path.join(here, "attractiveness.csv"), "w", newline="") as f:
        f.write("unit,group,value\n")
        for u in range(USERS):
            user_effect = rng.gauss(0, 0.05)
            for post in range(POSTS_PER_USER):
                # The first user posts once in every group, so the tables list the groups in this order.
                k = post % len(GROUPS) if u == 0 else rng.randrange(len(GROUPS))
                value = A[k] + user_effect + rng.gauss(0, 0.15)
                f.write(f"user{u:04d},{GROUPS[k]},{value:.4f}\n")
    pairs = [(i, j) for i in range(len(GROUPS)) for j in range(i, len(GROUPS))]
    with open(os.path.join(here, "inconsistency.csv"), "w", newline="") as f:
        f.write("prompt,group_a,group_b,score\n")
        for p in range(PROMPTS):
            prompt_effect = rng.gauss(0, 0.04)
            for i, j in rng.sample(pairs, PAIRS_PER_PROMPT):
                score = C[i][j] + prompt_effect + rng.gauss(0, 0.08)
                a, b = (GROUPS[i], GROUPS[j]) if rng.random() < 0.5 else (GROUPS[j], GROUPS[i])
                f.write(f"p{p:04d},{a},{b},{score:.4f}\n")
    truth = {
        "subpopulations": [{"name": g, "attractiveness": a} for g, a in zip(GROUPS, A)],
        "inconsistency": C,
        "similarity": None,
        "agents": 6,
        "coefficients": {"attractiveness": 1.0, "consistency": 0.5, "diversity": 0.2},
    }
    with open(os.path.join(here, "truth.json"), "w") as f:
        json.dump(truth, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
