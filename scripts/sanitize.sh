#!/usr/bin/env bash
# Builds evident and its tests with a Clang sanitizer, runs the test suite and the commands under it,
# and lists what the sanitizer reported:
#   scripts/sanitize.sh thread|address [--commands-only] [CONTENT...]
# thread is ThreadSanitizer (data races, lock order), address AddressSanitizer with LeakSanitizer
# (out-of-bounds, use after free, leaks). Each has its own build path (.build-tsan, .build-asan), so
# the normal build is left alone; the first build takes some 15 minutes on 2 cores, the suite 20.
# The commands (check, build, pack, and serve: started, a file edited, pages fetched, stopped) run on
# content/ and on every CONTENT folder named. Known reports that are not evident's are suppressed by
# scripts/sanitizers/*.supp (one reason a line). Every report goes to a log file in a scratch folder
# (SANITIZE_WORK, or a new one under /tmp), also those of the `evident` runs the CLI tests make; the
# script ends 1 when there is one, or when a test or a command failed. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
usage="usage: scripts/sanitize.sh thread|address [--commands-only] [CONTENT...]"
case "${1:-}" in
  thread) kind=thread short=tsan ;;
  address) kind=address short=asan ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
shift
tests=1
if [ "${1:-}" = "--commands-only" ]; then tests=0; shift; fi
trees=(content "$@")
./scripts/setup.sh
build=(--sanitize="$kind" --build-path ".build-$short")
nice swift build --build-tests "${build[@]}"
evident="$(swift build "${build[@]}" --show-bin-path 2>/dev/null)/evident"
work=${SANITIZE_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/evident-sanitize-$short.XXXXXX")}
mkdir -p "$work/logs"
logs="$work/logs/$short"
supp="$root/scripts/sanitizers"
if [ "$kind" = thread ]; then
  export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:suppressions=$supp/tsan.supp:log_path=$logs${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
else
  export ASAN_OPTIONS="detect_leaks=1:log_path=$logs${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
echo "Sanitizer reports go to $work/logs"
failed=0
if [ "$tests" = 1 ]; then
  skip=()
  # Under `ulimit -f` the ThreadSanitizer runtime dies before main (SIGBUS in its own start-up, even
  # for `evident --version`), so the tests that limit a file's size cannot run under it.
  [ "$kind" = thread ] && skip=(--skip FailedWriteTests --skip FailedOutputTests)
  start=$SECONDS
  swift test --skip-build "${build[@]}" ${skip[@]+"${skip[@]}"} >"$work/test.log" 2>&1 || failed=1
  grep -E '^(✘ Test run|✔ Test run|✘ Suite)' "$work/test.log" || true
  echo "Test suite: $((SECONDS - start)) s (log: $work/test.log)"
fi

# A free port on 127.0.0.1 for serve.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Fetches http://127.0.0.1:PORT/PATH until its body holds TEXT, for up to 60 s.
wait_for() {
  python3 - "$@" <<'EOF'
import sys, time, urllib.request
port, path, text = sys.argv[1:4]
end = time.time() + 60
while time.time() < end:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as answer:
            if text in answer.read().decode("utf-8", "replace"):
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"http://127.0.0.1:{port}/{path} never held {text!r}")
EOF
}

for tree in "${trees[@]}"; do
  name=$(basename "$tree")
  out="$work/$name"
  rm -rf "$out" && mkdir -p "$out"
  cp -R "$tree" "$out/content"
  start=$SECONDS
  for command in "check --format json" "build --output $out/site" "pack --output $out/pack"; do
    status=0
    # shellcheck disable=SC2086 # the command's words
    (cd "$out" && "$evident" $command --as-of 2026-11-29 --quiet >"$out/out.txt" 2>"$out/err.txt") || status=$?
    # check and build exit 1 when a finding is an error; anything else is a failure.
    if [ "$status" -gt 1 ]; then echo "$name: evident $command exited $status: $(head -c 2000 "$out/err.txt")"; failed=1; fi
  done
  port=$(free_port)
  objective=$(grep -rl '^id: ' "$out/content/objectives" | sort | sed -n 1p)
  id=$(sed -n 's/^id: *//p' "$objective" | sed -n 1p)
  (cd "$out" && exec "$evident" serve --as-of 2026-11-29 --port "$port" --quiet >"$out/serve.txt" 2>&1) &
  serve=$!
  if wait_for "$port" "" "</html>" && wait_for "$port" "objectives/$(echo "$id" | tr '[:upper:]' '[:lower:]').html" "$id"; then
    # Pages asked for on four connections at once while the edit is rebuilt: the served site is
    # swapped under the requests.
    python3 - "$port" "$id" <<'EOF' &
import sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
port, id = sys.argv[1:3]
pages = ["", "register.html", f"objectives/{id.lower()}.html", "findings.html", "nothing-here.html"] * 20
def fetch(path):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=60).read()
    except OSError:
        pass
with ThreadPoolExecutor(4) as pool:
    list(pool.map(fetch, pages))
EOF
    fetches=$!
    printf '\nA paragraph the sanitizer run adds.\n' >>"$objective"
    wait_for "$port" "objectives/$(echo "$id" | tr '[:upper:]' '[:lower:]').html" "the sanitizer run adds" || failed=1
    wait_for "$port" "register.html" "$id" || failed=1
    wait "$fetches" || true
  else
    failed=1
  fi
  kill -INT "$serve" 2>/dev/null || true
  status=0
  wait "$serve" || status=$?
  # Ended by the SIGINT it was sent (128 + 2) or by its own exit after it.
  if [ "$status" != 0 ] && [ "$status" != 130 ]; then echo "$name: evident serve ended $status: $(tail -c 2000 "$out/serve.txt")"; failed=1; fi
  echo "$name: check, build, pack and serve in $((SECONDS - start)) s"
done

reports=$(grep -lE 'WARNING: ThreadSanitizer|ERROR: (Address|Leak|Thread)Sanitizer' "$work"/logs/* 2>/dev/null || true)
if [ -n "$reports" ]; then
  echo "Sanitizer reports ($(echo "$reports" | wc -l) processes):"
  for file in $reports; do
    echo "== $file"
    grep -E '^(WARNING|SUMMARY|==[0-9]+==ERROR)' "$file" | sort | uniq -c
  done
  failed=1
else
  echo "No sanitizer report."
fi
exit "$failed"
