#!/usr/bin/env bash
# Proves that a release tarball from scripts/release.sh works on a machine without Swift: checks the
# tarball's .sha256 and the SHA256SUMS inside, shows what the binary links (ldd) and fails on any
# library outside the allowed list, then, in a mount namespace where the toolchain's folder is an
# empty one, runs --version, init, check, build, pack and verify in a new folder, serves it and
# sees an edit saved to an objective on the served page, and loads the completions and the man page.
#
#   release-check.sh DIR/evident-<version>-linux-<arch>.tar.gz
#
# Needs root or unprivileged user namespaces (unshare). The toolchain is the folder above the
# `usr/bin/swift` on PATH (here /opt/swift), or SWIFT_TOOLCHAIN; without either it is not hidden.
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
  # Here, in the namespace: the toolchain is hidden; run what a new user would.
  dir="$2" toolchain="$3" version="$4"
  if [ -n "$toolchain" ]; then
    mount -t tmpfs -o size=1m evident-no-swift "$toolchain"
    if [ -e "$toolchain/usr/bin/swift" ] || command -v swift >/dev/null; then
      echo "release-check: the toolchain is still visible" >&2
      exit 1
    fi
  fi
  evident="$dir/bin/evident"
  echo "ldd $evident (toolchain hidden):"
  ldd "$evident" | tee "$dir/../ldd.txt" | sed 's/^/  /'
  # A standard Debian or Ubuntu system's libraries, plus libcmark-gfm(-extensions) and zlib.
  allowed='^(linux-vdso\.so|ld-linux[^ ]*\.so|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libutil\.so|libstdc\+\+\.so|libgcc_s\.so|libcmark-gfm\.so|libcmark-gfm-extensions\.so|libz\.so)'
  bad="$(awk '{print $1}' "$dir/../ldd.txt" | sed 's|.*/||' | grep -Ev "$allowed" | paste -sd' ' - || true)"
  if [ -n "$bad" ] || grep -q 'not found' "$dir/../ldd.txt"; then
    echo "release-check: the binary needs libraries outside the allowed list: ${bad:-(not found above)}" >&2
    exit 1
  fi
  printed="$("$evident" --version)"
  [ "$printed" = "$version" ] || { echo "release-check: --version printed $printed, not $version" >&2; exit 1; }
  project="$dir/../project"
  mkdir "$project"
  cd "$project"
  "$evident" init >/dev/null
  "$evident" check --quiet
  "$evident" build --quiet
  [ -s site/index.html ] || { echo "release-check: build wrote no site/index.html" >&2; exit 1; }
  "$evident" pack --quiet
  "$evident" verify dist/evident-pack-*.zip >/dev/null
  # serve, as a new user would: the objective init wrote, open in a browser (curl here), saved by
  # an editor (a new file renamed over the old) with a new title that the objective schema
  # accepts, and the served page showing it.
  objective=content/objectives/OBJ-INC-01.md
  page="objectives/obj-inc-01.html"
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "$evident" serve --port "$port" --quiet >serve.log 2>&1 &
  serving=$!
  # Waits up to $2 half-seconds for the served page to hold $1; else stops serving and fails with
  # $3 and what serve printed.
  wait_for() {
    local waited=0
    until curl -fsS "http://127.0.0.1:$port/$page" 2>/dev/null | grep -qF "$1"; do
      sleep 0.5; waited=$((waited + 1))
      [ "$waited" -lt "$2" ] || { kill "$serving"; echo "release-check: $3; serve printed: $(cat serve.log)" >&2; exit 1; }
    done
  }
  wait_for "<h1>" 60 "serve did not answer"
  sed 's/^title: .*/title: Restore priority-1 incidents sooner/' "$objective" >"$objective.saving"
  mv "$objective.saving" "$objective"
  if command -v check-jsonschema >/dev/null; then
    # What an editor's YAML language server checks (init's objective names the schema init wrote
    # to schema/): the front matter against the objective schema.
    sed -n '2,/^---$/p' "$objective" | sed '$d' >front-matter.yaml
    check-jsonschema --schemafile schema/objective.schema.json front-matter.yaml >/dev/null
  fi
  wait_for "Restore priority-1 incidents sooner" 40 "the served page did not show the edit"
  kill "$serving"
  bash -c "source '$dir/share/bash-completion/completions/evident' && complete -p evident" >/dev/null
  if command -v zsh >/dev/null; then zsh -n "$dir/share/zsh/site-functions/_evident"; fi
  if command -v fish >/dev/null; then fish --no-execute "$dir/share/fish/vendor_completions.d/evident.fish"; fi
  if command -v groff >/dev/null; then
    # Any warning of the man macros fails the check.
    warnings="$(groff -mandoc -Tutf8 -ww -z "$dir/share/man/man1/evident.1" 2>&1)"
    [ -z "$warnings" ] || { echo "release-check: the man page: $warnings" >&2; exit 1; }
  fi
  echo "release-check: version, init, check, build, pack, verify, serve with an edit, completions and man page work without the toolchain."
  exit 0
fi

[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2; exit 2; }
tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
name="$(basename "$tarball" .tar.gz)"
version="${name#evident-}"
version="${version%-linux-*}"

(cd "$(dirname "$tarball")" && sha256sum --check --quiet "$name.tar.gz.sha256")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
[ "$(ls "$work")" = "$name" ] || { echo "release-check: the tarball holds more than $name/" >&2; exit 1; }
(cd "$work/$name" && sha256sum --check --quiet SHA256SUMS)
if [ "$(cd "$work/$name" && find . -type f ! -name SHA256SUMS | wc -l)" != "$(wc -l <"$work/$name/SHA256SUMS")" ]; then
  echo "release-check: SHA256SUMS does not list every file" >&2
  exit 1
fi

toolchain="${SWIFT_TOOLCHAIN:-}"
if [ -z "$toolchain" ] && swift="$(command -v swift)"; then
  toolchain="$(dirname "$(dirname "$(dirname "$(readlink -f "$swift")")")")"
fi
namespace=(unshare --mount --propagation private)
[ "$(id -u)" -eq 0 ] || namespace+=(--map-root-user)
# PATH without the toolchain's folders, as on a machine that never had it.
path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v "^${toolchain:-/nonexistent}/" | paste -sd: -)"
env PATH="$path" "${namespace[@]}" bash "$0" --inside "$work/$name" "$toolchain" "$version"
