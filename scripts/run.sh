#!/usr/bin/env bash
# The main job: installs what is missing, builds evident, and runs it on the bundled content/ as of
# the date the example content is written for: check, then the site (site/), then the pack (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The Swift runtime and Foundation linked in, as in the release tarball: the binary runs without the
# toolchain, and calls into the runtime (a reference count is one) go straight to it.
swift build -c release --static-swift-stdlib
bin=.build/release/evident
AS_OF=${AS_OF:-2026-11-29}
"$bin" check --as-of "$AS_OF"
"$bin" build --as-of "$AS_OF" --quiet
"$bin" pack --as-of "$AS_OF" --quiet
"$bin" verify dist/evident-pack-*-"$AS_OF".zip
echo "Open site/index.html in a browser; the evidence pack is in dist/."
