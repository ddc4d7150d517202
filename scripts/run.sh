#!/usr/bin/env bash
# The main job: installs what is missing, builds evident, and runs it on the bundled content/
# as of the date the example content is written for.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build -c release
bin=.build/release/evident
AS_OF=${AS_OF:-2026-11-29}
"$bin" check --as-of "$AS_OF"
