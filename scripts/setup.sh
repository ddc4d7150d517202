#!/usr/bin/env bash
# Installs the Debian packages evident needs, when they are missing. Safe to run again.
#   setup.sh          what building and running evident needs
#   setup.sh --test   also the standard tools the tests check the pack and the diff with
set -euo pipefail
want=(libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
  want+=(git unzip p7zip-full openssl coreutils python3)
fi
need=()
for pkg in "${want[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
