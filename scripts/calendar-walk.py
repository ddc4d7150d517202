#!/usr/bin/env python3
"""Walks the calendar day by day and checks every date-dependent monitoring finding on each day.

    scripts/calendar-walk.py EVIDENT [--from DAY] [--to DAY] [--grace G ...] [--jobs N] [--keep DIR]

For each `review_grace_days` asked for (default 0, 1, 30 and the default 7), it writes one content
tree with some two hundred objectives of every cadence (weekly, monthly, quarterly, semiannual,
annual): started on month ends, on 02-29, mid-quarter, on a Sunday or a Monday, by `approved_on`,
`effective` or an earlier history entry; without values; with a value for every period; with
values of finer periods (weeks, which count for the period holding their Thursday; days); with
runs of periods without a row, one across the start and one after it; with a
target changed by a history entry effective the day before, on, or after a period's first and
last day; always off target, answered by a review decision or an action dated the day before,
on, or after the first day of a period; reviewed on month ends and leap days. It then runs
`EVIDENT check --format json --as-of DAY` for every day from --from to --to (default 2025-12-01 to
2028-03-31: ISO year 2026 with its week 53, and 2028's leap day) and compares the findings of
`monitored/no-data` (with the period it names, or the run of periods with no row between two
that have one), `monitored/review-overdue`,
`monitored/future-value` (with the row's period), `monitored/off-target` and
`monitored/persistent-off-target` (with the first day it names) with what SPEC §3 and §4.1 give,
computed here independently with Python's calendar (`datetime`, ISO weeks from `isocalendar`).

Exits 1 naming each day that differs, and what was reported too much or missed. Standard library
only. A debug build takes some minutes a grace (a run per day); docs/development.md says when to
run it.
"""
import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

D = dt.date
ONE = dt.timedelta(days=1)
LENGTH = {"weekly": 7, "monthly": 31, "quarterly": 92, "semiannual": 183, "annual": 366}
MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
CADENCES = ["weekly", "monthly", "quarterly", "semiannual", "annual"]
RULES = ("monitored/future-value", "monitored/no-data", "monitored/review-overdue",
         "monitored/off-target", "monitored/persistent-off-target")
PERSISTENT = 3  # the default persistent_off_target_periods


# ------------------------------------------------------------------------- the calendar, on its own

def period(kind, day):
    """(kind, first day, last day) of the period of `kind` holding `day`; weeks run Monday to Sunday."""
    if kind == "day":
        return ("day", day, day)
    if kind == "weekly":
        start = day - dt.timedelta(days=day.weekday())
        return ("weekly", start, start + 6 * ONE)
    n = MONTHS[kind]
    first = (day.month - 1) // n * n + 1
    following = D(day.year + 1, 1, 1) if first + n > 12 else D(day.year, first + n, 1)
    return (kind, D(day.year, first, 1), following - ONE)


def label(p):
    kind, start, _ = p
    if kind == "day":
        return start.isoformat()
    if kind == "weekly":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return {"monthly": f"{start.year}-{start.month:02d}", "quarterly": f"{start.year}-Q{(start.month - 1) // 3 + 1}",
            "semiannual": f"{start.year}-H{(start.month - 1) // 6 + 1}", "annual": f"{start.year}"}[kind]


def parse_period(text):
    if re.fullmatch(r"\d{4}-W\d\d", text):
        start = D.fromisocalendar(int(text[:4]), int(text[6:]), 1)
        return ("weekly", start, start + 6 * ONE)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return period("day", D.fromisoformat(text))
    if re.fullmatch(r"\d{4}-Q\d", text):
        return period("quarterly", D(int(text[:4]), int(text[6]) * 3 - 2, 1))
    if re.fullmatch(r"\d{4}-H\d", text):
        return period("semiannual", D(int(text[:4]), int(text[6]) * 6 - 5, 1))
    if re.fullmatch(r"\d{4}-\d\d", text):
        return period("monthly", D(int(text[:4]), int(text[5:]), 1))
    return period("annual", D(int(text), 1, 1))


def periods(kind, first, last):
    out, p = [], period(kind, first)
    while p[1] <= last:
        out.append(p)
        p = period(kind, p[2] + ONE)
    return out


def cadence_period(cadence, row):
    """The period of the cadence a row's value counts for: a week by its Thursday (ISO 8601)."""
    if row[0] == cadence:
        return row
    return period(cadence, row[1] + 3 * ONE if row[0] == "weekly" else row[1])


def due_period(cadence, as_of, grace, start):
    """SPEC 4.1: the latest period that ended at least `grace` days before the as-of date (its last
    day plus the grace is on or before it); none when it ended before the objective's start."""
    latest_end = as_of - dt.timedelta(days=grace)
    p = period(cadence, latest_end)
    if p[2] > latest_end:
        p = period(cadence, p[1] - ONE)
    return None if start and p[2] < start else p


def meets(threshold, value):
    comparator, number = threshold.split()
    return {"<=": value <= float(number), "<": value < float(number),
            ">=": value >= float(number), ">": value > float(number)}[comparator]


# ------------------------------------------------------------------------------------ the objectives

class Objective:
    """`history`: (version, date, target or None, effective or None), the last version current."""

    def __init__(self, id, cadence, approved, effective=None, history=None, target="<= 10", rows=(),
                 reviews=(), responses=()):
        self.id, self.cadence, self.approved, self.effective, self.target = id, cadence, approved, effective, target
        self.history = history or [(1, approved, None, None)]
        self.rows, self.reviews = list(rows), list(reviews)
        self.responses = list(responses)  # (day, "decision" | "action")

    def start(self):
        """SPEC 4.1 "Start of an objective": the earliest history entry's effective date (its date; the
        current version's entry without one takes the objective's `effective`), else `effective`,
        else `approved_on`."""
        current = max(v for v, *_ in self.history)
        days = [effective or (self.effective if v == current else None) or date
                for v, date, _, effective in self.history]
        return min(days, default=None) or self.effective or self.approved

    def target_on(self, day):
        """SPEC 4.1 "Period-correct judgement": the latest entry with a target in force on `day`."""
        best = None
        for v, date, target, effective in self.history:
            since = effective or date
            if target and since <= day and (best is None or (since, v) >= best[0]):
                best = ((since, v), target)
        return best[1] if best else self.target

    def markdown(self):
        entries = ""
        for v, date, target, effective in sorted(self.history, reverse=True):
            entries += f"  - version: {v}\n    date: {date}\n    change: Version {v}.\n    reason: Review.\n    approved_by: Head\n"
            entries += f'    target: "{target}"\n' if target else ""
            entries += f"    effective: {effective}\n" if effective else ""
        return (f"---\nid: {self.id}\ntitle: Objective {self.id}\nstatement: Keep the result within its target.\n"
                "status: active\nfunction: incident\nowner: Incident Process Owner\npolicy: [POL-1]\n"
                "requirements: [MSA-7.2]\nmetric:\n  name: Result\n  definition: The result.\n  counts: All.\n"
                "  excludes: None.\n  unit: h\ndata_source:\n  system: S\n  method: M\n"
                f'target: "{self.target}"\ncadence: {self.cadence}\nforum: ops-review\nactions: Act.\n'
                f"version: {max(v for v, *_ in self.history)}\napproved_by: Head\napproved_on: {self.approved}\n"
                + (f"effective: {self.effective}\n" if self.effective else "")
                + f"history:\n{entries}---\nNotes.\n")


def objectives(rows_until):
    def every(kind, value=5):
        return [(label(p), value) for p in periods(kind, D(2025, 1, 1), rows_until)]

    out = []
    starts = ["2026-01-01", "2026-01-29", "2026-01-30", "2026-01-31", "2026-02-28", "2026-05-15", "2026-03-29",
              "2026-03-30", "2026-12-28", "2026-12-31", "2027-12-31", "2028-02-29"]
    for cadence in CADENCES:
        c = cadence[:2].capitalize()
        # No values and no reviews, from every kind of start.
        for i, start in enumerate(starts):
            out.append(Objective(f"A-{c}-{i}", cadence, D.fromisoformat(start)))
        out.append(Objective(f"E-{c}-1", cadence, D(2026, 1, 10), effective=D(2026, 4, 1)))
        out.append(Objective(f"E-{c}-2", cadence, D(2026, 6, 10), effective=D(2026, 7, 1),
                             history=[(1, D(2025, 11, 3), None, None), (2, D(2026, 6, 10), None, None)]))
        out.append(Objective(f"E-{c}-3", cadence, D(2026, 6, 10), effective=D(2026, 7, 1),
                             history=[(1, D(2026, 2, 3), None, D(2026, 2, 28)), (2, D(2026, 6, 10), None, None)]))
        # Reviewed on month ends and leap days.
        out.append(Objective(f"B-{c}", cadence, D(2025, 12, 1), reviews=[
            D(2026, 1, 31), D(2026, 3, 3), D(2026, 5, 31), D(2026, 9, 30), D(2026, 12, 31), D(2027, 2, 28),
            D(2027, 6, 30), D(2027, 12, 31), D(2028, 2, 29)]))
        # A value for every period, future ones included.
        out.append(Objective(f"C-{c}", cadence, D(2025, 1, 1), rows=every(cadence)))
        # Runs of periods without a row: one across the start (2026-04-15), rows from before it
        # kept; one after it.
        rows = [(text, value) for text, value in every(cadence)
                if not (D(2026, 2, 10) <= parse_period(text)[2] and parse_period(text)[1] <= D(2026, 6, 20))
                and not (D(2026, 8, 1) <= parse_period(text)[1] <= D(2026, 10, 31))]
        out.append(Objective(f"G-{c}", cadence, D(2026, 4, 15), rows=rows))
        # Values of finer periods only: every 5th (14th, 27th, 53rd) ISO week, or every 10th day.
        if cadence == "weekly":
            rows = [(label(p), 5) for p in periods("day", D(2025, 1, 1), rows_until)][::10]
        else:
            step = {"monthly": 5, "quarterly": 14, "semiannual": 27, "annual": 53}[cadence]
            rows = [(label(p), 5) for p in periods("weekly", D(2025, 1, 1), rows_until)
                    if p[1].isocalendar()[1] % step == 0]
        out.append(Objective(f"W-{c}", cadence, D(2025, 1, 1), rows=rows))
        # The target tightened (5 turns off target), or loosened, by an entry effective around the
        # first and last days of the period holding 2027-02-15.
        p = period(cadence, D(2027, 2, 15))
        middle = p[1] + (p[2] - p[1]) // 2
        for i, day in enumerate([p[1] - ONE, p[1], p[1] + ONE, middle, p[2] - ONE, p[2], p[2] + ONE]):
            out.append(Objective(f"J-{c}-{i}", cadence, D(2025, 1, 1), target="<= 1", rows=every(cadence),
                                 history=[(1, D(2025, 1, 1), "<= 10", None), (2, D(2025, 6, 1), "<= 1", day)]))
        for i, day in enumerate([p[1], p[2], p[2] + ONE]):
            out.append(Objective(f"K-{c}-{i}", cadence, D(2025, 1, 1), target="<= 10", rows=every(cadence),
                                 history=[(1, D(2025, 1, 1), "<= 1", None), (2, D(2025, 6, 1), "<= 10", day)]))
        # Always off target; one response around the first day of the period holding 2026-08-15.
        p = period(cadence, D(2026, 8, 15))
        for i, day in enumerate([p[1] - ONE, p[1], p[1] + ONE, p[2], p[2] + ONE]):
            for kind in ("decision", "action"):
                out.append(Objective(f"P-{c}-{kind[0]}{i}", cadence, D(2025, 1, 1), target="<= 1",
                                     rows=every(cadence), responses=[(day, kind)]))
    return out


def write_tree(root, objs, grace, evident):
    """The objectives, with the configuration, policy and requirements of `evident init`."""
    with tempfile.TemporaryDirectory() as starter:
        subprocess.run([evident, "init", starter], check=True, capture_output=True)
        base = os.path.join(starter, "content")
        shutil.rmtree(root, ignore_errors=True)
        for sub in ("objectives", "measurements", "reviews"):
            os.makedirs(os.path.join(root, sub))
        shutil.copy(os.path.join(base, "policy.md"), root)
        shutil.copytree(os.path.join(base, "requirements"), os.path.join(root, "requirements"))
        with open(os.path.join(base, "evident.yml")) as f:
            configuration = f.read()
    if grace is not None:
        configuration += f"settings:\n  review_grace_days: {grace}\n"
    with open(os.path.join(root, "evident.yml"), "w") as f:
        f.write(configuration)
    reviews = {}
    for o in objs:
        with open(os.path.join(root, "objectives", f"{o.id}.md"), "w") as f:
            f.write(o.markdown())
        if o.rows:
            with open(os.path.join(root, "measurements", f"{o.id}.csv"), "w") as f:
                f.write("period,value,note\n" + "".join(f"{p},{v},\n" for p, v in o.rows))
        for day in o.reviews:
            reviews.setdefault(day, {"listed": [], "decision": [], "action": []})["listed"].append(o.id)
        for day, kind in o.responses:
            reviews.setdefault(day, {"listed": [], "decision": [], "action": []})[kind].append(o.id)
    for day, r in reviews.items():
        text = f"---\ndate: {day}\nforum: ops-review\nchair: Chair\nattendees: [Owner]\nobjectives: [{', '.join(r['listed'])}]\n"
        if r["decision"]:
            text += "decisions:\n" + "".join(f"  - objective: {i}\n    decision: no-change\n    note: Noted.\n"
                                             for i in r["decision"])
        if r["action"]:
            text += "actions:\n" + "".join(
                f"  - id: ACT-{i}\n    objective: {i}\n    owner: Owner\n    due: {day}\n    status: done\n    text: Act.\n"
                for i in r["action"])
        with open(os.path.join(root, "reviews", f"{day}.md"), "w") as f:
            f.write(text + "---\nMinutes.\n")


# ------------------------------------------------------------------------ what SPEC 4.1 gives, a day

def expected(objs, as_of, grace):
    findings = set()
    for o in objs:
        start = o.start()
        rows = [(parse_period(text), value) for text, value in o.rows]
        for row, _ in rows:
            if row[1] > as_of:
                findings.add(("monitored/future-value", o.id, label(row)))
        # The latest row of each cadence period counts; rows of periods not begun count nowhere.
        values = {}
        for row, value in sorted(((r, v) for r, v in rows if r[1] <= as_of), key=lambda x: (x[0][2], x[0][1])):
            values[cadence_period(o.cadence, row)] = (value, row)
        due = due_period(o.cadence, as_of, grace, start)
        if due and due not in values:
            findings.add(("monitored/no-data", o.id, label(due)))
        # Each run of due periods with no row between two due periods that have one; periods that
        # end before the start are never due.
        if due:
            rowed = sorted((p for p in values if p[1] <= due[1]), key=lambda p: p[1])
            for before, after in zip(rowed, rowed[1:]):
                run = [p for p in periods(o.cadence, before[2] + ONE, after[1] - ONE) if start is None or p[2] >= start]
                if run:
                    key = label(run[0]) if len(run) == 1 else f"{label(run[0])} to {label(run[-1])}"
                    findings.add(("monitored/no-data", o.id, key))
        window_start = as_of - dt.timedelta(days=LENGTH[o.cadence] + grace)
        reviewed = [d for d in o.reviews + [d for d, kind in o.responses if kind == "decision"] if d <= as_of]
        if (not reviewed or max(reviewed) < window_start) and (start is None or start < window_start):
            findings.add(("monitored/review-overdue", o.id, ""))
        if not due:
            continue
        series = [(p, values[p]) for p in sorted(values, key=lambda p: p[1]) if p[1] <= due[1] and p[2] >= start]
        judged = [(p, meets(o.target_on(row[2]), value)) for p, (value, row) in series]
        if judged and not judged[-1][1]:
            findings.add(("monitored/off-target", o.id, ""))
        run = []
        for p, ok in reversed(judged):
            if ok or len(run) == PERSISTENT:
                break
            run.append(p)
        if len(run) == PERSISTENT and not any(run[-1][1] <= d <= as_of for d, _ in o.responses):
            findings.add(("monitored/persistent-off-target", o.id, run[-1][1].isoformat()))
    return findings


def reported(output):
    findings = set()
    for f in json.loads(output)["findings"]:
        rule, message, key = f["rule"], f["message"], ""
        if rule not in RULES:
            continue
        if rule == "monitored/future-value":
            key = re.match(r"`([^`]*)`", message).group(1)
        elif rule == "monitored/no-data":
            run = re.search(r"no row for ([^\s,]+(?: to [^\s,]+)?)", message)
            key = run.group(1) if run else re.search(r"no value for (\S+),", message).group(1)
        elif rule == "monitored/persistent-off-target":
            key = re.search(r"dated on or after (\S+)\.", message).group(1)
        findings.add((rule, f["objective"], key))
    return findings


def check(evident, root, day):
    p = subprocess.run([evident, "check", "--content", root, "--format", "json", "--as-of", day.isoformat(),
                        "--fail-on", "never", "--quiet"], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{root}, as of {day}: exit {p.returncode}: {p.stderr[:500]}")
    return reported(p.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("evident")
    parser.add_argument("--from", dest="first", type=D.fromisoformat, default=D(2025, 12, 1))
    parser.add_argument("--to", dest="last", type=D.fromisoformat, default=D(2028, 3, 31))
    parser.add_argument("--grace", nargs="+", default=["0", "1", "30", "default"],
                        help="review_grace_days of each tree; `default` leaves it unset (7)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="write the trees here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    evident = os.path.abspath(args.evident)
    # Rows a year past the last day: enough future values for every day walked.
    objs = objectives(D(args.last.year + 1, 12, 31))
    days = [args.first + dt.timedelta(days=n) for n in range((args.last - args.first).days + 1)]
    folder = args.keep or tempfile.mkdtemp(prefix="calendar-walk-")
    differing = 0
    for grace in args.grace:
        value = None if grace == "default" else int(grace)
        root = os.path.join(folder, f"grace-{grace}")
        write_tree(root, objs, value, evident)
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda day: check(evident, root, day), days))
        bad = 0
        for day, got in zip(days, results):
            want = expected(objs, day, 7 if value is None else value)
            if got != want:
                bad += 1
                print(f"grace {grace}, as of {day}: reported too: {sorted(got - want)}; missed: {sorted(want - got)}")
        print(f"grace {grace}: {len(days)} days from {args.first} to {args.last}, {len(objs)} objectives, "
              f"{bad} days differ", flush=True)
        differing += bad
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
