#!/usr/bin/env python3
"""Metamorphic tests of evident's judgement: content rewritten in ways that must not change the
outcome must not change `evident check`'s findings, the register or the set of pages.

    scripts/metamorphic.py EVIDENT [--variants N] [--objectives K] [--seed S] [--keep DIR] [--verbose]

Base trees: `evident init`'s starter, and N variants of it with K random objectives added (every
cadence and period form, history entries with thresholds, restated rows and known gaps, reviews
with decisions and actions, communications, some without an audience; drafts and retired
objectives alone serving a statement and a clause; a function excluded, one naming no forum with
objectives of no cadence), written by this script's own YAML and CSV writer, so that the rules
that list or pick one of several objectives or files fire. On each base tree it applies
transformations that must be neutral and compares, for a few as-of days, `evident check --format
json` (every finding: rule, severity, objective, file, line, column and message), and `evident
pack`'s `register.json`, `register.csv`, `history.csv`, `metric-dictionary.csv`,
`traceability.csv`, its site's `data/register.json` and set of page files, modulo what the
transformation legitimately changes (the paths of moved files and the review pages named after
them; lines and columns where lines move; the years of a 28-year shift; the spelling of a number;
the order of rows and of names in a list where the rewrite shuffled them):

- shift28: every date and period (and the as-of day) 28 years later; between 1901 and 2099 the
  Gregorian calendar repeats every 28 years (weekdays, leap years, ISO weeks).
- order: CSV rows and columns shuffled (rows of one period keep their order: of two rows for the
  same period the later counts, docs/content-format.md Measurements), lists whose order means
  nothing shuffled (policy, requirements, contributors, attendees, a review's objectives,
  decisions and actions, statements, clauses, functions, forums; not history entries, whose order
  SPEC 2.4 does not leave free), objective, review and communication files renamed and moved into
  subfolders (SPEC 2: `objectives/**/*.md`).
- spelling: the same YAML written otherwise: flow vs block lists and mappings, quoted vs plain
  scalars (dates too: `"2026-01-15"` is the date, docs/content-format.md), folded and literal
  blocks, comments, trailing spaces; CRLF line ends and a UTF-8 BOM (SPEC 2: accepted).
- numbers: `>= 99.5 %`, `>=99.5%` and `>= 99.5` for unit `%` (SPEC 4.1 Units); `99.50` for `99.5`.
- split: one objective's rows moved into a file of their own with an `objective` column, and a
  file with an `objective` column split into one per objective (SPEC 2.5); rows of one period
  stay in one file (two files giving one period different values are
  `monitored/conflicting-values`, docs/content-format.md Measurements).
- independent: an unrelated objective added changes no other objective's findings, nor the
  findings of no objective, except the rules that count across objectives (levels/coverage,
  levels/sprawl, policy/uncovered, requirements/unaddressed).
- outputs: `build` into two folders under TZ=Pacific/Kiritimati and TZ=America/Adak, LANG=C and
  LANG=tr_TR.UTF-8 (when the locale exists), umask 077 and 022 gives identical bytes; `pack` twice
  gives identical zip bytes.

Every difference is printed with the tree, the transformation, the as-of day and the findings on
each side; the trees are kept with --keep. Exits 1 on any difference. Standard library only;
deterministic for a seed.
"""
import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from content_trees import (
    Text, Style, emit, front_matter, FUNCTIONS, STATEMENTS,
    CLAUSES, edge_day, write_csv, is_measurements, shuffle_csv, shuffle_flow_lists,
    block_flow_lists, comment_top_keys, trailing_spaces, values_with_zero, starter_files, with_bom_crlf,
    moved, split_measurements, make_objective, ONLY_INACTIVE_STATEMENT, ONLY_INACTIVE_CLAUSE, objective_fm,
)

# Rules that count across objectives: adding one may change them (SPEC 4).
ACROSS = {"levels/coverage", "levels/sprawl", "policy/uncovered", "requirements/unaddressed"}


# ---------------------------------------------------------------------------- the calendar


# ---------------------------------------------------------------------------- a YAML writer


# ---------------------------------------------------------------------------- generated content

class Model:
    """A generated tree as data: every file but the starter's own, written by `files`."""

    def __init__(self, rng, k, lo, hi):
        self.objectives = [make_objective(rng, f"OBJ-G-{i:02d}", lo, hi) for i in range(1, k + 1)]
        self.functions = list(FUNCTIONS)
        self.stale = rng.choice([None, 90, 365])
        self.max_owner = rng.choice([None, 2, 4])
        self.grace = rng.choice([0, 7, 10])
        self.persistent = rng.choice([2, 3])
        self.excluded = rng.choice([None, "change", "desk", "problem"])
        self.justified = rng.random() < 0.7
        self.no_forum = rng.choice([None, "incident", "problem"])
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
                       sorted(rng.sample([o.id for o in self.objectives], rng.randint(1, 3))), rng.random() < 0.6)
                      for _ in range(rng.randint(2, 6))]

    def config(self):
        cfg = {"organization": Text("Example Services"), "title": Text("Service management objectives"),
               "scope": Text("IT services for the example business units"),
               "forums": [{"id": "ops-review", "name": Text("Operational review"), "cadence": "monthly"},
                          {"id": "mgmt-review", "name": Text("Management review"), "cadence": "quarterly"}],
               "functions": [self.function(f) for f in self.functions]}
        settings = {"review_grace_days": self.grace, "persistent_off_target_periods": self.persistent}
        if self.stale:
            settings["stale_after_days"] = self.stale
        if self.max_owner:
            settings["max_objectives_per_owner"] = self.max_owner
        cfg["settings"] = settings
        return cfg

    def function(self, f):
        out = {"id": f, "name": Text(f"Function {f}"), "level": "process", "owner": FUNCTIONS[f]}
        if f != self.no_forum:
            out["forum"] = "ops-review"
        if f == self.excluded:
            out["excluded"] = True
            if self.justified:
                out["justification"] = Text("Outsourced to the group service desk.")
        return out

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
               "statements": sh({"id": s, "text": Text(f"We keep commitment {s} to our users.")}
                                for s in STATEMENTS + [ONLY_INACTIVE_STATEMENT])}
        out["policy.md"] = front_matter(pol, "The policy.", style)
        for name, clauses in dict(CLAUSES, msa=CLAUSES["msa"] + [ONLY_INACTIVE_CLAUSE]).items():
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
        for i, (d, ids, audience) in enumerate(self.comms):
            fm = {"date": d, "channel": "intranet"}
            if audience:
                fm["audience"] = Text("All service desk staff")
            fm["objectives"] = ids if ids == "all" else sh(ids)
            out[f"communications/c-{i:02d}.md"] = front_matter(fm, "Published.", style)
        return out


# ---------------------------------------------------------------------------- text transformations

DATE_OR_PERIOD = re.compile(r"(?<![0-9A-Za-z])(19[0-9]{2}|20[0-9]{2})(?=-(?:W[0-9]{2}|Q[1-4]|H[12]|[0-9]{2}))")
BARE_YEAR_CELL = re.compile(r"^(19[0-9]{2}|20[0-9]{2})$")


def shift_text(path, text, years):
    """Every date and period in a file, `years` later: `2026-10-31`, `2026-W05`, `2026-Q1`,
    `2026-H2`, `2026-10`, and in CSVs a year cell `2026`."""
    text = DATE_OR_PERIOD.sub(lambda m: str(int(m.group(1)) + years), text)
    if path.endswith(".csv"):
        lines = text.split("\n")
        out = []
        for line in lines:
            cells = line.split(",")
            cells = [str(int(c) + years) if BARE_YEAR_CELL.fullmatch(c) else c for c in cells]
            out.append(",".join(cells))
        text = "\n".join(out)
    return text


def shift_path(path, years):
    return DATE_OR_PERIOD.sub(lambda m: str(int(m.group(1)) + years), path)


def unshift(text, years):
    """Years in evident's output mapped back: any 4-digit year in the shifted range."""
    return re.sub(r"(?<![0-9])(20[4-9][0-9]|21[0-2][0-9])(?![0-9])", lambda m: str(int(m.group(1)) - years), text)


QUOTABLE_DATE = re.compile(r"^(\s*(?:- )?[a-z_]+:\s+)([0-9]{4}-[0-9]{2}-[0-9]{2})(\s*(?:#.*)?)$")


def quote_dates(text, rng):
    """Front-matter dates written `key: 2026-01-15`, quoted: `"2026-01-15"` or `'2026-01-15'`."""
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return text
    out, in_fm = [lines[0]], True
    for line in lines[1:]:
        if in_fm and line in ("---", "..."):
            in_fm = False
        m = QUOTABLE_DATE.match(line) if in_fm else None
        if m:
            q = rng.choice(['"', "'"])
            line = f"{m.group(1)}{q}{m.group(2)}{q}{m.group(3)}"
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------- running evident

class Runner:
    def __init__(self, evident, keep):
        self.evident = evident
        self.keep = keep
        self.root = Path(tempfile.mkdtemp(prefix="metamorphic-"))
        self.count = 0
        self.bases = {}
        self.results = {}

    def base(self, files):
        """The base tree's folder, written once for all the transformations of it."""
        if id(files) not in self.bases:
            self.bases[id(files)] = (files, self.write(files))
        return self.bases[id(files)][1]

    def cached(self, d, day, run):
        key = (d, day, run.__name__)
        if key not in self.results:
            self.results[key] = run(d, day)
        return self.results[key]

    def write(self, files):
        self.count += 1
        d = self.root / f"t{self.count}"
        for rel, text in files.items():
            p = d / "content" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                p.write_bytes(text)
            else:
                p.write_bytes(text.encode("utf-8"))
        return d

    def check(self, d, day):
        out = subprocess.run([self.evident, "check", "--content", "content", "--format", "json", "--as-of", day,
                              "--fail-on", "never"], capture_output=True, text=True, cwd=d)
        if out.returncode != 0:
            raise RuntimeError(f"evident check exited {out.returncode} in {d}: {out.stderr[:2000]}")
        return json.loads(out.stdout)

    def build(self, d, day, name="site", env=None, umask=None):
        def pre():
            if umask is not None:
                os.umask(umask)
        out = subprocess.run([self.evident, "build", "--content", "content", "--output", name, "--as-of", day],
                             capture_output=True, text=True, cwd=d, env=env, preexec_fn=pre)
        if out.returncode != 0:
            raise RuntimeError(f"evident build exited {out.returncode} in {d}: {out.stderr[:2000]}")
        return d / name

    def pack(self, d, day):
        """`evident pack`'s folder, unzipped: the site under `site/`, the tables beside it."""
        out = subprocess.run([self.evident, "pack", "--content", "content", "--output", "pack", "--as-of", day,
                              "--quiet"], capture_output=True, text=True, cwd=d)
        zips = sorted((d / "pack").glob("*.zip"))
        if out.returncode != 0 or len(zips) != 1:
            raise RuntimeError(f"evident pack exited {out.returncode} in {d}: {out.stderr[:2000]}")
        with zipfile.ZipFile(zips[0]) as z:
            z.extractall(d / "unpacked")
        return next((d / "unpacked").iterdir())

    def close(self, failed):
        if self.keep and failed:
            dest = Path(self.keep)
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(self.root, dest)
        shutil.rmtree(self.root, ignore_errors=True)


def findings(data, paths=None, years=0, lines=True, number_spelling=False, order=False, rows_moved=False,
             thresholds=False):
    """The findings as a multiset of comparable tuples; paths map the variant's files back."""
    out = Counter()
    for f in data["findings"]:
        file = f.get("file") or ""
        msg = f.get("message", "")
        if paths:
            for new, old in paths.items():
                msg = msg.replace(new, old)
                if file.endswith(new):
                    file = file[: -len(new)] + old
        if years:
            msg, file = unshift(msg, years), unshift(file, years)
        if number_spelling:
            msg = re.sub(r"(\d\.\d*?)0+(?!\d)", r"\1", msg)
            msg = re.sub(r"(\d)\.(?!\d)", r"\1", msg)
        if order and f["rule"] == "updated/trigger":
            # One finding per source changed, naming the first of the objective's references to it
            # in the order written.
            msg = re.sub(r"^(Policy statement )?`[^`]+`", r"\1`…`", msg)
        if not lines:
            msg = re.sub(r"(\.md|\.csv|\.yml):[0-9]+:[0-9]+", r"\1", msg)
        if rows_moved:
            # A row's findings are at the file it is in; which file a missing value is asked for is
            # a suggestion.
            file = re.sub(r"measurements/.*\.csv$", "measurements/…", file)
            msg = re.sub(r"content/measurements/[^`]*\.csv", "content/measurements/…", msg)
        if thresholds:
            msg = canonical_thresholds(msg)
        file = re.sub(r"^.*?content/", "content/", file)
        key = (f["rule"], f.get("severity"), f.get("objective"), file,
               f.get("line") if lines else None, f.get("column") if lines else None, msg)
        out[key] += 1
    return out


def map_paths(text, paths):
    """The variant's paths (and the site's page names made of them) written as the base's."""
    for new, old in sorted((paths or {}).items(), key=lambda kv: -len(kv[0])):
        text = text.replace(new, old).replace(page_name(new), page_name(old))
    return text


def page_name(rel):
    """The site's page for a review: its path under reviews/, folders joined by `-`."""
    if rel.startswith("reviews/") and rel.endswith(".md"):
        return "reviews/" + rel[len("reviews/"):-3].replace("/", "-") + ".html"
    return rel


def register(site, years=0, paths=None):
    text = map_paths((site / "data" / "register.json").read_text(), paths)
    if years:
        text = unshift(text, years)
    data = json.loads(text)
    return data


def pages(site, years=0, paths=None):
    return sorted(map_paths(unshift(str(p.relative_to(site)), years), paths) for p in site.rglob("*") if p.is_file())


TABLES = ("register.csv", "register.json", "history.csv", "metric-dictionary.csv", "traceability.csv")


def pack_tables(top, years=0, paths=None, order=False):
    """The pack's tables as lists of rows (CSV rows, the register's objectives), paths mapped back;
    with `order`, rows sorted and lists of names in a cell sorted (the order written is kept)."""
    out = {}
    for name in TABLES:
        text = map_paths((top / name).read_text(encoding="utf-8-sig"), paths)
        if years:
            text = unshift(text, years)
        if name.endswith(".json"):
            data = json.loads(text)
            rows = [json.dumps(sort_lists(o) if order else o, sort_keys=True) for o in data.get("objectives", [])]
        else:
            rows = [tuple(sorted(c.split("; ")) if order else c for c in r) for r in csv.reader(io.StringIO(text))]
            rows = [tuple(tuple(c) if isinstance(c, list) else c for c in r) for r in rows]
        out[name] = sorted(rows, key=repr) if order else rows
    return out


# ---------------------------------------------------------------------------- the transformations


def unrelated_objective(files, model_grace=None):
    """An objective no other names, of its own (new) owner, with a function already served."""
    fm = {"id": "OBJ-ZZ-UNRELATED", "title": Text("Answer the phone"),
          "statement": Text("Answer calls to the service desk within a minute."), "status": "active",
          "function": "incident", "owner": "Telephony Lead", "policy": ["POL-1"],
          "requirements_note": Text("An internal objective that no external requirement asks for."),
          "metric": {"name": Text("Calls answered within 60 s"), "definition": Text("Share of calls answered."),
                     "counts": Text("Every call in the period."), "excludes": Text("Abandoned calls."), "unit": "%"},
          "data_source": {"system": Text("Telephony"), "method": Text("Monthly report")},
          "target": ">= 90 %", "tolerance": ">= 80 %", "cadence": "monthly",
          "actions": Text("Add staff at peak hours."), "version": 1, "approved_by": "Head of Service Management",
          "approved_on": date(2026, 2, 10),
          "history": [{"version": 1, "date": date(2026, 2, 10), "change": Text("First version."),
                       "reason": Text("New objective."), "approved_by": "Head of Service Management"}]}
    out = dict(files)
    out["objectives/zz-unrelated.md"] = front_matter(fm, "Rationale.", Style())
    out["measurements/OBJ-ZZ-UNRELATED.csv"] = "period,value\n2026-03,85\n2026-04,95\n2026-05,70\n"
    return out


# ---------------------------------------------------------------------------- comparing

def diff_counters(a, b, limit=6):
    only_a = a - b
    only_b = b - a
    lines = []
    for k, n in list(only_a.items())[:limit]:
        lines.append(f"      base only ({n}x): {k}")
    for k, n in list(only_b.items())[:limit]:
        lines.append(f"      variant only ({n}x): {k}")
    return lines


def canonical_thresholds(text):
    """A threshold as `>= 99.5`, however spaced and whether or not it repeats the unit."""
    return re.sub(r"(>=|<=|==|=|>|<) *(-?[0-9.]+) *(%|h)?", r"\1 \2", text)


def sort_lists(v):
    """Lists of names kept in the order written (policy, requirements, contributors), sorted."""
    if isinstance(v, dict):
        return {k: sort_lists(x) for k, x in v.items()}
    if isinstance(v, list):
        v = [sort_lists(x) for x in v]
        return sorted(v) if all(isinstance(x, str) for x in v) else v
    return v


def strip_ids(reg, ignore):
    return {**reg, "objectives": [o for o in reg.get("objectives", []) if o.get("id") not in ignore]}


def compare(runner, name, tree_name, base_files, variant_files, days, problems, paths=None, years=0,
            lines=True, numbers=False, ignore_objective=None, site=True, order=False, rows_moved=False,
            thresholds=False, tables=None):
    """Check (and build, on the first day) base and variant; record every difference."""
    # The pack's tables, where the rewrite changes nothing they say.
    tables = not (numbers or thresholds or ignore_objective or rows_moved) if tables is None else tables
    bd = runner.base(base_files)
    vd = runner.write(variant_files)
    for i, day in enumerate(days):
        vday = day if not years else str(int(day[:4]) + years) + day[4:]
        opts = dict(lines=lines, number_spelling=numbers, order=order, rows_moved=rows_moved, thresholds=thresholds)
        a = findings(runner.cached(bd, day, runner.check), **opts)
        b = findings(runner.check(vd, vday), paths=paths, years=years, **opts)
        if ignore_objective:
            b = Counter({k: n for k, n in b.items() if k[2] != ignore_objective and k[0] not in ACROSS})
            a = Counter({k: n for k, n in a.items() if k[0] not in ACROSS})
        if a != b:
            problems.append(f"{tree_name} / {name} as of {day}: findings differ ({bd.name} vs {vd.name})\n"
                            + "\n".join(diff_counters(a, b)))
        if site and i == 0:
            pa_, pb_ = runner.cached(bd, day, runner.pack), runner.pack(vd, vday)
            bs, vs = pa_ / "site", pb_ / "site"
            ra, rb = register(bs), register(vs, years, paths)
            if thresholds:
                ra = json.loads(canonical_thresholds(json.dumps(ra)))
                rb = json.loads(canonical_thresholds(json.dumps(rb)))
            if numbers:
                ra, rb = json.loads(json.dumps(ra), parse_float=float), json.loads(json.dumps(rb), parse_float=float)
            if ignore_objective:
                ra, rb = strip_ids(ra, {ignore_objective}), strip_ids(rb, {ignore_objective})
            if order:
                ra, rb = sort_lists(ra), sort_lists(rb)
            if ra != rb:
                problems.append(f"{tree_name} / {name} as of {day}: register.json differs ({bd.name} vs {vd.name})\n"
                                + describe_json_diff(ra, rb))
            pa, pb = pages(bs), pages(vs, years, paths)
            if ignore_objective:
                pb = [p for p in pb if "unrelated" not in p.lower()]
            if pa != pb:
                problems.append(f"{tree_name} / {name} as of {day}: page files differ: base only "
                                f"{sorted(set(pa) - set(pb))[:8]}, variant only {sorted(set(pb) - set(pa))[:8]}")
            if tables:
                ta, tb = pack_tables(pa_, order=order), pack_tables(pb_, years, paths, order)
                for t in sorted(set(ta) | set(tb)):
                    if ta.get(t) != tb.get(t):
                        problems.append(f"{tree_name} / {name} as of {day}: the pack's {t} differs ({bd.name} vs {vd.name})\n"
                                        + "\n".join(diff_counters(Counter(ta.get(t, [])), Counter(tb.get(t, [])))))


def describe_json_diff(a, b, path="", out=None):
    out = [] if out is None else out
    if len(out) > 8:
        return "\n".join(out)
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            describe_json_diff(a.get(k), b.get(k), f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            describe_json_diff(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append(f"      {path}: base {json.dumps(a)[:200]}, variant {json.dumps(b)[:200]}")
    return "\n".join(out)


def outputs(runner, tree_name, files, day, problems):
    """Two builds under other zones, locales and umasks, and two packs: the same bytes."""
    d = runner.write(files)
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    tr = next((x for x in locales if x.lower().replace("-", "") in ("tr_tr.utf8",)), None)
    env1 = dict(os.environ, TZ="Pacific/Kiritimati", LANG="C", LC_ALL="C")
    env2 = dict(os.environ, TZ="America/Adak", LANG=tr or "C.UTF-8", LC_ALL=tr or "C.UTF-8")
    s1 = runner.build(d, day, "out-one", env1, 0o077)
    s2 = runner.build(d, day, "elsewhere/out-two", env2, 0o022)
    f1 = {str(p.relative_to(s1)): p.read_bytes() for p in s1.rglob("*") if p.is_file()}
    f2 = {str(p.relative_to(s2)): p.read_bytes() for p in s2.rglob("*") if p.is_file()}
    if set(f1) != set(f2):
        problems.append(f"{tree_name} / outputs: builds hold other files: {sorted(set(f1) ^ set(f2))[:8]}")
    differ = sorted(k for k in set(f1) & set(f2) if f1[k] != f2[k])
    if differ:
        problems.append(f"{tree_name} / outputs: builds differ in {differ[:8]} ({d})")
    packs = []
    for i, env in enumerate((env1, env2)):
        out = subprocess.run([runner.evident, "pack", "--content", "content", "--as-of", day, "--output",
                              f"pack-{i}", "--quiet"], capture_output=True, text=True, cwd=d, env=env)
        zips = sorted((d / f"pack-{i}").glob("*.zip"))
        if out.returncode != 0 or len(zips) != 1:
            problems.append(f"{tree_name} / outputs: pack exited {out.returncode}: {out.stderr[:500]}")
            return
        packs.append((zips[0].name, zips[0].read_bytes()))
    if packs[0] != packs[1]:
        problems.append(f"{tree_name} / outputs: two packs differ ({d})")


def run_tree(runner, tree_name, base, days, rng, problems, model=None):
    """Every transformation of one base tree (`base`: path -> text; `model`: the generated part,
    re-emitted for the transformations that need the data)."""
    # 1. 28-year shift.
    compare(runner, "shift28", tree_name, base, {shift_path(r, 28): shift_text(r, t, 28) for r, t in base.items()}, days,
            problems, years=28)
    # 2. Order: rows and columns, lists, files moved.
    v = {}
    for r, t in base.items():
        if is_measurements(r):
            t = shuffle_csv(t, rng)
        elif r.endswith(".md") or r.endswith(".yml"):
            t = shuffle_flow_lists(t, rng)
        v[r] = t
    compare(runner, "order: rows, columns, one-line lists", tree_name, base, v, days, problems, lines=False,
            order=True)
    if model is not None:
        shuffled = dict(base)
        shuffled.update(model.files(Style(), rng=rng, shuffle_lists=True))
        compare(runner, "order: lists of statements, clauses, functions, decisions, actions", tree_name, base,
                shuffled, days, problems, lines=False, order=True)
    mv, paths = moved(base, rng)
    compare(runner, "order: files moved", tree_name, base, mv, days, problems, paths=paths, lines=True)
    # 3. Spelling of the same YAML.
    compare(runner, "spelling: CRLF", tree_name, base, with_bom_crlf(base, rng, False, True), days, problems)
    compare(runner, "spelling: BOM", tree_name, base, with_bom_crlf(base, rng, True, False), days, problems)
    compare(runner, "spelling: BOM and CRLF", tree_name, base, with_bom_crlf(base, rng, True, True), days, problems)
    v = {r: trailing_spaces(t, rng) if r.endswith(".md") else t for r, t in base.items()}
    compare(runner, "spelling: trailing spaces", tree_name, base, v, days, problems)
    v = {r: comment_top_keys(t, rng) if r.endswith(".md") else t for r, t in base.items()}
    compare(runner, "spelling: comment lines", tree_name, base, v, days, problems, lines=False)
    v = {r: block_flow_lists(t) if r.endswith(".md") else t for r, t in base.items()}
    compare(runner, "spelling: block lists", tree_name, base, v, days, problems, lines=False)
    v = {r: quote_dates(t, rng) if r.endswith(".md") else t for r, t in base.items()}
    compare(runner, "spelling: quoted dates", tree_name, base, v, days, problems)
    if model is not None:
        for what, style in (("flow", Style(rng, flow=0.7)), ("quoted", Style(rng, quote=0.8)),
                            ("blocks", Style(rng, blocks=0.6)), ("comments", Style(rng, comments=0.4)),
                            ("all at once", Style(rng, flow=0.4, quote=0.4, blocks=0.3, comments=0.2,
                                                  trailing=0.3))):
            v = dict(base)
            v.update(model.files(style))
            compare(runner, f"spelling: {what}", tree_name, base, v, days, problems, lines=False)
    # 4. Units and numbers.
    v = {r: values_with_zero(t) if is_measurements(r) else t for r, t in base.items()}
    compare(runner, "numbers: 99.50 for 99.5", tree_name, base, v, days, problems, numbers=True)
    if model is not None:
        v = dict(base)
        v.update(model.files(Style(), units_rng=rng))
        compare(runner, "numbers: units spelled", tree_name, base, v, days, problems, thresholds=True)
    # 5. Splitting.
    compare(runner, "split: measurements files", tree_name, base, split_measurements(base, rng), days, problems,
            lines=False, rows_moved=True)
    # 6. Independence.
    compare(runner, "independent: an unrelated objective", tree_name, base, unrelated_objective(base), days,
            problems, ignore_objective="OBJ-ZZ-UNRELATED")
    # 7. Outputs.
    outputs(runner, tree_name, base, days[0], problems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("evident")
    ap.add_argument("--variants", type=int, default=2)
    ap.add_argument("--objectives", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="keep the trees compared under this folder when any differ")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    evident = os.path.abspath(args.evident)
    rng = random.Random(args.seed)
    runner = Runner(evident, args.keep)
    problems = []
    try:
        starter = starter_files(evident, runner.root / "starter")
        run_tree(runner, "starter", starter, ["2026-11-29", "2027-01-04"], rng, problems)
        for n in range(args.variants):
            lo, hi = date(2026, 3, 1), date(2028, 3, 31)
            model = Model(rng, args.objectives, lo, hi)
            base = dict(starter)
            base.update(model.files(Style()))
            days = sorted({edge_day(rng, lo + timedelta(days=100), hi).isoformat() for _ in range(2)})
            run_tree(runner, f"variant {n}", base, days, rng, problems, model)
    finally:
        runner.close(bool(problems))
    for p in problems:
        print(p)
    print(f"metamorphic: {1 + args.variants} trees, {runner.count} content trees run, {len(problems)} differences"
          + (f" (kept under {args.keep})" if problems and args.keep else ""))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
