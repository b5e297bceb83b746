#!/usr/bin/env bash
# Regenerates every figure of docs/performance.md on this machine, in one run, and prints the tables.
# Needs Debian's python3-numpy, python3-cvxopt, r-cran-quadprog, lrslib and jq (installed here when missing) and takes about 20 minutes.
#   bash benchmarks/performance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import numpy, cvxopt" 2>/dev/null || ! command -v lrsnash >/dev/null || ! command -v jq >/dev/null \
   || ! Rscript -e 'library(quadprog)' >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-cvxopt lrslib jq r-cran-quadprog >/dev/null
fi
lscpu | grep -E "Model name|^CPU\(s\)" || true
dotnet --list-runtimes | grep NETCore.App
echo
echo "== Certified boundary solve against cvxopt and R quadprog (steady state, then first calls in a fresh process)"
/usr/bin/python3 benchmarks/peer/qp_compare.py
echo
echo "== Interior sweep against numpy (in process, then the installed tool's whole process)"
/usr/bin/python3 benchmarks/peer/compare.py
echo
for filter in '*BoundarySweepBenchmarks*' '*EstimationBenchmarks*'; do
  echo "== $filter"
  dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter "$filter" 2>&1 | grep -E '^\|'
  echo
done
echo "== *LearningBenchmarks* (every equilibrium of K = 5, N = 4; learning dynamics; stability)"
dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*LearningBenchmarks*' --job short 2>&1 | grep -E '^\|'
echo
echo "== *AlignmentEquilibriumBenchmarks* (test-time scaling)"
dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*AlignmentEquilibriumBenchmarks*' --job short 2>&1 | grep -E '^\|'
echo
echo "== *BatchBenchmarks* (one solve --batch line by stage: read, solve, stability, answer line; 1,000 lines on one thread)"
dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*BatchBenchmarks*' --job short 2>&1 | grep -E '^\|'
echo
echo "== Installed tool: size and start-up"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet pack src/ActiveAlignment.Cli -c Release -o "$work/artifacts" --nologo -v quiet
dotnet tool install --tool-path "$work/tools" --add-source "$work/artifacts" ActiveAlignment.Cli >/dev/null
du -sh "$work/tools"
for _ in 1 2 3; do /usr/bin/time -f "solve: %e s" "$work/tools/active-alignment" solve samples/ideological.json >/dev/null; done
echo
echo "== nash against lrsnash (same games, identical equilibria checked)"
/usr/bin/python3 benchmarks/peer/nash_compare.py "$work/tools/active-alignment" 8 14 16 18
echo
echo "== Batch: 200,000 random K = 5 games"
# The batch files: random K = 5 games, numbers rounded to 3-4 decimals (FILE SEED rounded) or at full precision, as
# json.dumps writes unrounded floats (FILE SEED full).
cat > "$work/batch_games.py" <<'PY'
import json, random, sys
path, seed, rounded = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "rounded"
r = (lambda x, d: round(x, d)) if rounded else (lambda x, d: x)
rng = random.Random(seed)
with open(path, "w") as f:
    for i in range(200_000):
        k = 5
        b = [[rng.gauss(0, 1) for _ in range(k)] for _ in range(k)]
        c = [[r(sum(b[l][q] * b[l][s] for l in range(k)) / k + (0.5 if q == s else 0.0), 4) for s in range(k)] for q in range(k)]
        names = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"]
        game = {"subpopulations": [{"name": names[j], "attractiveness": r(rng.random(), 3)} for j in range(k)], "inconsistency": c,
                "agents": 1 + rng.randrange(8),
                "coefficients": {"attractiveness": 1, "consistency": r(0.5 + rng.random(), 3), "diversity": r(rng.random(), 3)}}
        f.write(json.dumps({"id": f"g{i}", "game": game}) + "\n")
PY
/usr/bin/python3 "$work/batch_games.py" "$work/batch.jsonl" 2026 rounded
# Side by side with jq merely reading and re-printing the same file (the goal: at least 2.5x faster).
for _ in 1 2 3; do
  /usr/bin/time -f "200,000 games: %e s, peak %M KB" "$work/tools/active-alignment" solve --batch "$work/batch.jsonl" >/dev/null
  if command -v jq >/dev/null; then /usr/bin/time -f "jq -c . (same file): %e s" jq -c . "$work/batch.jsonl" >/dev/null; fi
done
echo
echo "== Batch: the same kind of games with every number at full precision (what json.dumps writes for unrounded floats)"
/usr/bin/python3 "$work/batch_games.py" "$work/batch17.jsonl" 2027 full
for _ in 1 2; do
  /usr/bin/time -f "200,000 games, 17-digit numbers: %e s, peak %M KB" "$work/tools/active-alignment" solve --batch "$work/batch17.jsonl" >/dev/null
  if command -v jq >/dev/null; then /usr/bin/time -f "jq -c . (same file): %e s" jq -c . "$work/batch17.jsonl" >/dev/null; fi
done
