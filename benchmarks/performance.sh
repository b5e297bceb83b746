#!/usr/bin/env bash
# Regenerates every figure of docs/performance.md on this machine, in one run, and prints the tables.
# Needs Debian's python3-numpy and python3-cvxopt (installed here when missing) and takes about 15 minutes.
#   bash benchmarks/performance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import numpy, cvxopt" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-cvxopt >/dev/null
fi
lscpu | grep -E "Model name|^CPU\(s\)" || true
dotnet --list-runtimes | grep NETCore.App
echo
echo "== Certified boundary solve against cvxopt"
/usr/bin/python3 benchmarks/peer/qp_compare.py
echo
echo "== Interior sweep against numpy"
/usr/bin/python3 benchmarks/peer/compare.py
echo
for filter in '*BoundarySweepBenchmarks*' '*EstimationBenchmarks*'; do
  echo "== $filter"
  dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter "$filter" 2>&1 | grep -E '^\|'
  echo
done
echo "== *AlignmentEquilibriumBenchmarks* (test-time scaling)"
dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*AlignmentEquilibriumBenchmarks*' --job short 2>&1 | grep -E '^\|'
echo
echo "== Installed tool: start-up and a 4-million-point sweep"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet pack src/ActiveAlignment.Cli -c Release -o "$work/artifacts" --nologo -v quiet
dotnet tool install --tool-path "$work/tools" --add-source "$work/artifacts" ActiveAlignment.Cli >/dev/null
du -sh "$work/tools"
for _ in 1 2 3; do /usr/bin/time -f "solve: %e s" "$work/tools/active-alignment" solve samples/ideological.json >/dev/null; done
for _ in 1 2 3; do /usr/bin/time -f "4M-point sweep: %e s" "$work/tools/active-alignment" sweep benchmarks/peer/game-k5.json \
  --x consistency=0.01:2:2000 --y diversity=0:3:2000 --json >/dev/null; done
