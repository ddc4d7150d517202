#!/usr/bin/env python3
"""Checks evident's JSON Schemas with a real validator (check-jsonschema, from PyPI).

  check-schemas.py EVIDENT CONTENT_DIR...

1. `evident schema` writes the schemas; each is a valid draft 2020-12 schema (--check-metaschema).
2. Every YAML file and front-matter of each CONTENT_DIR validates against its kind's schema.
3. The tree `evident init` writes validates against the schemas init wrote, found through the
   `# yaml-language-server: $schema=` modeline of each file (so the modelines point right).
4. Files that evident reports (wrong enum value, date, type, an unknown field) are rejected, and
   evident gives the finding each names; files evident reads without a syntax finding are accepted.
5. The CI recipes in docs/ci/ validate against the GitHub workflow and GitLab CI schemas that
   check-jsonschema carries (`--builtin-schema`, no network), and a recipe broken on purpose is
   rejected (so that a validator accepting anything fails this check).
6. What the recipes hand to their consumers: `check --format sarif` of each CONTENT_DIR and of a
   copy broken to give findings of many rules validates against the OASIS SARIF 2.1.0 schema
   (Tests/Schemas) and keeps GitHub code scanning's documented rules (limits, 1-based regions,
   relative URIs, one fingerprint per result, the same after an edit above the findings); the
   Code Quality report the GitLab recipe makes with jq keeps GitLab's format (unique
   fingerprints, severities, lines); and `--format github` reads back, as the runner unescapes
   it, as the findings it annotates.

Front-matter is given to check-jsonschema as a YAML file of its own. check-jsonschema reads YAML 1.2
as an editor's yaml-language-server does (dates stay strings). Run with the Python of the venv
`scripts/setup.sh --test` makes (.build/tools-venv); exit 1 on any failure, never a skip.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

KINDS = [  # (schema file, path pattern inside the content folder)
    ("evident-config.schema.json", re.compile(r"^evident\.yml$")),
    ("policy.schema.json", re.compile(r"^policy\.md$")),
    ("risks.schema.json", re.compile(r"^risks\.md$")),
    ("requirements.schema.json", re.compile(r"^requirements/.+\.md$")),
    ("objective.schema.json", re.compile(r"^objectives/.+\.md$")),
    ("review.schema.json", re.compile(r"^reviews/.+\.md$")),
    ("communication.schema.json", re.compile(r"^communications/.+\.md$")),
]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)

here = os.path.dirname(os.path.abspath(__file__))
validator = os.path.join(os.path.dirname(sys.executable), "check-jsonschema")
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def yaml_of(path):
    """The YAML of a content file: the whole of a .yml, the front-matter of a .md."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not path.endswith(".md"):
        return text
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise ValueError(f"{path}: no front-matter")
    for i, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]) + "\n"
    raise ValueError(f"{path}: front-matter never closed")


def validate(schema, files):
    """check-jsonschema's exit status and output for files against schema."""
    run = subprocess.run([validator, "--schemafile", schema, *files], capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


# Each recipe with the schema check-jsonschema carries for it, and a break that schema must reject.
RECIPES = [
    ("docs/ci/github-actions.yml", "vendor.github-workflows", ("runs-on: ubuntu-latest", "runs-on: [ubuntu-latest\n")),
    ("docs/ci/gitlab-ci.yml", "vendor.gitlab-ci", ("  image: swift:6.1-noble", "  image: { name: swift, tag: 6.1 }")),
]


def check_recipes(scratch):
    """The CI recipes are valid workflows for their CI, and their schemas reject a broken copy."""
    root = os.path.dirname(here)
    for recipe, schema, (line, broken) in RECIPES:
        path = os.path.join(root, recipe)
        run = subprocess.run([validator, "--builtin-schema", schema, path], capture_output=True, text=True)
        if run.returncode != 0:
            fail(f"{recipe} is not a valid {schema} file:\n" + run.stdout + run.stderr)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if line not in text:
            fail(f"{recipe} no longer holds `{line}`, the line this check breaks on purpose")
            continue
        copy = os.path.join(scratch, "broken-" + os.path.basename(recipe))
        with open(copy, "w", encoding="utf-8") as f:
            f.write(text.replace(line, broken, 1))
        run = subprocess.run([validator, "--builtin-schema", schema, copy], capture_output=True, text=True)
        if run.returncode == 0:
            fail(f"{schema} accepts a broken copy of {recipe} (`{broken.strip()}`)")
    print(f"ok  {len(RECIPES)} CI recipes valid against their CI's schema")


SARIF_SCHEMA = os.path.join(os.path.dirname(here), "Tests", "Schemas", "sarif-schema-2.1.0.json")
CODE_QUALITY_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def run_evident(evident, cwd, *args):
    run = subprocess.run([evident, *args], cwd=cwd, capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"evident {' '.join(args)} in {cwd}: exit {run.returncode}: {run.stderr}")
    return run.stdout


def break_copy(content, root):
    """A copy of content under root/content broken to give findings of many rules: a file whose
    name needs percent-encoding, YAML that does not parse, no front-matter, a duplicate id, bad
    CSV rows, leftovers, a broken link, values with `%`, `:` and `,`."""
    copy = os.path.join(root, "content")
    shutil.copytree(content, copy)
    objectives = sorted(os.path.join(d, f) for d, _, files in os.walk(os.path.join(copy, "objectives"))
                        for f in files if f.endswith(".md"))
    with open(objectives[0], encoding="utf-8") as f:
        first = f.read()
    odd = first.replace("\nstatus: active", "\nstatus: activ\nstatu: active", 1)
    odd = re.sub(r"\npolicy: .*", "\npolicy: [POL-99, 'POL:1,2 %0A']", odd, count=1)
    with open(os.path.join(os.path.dirname(objectives[0]), "copy é #1 [x] 100%.md"), "w", encoding="utf-8") as f:
        f.write(odd + "\nSee [the plan](../missing.md).\n")
    with open(objectives[1], encoding="utf-8") as f:
        second = f.read()
    with open(objectives[1], "w", encoding="utf-8") as f:
        f.write(second.replace("\ntitle:", "\ntitle: [unclosed\nx:", 1))
    with open(os.path.join(copy, "objectives", "no-front-matter.md"), "w", encoding="utf-8") as f:
        f.write("# A heading\n")
    for leftover in ("objectives/Thumbs.db", "evidence/~$report.docx"):
        os.makedirs(os.path.dirname(os.path.join(copy, leftover)), exist_ok=True)
        with open(os.path.join(copy, leftover), "w") as f:
            f.write("x")
    with open(os.path.join(copy, "measurements", "OBJ-NOPE%2C:1.csv"), "w", encoding="utf-8") as f:
        f.write("period,value,note\n2026-13,abc,\n2099-01,12,\"a note, with: colon\"\n")
    return odd, os.path.join(os.path.dirname(objectives[0]), "copy é #1 [x] 100%.md")


def github_rules(sarif, label):
    """GitHub code scanning's documented rules for an uploaded SARIF file
    (docs.github.com: SARIF support for code scanning; SARIF results exceed limits)."""
    runs = sarif.get("runs", [])
    if not 1 <= len(runs) <= 20:
        fail(f"{label}: {len(runs)} runs (code scanning takes 1 to 20)")
    for run in runs:
        rules = run["tool"]["driver"]["rules"]
        results = run["results"]
        if len(rules) > 25000 or len(results) > 25000:
            fail(f"{label}: {len(rules)} rules, {len(results)} results (code scanning rejects over 25,000)")
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            fail(f"{label}: rule ids repeat")
        for rule in rules:
            for key, limit in (("shortDescription", 1024), ("fullDescription", 1024), ("help", None)):
                text = rule.get(key, {}).get("text", "")
                if not text or (limit and len(text.encode("utf-16-le")) // 2 > limit):
                    fail(f"{label}: {rule['id']} {key}.text empty or over {limit} characters")
            if len(rule.get("name", "")) > 255 or len(rule.get("properties", {}).get("tags", [])) > 20:
                fail(f"{label}: {rule['id']}: name over 255 characters or over 20 tags")
        prints = set()
        for result in results:
            where = f"{label}: result {result.get('ruleId')} {result.get('message', {}).get('text', '')[:60]!r}"
            if result.get("ruleId") not in ids or ids.index(result["ruleId"]) != result.get("ruleIndex"):
                fail(f"{where}: ruleId/ruleIndex name no rule")
            if result.get("level") not in ("note", "warning", "error") or not result["message"].get("text"):
                fail(f"{where}: level or message.text missing")
            locations = result.get("locations", [])
            if len(locations) != 1:
                fail(f"{where}: {len(locations)} locations")
                continue
            physical = locations[0]["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri) or uri.startswith("/") or ".." in uri.split("/"):
                fail(f"{where}: {uri} is not relative to the repository's top")
            region = physical["region"]
            if region.get("startLine", 0) < 1 or region.get("startColumn", 1) < 1:
                fail(f"{where}: region {region} not 1-based")
            fingerprint = result.get("partialFingerprints", {}).get("primaryLocationLineHash")
            if not fingerprint or fingerprint in prints:
                fail(f"{where}: no primaryLocationLineHash, or one another result has")
            prints.add(fingerprint)


def unescape(text, properties):
    """A workflow command's value as the Actions runner reads it back."""
    for token, escaped in ((["\r", "%0D"], ["\n", "%0A"]) + ((":", "%3A"), (",", "%2C")) * properties + (("%", "%25"),)):
        text = text.replace(escaped, token)
    return text


def check_ci_outputs(evident, contents, scratch):
    """SARIF, Code Quality and annotations of each content folder and of a broken copy."""
    trees = []
    for index, content in enumerate(contents):
        root = os.path.join(scratch, f"ci-{index}")
        shutil.copytree(content, os.path.join(root, "content"))
        trees.append((root, os.path.basename(content), None))
    broken = os.path.join(scratch, "ci-broken")
    odd, odd_path = break_copy(contents[0], broken)
    trees.append((broken, "broken copy", "2027-12-31"))
    with open(os.path.join(os.path.dirname(here), "docs", "ci", "gitlab-ci.yml"), encoding="utf-8") as f:
        recipe = f.read()
    program = re.search(r"\| jq '(.*?)' > gl-code-quality-report\.json", recipe, re.S)
    if not program:
        fail("docs/ci/gitlab-ci.yml: no `jq '...' > gl-code-quality-report.json` step found")
    for root, label, as_of in trees:
        dated = ["--as-of", as_of] if as_of else []
        text = run_evident(evident, root, "check", "--content", "content", "--format", "sarif", "--fail-on", "never", *dated)
        path = os.path.join(root, "evident.sarif")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        status, output = validate(SARIF_SCHEMA, [path])
        if status != 0:
            fail(f"{label}: the SARIF is not valid SARIF 2.1.0:\n{output}")
        sarif = json.loads(text)
        github_rules(sarif, label)
        findings = json.loads(run_evident(evident, root, "check", "--content", "content", "--format", "json", "--fail-on", "never", *dated))["findings"]
        if len(sarif["runs"][0]["results"]) != len(findings):
            fail(f"{label}: {len(findings)} findings, {len(sarif['runs'][0]['results'])} SARIF results")
        if program:
            jq = subprocess.run(["jq", program.group(1)], input=json.dumps({"findings": findings}), capture_output=True, text=True)
            if jq.returncode != 0:
                fail(f"{label}: the recipe's jq program fails: {jq.stderr}")
            else:
                issues = json.loads(jq.stdout)
                prints = [i.get("fingerprint") for i in issues]
                if len(set(prints)) != len(prints) or not all(prints):
                    fail(f"{label}: Code Quality fingerprints missing or not unique")
                for issue in issues:
                    lines = issue.get("location", {}).get("lines", {})
                    if (issue.get("severity") not in CODE_QUALITY_SEVERITIES or not issue.get("description")
                            or not issue.get("check_name") or not issue["location"].get("path")
                            or not isinstance(lines.get("begin"), int) or lines["begin"] < 1):
                        fail(f"{label}: not a Code Quality issue: {issue}")
        annotations = run_evident(evident, root, "check", "--content", "content", "--format", "github", "--fail-on", "never", *dated).splitlines()
        command = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
        for line, finding in zip(annotations, findings):
            match = command.match(line)
            properties = dict(p.split("=", 1) for p in match.group(2).split(",")) if match else {}
            read = {key: unescape(value, True) for key, value in properties.items()}
            if (not match or read.get("file") != finding["file"] or read.get("title") != finding["rule"]
                    or read.get("line") != (str(finding["line"]) if finding["line"] else None)
                    or unescape(match.group(3), False) != finding["message"]):
                fail(f"{label}: the annotation does not read back as its finding:\n{line}\n{finding}")
        if len(annotations) != len(findings):
            fail(f"{label}: {len(annotations)} annotations for {len(findings)} findings")
        print(f"ok  {label}: SARIF valid and as code scanning takes it, Code Quality and annotations, {len(findings)} findings")
    # The same findings keep their fingerprints after an edit above them in their file.
    before = json.loads(open(os.path.join(broken, "evident.sarif"), encoding="utf-8").read())["runs"][0]["results"]
    with open(odd_path, "w", encoding="utf-8") as f:
        f.write(odd.replace("---\n", "---\n# An unrelated comment\n\n", 1) + "\nSee [the plan](../missing.md).\n")
    after = json.loads(run_evident(evident, broken, "check", "--content", "content", "--format", "sarif", "--fail-on", "never", "--as-of", "2027-12-31"))["runs"][0]["results"]
    moved = [b for b, a in zip(before, after) if b["locations"] != a["locations"]]
    if not moved or [r.get("partialFingerprints") for r in before] != [r.get("partialFingerprints") for r in after] or not before[0].get("partialFingerprints"):
        fail(f"the broken copy: {len(moved)} results moved by an edit above them, and their fingerprints changed or none moved")
    # A validator that accepts anything fails this check.
    sarif = json.loads(open(os.path.join(broken, "evident.sarif"), encoding="utf-8").read())
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    path = os.path.join(broken, "broken.sarif")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(sarif, f)
    if validate(SARIF_SCHEMA, [path])[0] == 0:
        fail("the SARIF schema accepts a region with startLine 0")


def content_files(root):
    """(relative path, schema file) of every file of root that has a schema."""
    out = []
    for directory, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            relative = os.path.relpath(os.path.join(directory, name), root)
            for schema, pattern in KINDS:
                if pattern.match(relative):
                    out.append((relative, schema))
    return out


def check_tree(root, schemas, scratch, label, modelines):
    extracted = {}
    for relative, schema in content_files(root):
        path = os.path.join(root, relative)
        yaml = yaml_of(path)
        if modelines:
            named = MODELINE.search(yaml)
            if not named:
                fail(f"{label}: {relative} has no yaml-language-server modeline")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(path), named.group(1)))
            if target != os.path.normpath(os.path.join(schemas, schema)):
                fail(f"{label}: {relative} names {named.group(1)}, not {schema} of {schemas}")
                continue
        copy = os.path.join(scratch, label, relative + ".yaml")
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        with open(copy, "w", encoding="utf-8") as f:
            f.write(yaml)
        extracted.setdefault(schema, []).append(copy)
    kinds = {schema for schema, _ in KINDS}
    if set(extracted) != kinds:
        fail(f"{label}: no file of kind {sorted(kinds - set(extracted))}")
    for schema, files in sorted(extracted.items()):
        status, output = validate(os.path.join(schemas, schema), files)
        if status != 0:
            fail(f"{label}: {len(files)} files against {schema}:\n{output}")
        else:
            print(f"ok  {label}: {len(files)} files valid against {schema}")


# Each must be rejected: (schema, YAML, why, the rule whose finding evident gives for it).
REJECTED = [
    ("objective.schema.json", "id: OBJ-1\nstatus: activ\n", "status not one of its values", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ncadence: montly\n", "cadence not one of its values", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\napproved_on: 15/01/2026\n", "date not YYYY-MM-DD", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\napproved_on: 2026-02-30\n", "date that does not exist", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nversion: one\n", "version not a whole number", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nversion: -1\n", "version below its range", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ntolerence: '<= 6 h'\n", "unknown field", "syntax/unknown-field"),
    ("objective.schema.json", "id: OBJ-1\npolicy: { id: POL-1 }\n", "list given a mapping", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ncontributors: Service Desk Lead, Problem Manager\n", "plain text with commas for a list", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nmetric: Share of calls\n", "metric not a mapping", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nmetric: { name: Calls, unitt: '%' }\n", "unknown field of the metric", "syntax/unknown-field"),
    ("objective.schema.json", "id: OBJ-1\nhistory:\n  - { version: 1, target: 'about 4 h' }\n", "history target not a threshold", "syntax/type"),
    ("objective.schema.json", "title: No id\n", "required field missing", "established/required"),
    ("objective.schema.json", "id: ~\ntitle: Null id\n", "required field null", "established/required"),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: S\nstatus: draft\n", "a draft objective without metric, target...", "measurable/metric"),
    ("review.schema.json", "date: 2026-11-10\nforum: ops-review\ndecisions:\n  - { objective: OBJ-1, decision: keep }\n", "decision not one of its values", "syntax/type"),
    ("review.schema.json", "date: 2026-11-10\nforum: ops-review\nactions:\n  - { id: A-1, owner: O, due: 2026-12-01, text: T, status: closed }\n", "action status not one of its values", "syntax/type"),
    ("review.schema.json", "date: 2026-11-10\n", "review without its forum", "syntax/type"),
    ("review.schema.json", "date: 2026-11-10\nforum: ops-review\nactions:\n  - { id: A-1, text: T }\n", "action without its owner and due date", "syntax/type"),
    ("review.schema.json", "forum: ops-review\n", "review without its date", "syntax/type"),
    ("communication.schema.json", "date: 2026-11-20\nchannel: pigeon\naudience: All staff\n", "channel not one of its values", "syntax/type"),
    ("communication.schema.json", "date: 2026-11-20\nchannel: email\nobjectives: all\n", "communication without its audience", "syntax/type"),
    ("communication.schema.json", "date: 2026-11-20\nchannel: email\naudience: All staff\nobjectives: { all: true }\n", "objectives not a list", "syntax/type"),
    ("policy.schema.json", "title: P\nstatements:\n  - { text: no id }\n", "statement without its id", "syntax/type"),
    ("requirements.schema.json", "title: MSA\nkind: treaty\n", "kind not one of its values", "syntax/type"),
    ("requirements.schema.json", "title: MSA\nrevised: yesterday\n", "revised not a date", "syntax/type"),
    ("evident-config.schema.json", "organization: N\nrules:\n  measurable/target: loud\n", "rule severity not one of its values", "syntax/config"),
    ("evident-config.schema.json", "organization: N\nrules:\n  measurable/targett: off\n", "rules names no rule", "syntax/config"),
    ("evident-config.schema.json", "organization: N\nsettings:\n  stale_after_days: 0\n", "setting below its range", "syntax/config"),
    ("evident-config.schema.json", "organization: N\nsettings:\n  allow_raw_html: maybe\n", "flag not true or false", "syntax/type"),
    ("evident-config.schema.json", "organization: N\nforums:\n  - { id: f, cadence: fortnightly }\n", "forum cadence not one of its values", "syntax/type"),
    ("evident-config.schema.json", "organization: N\nforums:\n  - { id: f, name: F }\n", "forum without its cadence", "syntax/config"),
    ("evident-config.schema.json", "organisation: N\n", "organization misspelt (unknown field, required missing)", "syntax/unknown-field"),
    ("evident-config.schema.json", "organization: N\nstandards: [iso20000-1, iso27002]\n", "a standard evident does not know", "syntax/config"),
    ("objective.schema.json", "id: OBJ-1\nstandards: iso9001x\n", "an objective's unknown standard", "syntax/config"),
    ("objective.schema.json", "id: OBJ-1\nplan: { what: W, due: soon }\n", "plan due not a date", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: S\nfunction: f\npolicy: [POL-1]\nevaluation: ~\n",
     "a null evaluation is absent: metric, data source and target are required", "measurable/metric"),
    ("risks.schema.json", "risks:\n  - { id: R-1, kind: threat }\n", "risk kind not one of its values", "syntax/type"),
    ("risks.schema.json", "risks:\n  - { text: no id }\n", "risk without its id", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nstatement: TBD\n", "a placeholder for an answer", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nevaluation: ' n/a. '\n", "a placeholder in a words field", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nplan: { what: '—' }\n", "marks alone in a plan", "syntax/type"),
    ("evident-config.schema.json", "organization: N\nscope: To be confirmed\n", "a placeholder scope", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nmetric: { name: N, unit: n/a }\n", "a placeholder unit", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\nmetric: { name: N, unit: '-' }\n", "a dash for no unit", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ncontributors: [Service Desk Lead, TBD]\n", "a placeholder among the contributors", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ncontributors: '?'\n", "a placeholder as the one contributor", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\ncontributors: [Service Desk Lead, None]\n", "a word for no one among the contributors", "syntax/type"),
    ("objective.schema.json", "id: OBJ-1\napproved_by: ' nobody. '\n", "a word for no one as the approver", "syntax/type"),
    ("review.schema.json", "date: 2026-11-10\nforum: ops-review\nattendees: [Incident Process Owner, ' n/a. ']\n", "a placeholder among the attendees", "syntax/type"),
]

# Each must be accepted, and evident reads it without a syntax/ finding: what the loader reads that
# a strict reading might not.
ACCEPTED = [
    ("objective.schema.json", "id: OBJ-1\ntitle: 2026\nstatement: S\nfunction: f\npolicy: POL-1\nmetric: { name: N, definition: D }\n"
     "data_source: { system: S, method: M }\ntarget: '>= 90 %'\nversion: '3'\nrequirements:\n", "a number as text, one value as a list, a quoted version, null"),
    ("evident-config.schema.json", "organization: N\nfunctions:\n  - { id: f, excluded: yes }\n  - { id: g, excluded: TRUE }\n"
     "rules:\n  measurable/target: off\n", "yes and TRUE as flags, off as a severity"),
    ("communication.schema.json", "date: 2026-11-20\nchannel: email\naudience: All staff\nobjectives: all\n", "all objectives"),
    ("evident-config.schema.json", "organization: N\nstandards: iso27001\n", "one standard as a list of one"),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: S\nstatus: retired\n", "a retired objective needs no metric, target..."),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: S\nfunction: f\npolicy: [POL-1]\n"
     "evaluation: Judged at the quarterly review.\n", "an objective with an evaluation needs no metric, data source or target"),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: TBD with HR by March\nfunction: f\npolicy: [POL-1]\n"
     "evaluation: none\n", "none, and a placeholder inside a sentence, are answers"),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: S\nfunction: f\npolicy: [POL-1]\nmetric: { name: N, definition: D, unit: x }\n"
     "data_source: { system: S, method: M }\ntarget: '>= 2 x'\n", "x (times) is a unit"),
    ("objective.schema.json", "id: OBJ-1\ntitle: T\nstatement: S\nfunction: f\npolicy: [POL-1]\nmetric: { name: N, definition: D, unit: '%' }\n"
     "data_source: { system: S, method: M }\ntarget: '>= 90 %'\ncontributors: [TBD team lead, Nonet Lead]\n", "% is a unit; names that are words"),
    ("review.schema.json", "date: 2026-11-10\nforum: ops-review\nattendees: Incident Process Owner\n", "one attendee as a list of one"),
]


# Where a case is put in a copy of the init tree, for evident to read it.
CASE_PATHS = {
    "evident-config.schema.json": "evident.yml",
    "policy.schema.json": "policy.md",
    "risks.schema.json": "risks.md",
    "requirements.schema.json": "requirements/msa.md",
    "objective.schema.json": "objectives/OBJ-CASE.md",
    "review.schema.json": "reviews/2026-11-30-case.md",
    "communication.schema.json": "communications/2026-11-30-case.md",
}


def evident_rules(evident, project, schema, yaml):
    """The rules of evident's findings on the case's file, put in a copy of the init tree."""
    tree = os.path.join(os.path.dirname(project), "case")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(project, tree)
    relative = os.path.join("content", CASE_PATHS[schema])
    with open(os.path.join(tree, relative), "w", encoding="utf-8") as f:
        f.write(yaml if relative.endswith(".yml") else "---\n" + yaml + "---\nA case.\n")
    run = subprocess.run([evident, "check", "--format", "json", "--fail-on", "never", relative],
                         cwd=tree, capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"evident check on {relative}: exit {run.returncode}: {run.stderr}")
        return set()
    return {finding["rule"] for finding in json.loads(run.stdout)["findings"]}


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    evident, contents = os.path.abspath(sys.argv[1]), [os.path.abspath(a) for a in sys.argv[2:]]
    if not os.access(validator, os.X_OK):
        print(f"check-schemas: {validator} is missing: run scripts/setup.sh --test", file=sys.stderr)
        return 1
    scratch = tempfile.mkdtemp()
    try:
        schemas = os.path.join(scratch, "schema")
        subprocess.run([evident, "schema", "--output", schemas], check=True, stdout=subprocess.DEVNULL)
        files = [os.path.join(schemas, schema) for schema, _ in KINDS]
        run = subprocess.run([validator, "--check-metaschema", *files], capture_output=True, text=True)
        if run.returncode != 0:
            fail("the schemas are not valid draft 2020-12 schemas:\n" + run.stdout + run.stderr)

        for content, given in zip(contents, sys.argv[2:]):
            check_tree(content, schemas, scratch, given, modelines=False)

        check_recipes(scratch)
        check_ci_outputs(evident, contents, scratch)

        project = os.path.join(scratch, "init")
        subprocess.run([evident, "init", project], check=True, stdout=subprocess.DEVNULL)
        check_tree(os.path.join(project, "content"), os.path.join(project, "schema"), scratch, "init", modelines=True)

        for number, (schema, yaml, why, *rule) in enumerate(REJECTED + ACCEPTED):
            case = os.path.join(scratch, "cases", f"{number}.yaml")
            os.makedirs(os.path.dirname(case), exist_ok=True)
            with open(case, "w", encoding="utf-8") as f:
                f.write(yaml)
            status, output = validate(os.path.join(schemas, schema), [case])
            rejected = number < len(REJECTED)
            if rejected and status == 0:
                fail(f"{schema} accepts what evident reports ({why}):\n{yaml}")
            elif not rejected and status != 0:
                fail(f"{schema} rejects what evident reads ({why}):\n{yaml}{output}")
            found = evident_rules(evident, project, schema, yaml)
            if rejected and rule[0] not in found:
                fail(f"evident does not report {rule[0]} for what {schema} rejects ({why}): {sorted(found)}\n{yaml}")
            elif not rejected and any(r.startswith("syntax/") for r in found):
                fail(f"evident reports {sorted(found)} for what {schema} accepts ({why}):\n{yaml}")
        print(f"ok  {len(REJECTED)} files rejected, {len(ACCEPTED)} accepted as evident reads them")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
