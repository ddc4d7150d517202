#!/usr/bin/env bash
# Makes the release tarball: builds evident with the Swift runtime and Foundation linked statically,
# lays out the binary, the man page, the shell completions, LICENSE, NOTICE and SHA256SUMS, and
# writes DIR/evident-<version>-linux-<arch>.tar.gz with DIR/<that name>.sha256 beside it
# (docs/install.md). Then scripts/release-check.sh runs the tarball with the toolchain hidden.
#
#   release.sh [--output DIR] [--no-check]
#   release.sh --binary FILE --manual FILE [--output DIR] [--no-check]
#
# --output DIR     where the tarball goes (default: dist/ in the repository)
# --binary FILE    package this evident binary instead of building one (with --manual, the man page
#                  to package); the tests use it to check the packaging without a release build
# --no-check       skip scripts/release-check.sh
#
# The tarball is the same bytes for the same binary and commit: names sorted, owner 0/0, modes
# fixed, every mtime the commit's date (or SOURCE_DATE_EPOCH), gzip without name or time.
# It writes only its two files and a staging folder of its own; a file of either name that
# exists with other bytes is left alone and the run fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

output="$root/dist"
binary=""
manual=""
check=1
while [ $# -gt 0 ]; do
  case "$1" in
    --output) [ $# -ge 2 ] || usage; output="$2"; shift 2 ;;
    --binary) [ $# -ge 2 ] || usage; binary="$2"; shift 2 ;;
    --manual) [ $# -ge 2 ] || usage; manual="$2"; shift 2 ;;
    --no-check) check=0; shift ;;
    -h|--help) usage 0 ;;
    *) echo "release.sh: unknown argument \`$1\`" >&2; usage ;;
  esac
done
if { [ -n "$binary" ] && [ -z "$manual" ]; } || { [ -z "$binary" ] && [ -n "$manual" ]; }; then
  echo "release.sh: --binary and --manual go together" >&2
  exit 2
fi

epoch="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || true)}"
if ! [[ "$epoch" =~ ^[0-9]+$ ]]; then
  echo "release.sh: no commit date to stamp the files with; set SOURCE_DATE_EPOCH" >&2
  exit 2
fi

# libcmark-gfm and zlib are linked statically too: Debian's libcmark-gfm has the release in its
# soname (libcmark-gfm.so.0.29.0.gfm.6 here), so a dynamic link would run only where that exact
# release is installed. pkg-config files of our own point the linker at a folder holding only the
# static archives (from the -dev packages), so that it finds them before the shared libraries.
static_libraries() {
  local dir="$root/.build/release-static-libs" pc lib libdir
  mkdir -p "$dir"
  for pc in libcmark-gfm zlib; do
    libdir="$(pkg-config --variable=libdir "$pc")"
    for lib in $(pkg-config --libs-only-l "$pc"); do
      lib="lib${lib#-l}.a"
      [ -f "$libdir/$lib" ] || { echo "release.sh: no $libdir/$lib (install the -dev package: scripts/setup.sh)" >&2; exit 2; }
      ln -sf "$libdir/$lib" "$dir/$lib"
    done
    printf 'Name: %s\nDescription: %s, its static archives first\nVersion: %s\nLibs: -L%s %s\nCflags: %s\n' \
      "$pc" "$pc" "$(pkg-config --modversion "$pc")" "$dir" "$(pkg-config --libs-only-l "$pc")" \
      "$(pkg-config --cflags-only-I --keep-system-cflags "$pc")" >"$dir/$pc.pc"
  done
  echo "$dir"
}

generate_manual=""
if [ -z "$binary" ]; then
  # generate-manual is swift-argument-parser's man page writer, the tool behind its
  # generate-manual plugin, run here on the binary being released.
  pkg_config_path="$(static_libraries)"
  # The extensions' archive comes after the core's and calls into it: the core once more at the end.
  build=(env PKG_CONFIG_PATH="$pkg_config_path" swift build -c release --static-swift-stdlib -Xlinker -lcmark-gfm)
  (cd "$root" && "${build[@]}" --product evident && "${build[@]}" --product generate-manual)
  bin="$(cd "$root" && "${build[@]}" --show-bin-path)"
  binary="$bin/evident"
  generate_manual="$bin/generate-manual"
fi
[ -x "$binary" ] || { echo "release.sh: $binary is not an executable" >&2; exit 2; }

version="$("$binary" --version)"
if ! [[ "$version" =~ ^[0-9A-Za-z.+-]+$ ]]; then
  echo "release.sh: \`$binary --version\` printed no version" >&2
  exit 2
fi
name="evident-$version-linux-$(uname -m)"
tarball="$name.tar.gz"

mkdir -p "$output"
output="$(cd "$output" && pwd)"
# The staging folder is inside the output folder, so that the results are renamed into place.
stage="$(mktemp -d "$output/.evident-release.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
tree="$stage/$name"

# The layout is a prefix: bin/ and share/ copy as they are into /usr/local or ~/.local.
mkdir -p "$tree/bin" "$tree/share/man/man1" "$tree/share/bash-completion/completions" \
  "$tree/share/zsh/site-functions" "$tree/share/fish/vendor_completions.d"
if [ -n "$generate_manual" ]; then
  # Without the debugging information (60% of the size); the symbols stay, for backtraces.
  strip --strip-debug -o "$tree/bin/evident" "$binary"
else
  cp "$binary" "$tree/bin/evident"
fi
if [ -n "$generate_manual" ]; then
  "$generate_manual" "$tree/bin/evident" --date "$(date -u -d "@$epoch" +%Y-%m-%d)" \
    --output-directory "$tree/share/man/man1"
else
  cp "$manual" "$tree/share/man/man1/evident.1"
fi
[ -s "$tree/share/man/man1/evident.1" ] || { echo "release.sh: no man page was written" >&2; exit 1; }
"$tree/bin/evident" --generate-completion-script bash >"$tree/share/bash-completion/completions/evident"
"$tree/bin/evident" --generate-completion-script zsh >"$tree/share/zsh/site-functions/_evident"
"$tree/bin/evident" --generate-completion-script fish >"$tree/share/fish/vendor_completions.d/evident.fish"
cp "$root/LICENSE" "$root/NOTICE" "$tree/"

find "$tree" -type d -exec chmod 0755 {} +
find "$tree" -type f -exec chmod 0644 {} +
chmod 0755 "$tree/bin/evident"
# Every file but itself, by path; `sha256sum --check SHA256SUMS` in the folder checks them.
(cd "$tree" && find . -type f ! -name SHA256SUMS -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum) >"$stage/SHA256SUMS"
mv "$stage/SHA256SUMS" "$tree/SHA256SUMS"
chmod 0644 "$tree/SHA256SUMS"

LC_ALL=C tar --sort=name --format=gnu --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  -C "$stage" -cf - "$name" | gzip -9 -n >"$stage/$tarball"
(cd "$stage" && sha256sum "$tarball") >"$stage/$tarball.sha256"

if [ "$check" = 1 ]; then
  "$root/scripts/release-check.sh" "$stage/$tarball"
fi

for file in "$tarball" "$tarball.sha256"; do
  if [ -e "$output/$file" ] && ! cmp -s "$stage/$file" "$output/$file"; then
    echo "release.sh: $output/$file exists with other bytes; move it away first" >&2
    exit 1
  fi
done
mv "$stage/$tarball" "$output/$tarball"
mv "$stage/$tarball.sha256" "$output/$tarball.sha256"
echo "Wrote $output/$tarball and $tarball.sha256 ($(du -k "$output/$tarball" | cut -f1) KB)."
