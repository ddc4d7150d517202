#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with the real pre-commit (from PyPI, in .build/tools-venv, installed
# by scripts/setup.sh --test): in a throwaway git repository holding a copy of content/, the
# `evident-check` hook passes `pre-commit run --all-files`, and fails with evident's finding once
# an objective is broken. Exit 1 on any failure (a missing pre-commit is one, never a skip).
# Usage: scripts/check-pre-commit.sh EVIDENT [CONTENT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
evident="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
content="$(cd "${2:-$root/content}" && pwd)"
pre_commit="$root/.build/tools-venv/bin/pre-commit"
if [ ! -x "$pre_commit" ]; then
  echo "check-pre-commit: $pre_commit is missing: run scripts/setup.sh --test" >&2
  exit 1
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
quiet_git() { git -c user.name=evident-test -c user.email=test@example.invalid -c init.defaultBranch=main "$@" >/dev/null; }

# The hooks repository: this repository's .pre-commit-hooks.yaml as it is in the working tree.
mkdir "$scratch/hooks"
cp "$root/.pre-commit-hooks.yaml" "$scratch/hooks/"
quiet_git -C "$scratch/hooks" init -q
quiet_git -C "$scratch/hooks" add .pre-commit-hooks.yaml
quiet_git -C "$scratch/hooks" commit -q -m hooks
rev="$(git -C "$scratch/hooks" rev-parse HEAD)"

# The content repository, as a user sets it up (the example content passes as of 2026-11-29).
mkdir "$scratch/repo"
cp -R "$content" "$scratch/repo/content"
cat >"$scratch/repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: file://$scratch/hooks
    rev: $rev
    hooks:
      - id: evident-check
        args: [--as-of, "2026-11-29"]
YAML
quiet_git -C "$scratch/repo" init -q
quiet_git -C "$scratch/repo" add -A

export PATH="$(dirname "$evident"):$PATH" PRE_COMMIT_HOME="$scratch/cache"
cd "$scratch/repo"
if ! "$pre_commit" run --all-files >"$scratch/pass.log" 2>&1; then
  echo "check-pre-commit: the hook fails on a copy of the content:" >&2
  cat "$scratch/pass.log" >&2
  exit 1
fi
grep -q "evident check\.*Passed" "$scratch/pass.log" || { echo "check-pre-commit: the hook did not run:" >&2; cat "$scratch/pass.log" >&2; exit 1; }

# Broken: an objective's cadence that is not one (syntax/type, an error).
objective="$(grep -rl '^cadence: monthly' content/objectives | sort | head -n 1)"
[ -n "$objective" ] || { echo "check-pre-commit: no objective with a monthly cadence to break" >&2; exit 1; }
sed -i 's/^cadence: monthly/cadence: montly/' "$objective"
git add -A
if "$pre_commit" run --all-files >"$scratch/fail.log" 2>&1; then
  echo "check-pre-commit: the hook passes a broken objective ($objective):" >&2
  cat "$scratch/fail.log" >&2
  exit 1
fi
if ! grep -q "$objective:[0-9]*:[0-9]*: error: .*montly.*\[syntax/type\]" "$scratch/fail.log"; then
  echo "check-pre-commit: the hook failed without evident's finding on $objective:" >&2
  cat "$scratch/fail.log" >&2
  exit 1
fi
echo "ok  pre-commit: evident-check passes the content and fails on a broken objective"
