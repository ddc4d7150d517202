#!/usr/bin/env python3
"""Cross-checks every output of evident against every other on random content trees.

    scripts/cross-check.py EVIDENT [--trees N] [--seed S] [--as-of DAY ...] [--keep DIR] [--verbose] [--lonely]

Each tree is a copy of `content/` or `docs/examples/ehs` with random, plausible changes: objectives
added, removed, retired or drafted; values off target, missing (a known gap, or rows deleted
between two kept ones) or in the future; reviews and communications removed, or left without a
field they need; standards mixed (SPEC 8); broken YAML or an unreadable file; rules set to `off` or
`info` in evident.yml. For a few as-of days each, it runs `check --format json|sarif|text`, `build`
and `pack`, reads every count and status each output states (HTML through html.parser), and
compares them: the findings, the counts by severity, each obligation's and each standard item's
status, each objective's lifecycle, result and findings, the dashboard's result counts, the
register (HTML, CSV, JSON), the readiness page, the standards page, the pack's README.html and
readiness.md, SARIF levels; a rule set to `off` appears nowhere, an `info` one fails nothing. The
pack is then read field by field (`read_pack_fields`): registers, dictionary, traceability,
history, SARIF result by result, the guide's tables, CSV bytes, and every link inside the pack.
Where two outputs mean different things by design (`latest_status` is the latest value's status,
the site's result is the due period's; a standard's counts add the unread content's findings that
findings.json tags with no item), it compares what the documented meaning implies.
Exits 1 on any disagreement, naming the tree (kept with --keep), the as-of day and the outputs.
Standard library only; deterministic for a seed. docs/development.md says when to run it.
"""
import argparse
import csv
import html
import html.parser
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import urllib.parse
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASES = ["content", "docs/examples/ehs"]
STANDARDS = ["iso20000-1", "iso9001", "iso27001", "iso14001", "iso45001", "iso22301"]
AS_OF = ["2026-11-29", "2027-02-10", "2026-06-30", "2025-09-30", "2027-12-31"]
# Rules a tree may turn off or down to info; each is one a random tree often triggers.
TUNABLE = ["monitored/no-data", "monitored/review-overdue", "communicated/missing", "monitored/off-target",
           "monitored/action-overdue", "updated/stale", "planned/plan", "monitored/future-value",
           "syntax/yaml", "levels/coverage", "policy/uncovered", "requirements/unaddressed",
           "monitored/persistent-off-target", "planned/overdue", "monitored/unknown-objective"]
SHOW_LONELY = False


# ---------------------------------------------------------------------------- a small DOM

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        out = []
        for c in self.children:
            out.append(c if isinstance(c, str) else c.text())
        return "".join(out)

    def clean(self):
        return re.sub(r"\s+", " ", self.text()).strip()

    def all(self, pred):
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    yield c
                yield from c.all(pred)

    def find(self, pred):
        return next(self.all(pred), None)

    def cls(self, name):
        return list(self.all(lambda n: name in n.classes()))

    def tags(self, tag):
        return list(self.all(lambda n: n.tag == tag))

    def by_id(self, ident):
        return self.find(lambda n: n.attrs.get("id") == ident)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class DOM(html.parser.HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def dom(path):
    return DOM(Path(path).read_text(encoding="utf-8")).root


def badge(node):
    """The kind of the first site badge (`badge badge-KIND`) inside node, or None."""
    if node is None:
        return None
    for b in node.all(lambda n: "badge" in n.classes()):
        for c in b.classes():
            if c.startswith("badge-"):
                return c[len("badge-"):]
    return None


def guide_badge(node):
    """The kind of the first badge in the pack's README.html (`badge KIND`)."""
    b = node.find(lambda n: "badge" in n.classes()) if node is not None else None
    return None if b is None else next((c for c in b.classes() if c != "badge"), None)


# ---------------------------------------------------------------------------- tree generator

def front_matter_edit(path, key, value):
    """Sets a top-level front-matter key (a one-line value) in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return
    for i in range(1, end):
        if re.match(rf"{re.escape(key)}:", lines[i]):
            j = i + 1
            while j < end and (lines[j].startswith(" ") or lines[j].startswith("-")):
                j += 1
            lines[i:j] = [f"{key}: {value}"]
            break
    else:
        lines.insert(end, f"{key}: {value}")
    path.write_text("\n".join(lines), encoding="utf-8")


def readable(p):
    try:
        return not p.is_symlink() and (p.read_bytes().decode("utf-8") or True)
    except (UnicodeDecodeError, OSError):
        return False


def objective_files(tree):
    """The objective files a change may edit: not the ones an earlier change made unreadable."""
    return sorted(p for p in (tree / "objectives").rglob("*.md") if readable(p))


def objective_id(path):
    m = re.search(r"^id:\s*(\S+)", path.read_text(encoding="utf-8", errors="replace"), re.M)
    return m.group(1) if m else None


def yml_set(tree, key, block):
    """Replaces (or appends) a top-level block of evident.yml."""
    yml = tree / "evident.yml"
    lines = yml.read_text(encoding="utf-8").split("\n")
    out, skip = [], False
    for line in lines:
        if re.match(rf"{re.escape(key)}:", line):
            skip = True
            continue
        if skip and (line.startswith(" ") or line.startswith("-") or line.strip() == ""):
            if line.strip() == "":
                skip = False
                out.append(line)
            continue
        skip = False
        out.append(line)
    out.append(block)
    yml.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


def random_csv(rng, dest):
    """A measurements file of the tree chosen at random: its path, its lines, and the indices of
    its rows (the lines after the header that are not blank); no rows when the tree has none."""
    csvs = sorted((dest / "measurements").rglob("*.csv"))
    if not csvs:
        return None, [], []
    f = rng.choice(csvs)
    rows = f.read_text(encoding="utf-8").split("\n")
    return f, rows, [i for i, r in enumerate(rows) if i > 0 and r.strip()]


def make_tree(rng, base, dest):
    """Copies base to dest and applies random changes; returns what it did and the rule overrides."""
    shutil.copytree(ROOT / base, dest)
    done, rules = [], {}
    objs = objective_files(dest)
    for _ in range(rng.randint(2, 7)):
        kind = rng.choice(["remove", "retire", "draft", "add", "off-target", "gap", "no-row", "future", "no-review",
                           "no-comm", "standards", "obj-standards", "broken-yaml", "unreadable", "rules",
                           "rules", "off-target", "dup-id", "no-id", "ignored", "unknown-csv", "unknown-function",
                           "no-tolerance", "rules", "all-named", "none-active", "incomplete"])
        objs = objective_files(dest)
        if not objs:
            break
        o = rng.choice(objs)
        oid = objective_id(o)
        if kind == "remove":
            o.unlink()
        elif kind in ("retire", "draft"):
            front_matter_edit(o, "status", "retired" if kind == "retire" else "draft")
        elif kind == "add":
            n = rng.randint(50, 99)
            new = o.with_name(f"OBJ-NEW-{n}.md")
            if new.exists():
                continue
            new.write_text(o.read_text(encoding="utf-8").replace(f"id: {oid}", f"id: OBJ-NEW-{n}", 1), encoding="utf-8")
            oid = f"OBJ-NEW-{n}"
        elif kind == "no-row":  # rows deleted between two kept ones: a run with no row (monitored/no-data)
            f, rows, body = random_csv(rng, dest)
            if len(body) < 4:
                continue
            first = rng.choice(body[1:-2])
            gone = set(body[body.index(first):body.index(first) + rng.randint(1, 2)]) - {body[-1]}
            f.write_text("\n".join(r for i, r in enumerate(rows) if i not in gone), encoding="utf-8")
            done.append(f"no-row {f.relative_to(dest)}:{','.join(str(i + 1) for i in sorted(gone))}")
            continue
        elif kind in ("off-target", "gap", "future"):
            f, rows, body = random_csv(rng, dest)
            if not body:
                continue
            i = rng.choice(body[-4:])
            cells = rows[i].split(",")
            header = rows[0].lstrip("\ufeff").split(",")
            vi = header.index("value") if "value" in header else None
            pi = header.index("period") if "period" in header else None
            if vi is None or pi is None or len(cells) <= max(vi, pi):
                continue
            if kind == "off-target":
                try:
                    v = float(cells[vi])
                except ValueError:
                    continue
                cells[vi] = f"{v * rng.choice([0.2, 0.5, 3, 10]):g}"
                rows[i] = ",".join(cells)
            elif kind == "gap":
                cells[vi] = ""
                if "note" in header and len(cells) > header.index("note"):
                    cells[header.index("note")] = "Source system down"
                rows[i] = ",".join(cells)
            else:
                cells[pi] = rng.choice(["2027-09", "2028-Q1", "2027-H2", "2028"])
                rows.insert(i + 1, ",".join(cells))
            f.write_text("\n".join(rows), encoding="utf-8")
            done.append(f"{kind} {f.relative_to(dest)}:{i + 1}")
            continue
        elif kind == "no-review":
            revs = sorted((dest / "reviews").rglob("*.md")) if (dest / "reviews").exists() else []
            if not revs:
                continue
            r = rng.choice(revs)
            r.unlink()
            done.append(f"remove {r.relative_to(dest)}")
            continue
        elif kind == "incomplete":  # a record without a field it needs: syntax/type, and it counts for less
            folders = [dest / d for d in ("reviews", "communications") if (dest / d).exists()]
            recs = sorted(p for d in folders for p in d.rglob("*.md"))
            if not recs:
                continue
            r = rng.choice(recs)
            lines = r.read_text(encoding="utf-8").split("\n")
            fields = ("    owner:", "    due:", "    text:", "forum:", "channel:", "audience:")
            places = [i for i, line in enumerate(lines) if line.startswith(fields)]
            if not places:
                continue
            removed = lines.pop(rng.choice(places))
            r.write_text("\n".join(lines), encoding="utf-8")
            done.append(f"{r.relative_to(dest)} without {removed.split(':')[0].strip()}")
            continue
        elif kind == "no-comm":
            comms = sorted((dest / "communications").rglob("*.md")) if (dest / "communications").exists() else []
            if not comms:
                continue
            c = rng.choice(comms)
            c.unlink()
            done.append(f"remove {c.relative_to(dest)}")
            continue
        elif kind == "standards":
            chosen = rng.sample(STANDARDS, rng.randint(1, 3))
            yml_set(dest, "standards", f"standards: [{', '.join(chosen)}]")
            done.append(f"standards {chosen}")
            continue
        elif kind == "obj-standards":
            chosen = rng.sample(STANDARDS, rng.randint(1, 2))
            front_matter_edit(o, "standards", f"[{', '.join(chosen)}]")
            done.append(f"{oid} standards {chosen}")
            continue
        elif kind == "all-named":  # every objective names one standard: the others serve none
            chosen = rng.choice(STANDARDS)
            for each in objs:
                front_matter_edit(each, "standards", f"[{chosen}]")
            done.append(f"every objective names {chosen}")
            continue
        elif kind == "none-active":
            for each in objs:
                front_matter_edit(each, "status", rng.choice(["draft", "retired"]))
            done.append("no objective active")
            continue
        elif kind == "dup-id":
            copy = o.with_name(o.stem + "-copy.md")
            shutil.copyfile(o, copy)
        elif kind == "no-id":
            text = o.read_text(encoding="utf-8")
            o.write_text(re.sub(r"^id: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
        elif kind == "ignored":
            (dest / "objectives" / "notes.txt").write_text("stray\n", encoding="utf-8")
            (dest / "objective").mkdir(exist_ok=True)
            done.append("ignored files")
            continue
        elif kind == "unknown-csv":
            (dest / "measurements").mkdir(exist_ok=True)
            (dest / "measurements" / "OBJ-GONE-01.csv").write_text("period,value\n2026-09,5\n2026-10,7\n", encoding="utf-8")
            done.append("measurements for an undeclared objective")
            continue
        elif kind == "unknown-function":
            front_matter_edit(o, "function", "no-such-function")
        elif kind == "no-tolerance":
            front_matter_edit(o, "tolerance", "")
        elif kind == "broken-yaml":
            text = o.read_text(encoding="utf-8")
            o.write_text(text.replace("\ntitle:", "\ntitle: [unclosed\n  oops: {", 1), encoding="utf-8")
        elif kind == "unreadable":
            if rng.random() < 0.5:
                o.write_bytes(b"---\nid: \xff\xfe\x00bad\n---\n" + o.read_bytes()[4:])
            else:
                o.unlink()
                os.symlink("nowhere/missing.md", o)
            done.append(f"unreadable {o.relative_to(dest)}")
            continue
        elif kind == "rules":
            rule = rng.choice(TUNABLE)
            rules[rule] = rng.choice(["off", "info", "off", "error", "warning"])
            if rng.random() < 0.4:  # a second one, often the default-info rule made louder
                rules[rng.choice(TUNABLE)] = rng.choice(["off", "info", "error"])
            yml_set(dest, "rules", "rules:\n" + "\n".join(f"  {k}: {v}" for k, v in sorted(rules.items())))
            done.append(f"rules {rule}: {rules[rule]}")
            continue
        done.append(f"{kind} {oid} ({o.relative_to(dest)})")
    return done, rules


# ---------------------------------------------------------------------------- running evident

def run(evident, args, cwd, ok=(0, 1)):
    p = subprocess.run([evident, *args], cwd=cwd, capture_output=True, text=True)
    if p.returncode not in ok:
        raise RuntimeError(f"evident {' '.join(args)} exited {p.returncode}: {p.stderr[-2000:]}")
    return p


# ---------------------------------------------------------------------------- what each output states

def status_of(findings):
    sev = {f["severity"] for f in findings}
    return "fail" if "error" in sev else "warn" if "warning" in sev else "pass"


def sev_counts(findings):
    c = Counter(f["severity"] for f in findings)
    return (c["error"], c["warning"], c["info"])


def parse_counts_text(text):
    """(errors, warnings, info) from a text such as `2 errors, 1 warning, 0 info` (missing: 0)."""
    def n(word):
        m = re.search(rf"(\d+) {word}", text)
        return int(m.group(1)) if m else 0
    return (n("error"), n("warning"), n("info"))


class Outputs:
    """Every fact one run states, keyed by where it says it."""

    def __init__(self):
        self.facts = {}   # (subject) -> {source: value}
        self.errors = []
        self.unread = {}
        self.tagged = {}

    def say(self, subject, source, value):
        self.facts.setdefault(subject, {})[source] = value


def read_check(o, work, evident, asof):
    j = json.loads(run(evident, ["check", "--content", "content", "--as-of", asof, "--format", "json"], work).stdout)
    findings = j["findings"]
    s = j["summary"]
    o.json = j
    o.say("severity counts", "check json summary", (s["error"], s["warning"], s["info"]))
    o.say("severity counts", "check json findings", sev_counts(findings))
    for ob, st in s["obligations"].items():
        o.say(f"obligation {ob}", "check json summary", st)
    for std in s.get("standards", []):
        o.say(f"standard {std['standard']}", "check json summary", std["status"])
        for it in std["items"]:
            o.say(f"item {std['standard']}/{it['item']}", "check json summary", it["status"])
    # Recomputed from the findings themselves.
    for ob, st in s["obligations"].items():
        got = status_of([f for f in findings if f["obligation"] == ob or (ob == "syntax" and f["obligation"] is None)])
        # With no error or warning an obligation passes, or is not assessed when nothing is active.
        o.say(f"obligation {ob}", "recomputed from findings", st if got == "pass" and st == "not-assessed" else got)
    for std in s.get("standards", []):
        sid = std["standard"]
        mine = [f for f in findings if any(x["standard"] == sid for x in f.get("standards") or [])]
        o.tagged[sid] = sev_counts(mine)
        for it in std["items"]:
            its = [f for f in mine if any(x["standard"] == sid and x["item"] == it["item"] for x in f["standards"])]
            o.say(f"item counts {sid}/{it['item']}", "check json findings", sev_counts(its))
    per_obj = Counter(f["objective"] for f in findings if f.get("objective"))
    o.per_obj_json = per_obj

    sarif = json.loads(run(evident, ["check", "--content", "content", "--as-of", asof, "--format", "sarif"], work).stdout)
    results = [r for run_ in sarif["runs"] for r in run_.get("results", [])]
    lv = Counter(r.get("level", "warning") for r in results)
    o.say("severity counts", "check sarif levels", (lv["error"], lv["warning"], lv["note"]))
    o.sarif_rules = {r["ruleId"] for r in results}
    level = {"error": "error", "warning": "warning", "info": "note"}
    o.say("rule and level of each finding", "check sarif", sorted((r["ruleId"], r.get("level", "warning")) for r in results))
    o.say("rule and level of each finding", "check json", sorted((f["rule"], level[f["severity"]]) for f in findings))

    text = run(evident, ["check", "--content", "content", "--as-of", asof, "--no-color"], work).stdout
    o.text = text
    lines = text.splitlines()
    line_sev = Counter()
    for ln in lines:
        m = re.match(r"^\S.*?:\d+(?::\d+)?: (error|warning|info): .* \[[a-z-]+/[a-z-]+\]$", ln) or \
            re.match(r"^\S[^:]*: (error|warning|info): .* \[[a-z-]+/[a-z-]+\]$", ln)
        if m:
            line_sev[m.group(1)] += 1
    o.say("severity counts", "check text lines", (line_sev["error"], line_sev["warning"], line_sev["info"]))
    last = next((ln for ln in reversed(lines) if re.search(r"\d+ objectives? \(", ln)), "")
    o.say("severity counts", "check text total line", parse_counts_text(last))
    m = re.match(r"(\d+) objectives? \((\d+) active\)", last)
    if m:
        o.say("objective count", "check text total line", int(m.group(1)))
        o.say("active count", "check text total line", int(m.group(2)))
    for ob in s["obligations"]:
        m = next((re.match(rf"^{re.escape(ob)}\s+(pass|warn|fail|not assessed)\b", ln) for ln in lines
                  if re.match(rf"^{re.escape(ob)}\s+(pass|warn|fail|not assessed)", ln)), None)
        o.say(f"obligation {ob}", "check text summary", m.group(1) if m else "(absent)")
        line = next((ln for ln in lines if re.match(rf"^{re.escape(ob)}\s+(pass|warn|fail|not assessed)", ln)), "")
        o.say(f"obligation counts {ob}", "check text summary", parse_counts_text(line))
        o.say(f"obligation counts {ob}", "check json findings",
              sev_counts([f for f in findings if f["obligation"] == ob or (ob == "syntax" and f["obligation"] is None)]))
    for std in s.get("standards", []):
        m = next((re.match(rf"^{re.escape(std['name'])}, clause 6\.2\s+(\S+)", ln) for ln in lines
                  if ln.startswith(std["name"] + ", clause")), None)
        if m:
            o.say(f"standard {std['standard']}", "check text summary", m.group(1))
            o.say(f"standard counts {std['standard']}", "check text summary", parse_counts_text(m.string))
    for std in s.get("standards", []):
        js = json.loads(run(evident, ["check", "--content", "content", "--as-of", asof, "--format", "json",
                                      "--standard", std["standard"]], work).stdout)
        for st in js["summary"].get("standards", []):
            if st["standard"] == std["standard"]:
                o.say(f"standard {st['standard']}", "check json --standard", st["status"])
                for it in st["items"]:
                    o.say(f"item {st['standard']}/{it['item']}", "check json --standard", it["status"])
    return findings


def period_span(p):
    """(first day, last day) of a period as `YYYY-MM-DD` strings, or None."""
    import datetime as dt
    def d(y, m, day):
        return dt.date(y, m, day)
    def month_end(y, m):
        return (d(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    try:
        if m := re.fullmatch(r"(\d{4})", p):
            y = int(m[1]); a, b = d(y, 1, 1), d(y, 12, 31)
        elif m := re.fullmatch(r"(\d{4})-H([12])", p):
            y, h = int(m[1]), int(m[2]); a, b = d(y, 6 * h - 5, 1), month_end(y, 6 * h)
        elif m := re.fullmatch(r"(\d{4})-Q([1-4])", p):
            y, q = int(m[1]), int(m[2]); a, b = d(y, 3 * q - 2, 1), month_end(y, 3 * q)
        elif m := re.fullmatch(r"(\d{4})-(\d{2})", p):
            y, mo = int(m[1]), int(m[2]); a, b = d(y, mo, 1), month_end(y, mo)
        elif m := re.fullmatch(r"(\d{4})-W(\d{2})", p):
            a = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1); b = a + dt.timedelta(days=6)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", p):
            a = b = dt.date.fromisoformat(p)
        else:
            return None
    except ValueError:
        return None
    return a, b


IF_PRACTICABLE = {"iso27001", "iso14001", "iso45001", "iso22301"}


def derived_result(standards, status, latest_status, latest_period, due_period, evaluation, target):
    """The result the site should show, from what a register row states (docs/pack.md): no data when
    `due_period` is set and the latest value is older or missing; `evaluated` for an objective with an
    `evaluation` and no target; `not-yet-due` for an active objective that owes no period yet, and
    `not-monitored` for a draft or retired one with no value."""
    if due_period:
        lp, dp = period_span(latest_period or ""), period_span(due_period)
        if not latest_status or (lp and dp and lp[1] < dp[0]):
            return "no-data"
        return latest_status
    if evaluation and not target and not latest_status and standards and set(standards) <= IF_PRACTICABLE:
        return "evaluated"
    if latest_status:
        return latest_status
    return "not-yet-due" if status == "active" else "not-monitored"


def read_site(o, site, label, findings, std_names):
    root = dom(site / "index.html")
    panel = root.cls("readiness-panel")[0]
    head = panel.cls("panel-head")[0]
    o.say("overall", f"{label} dashboard", badge(head))
    o.say("severity counts", f"{label} dashboard", parse_counts_text(head.cls("counts")[0].clean()))
    for card in root.cls("standard-card"):
        h = card.find(lambda n: n.tag == "h3")
        anchor = h.attrs.get("id", "").removeprefix("dash-")
        sid = anchor.removeprefix("std-")
        o.say(f"standard {sid}", f"{label} dashboard", badge(h))
        o.say(f"standard counts {sid}", f"{label} dashboard", parse_counts_text(card.cls("standard-counts")[0].clean()))
        for li in card.cls("standard-item"):
            a = li.find(lambda n: n.tag == "a")
            item = a.attrs["href"].split("#")[-1].removeprefix(anchor + "-")
            o.say(f"item {sid}/{item}", f"{label} dashboard", badge(li))
    counts = {badge(li): int(li.cls("status-number")[0].clean()) for li in root.cls("status-count")}
    o.say("result counts", f"{label} dashboard", counts)
    meta = root.cls("page-head")[0].cls("meta")[0].clean()
    m = re.search(r"(\d+) active objectives? of (\d+) \((\d+) drafts?, (\d+) retired\)", meta)
    if m:
        o.say("objective count", f"{label} dashboard", int(m.group(2)))
        o.say("active count", f"{label} dashboard", int(m.group(1)))
    else:
        o.errors.append(f"{label} dashboard meta line not understood: {meta!r}")
    dash_levels = []
    for sec in root.all(lambda n: n.tag == "section" and "level" in n.classes()):
        counts = {}
        for li in sec.cls("mini-counts")[0].tags("li") if sec.cls("mini-counts") else []:
            counts[badge(li)] = int(re.sub(r"\D", "", li.clean()) or 0)
        o.say(f"level {sec.attrs['id'].removeprefix('dash-')} result counts", f"{label} dashboard", counts)
        dash_levels.append(sec.attrs["id"].removeprefix("dash-level-"))
    dash_hrefs = {}
    for t in root.cls("level-objectives"):
        for tr in t.tags("tr"):
            th = tr.find(lambda n: n.tag == "th" and n.attrs.get("scope") == "row")
            if th:
                dash_hrefs[th.find(lambda n: n.tag == "a").attrs["href"]] = badge(tr.tags("td")[-1])

    # The register, three ways. Rows are in one order in all three (by id, then by file), so the
    # n-th row of each is one objective, named here by its file: ids may be missing or repeated.
    reg = dom(site / "register.html")
    html_rows = []
    for tr in reg.all(lambda n: n.tag == "tr" and "data-lifecycle" in n.attrs):
        th = tr.find(lambda n: n.tag == "th")
        tds = tr.tags("td")
        html_rows.append({"id": th.clean(), "href": th.find(lambda n: n.tag == "a").attrs["href"],
                          "lifecycle": tr.attrs["data-lifecycle"], "result": tr.attrs["data-result"],
                          "level": tr.attrs.get("data-level"),
                          "findings": int(tds[-1].clean() or 0)})
    with open(site / "data/register.csv", encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    json_rows = json.loads((site / "data/register.json").read_text())["objectives"]
    o.say("register rows", f"{label} register.html", len(html_rows))
    o.say("register rows", f"{label} register.csv", len(csv_rows))
    o.say("register rows", f"{label} register.json", len(json_rows))
    o.say("register order", f"{label} register.csv", [r["file"] for r in csv_rows])
    o.say("register order", f"{label} register.json", [r["file"] for r in json_rows])
    page_key = {}
    o.objective_files = {}
    for h, c, j in zip(html_rows, csv_rows, json_rows):
        key = c["file"]
        o.objective_files.setdefault(c["id"], []).append(key)
        page_key[h["href"]] = key
        # Without an id, the pages name the objective by its file, the registers leave `id` empty.
        o.say(f"{key} id", f"{label} register.csv", c["id"] or c["file"])
        o.say(f"{key} id", f"{label} register.json", j["id"] or j["file"])
        o.say(f"{key} lifecycle", f"{label} register.html", h["lifecycle"])
        o.say(f"{key} lifecycle", f"{label} register.csv", c["status"])
        o.say(f"{key} lifecycle", f"{label} register.json", j["status"])
        o.say(f"{key} findings", f"{label} register.html", h["findings"])
        o.say(f"{key} findings", f"{label} register.csv", int(c["findings"] or 0))
        o.say(f"{key} findings", f"{label} register.json", j["findings"])
        o.say(f"{key} result", f"{label} register.html", h["result"])
        # docs/pack.md: `latest_status` is the status of the latest value however old; the site's
        # result is "No data" when the due period is later than that value's period.
        o.say(f"{key} result", f"{label} register.csv (latest_status, due_period)",
              derived_result([x.strip() for x in c["standards"].split(";") if x.strip()], c["status"], c["latest_status"],
                             c["latest_period"], c["due_period"], c["evaluation"], c["target"]))
        latest = j.get("latest") or {}
        o.say(f"{key} result", f"{label} register.json (latest, due_period)",
              derived_result(j.get("standards") or [], j.get("status"), latest.get("status"), latest.get("period"),
                             j.get("due_period"), j.get("evaluation"), j.get("target")))
        if h["href"] in dash_hrefs:
            o.say(f"{key} result", f"{label} dashboard row", dash_hrefs[h["href"]])
    active = [c for c in csv_rows if c["status"] == "active"]
    for sid in std_names:
        o.say(f"active serving {sid}", f"{label} register.csv (active rows naming it)",
              sum(1 for c in active if sid in [x.strip() for x in c["standards"].split(";")]))
    o.say("objective count", f"{label} register.html rows", len(html_rows))
    o.say("active count", f"{label} register.html rows", sum(1 for h in html_rows if h["lifecycle"] == "active"))
    o.say("result counts", f"{label} register.html (active rows)",
          dict(Counter(h["result"] for h in html_rows if h["lifecycle"] == "active")))

    levels = {level: Counter() for level in dash_levels}
    for h in html_rows:
        if h["lifecycle"] == "active":  # no level (an unknown function): the dashboard's "none"
            levels.setdefault(h["level"] or "none", Counter())[h["result"]] += 1
    for level, counts in levels.items():
        o.say(f"level level-{level} result counts", f"{label} register.html (active rows)", dict(counts))

    # Each objective's page, as the register links it.
    for href, key in page_key.items():
        p = dom(site / href)
        o.say(f"{key} id", f"{label} objective page", p.cls("objective-id")[0].clean())
        o.say(f"{key} lifecycle", f"{label} objective page", badge(p.cls("eyebrow")[0]))
        kf = next((li for li in p.tags("li") if li.cls("kf-label") and li.cls("kf-label")[0].clean() == "Result"), None)
        evaluated = any(li.cls("kf-label")[0].clean() == "Evaluation" for li in p.tags("li") if li.cls("kf-label"))
        o.say(f"{key} result", f"{label} objective page", badge(kf) if kf else "evaluated" if evaluated else None)
        sec = p.find(lambda n: n.tag == "section" and n.attrs.get("aria-labelledby") == "findings-heading")
        frows = [tr for tr in sec.tags("tr") if tr.parent.tag == "tbody"] if sec else []
        o.say(f"{key} findings", f"{label} objective page", len(frows))
        sev = Counter(badge(tr.tags("td")[0]) for tr in frows)
        o.say(f"{key} finding severities", f"{label} objective page table", (sev["error"], sev["warning"], sev["info"]))
        # The summary is there only when there is an error or a warning to act on.
        head = p.by_id("findings-summary-heading")
        o.say(f"{key} finding severities", f"{label} objective page summary",
              parse_counts_text(head.clean()) if head else (0, 0, sev["info"]))
        o.say(f"{key} finding rules", f"{label} objective page", sorted(tr.tags("td")[2].clean() for tr in frows))
    o.say("objective pages", f"{label} objectives/ folder", len(list((site / "objectives").glob("*.html"))))
    o.say("objective pages", f"{label} register.html links", len(page_key))

    # The readiness page.
    rd = dom(site / "readiness.html")
    meta = rd.cls("page-head")[0].cls("meta")[0]
    o.say("overall", f"{label} readiness", badge(meta))
    o.say("severity counts", f"{label} readiness", parse_counts_text(meta.clean()))
    for sec in rd.cls("standard-section"):
        anchor = sec.attrs["id"]
        sid = anchor.removeprefix("std-")
        o.say(f"standard {sid}", f"{label} readiness", badge(sec.find(lambda n: n.tag == "h2")))
        # The standard's counts are its items' findings plus the unread content's that bear on it,
        # which the section states apart ("Judged without content that could not be read: N errors").
        unread = sec.cls("unread")
        o.unread[sid] = parse_counts_text(unread[0].clean()) if unread else (0, 0, 0)
        o.say(f"standard counts {sid}", f"{label} readiness", parse_counts_text(sec.cls("meta")[0].clean()))
        for tr in sec.cls("standard-items")[0].tags("tr"):
            if "id" not in tr.attrs:
                continue
            item = tr.attrs["id"].removeprefix(anchor + "-")
            tds = tr.tags("td")
            o.say(f"item {sid}/{item}", f"{label} readiness", badge(tds[1]))
            o.say(f"item counts {sid}/{item}", f"{label} readiness", parse_counts_text(tds[2].clean()))
            th = tr.find(lambda n: n.tag == "th")
            title = "".join(c for c in th.children if isinstance(c, str)).strip()
            o.say(f"md item {sid}/{tds[0].clean()}|{title}", f"{label} readiness",
                  (norm(badge(tds[1])), parse_counts_text(tds[2].clean())))
        for isec in sec.cls("item-section"):
            item = isec.attrs["id"].removeprefix(anchor + "-").removesuffix("-findings")
            n = len([tr for tr in isec.tags("tr") if tr.parent.tag == "tbody"])
            o.say(f"item findings {sid}/{item}", f"{label} readiness rows", n)
            c = o.facts.get(f"item counts {sid}/{item}", {}).get("check json findings")
            if c is not None:
                o.say(f"item findings {sid}/{item}", "check json findings", sum(c))

    # The standards page.
    sp = dom(site / "standards.html")
    for tr in sp.cls("standards-list")[0].tags("tr"):
        th = tr.find(lambda n: n.tag == "th" and n.attrs.get("scope") == "row")
        if th is None:
            continue
        sid = th.find(lambda n: n.tag == "a").attrs["href"].split("#")[-1].removeprefix("std-")
        o.say(f"standard {sid}", f"{label} standards page", badge(tr))
        o.say(f"active serving {sid}", f"{label} standards page", int(tr.tags("td")[-1].clean()))
    for a in sp.cls("standards-matrix")[0].all(lambda n: n.tag == "a" and "clause" in n.classes()):
        frag = a.attrs["href"].split("#")[-1].removeprefix("std-")
        sid = next((s for s in std_names if frag.startswith(s + "-")), None)
        if sid:
            o.say(f"item {sid}/{frag.removeprefix(sid + '-')}", f"{label} standards page", badge(a.parent))
    return html_rows


def read_pack(o, pack_dir, std_names):
    # readiness.md
    md = (pack_dir / "readiness.md").read_text(encoding="utf-8")
    m = re.search(r"^- Findings: (.*)$", md, re.M)
    o.say("severity counts", "pack readiness.md", parse_counts_text(m.group(1)) if m else None)
    m = re.search(r"^- Objectives: (\d+) \((\d+) active", md, re.M)
    if m:
        o.say("objective count", "pack readiness.md", int(m.group(1)))
        o.say("active count", "pack readiness.md", int(m.group(2)))
    for m in re.finditer(r"^\| \[[^\]]+\]\(#([a-z0-9-]+)\) \| \*\*([a-z ]+)\*\* \| (\d+) \| (\d+) \| (\d+) \|$", md, re.M):
        if m.group(1) == "syntax":
            o.say("obligation syntax", "pack readiness.md", m.group(2))
            continue
        o.say(f"standard {m.group(1)}", "pack readiness.md", m.group(2).replace("not assessed", "na"))
        o.say(f"standard counts {m.group(1)}", "pack readiness.md", (int(m.group(3)), int(m.group(4)), int(m.group(5))))
    sections = re.split(r'^<a id="([a-z0-9-]+)"></a>$', md, flags=re.M)
    for i in range(1, len(sections), 2):
        sid, body = sections[i], sections[i + 1]
        for m in re.finditer(r"^\| ([0-9][^|]*?) \| ([^|]+?) \| \*\*([a-z ]+)\*\* \| (\d+) \| (\d+) \| (\d+) \|$", body, re.M):
            o.say(f"md item {sid}/{m.group(1)}|{m.group(2).split(' (')[0]}", "pack readiness.md",
                  (m.group(3).replace("not assessed", "na"), (int(m.group(4)), int(m.group(5)), int(m.group(6)))))
    # README.html
    g = dom(pack_dir / "README.html")
    about = g.by_id("about")
    dl = {dt.clean(): dt for dt in about.tags("dt")}
    def dd(name):
        dt = dl.get(name)
        if dt is None:
            return ""
        sib = dt.parent.children[dt.parent.children.index(dt) + 1:]
        return next((c.clean() for c in sib if isinstance(c, Node) and c.tag == "dd"), "")
    o.say("severity counts", "pack README.html", parse_counts_text(dd("Findings")))
    m = re.match(r"(\d+) \((\d+) active", dd("Objectives"))
    if m:
        o.say("objective count", "pack README.html", int(m.group(1)))
        o.say("active count", "pack README.html", int(m.group(2)))
    for sid in std_names:
        sec = g.by_id(sid)
        if sec is None:
            o.say(f"standard {sid}", "pack README.html", "(absent)")
            continue
        o.say(f"standard {sid}", "pack README.html", guide_badge(sec.find(lambda n: n.tag == "h2")))
        items = sec.cls("items")
        if items:
            for tr in items[0].tags("tr"):
                a = tr.find(lambda n: n.tag == "a")
                if a is None:
                    continue
                item = a.attrs["href"].split("#")[-1].removeprefix(sid + "-")
                tds = tr.tags("td")
                o.say(f"item {sid}/{item}", "pack README.html", guide_badge(tds[1]))
                o.say(f"item counts {sid}/{item}", "pack README.html",
                      tuple(int(td.clean()) for td in tds[2:5]))
    summary = g.by_id("summary")
    for tr in summary.tags("tr"):
        a = tr.find(lambda n: n.tag == "a")
        if a is None:
            continue
        sid = a.attrs["href"].lstrip("#")
        tds = tr.tags("td")
        if sid == "syntax":
            o.say("obligation syntax", "pack README.html summary", guide_badge(tds[0]))
            o.say("obligation counts syntax", "pack README.html summary", tuple(int(td.clean()) for td in tds[1:4]))
            continue
        o.say(f"standard {sid}", "pack README.html summary", guide_badge(tds[0]))
        o.say(f"standard counts {sid}", "pack README.html summary", tuple(int(td.clean()) for td in tds[1:4]))
    # findings.json and findings.sarif in the pack
    pj = json.loads((pack_dir / "findings.json").read_text())
    o.say("severity counts", "pack findings.json", sev_counts(pj["findings"]))
    ps = json.loads((pack_dir / "findings.sarif").read_text())
    lv = Counter(r.get("level", "warning") for run_ in ps["runs"] for r in run_.get("results", []))
    o.say("severity counts", "pack findings.sarif", (lv["error"], lv["warning"], lv["note"]))
    return pj


def pack_csv(pack_dir, name, bad):
    """A register of the pack as a spreadsheet reads it: UTF-8 with a BOM, CRLF, the formula guard undone."""
    raw = (pack_dir / name).read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        bad.append(f"{name}: no byte-order mark")
    text = raw.decode("utf-8-sig")
    if "\n" in text.replace("\r\n", ""):
        bad.append(f"{name}: a line not ended by CRLF")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for r in rows:
        for k, v in r.items():
            if v[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", v):
                bad.append(f"{name}: cell {k}={v[:30]!r} would run as a formula")
            if v[:2] in ("'=", "'+", "'-", "'@", "'\t", "'\r"):
                r[k] = v[1:]
    return rows


def read_pack_fields(pack_dir):
    """What the pack's files say of each objective and finding, field by field: the registers
    (CSV against JSON), the metric dictionary and traceability matrix against the register, each
    objective's page (its key facts, approval and change history) against them, SARIF against findings.json result by result, the
    guide's objectives table, each standard item's findings in README.html, readiness.md and
    findings.json, and every link of the guide and the site resolving inside the pack."""
    bad = []
    reg = pack_csv(pack_dir, "register.csv", bad)
    # Numbers as decimals: a float would hide a value rounded on its way into the JSON.
    objs = json.loads((pack_dir / "register.json").read_text(), parse_float=Decimal)["objectives"]
    if len(reg) != len(objs):
        return bad + [f"register.csv has {len(reg)} rows, register.json {len(objs)}"]
    s = lambda v: "" if v is None else str(v)
    lst = lambda v: "; ".join(v or [])
    ids = Counter(j["id"] for j in objs)
    for c, j in zip(reg, objs):
        lat, plan = j.get("latest") or {}, j.get("plan") or {}
        want = {"id": j["id"], "title": j["title"], "status": j["status"], "level": j["level"], "function": j["function"],
                "owner": j["owner"], "forum": j["forum"], "cadence": j["cadence"], "policy": lst(j["policy"]),
                "requirements": lst(j["requirements"]), "metric": j["metric"]["name"], "unit": j["metric"]["unit"],
                "target": j["target"], "tolerance": j["tolerance"], "latest_period": lat.get("period"),
                "latest_status": lat.get("status"), "due_period": j["due_period"], "last_reviewed": j["last_reviewed"],
                "version": j["version"], "approved_by": j["approved_by"], "approved_on": j["approved_on"],
                "effective": j["effective"], "file": j["file"], "findings": j["findings"], "standards": lst(j["standards"]),
                "risks": lst(j["risks"]), "evaluation": j["evaluation"], "plan_responsible": plan.get("responsible"),
                "plan_due": plan.get("due"), "latest_target": lat.get("target"), "latest_tolerance": lat.get("tolerance")}
        for k, v in want.items():
            if c[k] != s(v):
                bad.append(f"{j['file']}: register.csv {k}={c[k]!r}, register.json {v!r}")
        if lat and Decimal(c["latest_value"]) != Decimal(lat["value"]):
            bad.append(f"{j['file']}: register.csv latest_value {c['latest_value']}, register.json {lat['value']}")
    for c, j in zip(pack_csv(pack_dir, "metric-dictionary.csv", bad), objs):
        m, d = j["metric"], j["data_source"]
        for k, v in [("objective", j["id"]), ("metric", m["name"]), ("definition", m["definition"]), ("counts", m["counts"]),
                     ("excludes", m["excludes"]), ("unit", m["unit"]), ("data_source_system", d["system"]),
                     ("data_source_method", d["method"]), ("data_quality", d["data_quality"])]:
            if c[k] != s(v):
                bad.append(f"{j['file']}: metric-dictionary.csv {k}={c[k]!r}, register.json {v!r}")
    trace, hist = {}, {}
    for r in pack_csv(pack_dir, "traceability.csv", bad):
        trace.setdefault(r["objective"], []).append((r["kind"], r["reference"], r["status"]))
    for r in pack_csv(pack_dir, "history.csv", bad):
        hist.setdefault(r["objective"], []).append(r)
    site = pack_dir / "site"
    page_of = {}
    for tr in dom(site / "register.html").all(lambda n: n.tag == "tr" and "data-lifecycle" in n.attrs):
        page_of.setdefault(tr.find(lambda n: n.tag == "th").clean(), tr.find(lambda n: n.tag == "a").attrs["href"])
    for j in objs:
        if not j["id"] or ids[j["id"]] != 1:
            continue  # a repeated id's rows cannot be told apart in the matrix and the history
        want = [("policy", p, j["status"]) for p in j["policy"]] + [("requirement", q, j["status"]) for q in j["requirements"]]
        want += [("requirements-note", "", j["status"])] if j["requirements_note"] else []
        if trace.get(j["id"], []) != want:
            bad.append(f"{j['id']}: traceability.csv {trace.get(j['id'])}, register.json {want}")
        rows = hist.get(j["id"], [])
        # As of a day before a later version, the register shows the version in force then: the
        # latest of the entries not after the as-of date, and names the first later one.
        later = j.get("later_version")
        if later:
            if not any(r["after_as_of"] == "yes" and r["version"] == str(later["version"]) and r["date"] == later["date"] for r in rows):
                bad.append(f"{j['id']}: register.json's later_version {later} is not a history.csv row after the as-of date")
        in_force = [r for r in rows if not later or r["after_as_of"] == "no"]
        versions = [int(r["version"]) for r in in_force if r["version"].isdigit()]
        if versions and j["version"] is not None and max(versions) != j["version"]:
            bad.append(f"{j['id']}: history.csv's latest version is not register.json's {j['version']}")
        page = dom(site / page_of[j["id"]])
        facts = {li.cls("kf-label")[0].clean(): li.cls("kf-value")[0].clean() for li in page.tags("li") if li.cls("kf-label") and li.cls("kf-value")}
        fields = {}
        for dt in page.tags("dt"):
            dd = next((c for c in dt.parent.children[dt.parent.children.index(dt) + 1:] if isinstance(c, Node) and c.tag == "dd"), None)
            fields.setdefault(dt.clean(), dd.clean() if dd else "")
        lat = j.get("latest") or {}
        for label, value in [("Target", j["target"]), ("Tolerance", j["tolerance"])]:
            if value and "Target" in facts and facts.get(label) != value:
                bad.append(f"{j['id']}: its page's {label} {facts.get(label)!r}, register.json {value!r}")
        if lat and "Latest value" in facts and f"({lat['period']}" not in facts["Latest value"]:
            bad.append(f"{j['id']}: its page's latest value {facts['Latest value']!r}, register.json {lat}")
        for label, value in [("Version", j["version"]), ("Approved by", j["approved_by"]), ("Approved on", j["approved_on"]),
                             ("Effective", j["effective"]), ("Cadence", j["cadence"])]:
            if value is not None and not fields.get(label, "").startswith(str(value)):
                bad.append(f"{j['id']}: its page's {label} {fields.get(label)!r}, register.json {value!r}")
        sec = page.find(lambda n: n.tag == "section" and n.attrs.get("aria-labelledby") == "history-heading")
        shown = sorted((tr.tags("th")[0].clean(), tr.tags("td")[0].clean()[:10], tr.tags("td")[4].clean(), tr.tags("td")[5].clean())
                       for tr in (sec.tags("tr") if sec else []) if tr.parent.tag == "tbody")
        sign = lambda t: t.replace("<=", "≤").replace(">=", "≥")
        told = sorted((r["version"], r["date"], sign(r["target"]) + (", tolerance " + sign(r["tolerance"]) if r["tolerance"] else "")
                       if r["target"] else "", r["effective"]) for r in rows)
        if [x[:3] for x in shown] != [x[:3] for x in told] or any(t[3] and t[3] != p[3] for p, t in zip(shown, told)):
            bad.append(f"{j['id']}: its page's change history {shown}, history.csv {told}")
    findings = json.loads((pack_dir / "findings.json").read_text())["findings"]
    results = [r for run_ in json.loads((pack_dir / "findings.sarif").read_text())["runs"] for r in run_.get("results", [])]
    if len(results) != len(findings):
        bad.append(f"findings.sarif has {len(results)} results, findings.json {len(findings)} findings")
    level = {"error": "error", "warning": "warning", "info": "note"}
    for f, r in zip(findings, results):
        loc = r["locations"][0]["physicalLocation"]
        got = (r["ruleId"], r["level"], r["message"]["text"], urllib.parse.unquote(loc["artifactLocation"]["uri"]),
               loc["region"]["startLine"], loc["region"].get("startColumn"))
        want = (f["rule"], level[f["severity"]], f["message"], f["file"], f["line"] or 1, f["column"])
        if got != want and not ("\\" in got[2] or "{{" in got[2]):  # SARIF escapes brackets and braces
            bad.append(f"findings.sarif {got} against findings.json {want}")
            break
    guide = (pack_dir / "README.html").read_text(encoding="utf-8")
    g = dom(pack_dir / "README.html")
    table = {}
    sec = g.by_id("objectives")
    for tr in (sec.tags("tr") if sec else []):
        tds = tr.tags("td")
        if tr.parent.tag == "tbody":
            table.setdefault(tds[-1].clean(), [td.clean() for td in tds])
    for j in objs:
        row = table.get(j["file"])
        want = [j["title"] or "", j["status"], None, j["owner"] or "", ", ".join(j["standards"]), str(j["findings"]), j["file"]]
        if row is None or any(w is not None and x != w for x, w in zip(row, want)):
            bad.append(f"{j['file']}: README.html objectives row {row}, register.json {want}")
    tagged = {}
    for f in findings:
        where = f["file"] + (f":{f['line']}" if f["line"] else "") + (f":{f['column']}" if f["column"] else "")
        for st in f.get("standards") or []:
            tagged.setdefault((st["standard"], st["item"]), Counter())[(f["rule"], where)] += 1
    for m in re.finditer(r'<section id="([a-z0-9-]+?)-([a-z]+)" aria-labelledby=.*?</section>', guide, re.S):
        rows = re.findall(r'<tr class="\w+"><td>\w+</td><td><code>([^<]+)</code></td><td>(?:<a [^>]*>)?<code>([^<]+)</code>', m.group(0))
        said = Counter((html.unescape(a), html.unescape(b)) for a, b in rows)
        if said != tagged.get((m.group(1), m.group(2)), Counter()):
            bad.append(f"README.html item {m.group(1)}/{m.group(2)}: {sum(said.values())} findings, findings.json tags {sum(tagged.get((m.group(1), m.group(2)), Counter()).values())}")
    md = (pack_dir / "readiness.md").read_text(encoding="utf-8")
    parts = re.split(r'^<a id="([a-z0-9-]+)"></a>$', md, flags=re.M)
    for i in range(1, len(parts), 2):
        said = Counter((r, w) for w, r in re.findall(r"^- `([^`]+)` \w+: .*\(`([^`]+)`(?:, [^)]*)?\)$", parts[i + 1], re.M))
        want = sum((c for (st, _), c in tagged.items() if st == parts[i]), Counter())
        if parts[i] != "syntax" and said != want:
            bad.append(f"readiness.md {parts[i]}: {sum(said.values())} findings, findings.json tags {sum(want.values())}")
    root = pack_dir.resolve()
    for page in [pack_dir / "README.html"] + sorted(site.rglob("*.html")):
        for m in re.finditer(r'\b(?:href|src)="([^"#]*)[^"]*"', page.read_text(encoding="utf-8")):
            url = html.unescape(m.group(1))
            if re.match(r"[a-z][a-z0-9+.-]*:", url, re.I):
                bad.append(f"{page.relative_to(pack_dir)}: a link out of the pack, {url}")
            elif url and not (page.parent / urllib.parse.unquote(url)).resolve().is_relative_to(root):
                bad.append(f"{page.relative_to(pack_dir)}: a link climbs out of the pack, {url}")
            elif url and not (page.parent / urllib.parse.unquote(url)).exists():
                bad.append(f"{page.relative_to(pack_dir)}: a link to nothing, {url}")
    return bad


# Words the outputs use for one status; compared after this mapping.
NORMAL = {"warnings": "warn", "warning": "warn", "failed": "fail", "fails": "fail", "passes": "pass",
          "not-assessed": "na", "not assessed": "na", "na": "na", "n/a": "na", "unassessed": "na"}


def norm(v):
    if isinstance(v, str):
        return NORMAL.get(v, v)
    if isinstance(v, dict):
        return {norm(k): c for k, c in v.items() if c}
    return v


def compare(o, lonely=None):
    bad = []
    if lonely is not None:
        # The site inside the pack repeats the site: a fact only the two of them state is lonely too.
        lonely.extend(f"{subject} ({', '.join(src)})" for subject, src in sorted(o.facts.items())
                      if len({x.removeprefix("pack site").removeprefix("site") for x in src}) < 2)
    for subject, sources in sorted(o.facts.items()):
        vals = {src: norm(v) for src, v in sources.items()}
        distinct = {json.dumps(v, sort_keys=True, default=str) for v in vals.values()}
        if len(distinct) > 1:
            bad.append(f"{subject}: " + "; ".join(f"{s}={v}" for s, v in sorted(vals.items())))
    return bad


def cross_check(evident, tree, asof, rules):
    """Runs everything on one tree at one day; returns the disagreements."""
    work = tree.parent
    o = Outputs()
    findings = read_check(o, work, evident, asof)
    std_names = [s["standard"] for s in o.json["summary"].get("standards", [])]
    site = work / f"site-{asof}"
    run(evident, ["build", "--content", "content", "--as-of", asof, "--output", str(site), "--quiet"], work, ok=(0,))
    read_site(o, site, "site", findings, std_names)
    dist = work / f"dist-{asof}"
    run(evident, ["pack", "--content", "content", "--as-of", asof, "--output", str(dist), "--quiet"], work, ok=(0,))
    zips = sorted(dist.glob("*.zip"))
    unz = work / f"pack-{asof}"
    with zipfile.ZipFile(zips[0]) as z:
        z.extractall(unz)
    pack_dir = next(unz.iterdir())
    read_site(o, pack_dir / "site", "pack site", findings, std_names)
    pj = read_pack(o, pack_dir, std_names)
    for sid, t in o.tagged.items():
        u = o.unread.get(sid, (0, 0, 0))
        o.say(f"standard counts {sid}", "check json findings (tagged) + readiness unread", tuple(a + b for a, b in zip(t, u)))
    # Per objective: the findings naming it, from check JSON and the pack's findings.json.
    # Only where the id names one objective: a finding names an objective by id.
    per_pack = Counter(f["objective"] for f in pj["findings"] if f.get("objective"))
    for oid, files in o.objective_files.items():
        if not oid or len(files) != 1:
            continue
        key = files[0]
        o.say(f"{key} findings", "check json (objective field)", o.per_obj_json.get(oid, 0))
        o.say(f"{key} findings", "pack findings.json (objective field)", per_pack.get(oid, 0))
        o.say(f"{key} finding rules", "check json (objective field)",
              sorted(f["rule"] for f in findings if f.get("objective") == oid))
    # Site findings.json is the check's, finding for finding.
    sj = json.loads((site / "data/findings.json").read_text())
    key = lambda f: (f["rule"], f["severity"], f["file"], f["line"], f["column"], f["objective"], f["message"])
    o.say("findings", "check json", sorted(map(key, findings)))
    o.say("findings", "site findings.json", sorted(map(key, sj["findings"])))
    o.say("findings", "pack findings.json", sorted(map(key, pj["findings"])))
    # Dashboard result counts against the register's active rows are compared by read_site.
    # A rule that is off is nowhere; an info one fails nothing.
    lonely = [] if SHOW_LONELY else None
    bad = compare(o, lonely) + o.errors + read_pack_fields(pack_dir)
    if lonely:
        print("  stated by one output only: " + "; ".join(lonely))
    for rule, level in rules.items():
        hits = [f for f in findings if f["rule"] == rule]
        if level == "off":
            if hits:
                bad.append(f"rule {rule} is off but check json reports it {len(hits)} times")
            if rule in o.sarif_rules:
                bad.append(f"rule {rule} is off but SARIF has results for it")
            if f"[{rule}]" in o.text:
                bad.append(f"rule {rule} is off but the check text shows it")
            for page in sorted((site / "objectives").glob("*.html")):
                if f"<td><code>{rule}</code></td>" in page.read_text(encoding="utf-8"):
                    bad.append(f"rule {rule} is off but {page.name} lists a finding of it")
        elif level == "info":
            if any(f["severity"] != "info" for f in hits):
                bad.append(f"rule {rule} is info but check json reports it at another severity")
    # The overrides that change a severity, as readiness.md and README.html list them.
    changed = sorted((r, lv) for r, lv in rules.items() if DEFAULTS.get(r) != lv)
    md = (pack_dir / "readiness.md").read_text(encoding="utf-8")
    line = next((ln for ln in md.splitlines() if ln.startswith("- Rules changed in evident.yml:")), "")
    said = sorted(re.findall(r"`([a-z-]+/[a-z-]+)` (error|warning|info|off)", line))
    if said != changed:
        bad.append(f"readiness.md says the rules changed are {said}, evident.yml changes {changed}")
    guide = dom(pack_dir / "README.html")
    dt = next((d for d in guide.tags("dt") if d.clean() == "Rules changed in evident.yml"), None)
    dd = dt.parent.children[dt.parent.children.index(dt) + 1:] if dt else []
    dd = next((c for c in dd if isinstance(c, Node) and c.tag == "dd"), None)
    said = sorted(re.findall(r"([a-z-]+/[a-z-]+) (error|warning|info|off)", dd.clean() if dd else ""))
    if said != changed:
        bad.append(f"README.html says the rules changed are {said}, evident.yml changes {changed}")
    for rule, lv in rules.items():
        if lv == "off" and re.search(rf"\(`{re.escape(rule)}`[,)]", md):
            bad.append(f"rule {rule} is off but readiness.md lists a finding of it")
    # Every status an item or standard states is the one its findings give.
    for std in o.json["summary"].get("standards", []):
        sid = std["standard"]
        for it in std["items"]:
            c = o.facts.get(f"item counts {sid}/{it['item']}", {}).get("check json findings")
            if c is None:
                continue
            expect = "fail" if c[0] else "warn" if c[1] else None
            if expect and it["status"] != expect:
                bad.append(f"item {sid}/{it['item']}: findings {c} but status {it['status']}")
            if expect is None and it["status"] in ("warn", "fail"):
                bad.append(f"item {sid}/{it['item']}: no error or warning bears on it but status {it['status']}")
    return bad


DEFAULTS = {}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("evident")
    ap.add_argument("--trees", type=int, default=6, help="how many trees: the first is content/ as it is")
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--as-of", action="append", dest="asof")
    ap.add_argument("--keep", type=Path, help="keep the trees in this folder")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--lonely", action="store_true", help="list the facts only one output states (to see what is compared)")
    a = ap.parse_args()
    global SHOW_LONELY
    SHOW_LONELY = a.lonely
    evident = str(Path(a.evident).resolve())
    DEFAULTS.update({r["id"]: r["default_severity"] for r in json.loads(
        subprocess.run([evident, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)["rules"]})
    scratch = Path(tempfile.mkdtemp(prefix="evident-cross-"))
    failures = 0
    try:
        for t in range(a.trees):
            rng = random.Random(a.seed * 1000 + t)
            base = BASES[t % len(BASES)] if t > 0 else BASES[0]
            work = (a.keep or scratch) / f"tree-{t}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            if t == 0:  # the example as it is: the baseline every page is written for
                shutil.copytree(ROOT / base, work / "content")
                done, rules = [], {}
            else:
                done, rules = make_tree(rng, base, work / "content")
            days = a.asof or [AS_OF[0], rng.choice(AS_OF[1:])]
            for asof in days:
                try:
                    bad = cross_check(evident, work / "content", asof, rules)
                except Exception:  # a reader that fails is a finding too: an output changed shape
                    bad = [traceback.format_exc()]
                label = f"tree {t} ({base}; {'; '.join(done) or 'as is'}) as of {asof}"
                if bad:
                    failures += 1
                    print(f"FAIL {label}")
                    for b in bad:
                        print(f"  {b}")
                elif a.verbose:
                    print(f"ok   {label}")
    finally:
        if not a.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"cross-check: {a.trees} trees, {failures} runs with disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
