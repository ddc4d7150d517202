#!/usr/bin/env bash
# Builds each of evident's library targets on its own, with only the targets it declares: before
# each, the compiled module of every Swift target of this package is removed from the scratch
# folder (the build remakes those the target declares; the packages it uses stay built), so an
# import of a target it does not declare fails to compile.
#
#   scripts/build-targets-alone.sh [SCRATCH]     (default /tmp/evident-alone; a first run builds the packages)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-/tmp/evident-alone}
# TARGETS="A B" checks only those.
read -r -a targets <<< "${TARGETS:-EvidentSupport EvidentModel EvidentLoad EvidentCheck EvidentSite EvidentPack EvidentDiff EvidentServe EvidentFuzzTargets}"
for target in "${targets[@]}"; do
    for dir in "$scratch"/*/debug; do
        [ -d "$dir" ] || continue
        rm -rf "$dir"/Modules/Evident*.swiftmodule
    done
    echo "== $target"
    if ! swift build --scratch-path "$scratch" --target "$target" > "$scratch/$target.log" 2>&1; then
        grep -E "error" "$scratch/$target.log" | head -20 >&2
        echo "$target does not build alone (log: $scratch/$target.log)" >&2
        exit 1
    fi
    grep -E "Compiling|Build of target|Build complete" "$scratch/$target.log" | tail -1
done
echo "every target builds alone"
