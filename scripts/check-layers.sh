#!/usr/bin/env bash
# Checks the layering of the package (docs/architecture.md): every `import` of one of the package's
# own targets in Sources/<Target>/** names a target that Package.swift declares *before* <Target>
# and lists among <Target>'s dependencies; and no target depends on one declared after it.
# Exit 0 when the layering holds, 1 with one line per crossing when not.
# Usage: scripts/check-layers.sh [PACKAGE_ROOT]   (default: this repository)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The manifest as SwiftPM reads it (declared order, dependencies, paths); a scratch path of its own
# so that it never waits on, or touches, a build in progress.
swift package --package-path "$root" --scratch-path "$scratch" dump-package >"$scratch/package.json"
python3 - "$root" "$scratch/package.json" <<'PY'
import json, os, re, sys

root, manifest = sys.argv[1], sys.argv[2]
targets = [t for t in json.load(open(manifest))["targets"] if t["type"] != "test"]
order = [t["name"] for t in targets]
position = {name: i for i, name in enumerate(order)}
# One import declaration: attributes (`@preconcurrency`, `@_spi(X)`), an access level (`package import`,
# Swift 6), a kind (`import struct M.T`), then the module.
importDeclaration = re.compile(r"\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
                               r"(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?(\w+)(?:\.\w+)*\s*$")

def imported(line):
    """The modules a line imports: its import declarations, one or several separated by `;`."""
    modules = []
    for part in line.split("//")[0].split(";"):
        match = importDeclaration.match(part)
        if not match:
            break
        modules.append(match.group(1))
    return modules

problems = []
for target in targets:
    name = target["name"]
    declared = set()
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        if kind in ("byName", "target") and value[0] in position:
            declared.add(value[0])
            if position[value[0]] > position[name]:
                problems.append(f"Package.swift: {name} depends on {value[0]}, which is declared after it")
    folder = os.path.join(root, target.get("path") or os.path.join("Sources", name))
    for directory, _, files in sorted(os.walk(folder)):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(directory, file)
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    for module in imported(line):
                        if module not in position or module == name:
                            continue
                        where = f"{os.path.relpath(path, root)}:{number}"
                        if position[module] > position[name]:
                            problems.append(f"{where}: {name} imports {module}, which comes later in the pipeline")
                        elif module not in declared:
                            problems.append(f"{where}: {name} imports {module} without listing it in its dependencies")
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
