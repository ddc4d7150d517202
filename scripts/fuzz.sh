#!/usr/bin/env bash
# Runs one fuzz target under libFuzzer with AddressSanitizer, for SECONDS:
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
# TARGET is one of yaml, csv, markdown, zip, zipwrite, git, templates, content. It starts from the committed corpus
# (Fuzz/Corpus/TARGET) with its dictionary and writes what it finds to a scratch folder
# (FUZZ_WORK, or a new temporary folder), never to the committed corpus. An input that breaks an
# invariant or crashes is saved there as crash-*; see docs/fuzzing.md for what to do with it.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="yaml csv markdown zip zipwrite git templates content"
if [ $# -lt 2 ] || ! [[ " $targets " == *" $1 "* ]] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]   (TARGET: ${targets// /, })" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
./scripts/setup.sh
# libFuzzer and the sanitizer runtimes come with the Swift toolchain; the fuzz package is built
# apart from the main one (Fuzz/.build), with the sanitizers on every Swift module.
flags=(-c release --package-path Fuzz --product evident-fuzz
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/evident-fuzz"
work=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/evident-fuzz-$target.XXXXXX")}
mkdir -p "$work/corpus"
echo "Fuzzing $target for $seconds s; new inputs and findings go to $work"
extra=()
# ZIPFoundation's in-memory archive keeps its 40-byte stream object when the bytes are not a zip
# (the stream is released only by a close that a failed open never reaches): a leak of the
# library's, once per `evident verify`, that LeakSanitizer would report on nearly every input.
[ "$target" = zip ] && extra+=(-detect_leaks=0)
# The content target loads the built-in theme once and keeps it for every input; LeakSanitizer
# reports the theme's file contents as leaked on the first input (Swift may keep an enum's case in
# a pointer's spare bits, which a scan for plain pointers does not follow).
[ "$target" = content ] && extra+=(-detect_leaks=0)
# LeakSanitizer's own check when the process ends reports what every target keeps for the whole
# run (the content format's field tables, a loaded theme) as leaked, and the end of every run as
# a crash; libFuzzer's check after each input, which finds a leak an input makes, stays on.
# libFuzzer's -detect_leaks=0 turns off only its own check: for zip and content, both go.
asan=leak_check_at_exit=0
[ "$target" = zip ] || [ "$target" = content ] && asan=$asan:detect_leaks=0
status=0
ASAN_OPTIONS="$asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}" EVIDENT_FUZZ_TARGET=$target "$binary" "$work/corpus" "Fuzz/Corpus/$target" \
  -dict="Fuzz/Dictionaries/$target.dict" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix="$work/" ${extra[@]+"${extra[@]}"} "$@" 2>&1 | tee "$work/fuzz.log" || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/fuzz.log" | tail -1)
took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$work/fuzz.log" | tail -1)
echo "$target: ${runs:-?} executions in ${took:-?} s, ${rate:-?} per second, exit status $status (log: $work/fuzz.log)"
exit "$status"
