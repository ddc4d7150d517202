#!/usr/bin/env python3
"""An independent reading of SPEC 3 and 4.1 (time), checked against `evident check`.

    scripts/spec-oracle.py EVIDENT [--trees N] [--objectives K] [--seed S] [--keep DIR] [--verbose]

Each tree is `evident init`'s starter with its objective replaced by K random ones (one function,
forums of every cadence), random measurements, reviews and settings. What the time-dependent
rules turn on is varied on purpose: every cadence (the objective's own, or its forum's), periods
of every form (`2026`, `2026-H2`, `2026-Q3`, `2026-10`, ISO weeks across year ends, dates), rows
finer than the cadence, rows in any order, restated rows, known gaps, missing periods, values on
the target's or tolerance's number, every comparator, history entries with `target`, `tolerance`
and `effective`, `approved_on` and `effective` near period ends, `review_grace_days` and
`persistent_off_target_periods`, reviews, decisions and actions dated on the edges of the review
window, and as-of days on period ends, grace edges, leap days and year ends.

For each objective and as-of day this script computes, from the SPEC's text alone (and, where
the SPEC leaves a choice, from the reading docs/content-format.md documents, cited where used),
the due period, its value and status, and how many findings each of `monitored/no-data`,
`monitored/off-target`, `monitored/persistent-off-target`, `monitored/review-overdue` and
`monitored/future-value` must give. It then runs `evident check --format json --as-of DAY` and
compares: the findings by rule and objective, the due period and latest value their messages
name, the off-target run, and, from `evident build`, the site's `data/register.json` (due period,
latest result with the thresholds that judged it, last review). Every disagreement is printed with the tree, the as-of day and what each side said; the tree is
kept with --keep. Exits 1 on any disagreement. Standard library only; deterministic for a seed.
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
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

RULES = ["monitored/no-data", "monitored/off-target", "monitored/persistent-off-target",
         "monitored/review-overdue", "monitored/future-value"]
CADENCES = ["weekly", "monthly", "quarterly", "semiannual", "annual"]
# SPEC 4.1, cadence length in days.
CADENCE_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92, "semiannual": 183, "annual": 366}
# Coarseness of a period kind: a row may be of its cadence's kind or a finer one (SPEC 2.5).
RANK = {"D": 0, "W": 1, "M": 2, "Q": 3, "H": 4, "Y": 5}
CADENCE_KIND = {"weekly": "W", "monthly": "M", "quarterly": "Q", "semiannual": "H", "annual": "Y"}
ONE = timedelta(days=1)


# ---------------------------------------------------------------------------- the calendar

def month_end(y, m):
    return date(y + (m == 12), m % 12 + 1, 1) - ONE


def period_of(kind, day):
    """The period of `kind` that holds `day`: (kind, first day, last day)."""
    if kind == "D":
        return ("D", day, day)
    if kind == "W":
        monday = day - timedelta(days=day.weekday())
        return ("W", monday, monday + timedelta(days=6))
    if kind == "M":
        return ("M", date(day.year, day.month, 1), month_end(day.year, day.month))
    if kind == "Q":
        m = (day.month - 1) // 3 * 3 + 1
        return ("Q", date(day.year, m, 1), month_end(day.year, m + 2))
    if kind == "H":
        m = 1 if day.month <= 6 else 7
        return ("H", date(day.year, m, 1), month_end(day.year, m + 5))
    return ("Y", date(day.year, 1, 1), date(day.year, 12, 31))


def next_period(p):
    return period_of(p[0], p[2] + ONE)


def prev_period(p):
    return period_of(p[0], p[1] - ONE)


def label(p):
    kind, start, _ = p
    if kind == "D":
        return start.isoformat()
    if kind == "W":
        y, w, _ = start.isocalendar()
        return f"{y}-W{w:02d}"
    if kind == "M":
        return f"{start.year}-{start.month:02d}"
    if kind == "Q":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "H":
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    return str(start.year)


def anchor(p):
    """The day that places a row's period in a coarser one: a week's Thursday (SPEC 4.1, ISO
    8601), else its first day (a month, quarter or half lies wholly inside each coarser one)."""
    return p[1] + timedelta(days=3) if p[0] == "W" else p[1]


def cadence_period(row_period, cadence):
    """The period of the cadence a row stands for (SPEC 2.5: a date is the period of the
    objective's cadence that holds it; a finer period counts for the period holding it)."""
    return period_of(CADENCE_KIND[cadence], anchor(row_period))


# ---------------------------------------------------------------------------- thresholds

def parse_threshold(text):
    m = re.fullmatch(r"\s*(>=|<=|==|=|>|<)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([^\s0-9].*)?", text)
    assert m, text
    return (m.group(1) if m.group(1) != "=" else "==", Decimal(m.group(2)))


def meets(value, threshold):
    cmp, n = threshold
    return {">=": value >= n, ">": value > n, "<=": value <= n, "<": value < n, "==": value == n}[cmp]


def judge(value, target, tolerance):
    """SPEC 2.5: on target, within tolerance, off target (4.1: no tolerance, a miss is off)."""
    if meets(value, target):
        return "on-target"
    if tolerance is not None and meets(value, tolerance):
        return "within-tolerance"
    return "off-target"


# ---------------------------------------------------------------------------- the model

class Objective:
    """What the generator wrote for one objective, in the terms the SPEC uses."""

    def __init__(self, oid):
        self.id = oid
        self.cadence = None          # the cadence in force (own, or the forum's)
        self.yaml_cadence = None     # written as `cadence:` when set
        self.yaml_forum = None       # written as `forum:` when set
        self.target = None           # text
        self.tolerance = None        # text or None
        self.version = None
        self.approved_on = None
        self.effective = None
        self.history = []            # dicts: version, date, target, tolerance, effective (or None)
        self.rows = []               # (period label, row period, value text or "" for a gap, note)
        self.files = []              # per row: 0 its own file, 1 `measurements/zz-more.csv`
        self.events = []             # (date, kind) kind: listed | decision | bare-decision | action | bare-action
        self.notes = []              # what was varied, for the disagreement's description
        self.status = "active"


def start_of(o, as_of=None):
    """SPEC 4.1 Start of an objective: the `effective` of its earliest history entry (default
    its `date`), else its `effective`, else its `approved_on`. docs/content-format.md (Periods
    and dates): the current version's entry without an `effective` takes the objective's. The
    SPEC does not say earliest by what; evident takes the earliest of the entries' days (which
    differ from the earliest by date only where an `effective` reaches back before the period of
    its date, an updated/history error). An entry dated after the as-of day has not happened, so
    it starts nothing, as it judges nothing (docs/content-format.md, Periods and dates)."""
    entries = [h for h in o.history if as_of is None or h["date"] <= as_of]
    if entries:
        def day(h):
            if h["effective"]:
                return h["effective"]
            if h["version"] == o.version and o.effective:
                return o.effective
            return h["date"]
        return min(day(h) for h in entries)
    return o.effective or o.approved_on


def thresholds_on(o, day, as_of):
    """SPEC 4.1 Period-correct judgement: the latest history entry that gives a `target` and whose
    `effective` (default its `date`) is on or before `day`; failing any, the current ones.
    Entries dated after the as-of day have not happened (docs/content-format.md, Periods and
    dates)."""
    best = None
    for h in o.history:
        if h["target"] is None or h["date"] > as_of:
            continue
        eff = h["effective"] or h["date"]
        if eff <= day and (best is None or (eff, h["version"]) > best[0]):
            best = ((eff, h["version"]), h)
    if best:
        h = best[1]
        return parse_threshold(h["target"]), parse_threshold(h["tolerance"]) if h["tolerance"] else None
    return parse_threshold(o.target), parse_threshold(o.tolerance) if o.tolerance else None


def expect(o, as_of, grace, persistent):
    """Everything SPEC 3 and 4.1 say about one active objective as of one day."""
    cad = o.cadence
    # Without any date (no history, `effective` or `approved_on`), no period is left out: every
    # period is due, and review-overdue holds "for one with neither date" (docs/content-format.md,
    # Monitoring). A day long before every row stands for that.
    start = start_of(o, as_of) or date(2000, 1, 1)
    out = Counter()
    # Future values (4.1): a row whose period begins after the as-of date; left out of all else.
    rows = []
    for i, (text, rp, value, _note) in enumerate(o.rows):
        i = (o.files[i], i)          # later file (by path), then later row
        if rp[1] > as_of:
            out["monitored/future-value"] += 1
            continue
        rows.append((i, text, rp, value))
    # Due period (4.1): the latest period of the cadence that ended at least grace days before
    # the as-of date; periods that end before the start are never due.
    p = period_of(CADENCE_KIND[cad], as_of)
    while p[2] + timedelta(days=grace) > as_of:
        p = prev_period(p)
    due = p if p[2] >= start else None
    # A value for a period (2.5, 4.1): the row of that period or of a finer one inside it; the
    # latest counts. SPEC 2.5 does not say which of two rows inside one period is the latest (nor
    # whether a date stands for the whole period or for its day). docs/content-format.md
    # (Measurements) reads it so: the later (finer) period counts, then the later row; evident
    # takes "later" by the period's last day, a date as its own day. A known gap of a finer
    # period does not replace a value of the whole period.
    by_period = defaultdict(list)
    for i, text, rp, value in rows:
        by_period[cadence_period(rp, cad)].append((rp[2], -(rp[2] - rp[1]).days, i, rp, value))
    winner = {}
    for cp, rs in by_period.items():
        w = None
        for r in sorted(rs):
            finer_gap = r[4] == "" and r[3][0] != cp[0]
            if not (finer_gap and w is not None and w[3][0] == cp[0] and w[4] != ""):
                w = r
        winner[cp] = w
    due_periods = []
    if due:
        q = due
        while q[2] >= start:
            due_periods.append(q)
            q = prev_period(q)
        due_periods.reverse()
    judged = {}
    for cp in due_periods:
        w = winner.get(cp)
        if w and w[4] != "":
            value = Decimal(w[4])
            target, tolerance = thresholds_on(o, w[3][2], as_of)
            judged[cp] = (value, judge(value, target, tolerance), w[3], cp)
    status = None
    if due:
        status = judged[due][1] if due in judged else "no-data"
    latest = max(judged) if judged else None
    # monitored/no-data: the due period without a value; docs/content-format.md (Monitoring):
    # also each run of due periods with no row at all between two due periods that have one,
    # once per run; a run that reaches the due period is named in the due period's finding.
    if due:
        with_rows = set(by_period)
        first_row = min(with_rows) if with_rows else None
        run = 0
        for cp in due_periods:
            if cp in with_rows:
                if run:
                    out["monitored/no-data"] += 1
                run = 0
            elif first_row is not None and cp > first_row:
                run += 1
        if due not in judged:
            out["monitored/no-data"] += 1
    # monitored/off-target: the latest value (of the due periods) is off target.
    if latest is not None and judged[latest][1] == "off-target":
        out["monitored/off-target"] += 1
    # monitored/persistent-off-target (4.1).
    valued = sorted(judged)
    run = []
    if len(valued) >= persistent:
        last = valued[-persistent:]
        if all(judged[cp][1] == "off-target" for cp in last):
            run = last
            first_day = last[0][1]
            answered = any(first_day <= d <= as_of and k in ("decision", "action") for d, k in o.events)
            if not answered:
                out["monitored/persistent-off-target"] += 1
    # monitored/review-overdue (4.1): the latest review listing the objective (in `objectives`
    # or a decision) is older than cadence length + grace back from the as-of date, and the
    # objective started before that window began.
    window = as_of - timedelta(days=CADENCE_DAYS[cad] + grace)
    reviews = [d for d, k in o.events if k in ("listed", "decision", "bare-decision") and d <= as_of]
    if (not reviews or max(reviews) < window) and start < window:
        out["monitored/review-overdue"] += 1
    return {"due": due, "status": status, "latest": latest and judged[latest], "counts": out,
            "start": start, "run": run}


# ---------------------------------------------------------------------------- the generator

def rand_day(rng, lo, hi):
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def edge_day(rng, lo, hi):
    """A day between lo and hi, often on or next to a period's first or last day."""
    d = rand_day(rng, lo, hi)
    kind = rng.choice(["D", "D", "M", "Q", "H", "Y", "W"])
    if kind == "D":
        return d
    p = period_of(kind, d)
    return rng.choice([p[1], p[2], p[2] + ONE, p[1] - ONE, p[2] - ONE])


def threshold_pair(rng, unit):
    """A target and a tolerance valid by SPEC 2.4 (the tolerance's band holds every value that
    meets the target, in the same direction), or no tolerance."""
    n = Decimal(rng.choice(["0", "4", "99.5", "10", "2.5", "50"]))
    cmp = rng.choice([">=", ">", "<=", "<", "==", "="])
    d = Decimal(rng.choice(["0", "0.5", "1", "0.001", "3"]))
    if cmp in (">=", ">"):
        tcmp = rng.choice([">=", ">"])
        tn = n - d if not (cmp == ">=" and tcmp == ">" and d == 0) else n - 1
    elif cmp in ("<=", "<"):
        tcmp = rng.choice(["<=", "<"])
        tn = n + d if not (cmp == "<=" and tcmp == "<" and d == 0) else n + 1
    else:
        tcmp = rng.choice([">=", ">", "<=", "<", "=="])
        if tcmp == "==":
            tn = n
        elif tcmp in (">=", "<="):
            tn = n - d if tcmp == ">=" else n + d
        else:
            d = d or Decimal(1)
            tn = n - d if tcmp == ">" else n + d
    def fmt(c, x):
        sp = rng.choice([" ", " ", ""])
        u = rng.choice([" " + unit, "", " " + unit]) if unit else ""
        return f"{c}{sp}{x}{u}"
    tolerance = None if rng.random() < 0.15 else fmt(tcmp, tn)
    return fmt(cmp, n), tolerance


def plain(v, rng):
    """A value as a sheet writes it: a plain decimal, sometimes with a trailing zero."""
    text = format(v, "f")
    return text + "0" if "." in text and rng.random() < 0.2 else text


def near_values(o, rng, day, as_of_hint, mood):
    """A value on, just beside or far from a threshold in force on `day`; runs of values off
    target (mood "off") make persistent-off-target likely."""
    target, tolerance = thresholds_on(o, day, as_of_hint)
    if mood != "near" and rng.random() < 0.8:
        cmp, n = (tolerance or target) if mood == "off" else target
        far = Decimal(rng.choice(["5", "20", "0.01"]))
        if mood == "on":
            v = n + far if cmp in (">=", ">") else n - far if cmp in ("<=", "<") else n
        else:
            v = n - far if cmp in (">=", ">") else n + far
        return plain(max(v, Decimal(0)), rng)
    nums = [target[1]] + ([tolerance[1]] if tolerance else [])
    n = rng.choice(nums)
    v = n + Decimal(rng.choice(["0", "0", "0.001", "-0.001", "1", "-1", "0.5", "-0.5", "10", "-10",
                                  "0.0000000000000000001", "-0.0000000000000000001"]))
    return plain(max(v, Decimal(0)), rng)


def row_periods(rng, cp, cadence):
    """Labels for one cadence period: the whole period, a finer one inside it, or a date."""
    kind = CADENCE_KIND[cadence]
    choices = [cp]
    finer = [k for k in ("H", "Q", "M", "W") if RANK[k] < RANK[kind]]
    if finer:
        k = rng.choice(finer)
        # a finer period whose anchor lies in cp (weeks by their Thursday)
        day = rand_day(rng, cp[1], cp[2])
        fp = period_of(k, day)
        if cadence_period(fp, cadence) == cp:
            choices.append(fp)
        # the first week of cp (it may begin in the period before, or even the year before)
        if k == "W":
            w = period_of("W", cp[1])
            if cadence_period(w, cadence) != cp:
                w = next_period(w)
            choices.append(w)
            w = period_of("W", cp[2])
            if cadence_period(w, cadence) == cp:
                choices.append(w)
    choices.append(("D", cp[2], cp[2]))
    choices.append(period_of("D", rand_day(rng, cp[1], cp[2])))
    return choices


def make_objective(rng, oid, as_of_days, grace):
    o = Objective(oid)
    o.status = rng.choice(["active"] * 12 + ["draft", "retired"])
    how = rng.random()
    if how < 0.5:
        o.cadence = rng.choice(CADENCES)
        o.yaml_cadence = o.cadence
        if rng.random() < 0.5:
            o.yaml_forum = "f-" + rng.choice(CADENCES)
    elif how < 0.85:
        o.cadence = rng.choice(CADENCES)
        o.yaml_forum = "f-" + o.cadence
    else:
        o.cadence = "monthly"        # the function's forum, ops-review
    o.notes.append(f"cadence {o.cadence}" + (" (own)" if o.yaml_cadence else " (forum)"))
    lo, hi = min(as_of_days), max(as_of_days)
    if rng.random() < 0.75:
        first = edge_day(rng, lo - timedelta(days=500), lo + timedelta(days=60))
    else:
        first = edge_day(rng, lo, hi - timedelta(days=30))
    unit = rng.choice(["pts", "%", ""])
    o.unit = unit
    n_hist = rng.choice([0, 1, 1, 2, 2, 3])
    dates = sorted({edge_day(rng, first, max(first, min(hi, first + timedelta(days=700)))) for _ in range(n_hist)} | {first})
    dates = dates[:max(n_hist, 1)]
    if n_hist == 0:
        o.target, o.tolerance = threshold_pair(rng, unit)
        o.approved_on = first
        if rng.random() < 0.5:
            o.effective = rng.choice([first, period_of(CADENCE_KIND[o.cadence], first)[2] + ONE,
                                      first + timedelta(days=rng.randrange(1, 20))])
    else:
        prev_eff = None
        for i, d in enumerate(dates):
            h = {"version": i + 1, "date": d, "effective": None, "target": None, "tolerance": None}
            if i == 0 or rng.random() < 0.8:
                h["target"], h["tolerance"] = threshold_pair(rng, unit)
            # An `effective` no earlier than the first day of the cadence period of its date
            # (docs/content-format.md, updated/history), and after the previous one.
            if rng.random() < 0.5:
                cp = period_of(CADENCE_KIND[o.cadence], d)
                eff = rng.choice([cp[1], d, cp[2] + ONE, d + timedelta(days=rng.randrange(1, 40))])
                if prev_eff and eff <= prev_eff:
                    eff = prev_eff + ONE
                h["effective"] = eff
            eff_or_date = h["effective"] or d
            if prev_eff and eff_or_date <= prev_eff:
                h["effective"] = prev_eff + ONE
            prev_eff = h["effective"] or d
            if rng.random() < 0.08:
                # An `effective` reaching back before its period (an updated/history error): as of
                # a day before the entry's date it must judge nothing all the same.
                h["effective"] = d - timedelta(days=rng.randrange(1, 120))
                o.notes.append("retroactive effective")
            o.history.append(h)
        with_target = [h for h in o.history if h["target"]]
        o.target, o.tolerance = with_target[-1]["target"], with_target[-1]["tolerance"]
        o.version = o.history[-1]["version"]
        o.approved_on = o.history[-1]["date"] + timedelta(days=rng.choice([0, 0, 0, 3]))
        cur = o.history[-1]
        if rng.random() < 0.4:
            if cur["effective"]:
                o.effective = cur["effective"]
            else:
                # The current entry without an `effective` takes the objective's for the start
                # (4.1 Start of an objective, as the docs read it); its thresholds apply from the
                # entry's date, which updated/history reports when the two disagree.
                o.effective = rng.choice([cur["date"] + timedelta(days=rng.randrange(0, 20)),
                                          period_of(CADENCE_KIND[o.cadence], cur["date"])[2] + ONE])
        o.notes.append(f"{n_hist} history entries")
    if n_hist == 0 and rng.random() < 0.06:
        o.approved_on = o.effective = None
        o.notes.append("no approval date")
    # Measurements: from a little before the start to past the last as-of day.
    start = start_of(o) or first
    kind = CADENCE_KIND[o.cadence]
    p = period_of(kind, start)
    for _ in range(rng.choice([0, 1, 2])):
        p = prev_period(p)
    count = 0
    mood = rng.choice(["near", "off", "on"])
    while p[1] <= hi + timedelta(days=40) and count < 60:
        count += 1
        r = rng.random()
        if r < 0.12:
            p = next_period(p)
            continue                                  # a missing period
        if rng.random() < 0.25:
            mood = rng.choice(["near", "off", "on"])
        choices = row_periods(rng, p, o.cadence)
        picks = [rng.choice(choices)]
        if rng.random() < 0.25:
            picks.append(rng.choice(choices))         # a restated or finer second row
        for rp in picks:
            if rng.random() < 0.1:
                o.rows.append((label(rp), rp, "", "Export failed; rerun pending."))
            else:
                o.rows.append((label(rp), rp, near_values(o, rng, rp[2], hi, mood), ""))
        p = next_period(p)
    rng.shuffle(o.rows) if rng.random() < 0.5 else None
    more = rng.random() < 0.2
    o.files = [1 if more and rng.random() < 0.3 else 0 for _ in o.rows]
    # Reviews: around the start and around each as-of day's window edge and period starts.
    for a in rng.sample(as_of_days, min(len(as_of_days), 3)):
        window = a - timedelta(days=CADENCE_DAYS[o.cadence] + grace)
        for _ in range(rng.choice([0, 1, 1, 2])):
            d = rng.choice([window, window - ONE, window + ONE, a, a + ONE,
                            period_of(kind, a)[1], prev_period(period_of(kind, a))[1],
                            prev_period(prev_period(period_of(kind, a)))[1] - ONE,
                            rand_day(rng, window - timedelta(days=200), a)])
            k = rng.choice(["listed", "listed", "decision", "bare-decision", "action", "bare-action"])
            o.events.append((d, k))
        # an answer on, or the day before, the first day of an earlier period (persistent-off-target)
        if rng.random() < 0.5:
            q = period_of(kind, a)
            for _ in range(rng.randrange(1, 6)):
                q = prev_period(q)
            o.events.append((q[1] - rng.choice([ONE, ONE * 0]), rng.choice(["decision", "action", "bare-action", "listed"])))
    return o


# ---------------------------------------------------------------------------- writing a tree

def yaml_date(d):
    return d.isoformat()


def write_objective(o, path):
    lines = ["---", f"id: {o.id}", f"title: Objective {o.id}",
             f"statement: Keep the measure of {o.id} within its target.", f"status: {o.status}",
             "function: incident", "owner: Incident Process Owner", "policy: [POL-1]",
             "requirements: [MSA-7.2]", "metric:", f"  name: Measure of {o.id}",
             "  definition: The measured quantity for the period.", "  counts: Every event in the period.",
             "  excludes: Nothing.", *( [f"  unit: \"{o.unit}\""] if o.unit else []),
             "data_source:", "  system: Monitoring", "  method: Monthly extract",
             f"target: \"{o.target}\""]
    if o.tolerance:
        lines.append(f"tolerance: \"{o.tolerance}\"")
    if o.yaml_cadence:
        lines.append(f"cadence: {o.yaml_cadence}")
    if o.yaml_forum:
        lines.append(f"forum: {o.yaml_forum}")
    lines.append("actions: Open a problem record when off target.")
    if o.version is not None:
        lines.append(f"version: {o.version}")
    lines += ["approved_by: Head of Service Management"]
    if o.approved_on:
        lines.append(f"approved_on: {yaml_date(o.approved_on)}")
    if o.effective:
        lines.append(f"effective: {yaml_date(o.effective)}")
    if o.history:
        lines.append("history:")
        for h in o.history:
            lines += [f"  - version: {h['version']}", f"    date: {yaml_date(h['date'])}",
                      f"    change: Version {h['version']}.", "    reason: A review.",
                      "    approved_by: Head of Service Management"]
            if h["target"]:
                lines.append(f"    target: \"{h['target']}\"")
            if h["tolerance"]:
                lines.append(f"    tolerance: \"{h['tolerance']}\"")
            if h["effective"]:
                lines.append(f"    effective: {yaml_date(h['effective'])}")
    lines += ["---", "Rationale.", ""]
    path.write_text("\n".join(lines))


def write_tree(content, objectives, grace, persistent):
    cfg = (content / "evident.yml").read_text()
    forums = "".join(f"  - {{ id: f-{c}, name: Forum {c}, cadence: {c} }}\n" for c in CADENCES)
    cfg = cfg.replace("forums:\n", "forums:\n" + forums)
    cfg += f"settings:\n  review_grace_days: {grace}\n  persistent_off_target_periods: {persistent}\n"
    (content / "evident.yml").write_text(cfg)
    for sub in ("objectives", "measurements", "reviews"):
        for f in (content / sub).iterdir():
            f.unlink()
    more = ["objective,period,value,note"]
    for o in objectives:
        write_objective(o, content / "objectives" / f"{o.id}.md")
        rows = ["period,value,note"] + [f"{t},{v},{n}" for (t, _, v, n), f in zip(o.rows, o.files) if f == 0]
        (content / "measurements" / f"{o.id}.csv").write_text("\n".join(rows) + "\n")
        more += [f"{o.id},{t},{v},{n}" for (t, _, v, n), f in zip(o.rows, o.files) if f == 1]
    # Rows of several objectives in one file, whose path sorts after theirs: where both give a
    # period, this file's row is the later (docs/content-format.md, Measurements).
    (content / "measurements" / "zz-more.csv").write_text("\n".join(more) + "\n")
    by_day = defaultdict(list)
    for o in objectives:
        for d, k in o.events:
            by_day[d].append((o.id, k))
    action = 0
    for d, items in sorted(by_day.items()):
        listed = sorted({oid for oid, k in items if k == "listed"})
        decisions, actions = [], []
        for oid, k in items:
            if k == "decision":
                decisions.append(f"  - {{ objective: {oid}, decision: no-change, note: Discussed. }}")
            elif k == "bare-decision":
                decisions.append(f"  - {{ objective: {oid}, note: Discussed. }}")
            elif k in ("action", "bare-action"):
                action += 1
                due = f", due: {yaml_date(d + timedelta(days=30))}" if k == "action" else ""
                actions.append(f"  - {{ id: ACT-{action}, objective: {oid}, owner: Incident Process Owner{due}, "
                               f"status: done, text: Look into it. }}")
        lines = ["---", f"date: {yaml_date(d)}", "forum: ops-review", "chair: Head of Service Operations",
                 "attendees: [Incident Process Owner]"]
        if listed:
            lines.append(f"objectives: [{', '.join(listed)}]")
        if decisions:
            lines += ["decisions:"] + decisions
        if actions:
            lines += ["actions:"] + actions
        lines += ["---", "Minutes.", ""]
        (content / "reviews" / f"{d.isoformat()}.md").write_text("\n".join(lines))


# ---------------------------------------------------------------------------- running

def as_of_days(rng, grace):
    """Days to judge a tree on: period ends, the day after, grace edges, leap days, year ends."""
    fixed = [date(2026, 12, 31), date(2027, 1, 1), date(2028, 2, 29), date(2028, 3, 1), date(2026, 12, 28),
             date(2027, 1, 3), date(2027, 1, 4), date(2027, 6, 30), date(2027, 7, 1), date(2026, 9, 30)]
    days = set(rng.sample(fixed, 2))
    while len(days) < 6:
        d = edge_day(rng, date(2026, 3, 1), date(2028, 3, 31))
        days.add(d + timedelta(days=rng.choice([0, 1, grace, grace, grace - 1, grace + 1, 7, 31])))
    return sorted(days)


def run_check(evident, root, day):
    out = subprocess.run([evident, "check", "--content", str(root / "content"), "--format", "json",
                          "--as-of", day.isoformat(), "--fail-on", "never"],
                         capture_output=True, text=True, cwd=root)
    if out.returncode != 0:
        raise RuntimeError(f"evident check exited {out.returncode}: {out.stderr[:2000]}")
    return json.loads(out.stdout)


def run_build(evident, root, day):
    """The register the site states (`data/register.json`): due period and latest result."""
    out = subprocess.run([evident, "build", "--content", str(root / "content"), "--output", str(root / "site"),
                          "--as-of", day.isoformat()], capture_output=True, text=True, cwd=root)
    if out.returncode != 0:
        raise RuntimeError(f"evident build exited {out.returncode}: {out.stderr[:2000]}")
    data = json.loads((root / "site" / "data" / "register.json").read_text(), parse_float=Decimal)
    return {o["id"]: o for o in data["objectives"]}


def compare_register(o, e, reg, as_of):
    """The register's due period, latest result (period, value, status, the thresholds that judged
    it) and last review, against the spec's."""
    diffs = []
    due = e["due"] and label(e["due"])
    if reg.get("due_period") != due:
        diffs.append(f"register due_period: spec {due}, evident {reg.get('due_period')}")
    if o.status != "active":
        return diffs
    latest = reg.get("latest")
    if e["latest"] is None:
        if latest is not None:
            diffs.append(f"register latest: spec none, evident {latest}")
    else:
        value, status, rp, cp = e["latest"]
        target, tolerance = thresholds_on(o, rp[2], as_of)
        got = latest and (latest.get("period"), Decimal(str(latest.get("value"))), latest.get("status"),
                          latest.get("target") and parse_threshold(latest["target"]),
                          latest.get("tolerance") and parse_threshold(latest["tolerance"]))
        want = (label(cp), value, status, target, tolerance)
        if got != want:
            diffs.append(f"register latest: spec {want}, evident {latest}")
    reviews = [d for d, k in o.events if k in ("listed", "decision", "bare-decision") and d <= as_of]
    want = max(reviews).isoformat() if reviews else None
    if reg.get("last_reviewed") != want:
        diffs.append(f"register last_reviewed: spec {want}, evident {reg.get('last_reviewed')}")
    return diffs


def describe(o):
    rows = ", ".join(f"{t}={v or 'gap'}" + ("(zz-more.csv)" if f else "") for (t, _, v, _), f in zip(o.rows, o.files))
    hist = "; ".join(f"v{h['version']} {h['date']} eff {h['effective']} {h['target']} / {h['tolerance']}"
                     for h in o.history)
    ev = ", ".join(f"{d} {k}" for d, k in sorted(o.events))
    return (f"    {'; '.join(o.notes)}; status {o.status}\n    cadence {o.cadence}; target {o.target}; tolerance {o.tolerance}; approved_on {o.approved_on}; "
            f"effective {o.effective}; start {start_of(o)}\n    history: {hist or '-'}\n"
            f"    rows: {rows or '-'}\n    reviews: {ev or '-'}")


def check_tree(evident, rng, tree, k, keep, verbose, stats):
    grace = rng.choice([0, 1, 7, 7, 10, 31])
    persistent = rng.choice([1, 2, 3, 3, 4])
    days = as_of_days(rng, grace)
    objectives = [make_objective(rng, f"OBJ-T-{i:02d}", days, grace) for i in range(1, k + 1)]
    root = Path(tempfile.mkdtemp(prefix="spec-oracle-"))
    problems = []
    try:
        subprocess.run([evident, "init", str(root), "--as-of", "2026-11-29"], check=True, capture_output=True)
        content = root / "content"
        for f in (content / "communications").iterdir():
            f.write_text(re.sub(r"objectives: \[[^\]]*\]", "objectives: all", f.read_text()))
        write_tree(content, objectives, grace, persistent)
        for day in days:
            data = run_check(evident, root, day)
            register = run_build(evident, root, day)
            got = defaultdict(Counter)
            due_named, latest_named, run_named = {}, {}, {}
            for f in data["findings"]:
                if f["rule"] in RULES and f.get("objective"):
                    got[f["objective"]][f["rule"]] += 1
                    m = re.search(r"has no value for (\S+), due since", f["message"])
                    if f["rule"] == "monitored/no-data" and m:
                        due_named[f["objective"]] = m.group(1)
                    m = re.search(r"The latest value of `[^`]+`, `([-0-9.]+)[^`]*` for (\S+), misses", f["message"])
                    if f["rule"] == "monitored/off-target" and m:
                        latest_named[f["objective"]] = (Decimal(m.group(1)), m.group(2))
                    m = re.search(r"periods with a value \(([^)]*)\)", f["message"])
                    if f["rule"] == "monitored/persistent-off-target" and m:
                        run_named[f["objective"]] = m.group(1)
            for o in objectives:
                e = expect(o, day, grace, persistent)
                if o.status != "active":
                    # SPEC 4: drafts and retired objectives do not count for monitoring rules.
                    e["counts"] = Counter({r: n for r, n in e["counts"].items() if r == "monitored/future-value"})
                    e["due"] = e["latest"] = e["status"] = None
                    e["run"] = []
                diffs = [f"{r}: spec {e['counts'][r]}, evident {got[o.id][r]}"
                         for r in RULES if e["counts"][r] != got[o.id][r]]
                if o.id in due_named and (e["due"] is None or due_named[o.id] != label(e["due"])):
                    diffs.append(f"due period: spec {e['due'] and label(e['due'])}, evident {due_named[o.id]}")
                if o.id in latest_named and (e["latest"] is None or latest_named[o.id] != (
                        e["latest"][0], label(e["latest"][3]))):
                    diffs.append(f"latest value: spec {e['latest'] and (str(e['latest'][0]), label(e['latest'][3]))}, "
                                 f"evident {latest_named[o.id]}")
                if o.id in run_named and run_named[o.id] != ", ".join(label(cp) for cp in e["run"]):
                    diffs.append(f"off-target run: spec {[label(cp) for cp in e['run']]}, evident {run_named[o.id]}")
                diffs += compare_register(o, e, register.get(o.id, {}), day)
                for r in RULES:
                    stats[r] += e["counts"][r]
                stats[e["status"] or "not due"] += 1
                if diffs or verbose:
                    latest = e["latest"] and f"{e['latest'][0]} {e['latest'][1]} ({label(e['latest'][2])})"
                    problems.append(f"tree {tree} as of {day} (grace {grace}, persistent {persistent}) {o.id}: "
                                    + ("; ".join(diffs) or "agree")
                                    + f"\n    spec: due {e['due'] and label(e['due'])}, status {e['status']}, "
                                      f"latest {latest}\n" + describe(o)
                                    + "\n    evident: " + " | ".join(
                                        fd["message"][:240] for fd in data["findings"]
                                        if fd.get("objective") == o.id and fd["rule"] in RULES))
    finally:
        if keep and problems:
            dest = Path(keep) / f"tree-{tree}"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(root, dest)
        shutil.rmtree(root, ignore_errors=True)
    return problems, len(days) * k


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("evident")
    ap.add_argument("--trees", type=int, default=8)
    ap.add_argument("--objectives", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="keep each tree with a disagreement under this folder")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    evident = os.path.abspath(args.evident)
    rng = random.Random(args.seed)
    failed, judged = 0, 0
    stats = Counter()
    for t in range(args.trees):
        problems, n = check_tree(evident, rng, t, args.objectives, args.keep, args.verbose, stats)
        judged += n
        for p in problems:
            print(p)
        failed += sum(1 for p in problems if ": agree\n" not in p)
    print("spec-oracle: the spec expected " + ", ".join(f"{n} {k}" for k, n in sorted(stats.items())))
    print(f"spec-oracle: {args.trees} trees, {judged} objective-days judged, {failed} disagreements"
          + (f" (trees kept under {args.keep})" if failed and args.keep else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
