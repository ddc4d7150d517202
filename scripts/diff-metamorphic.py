#!/usr/bin/env python3
"""Metamorphic tests of `evident diff`: rewrites of a content tree that must not matter to a review
must not show as changes, and changes to what an objective commits to must, however spelt.

    scripts/diff-metamorphic.py EVIDENT [--variants N] [--objectives K] [--seed S] [--keep DIR] [--verbose]

Base trees: `evident init`'s starter and N variants of it with K random objectives added (written
by the YAML and CSV writer copied from scripts/metamorphic.py). Each tree is committed in a
temporary git repository; each rewrite is committed on top of it and compared with
`evident diff HEAD~1 HEAD` in the JSON and Markdown formats:

- neutral: the front matter re-read and written by this script's writer (flow and block lists and
  mappings, quoted and plain scalars, folded and literal blocks of one line, comments, trailing
  spaces), CRLF and a BOM, lists whose order means nothing shuffled (docs/ci.md "What counts as a
  change"), CSV rows and columns shuffled and files split, `>= 99.5 %` as `>=99.5%` or `>= 99.5`,
  `99.50` for `99.5`, `status: active` left out, files renamed or moved with their ids kept. The diff must
  report no objective changed (one moved to another file may say so, with no field changed), no
  declaration, no measurement and no finding introduced or resolved.
- content: each field docs/ci.md and `evident explain updated/unrecorded-change` count as an
  objective's content (title, statement, status, function, owner, contributors, policy,
  requirements, metric, data source, target, tolerance, cadence, forum, actions, standards, risks,
  plan, evaluation, ..., the notes and the thresholds its history records), changed one per
  commit, also where YAML spelling hides it (an alias, a folded block with a `#` line, a literal
  block, a key written twice): the diff must name the field and report `updated/unrecorded-change`
  for the objective; with `version` raised and a history entry with a reason and an approver, it
  must name the field and not report it.
- record: `approved_by`, `approved_on`, `effective`, a history entry's words, `version` raised
  with its entry: shown, never `updated/unrecorded-change` (docs/ci.md).
- renames: an id changed (with its files, or in place), a file moved and edited in one commit, two
  objectives swapping files (and one of them edited).

Every violation is printed with the tree, the rewrite and what the diff said; --keep keeps the
repositories. Exits 1 on any. Standard library only; deterministic for a seed.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from content_trees import (
    CADENCES, Text, Style, emit, front_matter, FUNCTIONS,
    STATEMENTS, CLAUSES, edge_day, spell_threshold, write_csv, is_measurements,
    shuffle_csv, block_flow_lists, comment_top_keys, trailing_spaces, values_with_zero, starter_files,
    with_bom_crlf, moved, split_measurements, make_objective, objective_fm,
)

AS_OF = "2026-11-29"
COMMITTED = "2026-11-29T12:00:00+00:00"
UNRECORDED = "updated/unrecorded-change"


# ---------------------------------------------------------------------------- the calendar


# ---------------------------------------------------------------------------- a YAML writer


# ---------------------------------------------------------------------------- generated content


class Model:
    """A generated tree as data: every file but the starter's own, written by `files`."""

    def __init__(self, rng, k, lo, hi):
        self.objectives = [make_objective(rng, f"OBJ-G-{i:02d}", lo, hi, rare=False) for i in range(1, k + 1)]
        self.functions = list(FUNCTIONS)
        self.stale = rng.choice([None, 90, 365])
        self.max_owner = rng.choice([None, 2, 4])
        self.grace = rng.choice([0, 7, 10])
        self.persistent = rng.choice([2, 3])
        self.policy_approved = edge_day(rng, lo - timedelta(days=300), hi)
        self.revised = {f: edge_day(rng, lo - timedelta(days=300), hi) if rng.random() < 0.7 else None
                        for f in CLAUSES}
        self.elsewhere = {c for cs in CLAUSES.values() for c in cs if rng.random() < 0.2}
        # Rows of some objectives in one file with an `objective` column (SPEC 2.5).
        self.shared = {o.id for o in self.objectives if rng.random() < 0.3}
        reviews = {}
        for o in self.objectives:
            for d, kind in o.events:
                reviews.setdefault(d, []).append((o.id, kind))
        self.reviews = reviews
        self.comms = [(edge_day(rng, lo - timedelta(days=200), hi), "all" if rng.random() < 0.3 else
                       sorted(rng.sample([o.id for o in self.objectives], rng.randint(1, 3))))
                      for _ in range(rng.randint(2, 5))]

    def config(self):
        cfg = {"organization": Text("Example Services"), "title": Text("Service management objectives"),
               "scope": Text("IT services for the example business units"),
               "forums": [{"id": "ops-review", "name": Text("Operational review"), "cadence": "monthly"},
                          {"id": "mgmt-review", "name": Text("Management review"), "cadence": "quarterly"}],
               "functions": [{"id": f, "name": Text(f"Function {f}"), "level": "process", "owner": FUNCTIONS[f],
                              "forum": "ops-review"} for f in self.functions]}
        settings = {"review_grace_days": self.grace, "persistent_off_target_periods": self.persistent}
        if self.stale:
            settings["stale_after_days"] = self.stale
        if self.max_owner:
            settings["max_objectives_per_owner"] = self.max_owner
        cfg["settings"] = settings
        return cfg

    def files(self, style, rng=None, units_rng=None, shuffle_lists=False, split=False):
        """path -> text for every generated file. `rng` shuffles what `shuffle_lists` allows."""
        def sh(xs):
            xs = list(xs)
            if shuffle_lists:
                rng.shuffle(xs)
            return xs
        out = {}
        cfg = self.config()
        cfg["forums"] = sh(cfg["forums"])
        cfg["functions"] = sh(cfg["functions"])
        out["evident.yml"] = "\n".join(emit(cfg, style)) + "\n"
        pol = {"title": Text("Service management policy"), "version": 2, "approved_by": "Chief Information Officer",
               "approved_on": self.policy_approved,
               "statements": sh({"id": s, "text": Text(f"We keep commitment {s} to our users.")} for s in STATEMENTS)}
        out["policy.md"] = front_matter(pol, "The policy.", style)
        for name, clauses in CLAUSES.items():
            req = {"title": Text(f"Requirements {name}"), "kind": "contract", "reference": f"REF-{name}",
                   "owner": "Commercial Manager"}
            if self.revised[name]:
                req["revised"] = self.revised[name]
            items = []
            for c in clauses:
                item = {"id": c, "text": Text(f"Clause {c} applies to the services.")}
                if c in self.elsewhere:
                    item["addressed_elsewhere"] = Text("Covered by the continuity plan, not by an objective.")
                items.append(item)
            req["clauses"] = sh(items)
            out[f"requirements/{name}.md"] = front_matter(req, "Notes.", style)
        shared_rows = []
        for o in self.objectives:
            fm = objective_fm(o, units_rng)
            for key in ("contributors", "policy", "requirements"):
                if key in fm:
                    fm[key] = sh(fm[key])
            out[f"objectives/{o.id}.md"] = front_matter(fm, "Rationale.", style)
            rows = [dict(r) for r in o.rows]
            if o.id in self.shared:
                shared_rows += [dict(r, objective=o.id) for r in rows]
            else:
                out[f"measurements/{o.id}.csv"] = write_csv(["period", "value", "note"], rows)
        if shared_rows:
            out["measurements/shared.csv"] = write_csv(["objective", "period", "value", "note"], shared_rows)
        action = 0
        for d, items in sorted(self.reviews.items()):
            listed = sorted({oid for oid, k in items if k == "listed"})
            decisions, actions = [], []
            for oid, k in items:
                if k == "decision" and oid not in {x["objective"] for x in decisions}:
                    decisions.append({"objective": oid, "decision": "no-change", "note": Text("Discussed.")})
                elif k in ("action", "open"):
                    action += 1
                    actions.append({"id": f"ACT-G-{action}", "objective": oid, "owner": "Incident Process Owner",
                                    "due": d + timedelta(days=30), "status": "open" if k == "open" else "done",
                                    "text": Text("Look into it.")})
            fm = {"date": d, "forum": "ops-review", "chair": "Head of Service Operations",
                  "attendees": sh(["Incident Process Owner", "Problem Manager"])}
            if listed:
                fm["objectives"] = sh(listed)
            if decisions:
                fm["decisions"] = sh(decisions)
            if actions:
                fm["actions"] = sh(actions)
            out[f"reviews/{d.isoformat()}.md"] = front_matter(fm, "Minutes.", style)
        for i, (d, ids) in enumerate(self.comms):
            fm = {"date": d, "channel": "intranet", "audience": Text("All service desk staff"),
                  "objectives": ids if ids == "all" else sh(ids)}
            out[f"communications/c-{i:02d}.md"] = front_matter(fm, "Published.", style)
        return out


# ---------------------------------------------------------------------------- reading front matter back

def strip_comment(line):
    """The line without a trailing `# comment` (outside quotes)."""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'" and (i == 0 or line[i - 1] in " [{:,-"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] == " "):
            return line[:i].rstrip()
    return line.rstrip()


def split_flow(s):
    """`a, b, "c, d"` into its items."""
    out, cur, quote = [], "", None
    for c in s:
        if quote:
            cur += c
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            cur += c
        elif c == ",":
            out.append(cur)
            cur = ""
        else:
            cur += c
    if cur.strip():
        out.append(cur)
    return [x.strip() for x in out]


def value_of(s):
    s = s.strip()
    if s.startswith("[") and s.endswith("]"):
        return [value_of(x) for x in split_flow(s[1:-1])]
    if s.startswith("{") and s.endswith("}"):
        return {k.strip(): value_of(v) for k, v in (x.split(":", 1) for x in split_flow(s[1:-1]))}
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return Text(json.loads(s))
    if len(s) >= 2 and s[0] == s[-1] == "'":
        return Text(s[1:-1].replace("''", "'"))
    if re.fullmatch(r"-?[0-9]+", s):
        return int(s)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", s):
        return date.fromisoformat(s)
    return Text(s) if " " in s else s


def parse_block(rows, i, ind):
    """The block mapping or list at indentation `ind` from rows[i]: (value, next row)."""
    if rows[i][1] == "-" or rows[i][1].startswith("- "):
        out = []
        while i < len(rows) and rows[i][0] == ind and (rows[i][1] == "-" or rows[i][1].startswith("- ")):
            rest = rows[i][1][2:].strip()
            if re.match(r"[A-Za-z_][\w.-]*:( |$)", rest):
                rows[i] = (ind + 2, rest)
                v, i = parse_block(rows, i, ind + 2)
            else:
                v, i = value_of(rest), i + 1
            out.append(v)
        return out, i
    out = {}
    while i < len(rows) and rows[i][0] == ind:
        key, _, rest = rows[i][1].partition(":")
        rest = rest.strip()
        i += 1
        if rest:
            out[key] = value_of(rest)
        elif i < len(rows) and (rows[i][0] > ind or (rows[i][0] == ind and rows[i][1].startswith("- "))):
            out[key], i = parse_block(rows, i, rows[i][0])
        else:
            out[key] = None
    return out, i


def parse_yaml(text):
    """The plain block YAML `init` and this script's writer (with `Style()`) write."""
    rows = []
    for raw in text.split("\n"):
        line = strip_comment(raw)
        if line.strip():
            rows.append((len(line) - len(line.lstrip()), line.strip()))
    return parse_block(rows, 0, rows[0][0])[0] if rows else {}


def split_front_matter(text):
    """(front matter, body) of a Markdown file with front matter."""
    assert text.startswith("---\n"), text[:40]
    end = text.index("\n---\n", 3)
    return parse_yaml(text[4:end]), text[end + 5:].rstrip("\n")


def write_front_matter(fm, body, style=None):
    return front_matter(fm, body, style or Style())


# ---------------------------------------------------------------------------- a tree and its objectives

class Tree:
    """A content tree (path -> text) with what the rewrites need to know of it."""

    def __init__(self, name, files):
        self.name = name
        self.files = files
        self.objectives = {}          # id -> path
        for rel, text in files.items():
            if rel.startswith("objectives/") and rel.endswith(".md"):
                self.objectives[split_front_matter(text)[0]["id"]] = rel
        cfg = parse_yaml(files["evident.yml"])
        self.functions = {f["id"]: f for f in cfg.get("functions", [])}
        self.forums = {f["id"]: f for f in cfg.get("forums", [])}
        self.standards = cfg.get("standards", [])
        self.statements = [s["id"] for s in split_front_matter(files["policy.md"])[0].get("statements", [])]
        self.clauses = [c["id"] for rel, t in files.items() if rel.startswith("requirements/")
                        for c in split_front_matter(t)[0].get("clauses", [])]
        self.risks = [r["id"] for r in split_front_matter(files["risks.md"])[0].get("risks", [])] \
            if "risks.md" in files else []

    def objective(self, oid):
        return split_front_matter(self.files[self.objectives[oid]])

    def with_objective(self, oid, fm, body, text_edit=None, path=None):
        """The files with objective `oid` written from `fm` (and `text_edit` applied to its text)."""
        out = dict(self.files)
        text = write_front_matter(fm, body)
        if text_edit:
            text = text_edit(text)
        del out[self.objectives[oid]]
        out[path or self.objectives[oid]] = text
        return out


# ---------------------------------------------------------------------------- content changes

THRESHOLD = re.compile(r"^(>=|<=|==|=|>|<)\s*(-?[0-9]+(?:\.[0-9]+)?) *(.*)$")


def moved_threshold(t, how):
    """A threshold with its number (`number`) or comparator (`comparator`) changed."""
    m = THRESHOLD.match(str(t))
    cmp, n, unit = m.group(1), m.group(2), m.group(3)
    if how == "comparator":
        cmp = {">=": ">", ">": ">=", "<=": "<", "<": "<=", "==": ">=", "=": ">="}[cmp]
    else:
        n = str(round(float(n) + 1.5, 3)).rstrip("0").rstrip(".")
    return f"{cmp} {n}" + (f" {unit}" if unit else "")


def edit_text(*path):
    """The text at `path` with a sentence added; added when the objective has none."""
    def f(fm, tree):
        d = fm
        for k in path[:-1]:
            d = d.setdefault(k, {})
        d[path[-1]] = Text((str(d[path[-1]]) + " " if d.get(path[-1]) else "") + "Revised in review.")
    return f


def set_field(key, value_of_fm):
    def f(fm, tree):
        fm[key] = value_of_fm(fm, tree)
    return f


def other(items, current, fallback):
    rest = [x for x in items if x != current]
    return rest[0] if rest else fallback


def add_to(key, pool, fallback):
    def f(fm, tree):
        have = list(fm.get(key) or [])
        new = next((x for x in pool(tree) if x not in have), fallback)
        fm[key] = have + [new]
    return f


def change_threshold(key, how):
    def f(fm, tree):
        if not fm.get(key):
            return False
        fm[key] = moved_threshold(fm[key], how)
    return f


def change_history_threshold(fm, tree):
    entries = [h for h in fm.get("history", []) if h.get("target")]
    if not entries:
        return False
    entries[-1]["target"] = moved_threshold(entries[-1]["target"], "number")


def change_unit(fm, tree):
    metric = fm.setdefault("metric", {})
    metric["unit"] = {"h": "min", "%": "ratio"}.get(metric.get("unit"), "h")


def change_plan(key, how):
    def f(fm, tree):
        plan = fm.get("plan")
        if not plan:
            return False
        if how == "day":
            plan[key] = plan[key] + timedelta(days=7)
        else:
            plan[key] = Text((str(plan[key]) + " " if plan.get(key) else "") + "Revised in review.")
    return f


def change_body(fm, tree):
    return "body"


# (name, field diff must name, change of fm; returns False when it does not apply, "body" to edit the notes)
CONTENT = [
    ("title", "title", edit_text("title")),
    ("statement", "statement", edit_text("statement")),
    ("status", "status", set_field("status", lambda fm, t: "draft" if fm.get("status", "active") == "active" else "active")),
    ("function", "function", set_field("function", lambda fm, t: other(t.functions, fm.get("function"), "capacity"))),
    ("owner", "owner", set_field("owner", lambda fm, t: other(["Quality Manager", "Network Lead"], fm.get("owner"), "x"))),
    ("contributors", "contributors", add_to("contributors", lambda t: ["Quality Manager", "Network Lead"], "Someone")),
    ("policy", "policy", add_to("policy", lambda t: t.statements, "POL-99")),
    ("requirements", "requirements", add_to("requirements", lambda t: t.clauses, "MSA-99")),
    ("metric.name", "metric.name", edit_text("metric", "name")),
    ("metric.definition", "metric.definition", edit_text("metric", "definition")),
    ("metric.counts", "metric.counts", edit_text("metric", "counts")),
    ("metric.excludes", "metric.excludes", edit_text("metric", "excludes")),
    ("metric.unit", "metric.unit", change_unit),
    ("data_source.system", "data_source.system", edit_text("data_source", "system")),
    ("data_source.method", "data_source.method", edit_text("data_source", "method")),
    ("data_source.data_quality", "data_source.data_quality", edit_text("data_source", "data_quality")),
    ("target number", "target", change_threshold("target", "number")),
    ("target comparator", "target", change_threshold("target", "comparator")),
    ("tolerance", "tolerance", change_threshold("tolerance", "number")),
    ("cadence", "cadence", set_field("cadence", lambda fm, t: other(CADENCES, fm.get("cadence", "monthly"), "weekly"))),
    ("forum", "forum", set_field("forum", lambda fm, t: other(list(t.forums) + ["mgmt-review"], fm.get("forum"), "x"))),
    ("actions", "actions", edit_text("actions")),
    ("standards", "standards", add_to("standards", lambda t: t.standards + ["iso9001"], "iso9001")),
    ("risks", "risks", add_to("risks", lambda t: t.risks + ["R-9"], "R-9")),
    ("risks_note", "risks_note", edit_text("risks_note")),
    ("customer_relevance", "customer_relevance", edit_text("customer_relevance")),
    ("consultation", "consultation", edit_text("consultation")),
    ("evaluation", "evaluation", edit_text("evaluation")),
    ("plan.what", "plan.what", change_plan("what", "text")),
    ("plan.resources", "plan.resources", change_plan("resources", "text")),
    ("plan.responsible", "plan.responsible", change_plan("responsible", "text")),
    ("plan.due", "plan.due", change_plan("due", "day")),
    ("plan.evaluation", "plan.evaluation", change_plan("evaluation", "text")),
    ("plan.integration", "plan.integration", change_plan("integration", "text")),
    ("notes", "body", change_body),
    ("history thresholds", "history thresholds", change_history_threshold),
]


def line_edit(pattern, replace):
    """A text edit of the first front-matter line matching `pattern` (a regex on the line)."""
    def f(text):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if re.match(pattern, line):
                lines[i:i + 1] = replace(line).split("\n")
                return "\n".join(lines)
        raise ValueError(f"no line {pattern}")
    return f


def chain(*edits):
    def f(text):
        for e in edits:
            text = e(text)
        return text
    return f


def value_part(line):
    return line.split(":", 1)[1].strip()


# Changes hidden by YAML spelling: (name, field, text edit of the objective's file as written).
HIDDEN = [
    # `statement` becomes the title, by an alias of an anchored title.
    ("alias", "statement", chain(line_edit(r"title: ", lambda l: "title: &t " + value_part(l)),
                                 line_edit(r"statement: ", lambda l: "statement: *t"))),
    ("alias of a threshold", "tolerance", chain(line_edit(r"target: ", lambda l: "target: &x " + value_part(l)),
                                                line_edit(r"tolerance: ", lambda l: "tolerance: *x"))),
    # In a folded block, a `#` line is text, not a comment.
    ("folded block with a # line", "statement",
     line_edit(r"statement: ", lambda l: "statement: >\n  " + str(value_of(value_part(l))) + "\n  # reviewed")),
    # A literal block keeps the line break: another string.
    ("literal block", "statement",
     line_edit(r"statement: ", lambda l: "statement: |\n  " + str(value_of(value_part(l))).replace(" ", "\n  ", 1))),
    # A key written twice is a syntax error and neither value is read.
    ("key written twice", "target", line_edit(r"actions: ", lambda l: l + '\ntarget: "== 0"')),
    # Plain `null` is no value; the quoted word is one.
    ("plain null", "actions", line_edit(r"actions: ", lambda l: "actions: null")),
]


def bump(fm, field=None):
    """`version` raised, with a history entry for it with a reason and an approver (and the
    thresholds it sets), and `approved_on` its date."""
    v = int(fm.get("version") or 0) + 1
    entry = {"version": v, "date": date(2026, 11, 20), "change": Text("Changed in review."),
             "reason": Text("The annual review."), "approved_by": "Head of Service Management"}
    for key in ("target", "tolerance"):
        if fm.get(key):
            entry[key] = fm[key]
    fm["version"] = v
    fm["approved_on"] = date(2026, 11, 20)
    fm["history"] = [entry] + list(fm.get("history") or [])


# ---------------------------------------------------------------------------- neutral rewrites

def restyled(tree, style, shuffle=None):
    """Every file with front matter (and evident.yml) read back and written by this script's
    writer in `style`; `shuffle` (an rng) shuffles the lists whose order means nothing."""
    keys = {"policy", "requirements", "contributors", "standards", "risks", "statements", "clauses", "functions",
            "forums"}

    def sh(v, top):
        if shuffle is None or not isinstance(v, dict):
            return v
        for k, x in v.items():
            # A review's and a communication's lists too: no rule reads their order (docs/ci.md).
            record = top in ("reviews", "communications") and k in ("attendees", "objectives", "decisions", "actions")
            if isinstance(x, list) and (k in keys or record):
                x = list(x)
                shuffle.shuffle(x)
                v[k] = x
        return v
    out = {}
    for rel, text in tree.files.items():
        if rel == "evident.yml":
            out[rel] = "\n".join(emit(sh(parse_yaml(text), "config"), style)) + "\n"
        elif rel.endswith(".md") and text.startswith("---\n"):
            fm, body = split_front_matter(text)
            out[rel] = front_matter(sh(fm, rel.split("/")[0]), body, style)
        else:
            out[rel] = text
    return out


def respelled_thresholds(tree, rng):
    """Every target and tolerance, the objectives' and their history's, spelt otherwise."""
    def spell(m):
        t = THRESHOLD.match(m.group(3))
        if not t:
            return m.group(0)
        return f'{m.group(1)}{m.group(2)}"{spell_threshold(t.group(1), t.group(2), t.group(3), rng)}"'
    out = {}
    for rel, text in tree.files.items():
        if rel.startswith("objectives/"):
            text = re.sub(r'(?m)^(\s*)(target: |tolerance: )"([^"]*)"', spell, text)
        out[rel] = text
    return out


def defaults_written(tree, inherit=False):
    """`status: active` left out; with `inherit`, an owner, forum or cadence equal to what the
    objective inherits written out where left out and left out where written (a change as evident
    reads it: docs/ci.md "What counts as a change")."""
    out = dict(tree.files)
    for oid, rel in tree.objectives.items():
        fm, body = tree.objective(oid)
        function = tree.functions.get(fm.get("function"))
        if not function:
            continue
        forum_id = fm.get("forum") or function.get("forum")
        forum = tree.forums.get(forum_id)
        inherited = {"owner": function.get("owner"), "forum": function.get("forum"),
                     "cadence": forum.get("cadence") if forum and fm.get("forum", forum_id) == forum_id else None}
        if fm.get("status") == "active":
            del fm["status"]
        for key, value in inherited.items() if inherit else ():
            if value is None:
                continue
            if fm.get(key) == value:
                del fm[key]
            elif key not in fm and (key != "cadence" or "forum" not in fm or fm["forum"] == function.get("forum")):
                fm[key] = value
        out[rel] = write_front_matter(fm, body)
    return out


def moved_measurements(files):
    """Measurement files named after their objective moved into a subfolder (SPEC 2.5 names them
    by the file's name, wherever it is)."""
    out = {}
    for rel, text in files.items():
        if is_measurements(rel) and rel.count("/") == 1:
            out["measurements/team/" + rel.split("/")[1]] = text
        else:
            out[rel] = text
    return out


def swapped(tree, a, b):
    out = dict(tree.files)
    out[tree.objectives[a]], out[tree.objectives[b]] = tree.files[tree.objectives[b]], tree.files[tree.objectives[a]]
    return out


def renamed(tree, oid, new, move_files, edit=None):
    """Objective `oid` given the id `new`: its file and measurement file renamed with it
    (`move_files`, as `git mv` would), or the id edited in place."""
    fm, body = tree.objective(oid)
    if edit:
        edit(fm, tree)
    path = f"objectives/{new}.md" if move_files else None
    # Its text naming its own id follows it, as an author renaming it writes it.
    out = tree.with_objective(oid, fm, body, path=path, text_edit=lambda t: re.sub(
        rf"(?<![\w-]){re.escape(oid)}(?![\w-])", new, t))
    if move_files:
        for rel, text in tree.files.items():
            if rel == f"measurements/{oid}.csv":
                del out[rel]
                out[f"measurements/{new}.csv"] = text
            elif is_measurements(rel) and text.startswith("objective,"):
                out[rel] = re.sub(rf"(?m)^{re.escape(oid)},", f"{new},", text)
    return out


# ---------------------------------------------------------------------------- running evident diff

class Repo:
    """A git repository whose first commit is the base tree; each case is a commit on top of it."""

    def __init__(self, root, evident, files):
        self.root = root
        self.evident = evident
        self.env = dict(os.environ, GIT_AUTHOR_DATE=COMMITTED, GIT_COMMITTER_DATE=COMMITTED,
                        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
                        GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1", HOME=str(root))
        for k in [k for k in self.env if k.startswith("GIT_DIR") or k in ("GIT_WORK_TREE", "GIT_INDEX_FILE")]:
            del self.env[k]
        root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "core.autocrlf", "false")
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")
        self.base = self.git("rev-parse", "HEAD").strip()
        self.count = 0

    def git(self, *args):
        out = subprocess.run(["git", *args], cwd=self.root, env=self.env, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {out.stderr}")
        return out.stdout

    def write(self, files):
        shutil.rmtree(self.root / "content", ignore_errors=True)
        for rel, text in files.items():
            p = self.root / "content" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(text.encode("utf-8"))

    def diff(self, files, markdown=True):
        """`evident diff HEAD~1 HEAD` of the base and `files` committed on it: (json, markdown or "")."""
        self.count += 1
        self.git("reset", "-q", "--hard", self.base)
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", f"case {self.count}")
        out = {"markdown": ""}
        for fmt in ("json", "markdown")[:1 + markdown]:
            r = subprocess.run([self.evident, "diff", "HEAD~1", "HEAD", "--format", fmt, "--as-of", AS_OF,
                                "--fail-on", "never"], cwd=self.root, env=self.env, capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError(f"evident diff exited {r.returncode} in {self.root}: {r.stderr[:2000]}")
            out[fmt] = r.stdout
        return json.loads(out["json"]), out["markdown"]


# ---------------------------------------------------------------------------- what the diff must say

def brief(f):
    return f"{f['rule']} {f.get('objective') or ''} {f['file']}:{f['line']}: {f['message'][:160]}"


PATH_IN_MESSAGE = re.compile(r"`?content/[^ `:]*`?|`[^` ]*\.(?:csv|md)`")


def unpaired(d):
    """The findings introduced and resolved that do not pair up once the paths they name are
    left aside (a file moved or split changes the path a message names, not the finding)."""
    def key(f):
        return f["rule"], f["severity"], f.get("objective"), PATH_IN_MESSAGE.sub("PATH", f["message"])
    resolved = Counter(key(f) for f in d["findings"]["resolved"])
    introduced = Counter(key(f) for f in d["findings"]["introduced"])
    return ([f for f in d["findings"]["introduced"] if introduced[key(f)] > resolved[key(f)]],
            [f for f in d["findings"]["resolved"] if resolved[key(f)] > introduced[key(f)]])


def neutral_problems(d, md, moves=False):
    """What a diff of a rewrite that must not matter says that it must not. `moves`: files were
    moved, which the diff may say (an objective's `file`; a review or communication moved
    unchanged, with nothing before or after)."""
    out = []
    objs = d["objectives"]
    for o in objs["changed"]:
        if [f for f in o["fields"] if not (moves and f["field"] == "file")] or o["history"] or o["previous_id"] \
                or not moves:
            out.append(f"objective {o['id']} changed ({o['previous_file']} -> {o['file']}): "
                       + "; ".join(f"{f['field']}: {json.dumps(f['before'])[:120]} -> {json.dumps(f['after'])[:120]}"
                                   for f in o["fields"]) + (f" history {o['history']}" if o["history"] else ""))
    for kind in ("added", "removed"):
        for o in objs[kind]:
            out.append(f"objective {kind}: {o.get('id')}")
    for x in d["declarations"]:
        if moves and x["change"] == "moved" and x["before"] is None and x["after"] is None:
            continue
        out.append(f"declaration {x['kind']} {x['id']} {x['change']}"
                   + (f" from {x['previous_id']}" if x.get("previous_id") else ""))
    for m in d["measurements"]:
        out.append(f"measurements of {m['objective']}: " + "; ".join(
            f"{c['period']} {c['change']}" for c in m["changes"][:5]))
    introduced, resolved = unpaired(d)
    out += ["introduced: " + brief(f) for f in introduced]
    out += ["resolved: " + brief(f) for f in resolved]
    if UNRECORDED in md and not any(UNRECORDED in x for x in out):
        out.append("markdown names updated/unrecorded-change")
    return out


def unrecorded(d, oid):
    return [f for f in d["findings"]["introduced"] if f["rule"] == UNRECORDED and f.get("objective") == oid]


def changed_fields(d, oid):
    return {f["field"] for o in d["objectives"]["changed"] if o["id"] == oid for f in o["fields"]}


def content_problems(d, md, oid, field, recorded):
    """A change of `field` of `oid`: named, and `updated/unrecorded-change` unless `recorded`."""
    out = []
    # A key written twice makes the file unreadable: the diff reports that, at the file.
    if any(f["rule"] == "syntax/yaml" for f in d["findings"]["introduced"]):
        return out
    if field not in changed_fields(d, oid):
        out.append(f"`{field}` of {oid} not among the changed fields {sorted(changed_fields(d, oid))}")
    found = unrecorded(d, oid)
    if recorded and found:
        out += ["reported although recorded: " + brief(f) for f in found]
    if not recorded and not found:
        out.append(f"no {UNRECORDED} for {oid}; introduced: "
                   + "; ".join(brief(f) for f in d["findings"]["introduced"]) or "nothing")
    if not recorded and md and UNRECORDED not in md:
        out.append(f"markdown does not name {UNRECORDED}")
    others = [f for f in d["findings"]["introduced"] if f["rule"] == UNRECORDED and f.get("objective") != oid]
    out += ["reported for another objective: " + brief(f) for f in others]
    return out


# ---------------------------------------------------------------------------- the cases

def run_tree(evident, root, tree, rng, problems, verbose, extra):
    repo = Repo(root, evident, tree.files)
    ran = 0

    def case(name, files, judge):
        nonlocal ran
        ran += 1
        # The Markdown is read where it must name an unrecorded change, or must not.
        d, md = repo.diff(files, markdown="recorded" not in name and "record:" not in name)
        found = judge(d, md)
        if verbose:
            print(f"  {tree.name} / {name}: {'ok' if not found else 'VIOLATION'}")
        if found:
            problems.append(f"{tree.name} / {name} (repository {root}, commit {repo.count}):\n"
                            + "\n".join("      " + x for x in found[:12]))

    # 1. Neutral rewrites.
    neutral = lambda d, md: neutral_problems(d, md)
    moving = lambda d, md: neutral_problems(d, md, moves=True)
    case("neutral: written again by the script's writer", restyled(tree, Style()), neutral)
    for what, style in (("flow", Style(rng, flow=0.7)), ("quoted", Style(rng, quote=0.8)),
                        ("blocks", Style(rng, blocks=0.6)), ("comments", Style(rng, comments=0.4)),
                        ("all at once", Style(rng, flow=0.4, quote=0.4, blocks=0.3, comments=0.2, trailing=0.3))):
        case(f"neutral: spelling, {what}", restyled(tree, style), neutral)
    case("neutral: BOM and CRLF", with_bom_crlf(tree.files, rng, True, True), neutral)
    case("neutral: trailing spaces", {r: trailing_spaces(t, rng) if r.endswith(".md") else t
                                      for r, t in tree.files.items()}, neutral)
    case("neutral: comment lines", {r: comment_top_keys(t, rng) if r.endswith(".md") else t
                                    for r, t in tree.files.items()}, neutral)
    case("neutral: block lists", {r: block_flow_lists(t) if r.endswith(".md") else t
                                  for r, t in tree.files.items()}, neutral)
    case("neutral: lists shuffled", restyled(tree, Style(), shuffle=rng), neutral)
    case("neutral: CSV rows and columns shuffled", {r: shuffle_csv(t, rng) if is_measurements(r) else t
                                                    for r, t in tree.files.items()}, neutral)
    case("neutral: measurement files split", split_measurements(tree.files, rng), neutral)
    case("neutral: 99.50 for 99.5", {r: values_with_zero(t) if is_measurements(r) else t
                                     for r, t in tree.files.items()}, neutral)
    case("neutral: thresholds spelt otherwise", respelled_thresholds(tree, rng), neutral)
    case("neutral: defaults written out or left out", defaults_written(tree), neutral)
    case("neutral: objective files moved",
         {**{r: t for r, t in tree.files.items() if not r.startswith("objectives/")},
          **{f"objectives/moved/{rng.choice(['a-', 'x-', ''])}{r.split('/')[-1].lower()}": t
             for r, t in tree.files.items() if r.startswith("objectives/")}}, moving)
    case("neutral: measurement files moved", moved_measurements(tree.files), neutral)
    case("neutral: review and communication files moved",
         {**{r: t for r, t in moved(tree.files, rng)[0].items() if not r.startswith("objectives/")},
          **{r: t for r, t in tree.files.items() if r.startswith("objectives/")}}, moving)

    # 2. Content changes, unrecorded and recorded, and the record alone.
    ids = sorted(tree.objectives)
    chosen = ids[:1] + rng.sample(ids[1:], min(len(ids) - 1, extra))
    for turn, oid in enumerate(chosen):
        for n, (name, field, change) in enumerate(CONTENT):
            for recorded in (False, True)[:1 + (n % 3 == turn)]:
                fm, body = tree.objective(oid)
                said = change(fm, tree)
                if said is False:
                    continue
                if said == "body":
                    body = body + "\n\nA paragraph added in review."
                if recorded:
                    bump(fm)
                files = tree.with_objective(oid, fm, body)
                case(f"{oid} {name}{', recorded' if recorded else ''}", files,
                     lambda d, md, f=field, r=recorded, o=oid: content_problems(d, md, o, f, r))
        for name, field, edit in HIDDEN:
            for recorded in (False, True):
                fm, body = tree.objective(oid)
                if name == "alias of a threshold" and str(fm.get("target")) == str(fm.get("tolerance")):
                    continue
                if recorded:
                    bump(fm)
                files = tree.with_objective(oid, fm, body, text_edit=edit)
                case(f"{oid} hidden by spelling: {name}{', recorded' if recorded else ''}", files,
                     lambda d, md, f=field, r=recorded, o=oid: content_problems(d, md, o, f, r))
        # The record of approval alone.
        fm, body = tree.objective(oid)
        record = [("approved_by", lambda fm: fm.__setitem__("approved_by", "Service Management Board")),
                  ("approved_on", lambda fm: fm.__setitem__("approved_on", fm["approved_on"] - timedelta(days=1))),
                  ("history entry's words", lambda fm: fm["history"][-1].__setitem__(
                      "reason", Text(str(fm["history"][-1]["reason"]) + " Reworded."))),
                  ("version raised with its entry", bump)]
        # The objective's `effective` dates its current entry only when that entry has none, and
        # then re-dates a threshold step when an earlier version's differ (a change).
        if len(fm.get("history", [])) == 1 and fm.get("effective"):
            record.append(("effective", lambda fm: fm.__setitem__("effective", fm["effective"] + timedelta(days=1))))
        for name, change in record:
            fm, body = tree.objective(oid)
            change(fm)
            case(f"{oid} record: {name}", tree.with_objective(oid, fm, body),
                 lambda d, md, o=oid: ["reported: " + brief(f) for f in unrecorded(d, o)])

    # 3. Renames.
    oid = chosen[0]
    new = "OBJ-RN-" + oid.split("-")[-1]

    def renamed_ok(edited, recorded=False):
        def judge(d, md):
            out = []
            changed = {o["id"]: o for o in d["objectives"]["changed"]}
            if new not in changed or changed[new]["previous_id"] != oid:
                out.append(f"{oid} -> {new} not shown as renamed: changed {sorted(changed)}, added "
                           f"{[o.get('id') for o in d['objectives']['added']]}, removed "
                           f"{[o.get('id') for o in d['objectives']['removed']]}")
            found = unrecorded(d, new) + unrecorded(d, oid)
            if edited and not recorded and not unrecorded(d, new):
                out.append(f"edited in the rename but no {UNRECORDED} for {new}")
            if (not edited or recorded) and found:
                out += ["reported: " + brief(f) for f in found]
            return out
        return judge
    case(f"rename: {oid} -> {new} with its files", renamed(tree, oid, new, True), renamed_ok(False))
    case(f"rename: {oid} -> {new} in place", renamed(tree, oid, new, False), renamed_ok(False))
    case(f"rename: {oid} -> {new} and its statement edited", renamed(tree, oid, new, True, edit_text("statement")),
         renamed_ok(True))
    case(f"rename: {oid} -> {new} and its statement edited, recorded",
         renamed(tree, oid, new, True, lambda fm, t: (edit_text("statement")(fm, t), bump(fm))), renamed_ok(True, True))
    for recorded in (False, True):
        fm, body = tree.objective(oid)
        edit_text("statement")(fm, tree)
        if recorded:
            bump(fm)
        files = tree.with_objective(oid, fm, body, path=f"objectives/elsewhere/{oid.lower()}-moved.md")

        def moved_edited(d, md, r=recorded):
            out = content_problems(d, md, oid, "statement", r)
            o = next((o for o in d["objectives"]["changed"] if o["id"] == oid), None)
            if o and o["previous_file"] is None:
                out.append(f"moved from {tree.objectives[oid]} but previous_file is null")
            return out
        case(f"{oid} moved and edited{', recorded' if recorded else ''}", files, moved_edited)
    if len(ids) >= 2:
        a, b = ids[0], ids[1]
        case(f"swap: {a} and {b} exchange files", swapped(tree, a, b), moving)
        sw = Tree(tree.name, swapped(tree, a, b))
        fm, body = sw.objective(a)
        edit_text("statement")(fm, sw)
        case(f"swap: {a} and {b} exchange files, {a} edited", sw.with_objective(a, fm, body),
             lambda d, md: content_problems(d, md, a, "statement", False))
    return ran


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("evident")
    ap.add_argument("--variants", type=int, default=1)
    ap.add_argument("--more", type=int, default=0, help="objectives changed per tree besides the first")
    ap.add_argument("--objectives", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="keep the repositories under this folder when any case fails")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    evident = os.path.abspath(args.evident)
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="diff-metamorphic-"))
    problems, ran = [], 0
    try:
        starter = starter_files(evident, tmp / "init")
        trees = [Tree("starter", starter)]
        for n in range(args.variants):
            model = Model(rng, args.objectives, date(2025, 9, 1), date(2026, 11, 29))
            files = dict(starter)
            files.update(model.files(Style()))
            trees.append(Tree(f"variant {n}", files))
        for i, tree in enumerate(trees):
            ran += run_tree(evident, tmp / f"repo-{i}", tree, rng, problems, args.verbose, args.more)
    finally:
        if problems and args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(tmp, args.keep, symlinks=True)
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print(p)
    print(f"diff-metamorphic: {len(trees)} trees, {ran} commits diffed, {len(problems)} violations"
          + (f" (kept under {args.keep})" if problems and args.keep else ""))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
