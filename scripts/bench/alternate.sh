#!/bin/bash
# Two builds of evident run alternately on the 10,000-objective tree, for comparing them in one
# sitting (the machine's speed drifts between runs; alternating puts both on the same drift):
#
#   scripts/bench/alternate.sh OLD_BINARY NEW_BINARY [runs, default 8] [check|build]
#
# Prints each one's median and fastest wall time and its median CPU time (user + kernel).
set -eu
A=$(realpath "$1"); B=$(realpath "$2"); N=${3:-8}; WHAT=${4:-check}
CORPUS=${CORPUS:-/tmp/corpus10k}
SITE=${SITE:-/tmp/site10k}
cd /tmp
run() {
    case "$WHAT" in
        check) /usr/bin/time -f "%e %U %S" "$1" check --content "$CORPUS" --as-of 2026-11-29 --quiet 2>&1 >/dev/null | tail -1 ;;
        build) /usr/bin/time -f "%e %U %S" "$1" build --content "$CORPUS" --as-of 2026-11-29 --output "$SITE" --quiet 2>&1 >/dev/null | tail -1 ;;
        *) echo "check or build, not $WHAT" >&2; exit 2 ;;
    esac
}
run "$A" >/dev/null; run "$B" >/dev/null
for _ in $(seq "$N"); do echo "A $(run "$A")"; echo "B $(run "$B")"; done | python3 -c '
import statistics, sys
runs = {"A": [], "B": []}
for line in sys.stdin:
    name, wall, user, kernel = line.split()
    runs[name].append((float(wall), float(user) + float(kernel)))
for name, label in (("A", sys.argv[1]), ("B", sys.argv[2])):
    walls = [w for w, _ in runs[name]]
    print(f"{label}: wall median {statistics.median(walls):.3f} s, fastest {min(walls):.3f} s; "
          f"CPU median {statistics.median(c for _, c in runs[name]):.3f} s")
' "$A" "$B"
