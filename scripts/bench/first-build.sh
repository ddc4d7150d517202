#!/bin/bash
# evident's first build and Hugo's clean build, alternately, each into a folder never used before,
# after a wait with nothing deleted: on ext4 without a journal, creating files within minutes of
# deleting many makes the kernel pass over the deleted inodes (docs/performance.md, "Reading the
# figures"), and which tool deleted more just before would decide the ratio.
#
#   EVIDENT=.build/release/evident [PAIRS=2] [WAIT=400] [OUT=/tmp] scripts/bench/first-build.sh
#
# WAIT is in seconds: ext4 treats an inode as recently deleted for 60 s, or 360 s while its inode
# table block is not yet written back. OUT is where the new folders go; they are removed after
# each pair.
set -u
EVIDENT=$(realpath "${EVIDENT:-.build/release/evident}")
CORPUS=${CORPUS:-/tmp/corpus10k}
HUGO=${HUGO:-/tmp/hugo10k}
PAIRS=${PAIRS:-2}
WAIT=${WAIT:-400}
OUT=${OUT:-/tmp}
T="/usr/bin/time -f %e_s_%M_KB_user_%U_sys_%S"
cd /tmp
for i in $(seq "$PAIRS"); do
    site="$OUT/first-build-evident-$$-$i" public="$OUT/first-build-hugo-$$-$i"
    sync; sleep "$WAIT"
    echo -n "evident "
    EVIDENT_TIMING=1 $T "$EVIDENT" build --content "$CORPUS" --as-of 2026-11-29 --output "$site" --quiet 2>&1 >/dev/null |
        sed 's/resident [0-9]* MB, //g' | tr '\n' ' '; echo
    sync; sleep 5
    echo -n "hugo "; (cd "$HUGO" && $T hugo --quiet --destination "$public" 2>&1 | tail -1)
    rm -rf "$site" "$public"
done
