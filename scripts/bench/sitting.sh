#!/bin/bash
# One sitting of the figures in docs/performance.md, on the 10,000-objective tree.
#
#   python3 scripts/bench/gen_corpus.py /tmp/corpus10k --objectives 10000 --hugo /tmp/hugo10k
#   (a git repository in $REPO: the tree committed as $REPO_CONTENT, default content/, then a commit changing
#   the target of 50 objectives)
#   EVIDENT=.build/release/evident BEFORE=/path/to/an/older/evident scripts/bench/sitting.sh
#
# SITE, DIST and HUGO_OUT say where the site, the pack and Hugo's site are written. The file system
# matters: compare on more than one (docs/performance.md, "Reading the figures"), for example
#   SITE=/dev/shm/site10k DIST=/dev/shm/dist10k HUGO_OUT=/dev/shm/hugo10k-public scripts/bench/sitting.sh
#
# Runs from /tmp, so that no templates/ folder is taken as theme overrides. Prints /usr/bin/time's
# wall time, peak memory, user and kernel time, and evident's stages (EVIDENT_TIMING=1).
set -u
EVIDENT=$(realpath "${EVIDENT:-.build/release/evident}")
BEFORE=${BEFORE:-}
CORPUS=${CORPUS:-/tmp/corpus10k}
HUGO=${HUGO:-/tmp/hugo10k}
HUGO_OUT=${HUGO_OUT:-$HUGO/public}
REPO=${REPO:-/tmp/drepo}
REPO_CONTENT=${REPO_CONTENT:-content}
SITE=${SITE:-/tmp/site10k}
DIST=${DIST:-/tmp/dist10k}
T="/usr/bin/time -f %e_s_%M_KB_user_%U_sys_%S"
cd /tmp
stages() { grep -v "info:\|warning:" | sed 's/resident [0-9]* MB, //g' | tr '\n' ' '; echo; }
# A build of the tree with /usr/bin/time; EVIDENT_TIMING=1 before it adds the stages.
build() { $T "$1" build --content "$CORPUS" --as-of 2026-11-29 --output "$SITE" --quiet; }
# A Hugo run with /usr/bin/time, into HUGO_OUT.
hugo_run() { (cd "$HUGO" && $T hugo --quiet --destination "$HUGO_OUT" 2>&1 | tail -1); }

echo "== warm-up"; build "$EVIDENT" >/dev/null 2>&1; hugo_run >/dev/null
echo "== check"
for i in 1 2 3 4 5 6; do EVIDENT_TIMING=1 $T "$EVIDENT" check --content "$CORPUS" --as-of 2026-11-29 --quiet 2>&1 >/dev/null | stages; done
echo "== build rebuild (unchanged objective pages are taken from the last build), then hugo rebuild, alternately"
for i in 1 2 3 4 5 6; do
    echo -n "evident "; EVIDENT_TIMING=1 build "$EVIDENT" 2>&1 >/dev/null | stages
    echo -n "hugo "; hugo_run
done
echo "== build rebuild of every page (as of the next day: no page is taken from the last build), then hugo rebuild, alternately"
for day in 2026-11-30 2026-12-01 2026-11-30 2026-12-01; do
    echo -n "evident "; EVIDENT_TIMING=1 $T "$EVIDENT" build --content "$CORPUS" --as-of "$day" --output "$SITE" --quiet 2>&1 >/dev/null | stages
    echo -n "hugo "; hugo_run
done
build "$EVIDENT" >/dev/null 2>&1
if [ -n "$BEFORE" ]; then
    echo "== an older binary, rebuild, alternately with this one (which makes every page: the older one's manifest lists no inputs)"
    for i in 1 2 3; do
        echo -n "before "; build "$BEFORE" 2>&1 >/dev/null | tail -1
        echo -n "now "; build "$EVIDENT" 2>&1 >/dev/null | tail -1
    done
fi
# Each right after deleting the last output: on ext4 without a journal that slows the creation of
# files by as much as was just deleted; scripts/bench/first-build.sh compares the two in equal conditions.
echo "== build into an empty folder, right after rm -rf"; rm -rf "$SITE"; EVIDENT_TIMING=1 build "$EVIDENT" 2>&1 >/dev/null | stages
echo "== hugo clean, right after rm -rf"; rm -rf "$HUGO_OUT"; hugo_run
echo "== pack"
for i in 1 2; do EVIDENT_TIMING=1 $T "$EVIDENT" pack --content "$CORPUS" --as-of 2026-11-29 --output "$DIST" --quiet 2>&1 >/dev/null | stages; done
echo "== zip -r -X of the same files"
rm -rf /tmp/unzipped-pack && mkdir /tmp/unzipped-pack && (cd /tmp/unzipped-pack && unzip -q "$DIST"/*.zip)
rm -f /tmp/zipx.zip && (cd /tmp/unzipped-pack && $T zip -q -r -X /tmp/zipx.zip . 2>&1 | tail -1)
echo "== diff (exit 1: the change introduces findings)"
for i in 1 2 3; do (cd "$REPO" && EVIDENT_TIMING=1 $T "$EVIDENT" diff HEAD~1 HEAD --content "$REPO_CONTENT" --as-of 2026-11-29 --quiet 2>&1 >/dev/null | stages); done
echo "== check, then diff, alternately"
for i in 1 2 3 4 5 6; do
    echo -n "check "; $T "$EVIDENT" check --content "$CORPUS" --as-of 2026-11-29 --quiet 2>&1 >/dev/null | tail -1
    echo -n "diff "; (cd "$REPO" && $T "$EVIDENT" diff HEAD~1 HEAD --content "$REPO_CONTENT" --as-of 2026-11-29 --quiet 2>&1 >/dev/null | tail -1)
done
