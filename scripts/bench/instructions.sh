#!/bin/bash
# Instructions of a rebuild of a 1,000-objective site, counted by callgrind: unlike the wall
# time, they do not change with the machine's speed, so two binaries can be compared.
#
#   python3 scripts/bench/gen_corpus.py /tmp/corpus1k --objectives 1000
#   scripts/bench/instructions.sh .build/release/evident [tag]
#
# valgrind cannot read Swift's DWARF, so it runs a copy without it. The site is built once first,
# so that the counted run is a rebuild; callgrind's output stays in /tmp/cg-TAG.out for
# `callgrind_annotate --inclusive=yes --tree=both`.
set -eu
BINARY=$(realpath "$1")
TAG=${2:-now}
CORPUS=${CORPUS:-/tmp/corpus1k}
cd /tmp
strip --strip-debug -o "/tmp/evident-$TAG" "$BINARY"
"/tmp/evident-$TAG" build --content "$CORPUS" --as-of 2026-11-29 --output "/tmp/site1k-$TAG" --quiet >/dev/null 2>&1 || true
valgrind --tool=callgrind --callgrind-out-file="/tmp/cg-$TAG.out" "/tmp/evident-$TAG" build --content "$CORPUS" \
    --as-of 2026-11-29 --output "/tmp/site1k-$TAG" --quiet >/dev/null 2>"/tmp/cg-$TAG.log" || true
grep -o "Collected : [0-9]*" "/tmp/cg-$TAG.log"
