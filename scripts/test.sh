#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every test, checks the JSON Schemas with
# check-jsonschema and the pre-commit hook with pre-commit, checks that check, the site and the pack
# agree on random content trees (scripts/cross-check.py) and that the date- and count-dependent
# findings are the SPEC's (scripts/spec-oracle.py) and that rewrites that must not matter change
# nothing (scripts/metamorphic.py; for `diff`, scripts/diff-metamorphic.py), then checks the
# example site's pages in headless Chromium (axe-core, no sideways scrolling, tables that fit A4,
# keyboard, forced colours, text spacing, print; scripts/browser/access_checks.py) and live reload
# of `evident serve` in the same browser (an edit, a broken template, broken YAML, the fix).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
swift build --build-tests
swift test --skip-build
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
evident="$(swift build --show-bin-path)/evident"
# The schemas against a real validator, and the pre-commit hook with the real pre-commit.
.build/tools-venv/bin/python scripts/check-schemas.py "$evident" content docs/examples/ehs
# Every output (check, site, pack) tells the same story on random content trees (docs/development.md).
python3 scripts/cross-check.py "$evident"
# The date- and count-dependent judgement (due period, latest result, monitored/*, communicated,
# updated, planned, coverage and counts) against the SPEC's own text.
python3 scripts/spec-oracle.py "$evident"
# Rewrites that must not change the findings, the register or the pages (dates 28 years on, order,
# YAML spelling, units, split files, an unrelated objective), and builds and packs byte for byte.
python3 scripts/metamorphic.py "$evident"
# The same for `evident diff` between two commits: rewrites that must not show as a change, and
# every field of an objective's content changed (also where YAML spelling hides it) that must.
python3 scripts/diff-metamorphic.py "$evident"
./scripts/check-pre-commit.sh "$evident" content
"$evident" build --content content --output "$scratch/site" --as-of 2026-11-29 >/dev/null
python=.build/browser-venv/bin/python
"$python" scripts/browser/axe_pages.py --self-check "$scratch/site"
# Every page of the example site (52), not only the six the checks name by default.
"$python" scripts/browser/axe_pages.py --all "$scratch/site"
# As of a day in the past, the register and an objective page hold longer cells (a value judged
# against an earlier version's thresholds, a target that applies from a later day): they still fit.
"$evident" build --content content --output "$scratch/site-early" --as-of 2026-01-20 >/dev/null 2>&1
"$python" scripts/browser/axe_pages.py "$scratch/site-early" --page register.html --page objectives/obj-inc-01.html
"$python" scripts/browser/live_reload.py "$evident"
