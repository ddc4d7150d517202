#!/usr/bin/env bash
# Installs the Debian packages evident needs, when they are missing. Safe to run again.
#   setup.sh          what building and running evident needs
#   setup.sh --test   also the standard tools the tests check the pack and the diff with (and jq, which
#                     runs the GitLab recipe's own Code Quality program),
#                     headless Chromium with axe-core for the browser check of the example site,
#                     and check-jsonschema and pre-commit for the schema and hook checks
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want=(libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
  want+=(git unzip p7zip-full libarchive-tools openssl coreutils jq python3 python3-venv chromium chromium-driver poppler-utils)
fi
need=()
for pkg in "${want[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}..."
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  # scripts/browser/axe_pages.py runs in its own virtual environment under .build (git-ignored):
  # Debian's Python refuses pip installs outside one. selenium-axe-python ships axe-core 4.9.1.
  venv="$root/.build/browser-venv"
  if ! "$venv/bin/python" -c "import selenium, selenium_axe_python" >/dev/null 2>&1; then
    echo "Installing selenium and axe-core into $venv..."
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "selenium>=4.7,<5" "selenium-axe-python==2.2.0"
  fi
  # scripts/check-schemas.py and scripts/check-pre-commit.sh: a real JSON Schema validator and
  # the real pre-commit, in a virtual environment of their own.
  tools="$root/.build/tools-venv"
  if ! [ -x "$tools/bin/check-jsonschema" ] || ! [ -x "$tools/bin/pre-commit" ] \
      || ! "$tools/bin/python" -c "import check_jsonschema, pre_commit" >/dev/null 2>&1; then
    echo "Installing check-jsonschema and pre-commit into $tools..."
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install -q --disable-pip-version-check "check-jsonschema>=0.29,<1" "pre-commit>=3,<5"
  fi
fi
