#!/usr/bin/env python3
"""An independent reading of SPEC 3, 4, 4.1 and 8, checked against `evident check` and `evident build`.

    scripts/spec-oracle.py EVIDENT [--trees N] [--measures-trees M] [--objectives K] [--seed S] [--keep DIR] [--verbose]

Each tree is `evident init`'s starter with its objective replaced by K random ones (forums of
every cadence), random measurements, reviews, communications and settings, and its evident.yml,
policy and requirements files rewritten. What the time-dependent rules turn on is varied on
purpose: every cadence (the objective's own, or its forum's), periods of every form (`2026`,
`2026-H2`, `2026-Q3`, `2026-10`, ISO weeks across year ends, dates), rows finer than the cadence,
rows in any order, restated rows, known gaps, missing periods, values on the target's or
tolerance's number, every comparator, history entries with `target`, `tolerance` and `effective`,
`approved_on` and `effective` near period ends, `review_grace_days` and
`persistent_off_target_periods`, reviews, decisions and actions dated on the edges of the review
window, and as-of days on period ends, grace edges, leap days and year ends.

For the other date- and count-dependent rules the trees also vary: functions (some named by no
objective, or only by drafts and retired ones; one excluded), owners of their own or inherited
from the function (one role written in two cases or spacings), statements and clauses named
often, rarely or never (some `addressed_elsewhere`; a statement for one of several standards, one
that the objectives naming it serve for one standard only),
objectives serving a subset of the configured standards, plans whole, partial or missing with a
`due` around the as-of days, `approved_by` or `approved_on` missing or moved onto an as-of day,
decisions `update`, `retire`, `escalate` and `no-change` around the as-of days and on, before or
after history entries, open actions (with `status: open` or none) due around the as-of days,
communications to all or to a few objectives on, before and after approvals, a policy approval
and files `revised` on, before and after the as-of days, and `stale_after_days` and
`max_objectives_per_owner`, with records on the edges of the stale window.

For each objective and as-of day this script computes, from the SPEC's text alone (and, where
the SPEC leaves a choice, from the reading docs/content-format.md documents, cited where used),
the due period, its value and status, and how many findings each of `monitored/no-data`,
`monitored/off-target`, `monitored/persistent-off-target`, `monitored/review-overdue` and
`monitored/future-value` must give. It then runs `evident check --format json --as-of DAY` and
compares: the findings by rule and objective, the due period and latest value their messages
name, the off-target run, and, from `evident build`, the site's `data/register.json` (due period,
latest result with the thresholds that judged it, last review, owner). It compares, finding by finding,
`established/approval`, `communicated/missing`, `updated/stale`, `updated/trigger`,
`updated/decision-not-applied`, `monitored/action-overdue`, `planned/plan`, `planned/overdue`,
`levels/coverage`, `levels/sprawl`, `policy/uncovered` and `requirements/unaddressed`: the rule,
the objective, action, function, owner, statement or clause, and the dates and counts the message
names (the approval since which nothing was communicated, the last change or decision, the
revision and the day it was last acted on, the action's due date and days late, the plan's due
date and the result judged, the owner's count, the approval fields missing, the decision and its
date, the objectives not active that name a statement or clause, the standards a statement is
left without). Communications are now and then written without `audience`, which do not count.

Then --measures-trees trees of their own (as of one day each) vary what the objectives' measures
are: targets and tolerances (current ones and history entries') with every comparator, any
spacing, numbers of many digits or beside each other in the 20th decimal place, negative ones,
units equal to the metric's, none or another (in letter case too), metric units padded with
spaces, and text not of the grammar (words, exponents, decimal commas, `=>`, `≥`); histories whose
`version` has no entry, whose versions do not rise with their dates, that are dated after the
as-of day, or whose `approved_on` precedes the current entry; and objectives evaluated
qualitatively (an `evaluation` under standards that accept one, or not; with or without a target;
plans due around the as-of day, reviews on, before and after it). It compares, per objective and
field, `measurable/target`, `measurable/tolerance`, `measurable/unit`, `syntax/type`,
`updated/history` (which condition), `planned/overdue`, and `monitored/no-data` (none) and
`monitored/review-overdue` for an objective evaluated qualitatively, and the register's latest result (period, value, status and
the thresholds that judged it) for monthly values on and beside the numbers of the thresholds in
force. Every disagreement is printed with the tree, the
as-of day and what each side said; the tree is kept with --keep. Exits 1 on any disagreement.
Standard library only; deterministic for a seed.
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

# The kinds of review record an objective's `events` hold: `listed` (in a review's `objectives`),
# `decision` (no-change) and `decision:update|retire|escalate`, `bare-decision` (an item without
# `decision`), `action` (done, with a due date), `bare-action` (done, without `due`: a
# syntax/type error), `open:N` and `open-nostatus:N` (open, due N days after the review; the
# second without `status`, which counts as open, docs/content-format.md Reviews).

def is_decision(k):
    return k == "decision" or k.startswith("decision:")


def reviewed_by(k):
    """SPEC 4.1 Reviewed: listed in `objectives` or in a decision."""
    return k in ("listed", "bare-decision") or is_decision(k)


def answers(k):
    """SPEC 4.1 Persistent off target: a review decision or an action naming the objective
    (docs/content-format.md, Required fields: not an item without its `decision`, nor an action
    without its `due`)."""
    return is_decision(k) or k == "action" or k.startswith("open")


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
        self.events = []             # (date, kind): see the kinds below (is_decision, reviewed_by, answers)
        self.notes = []              # what was varied, for the disagreement's description
        self.status = "active"
        # What the rules beyond monitoring turn on (vary_objective)
        self.function = "incident"
        self.owner = "Incident Process Owner"   # None: the function's
        self.approved_by = True
        self.policy = ["POL-1"]
        self.requirements = ["MSA-7.2"]
        self.standards = None        # None: every configured one
        self.plan = None             # dict of the parts written
        self.actions = []            # written: (id, review date, due, open)


def status_on(o, as_of):
    """docs/content-format.md (Periods and dates): `retired` is the current version's status. As of
    a day before that version's entry is dated, or before it takes effect (the entry's `effective`,
    else the objective's, never before the entry's date), the objective was active under the
    version before, when one had been approved by then. An active objective whose history has dated
    entries, each after the as-of day like its `approved_on` and `effective`, had not begun: as of
    then it was at most a draft (without a dated entry, the file is read as written)."""
    if o.status == "active":
        dated = [h["date"] for h in o.history if h["date"] is not None]
        begun = not dated or any(d <= as_of for d in dated + [o.approved_on, getattr(o, "effective", None)] if d)
        return "active" if begun else "draft"
    if o.status != "retired":
        return o.status
    current = next((h for h in o.history if h["version"] == o.version), None)
    if current is None or current["date"] is None:
        return o.status
    since = max(current["date"], current["effective"] or getattr(o, "effective", None) or current["date"])
    if since <= as_of:
        return o.status
    earlier = any(h is not current and h["date"] is not None and h["date"] <= as_of for h in o.history)
    return "active" if earlier else o.status


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


def entry_in_force(o, day, as_of):
    """SPEC 4.1 Period-correct judgement: the latest history entry that gives a `target` and whose
    `effective` (default its `date`) is on or before `day`, or None. Entries dated after the as-of
    day have not happened (docs/content-format.md, Periods and dates)."""
    best = None
    for h in o.history:
        if h["target"] is None or h["date"] > as_of:
            continue
        eff = h["effective"] or h["date"]
        if eff <= day and (best is None or (eff, h["version"]) > best[0]):
            best = ((eff, h["version"]), h)
    return best[1] if best else None


def thresholds_on(o, day, as_of):
    """The thresholds in force on `day` (`entry_in_force`), failing any entry the current ones."""
    h = entry_in_force(o, day, as_of) or {"target": o.target, "tolerance": o.tolerance}
    return parse_threshold(h["target"]), parse_threshold(h["tolerance"]) if h["tolerance"] else None


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
            answered = any(first_day <= d <= as_of and answers(k) for d, k in o.events)
            if not answered:
                out["monitored/persistent-off-target"] += 1
    # monitored/review-overdue (4.1): the latest review listing the objective (in `objectives`
    # or a decision) is older than cadence length + grace back from the as-of date, and the
    # objective started before that window began.
    window = as_of - timedelta(days=CADENCE_DAYS[cad] + grace)
    reviews = [d for d, k in o.events if reviewed_by(k) and d <= as_of]
    if (not reviews or max(reviews) < window) and start < window:
        out["monitored/review-overdue"] += 1
    return {"due": due, "status": status, "latest": latest and judged[latest], "counts": out,
            "start": start, "run": run}


# ---------------------------------------------------------------------------- the other rules

OTHER_RULES = ["established/approval", "communicated/missing", "updated/stale", "updated/trigger",
               "updated/decision-not-applied", "monitored/action-overdue", "planned/plan", "planned/overdue",
               "levels/coverage", "levels/sprawl", "policy/uncovered", "requirements/unaddressed"]


def current_entry(o):
    return next((h for h in o.history if h["version"] == o.version), None)


def approval_of(o):
    """SPEC 4 communicated/missing and 4.1 Last approved: the later of `approved_on` and the date of
    the current version's history entry (None: neither is there)."""
    h = current_entry(o)
    dates = [d for d in (o.approved_on, h and h["date"]) if d]
    return max(dates) if dates else None


def in_force(o, as_of):
    """docs/content-format.md (Periods and dates): a version whose `approved_on` or history entry is
    dated after the as-of date is not in force yet: communicated/missing, updated/trigger and
    updated/stale wait for it, or judge the earlier version in force that day. The SPEC does not
    say what an approval after the as-of date means."""
    h = current_entry(o)
    return not any(d and d > as_of for d in (o.approved_on, h and h["date"]))


def owner_key(text):
    """docs/content-format.md (Reviews, history and communication): levels/sprawl groups owners by
    their text with case and spacing ignored (SPEC 4 says "one owner" and no more)."""
    return " ".join(text.split()).lower()


def expect_rules(tree, objectives, as_of, results):
    """What SPEC 4 and 8 say the other date- and count-dependent rules report as of one day, as
    (rule, what the finding is about) -> count. `results` holds expect()'s result per objective."""
    out = Counter()
    active = [o for o in objectives if status_on(o, as_of) == "active"]
    for o in objectives:
        past = sorted((d, k) for d, k in o.events if d <= as_of)
        # monitored/action-overdue: an open action past its due date (docs: due on the as-of date is
        # not yet past; an action in a review dated after the as-of date has not been agreed yet).
        for aid, d, due, is_open in o.actions:
            if is_open and due is not None and d <= as_of and due < as_of:
                out[("monitored/action-overdue", f"{aid} due {due} {(as_of - due).days} days")] += 1
        # updated/decision-not-applied: an `update` or `retire` decision with no history entry or
        # status change dated after it; an entry dated after the as-of date has not been made yet
        # (SPEC 3). The SPEC's "after" does not say whether the same day counts, nor gives a status
        # change a date: docs/content-format.md (Reviews, history and communication) counts an
        # entry dated on or after the review, reports no decision on a retired objective (it has
        # had its last change), and lets a later review deciding anything on it supersede one.
        decisions = [(d, k) for d, k in past if is_decision(k)]
        if decisions and status_on(o, as_of) != "retired":
            d, k = decisions[-1]
            if k in ("decision:update", "decision:retire") and not any(d <= h["date"] <= as_of for h in o.history):
                out[("updated/decision-not-applied", f"{o.id} {k.partition(':')[2]} {d}")] += 1
    for o in active:
        approval = approval_of(o)
        # established/approval: without approved_by or approved_on (one finding naming both), and
        # (docs/content-format.md, Periods and dates) an approved_on after the as-of date, an approval
        # not yet given, at that date.
        missing = [f for f, there in (("approved_by", o.approved_by), ("approved_on", o.approved_on)) if not there]
        if missing:
            out[("established/approval", f"{o.id} no {' and '.join(missing)}")] += 1
        # Not for a retirement not yet in force: its approval is the retirement's, to come; nor when
        # an entry is dated after the as-of date, the current version's entry too (or it has none),
        # and an earlier entry's version is in force (docs/content-format.md, Periods and dates): the
        # approval is a later version's.
        h = current_entry(o)
        dates = [e["date"] for e in o.history if e["date"] is not None]
        earlier_in_force = (any(d > as_of for d in dates) and any(d <= as_of for d in dates)
                            and (h is None or (h["date"] is not None and h["date"] > as_of)))
        if o.approved_on and o.approved_on > as_of and o.status != "retired" and not earlier_in_force:
            out[("established/approval", f"{o.id} approved_on {o.approved_on}")] += 1
        if in_force(o, as_of) or earlier_in_force:
            # While a later version's approval is to come, the version in force is the earlier one,
            # approved on its entry's date (docs/content-format.md, Periods and dates).
            if not in_force(o, as_of):
                approval = max(d for d in dates if d <= as_of)
            # communicated/missing: no communication to it (or to all) dated on or after the approval
            # and not after the as-of date.
            # docs/content-format.md (Communications): one without `audience` shows no one was told,
            # and does not count.
            sent = [d for i, (d, ids) in enumerate(tree.comms)
                    if d <= as_of and (ids == "all" or o.id in ids) and i not in tree.silent]
            if not any(approval is None or d >= approval for d in sent):
                out[("communicated/missing", f"{o.id} approved {approval or 'never'}")] += 1
            # updated/stale: no history entry, approval (docs) or review decision (any kind; docs: a
            # listing is not one) within stale_after_days before the as-of date.
            stale = tree.stale or 365
            touched = [h["date"] for h in o.history if h["date"] <= as_of]
            touched += [d for d, k in o.events if is_decision(k) and d <= as_of]
            touched += [o.approved_on] if o.approved_on and o.approved_on <= as_of else []
            if not touched or (as_of - max(touched)).days > stale:
                out[("updated/stale", f"{o.id} last {max(touched) if touched else 'none'}")] += 1
            # updated/trigger: a source changed after the objective was last approved and last reviewed.
            reviewed = [d for d, k in o.events if reviewed_by(k) and d <= as_of]
            last = max([x for x in [approval] + reviewed if x], default=None)
            # One finding per source (evident's reading: the SPEC does not count them): each
            # requirements file revised, and the policy.
            changed = [("policy", tree.policy_approved)] if o.policy else []
            changed += [(f, tree.revised[f]) for f, cs in CLAUSES.items() if tree.revised[f] and set(cs) & set(o.requirements)]
            for source, c in changed:
                if c <= as_of and (last is None or c > last):
                    out[("updated/trigger", f"{o.id} {source} {c} acted {last or 'never'}")] += 1
        # planned/plan (SPEC 8): no plan, or one missing a part; `integration` only for 14001 and 45001.
        if o.plan is None:
            out[("planned/plan", o.id)] += 1
        else:
            need = PLAN_PARTS[:5] + (["integration"] if {"iso14001", "iso45001"} & set(tree.serves(o)) else [])
            if any(p not in o.plan for p in need):
                out[("planned/plan", o.id)] += 1
        # planned/overdue: the due date has passed (before the as-of date) and the latest result is
        # not on target (docs: off target or within tolerance; no result is no-data's concern).
        latest = results[o.id]["latest"]
        if o.plan and o.plan.get("due") and o.plan["due"] < as_of and latest and latest[1] != "on-target":
            out[("planned/overdue", f"{o.id} due {o.plan['due']} {label(latest[3])} {latest[1]}")] += 1
    # levels/coverage: a function, not excluded, with no active objective.
    for f in tree.functions:
        if not any(o.function == f for o in active):
            out[("levels/coverage", f)] += 1
    # levels/sprawl: an owner (the objective's own or its function's) of more than the limit.
    held = Counter(owner_key(o.owner or FUNCTIONS[o.function]) for o in active)
    for owner, n in held.items():
        if n > (tree.max_owner or 10):
            out[("levels/sprawl", f"{owner} {n}")] += 1
    # policy/uncovered: a statement no active objective references; with several standards,
    # docs/content-format.md (Standards): for each standard, by an active objective serving it.
    # The message names the objectives that are not active and do reference the statement, or the
    # standards left without an active objective serving them.
    def inactive(refs):
        return ",".join(o.id for o in objectives if status_on(o, as_of) != "active" and refs(o))
    for st in STATEMENTS:
        applies = tree.statement_standards.get(st, tree.standards)
        lacking = [s for s in applies if not any(st in o.policy and s in tree.serves(o) for o in active)]
        if not any(st in o.policy for o in active):
            out[("policy/uncovered", f"{st} inactive {inactive(lambda o: st in o.policy)}")] += 1
        elif lacking:
            out[("policy/uncovered", f"{st} lacking {','.join(sorted(lacking))}")] += 1
    # requirements/unaddressed: a clause no active objective references, without addressed_elsewhere.
    for c in (c for cs in CLAUSES.values() for c in cs):
        if c not in tree.elsewhere and not any(c in o.requirements for o in active):
            out[("requirements/unaddressed", f"{c} inactive {inactive(lambda o: c in o.requirements)}")] += 1
    # docs/content-format.md (Periods and dates): a policy approval or a revision dated after the
    # as-of date is updated/trigger at that date, once.
    if tree.policy_approved > as_of:
        out[("updated/trigger", "policy.md")] += 1
    for f, d in tree.revised.items():
        if d and d > as_of:
            out[("updated/trigger", f"{f}.md")] += 1
    return out


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


# ---------------------------------------------------------------------------- the other rules' content

STATEMENTS = ["POL-1", "POL-2", "POL-3", "POL-4", "POL-5"]
# Requirements files: name -> clauses (id, addressed_elsewhere or None are drawn per tree)
CLAUSES = {"msa": ["MSA-7.2", "MSA-7.3", "MSA-7.4"], "ctl": ["CTL-1", "CTL-2", "CTL-3"]}
FUNCTIONS = {"incident": "Incident Process Owner", "problem": "Problem Manager",
             "change": "Change Manager", "desk": "Service Desk Lead"}
# Owners as written: some the same role in another case or spacing (levels/sprawl groups them:
# docs/content-format.md, Reviews, history and communication).
OWNERS = ["Incident Process Owner", "incident process  owner", "Problem Manager", "Service Desk Lead",
          "SERVICE DESK LEAD", "Change Manager", "Capacity Manager"]
STANDARD_NAMES = {"iso20000-1": "ISO/IEC 20000-1", "iso9001": "ISO 9001", "iso14001": "ISO 14001",
                  "iso45001": "ISO 45001"}
PLAN_PARTS = ["what", "resources", "responsible", "due", "evaluation", "integration"]


class Tree:
    """What the generator wrote outside the objectives: evident.yml, the policy, the
    requirements files and the communications."""

    def __init__(self, rng, days):
        lo, hi = min(days), max(days)
        self.standards = rng.choice([["iso20000-1"]] * 2 + [["iso20000-1", "iso14001"], ["iso9001", "iso45001"]])
        self.functions = ["incident"] + [f for f in ("problem", "change", "desk") if rng.random() < 0.75]
        self.excluded = rng.random() < 0.5          # a function `fax`, excluded with a justification
        self.stale = rng.choice([None, 30, 90, 180, 365, 400])
        self.max_owner = rng.choice([None, 2, 3, 5, 6, 8])
        # The policy's approval and the files' revisions: often on an as-of day (a date on the as-of
        # date has come: docs/content-format.md, Periods and dates).
        def changed():
            if rng.random() < 0.3:
                return rng.choice(days)
            return edge_day(rng, lo - timedelta(days=400), hi + timedelta(days=30))
        self.policy_approved = changed()
        self.revised = {f: changed() if rng.random() < 0.8 else None for f in CLAUSES}
        # A statement that applies to one of several standards (SPEC 8).
        self.statement_standards = {}
        if len(self.standards) > 1 and rng.random() < 0.7:
            self.statement_standards[rng.choice(STATEMENTS)] = [rng.choice(self.standards)]
        # A statement that the objectives naming it serve for one standard only (a narrow one).
        self.narrow = rng.choice(STATEMENTS) if len(self.standards) > 1 else None
        self.elsewhere = {c for cs in CLAUSES.values() for c in cs if c != "MSA-7.2" and rng.random() < 0.25}
        self.comms = [(date(2026, 1, 20), "all")]  # the starter's, sent to all
        self.silent = set()                         # the communications written without `audience`
        # How often objectives name each statement, clause and function: some rarely or never, so
        # that only drafts or retired objectives may name them (the counting rules).
        self.weight = {x: rng.choice([0, 0.02, 0.05, 0.3, 1])
                       for x in STATEMENTS + [c for cs in CLAUSES.values() for c in cs] + self.functions}
        self.weight["incident"] = 1
        self.days = days

    def add_comms(self, rng, objectives):
        """Communications on, the day before and the day after approvals and as-of days, to all
        objectives or to a few."""
        for _ in range(rng.randrange(3, 8)):
            o = rng.choice(objectives)
            base = rng.choice([d for d in (o.approved_on, o.history and o.history[-1]["date"]) if d]
                              or [rng.choice(self.days)])
            if rng.random() < 0.3:
                base = rng.choice(self.days)
            d = base + timedelta(days=rng.choice([-1, 0, 0, 1, 10, -40]))
            if rng.random() < 0.3:
                self.comms.append((d, "all"))
            else:
                ids = {o.id} | {rng.choice(objectives).id for _ in range(rng.randrange(0, 4))}
                self.comms.append((d, sorted(ids)))
            if rng.random() < 0.15:
                self.silent.add(len(self.comms) - 1)

    def serves(self, o):
        """SPEC 8: every configured standard, or the subset the objective names. One that names a
        standard evident.yml does not configure (`syntax/config`) serves the configured ones it
        names, or all of them when it names none (docs/content-format.md, Which objectives a rule
        looks at: Standards)."""
        return [s for s in o.standards or [] if s in self.standards] or self.standards


def vary_objective(o, rng, tree):
    """Function, owner, references, plan, approval and review records for the rules beyond
    monitoring."""
    def some(names, most):
        picked = [x for x in names if rng.random() < tree.weight[x] / 2]
        return sorted(picked[:most]) or [rng.choices(names, [tree.weight[x] + 0.001 for x in names])[0]]
    o.function = rng.choice(some(tree.functions, 1))
    o.owner = rng.choice(OWNERS + [None] * 4)
    o.approved_by = rng.random() > 0.08
    if (o.history or not o.approved_by) and rng.random() < (0.05 if o.approved_by else 0.3):
        o.approved_on = None
        o.notes.append("no approved_on")
    o.policy = some(STATEMENTS, 3)
    o.requirements = [] if rng.random() < 0.1 else some([c for cs in CLAUSES.values() for c in cs], 2)
    if tree.narrow in o.policy and rng.random() < 0.9:
        o.standards = [tree.standards[0]]
    elif len(tree.standards) > 1 and rng.random() < 0.4:
        o.standards = [rng.choice(tree.standards)]
    elif rng.random() < 0.05:
        o.standards = sorted({rng.choice(["iso45001", "iso14001", "iso22301"])}
                             | ({rng.choice(tree.standards)} if rng.random() < 0.5 else set()))
        o.notes.append("names a standard evident.yml may not configure")
    if rng.random() < 0.8:
        o.plan = {}
        for part in PLAN_PARTS:
            if rng.random() < (0.5 if part == "integration" else 0.9):
                o.plan[part] = True
        if "due" in o.plan:
            a = rng.choice(tree.days)
            o.plan["due"] = a + timedelta(days=rng.choice([-1, 0, 1, -100, 60]))
    days = tree.days
    if rng.random() < 0.04:
        # A `version` without its history entry (an updated/history error SPEC 4 names): the
        # approval is `approved_on` alone.
        o.version = (o.version or 0) + 1
        o.notes.append("version without an entry")
    if rng.random() < 0.08:
        # An approval on, the day before or the day after an as-of day, or (an updated/history
        # error, which SPEC 4 names) before the current version's entry.
        o.approved_on = rng.choice(days) + timedelta(days=rng.choice([-1, 0, 1]))
        o.notes.append("approved_on moved")
    # Records on the edges of the stale window and of the triggers.
    stale = tree.stale or 365
    for a in rng.sample(days, 2):
        if rng.random() < 0.25:
            o.events.append((a - timedelta(days=stale + rng.choice([0, 1])),
                             rng.choice(["decision", "decision:escalate", "bare-decision", "listed"])))
    if rng.random() < 0.2:
        c = rng.choice([tree.policy_approved] + [d for d in tree.revised.values() if d])
        o.events.append((c + timedelta(days=rng.choice([-1, 0, 0, 1])), rng.choice(["listed", "decision", "bare-decision"])))
    # Decisions: around as-of days and on, before and after history entries' dates.
    for a in rng.sample(days, 2):
        if rng.random() < 0.6:
            d = a + timedelta(days=rng.choice([-1, 0, 1, -30, -120, -300]))
            o.events.append((d, rng.choice(["decision:update", "decision:update", "decision:retire",
                                            "decision:escalate", "decision"])))
    if o.history and rng.random() < 0.4:
        h = rng.choice(o.history)
        o.events.append((h["date"] + timedelta(days=rng.choice([-1, 0, 1])),
                         rng.choice(["decision:update", "decision:retire"])))
    if o.approved_on and rng.random() < 0.2:
        o.events.append((o.approved_on + timedelta(days=rng.choice([-1, 0, 1])), "decision:update"))
    # Open actions due on, before and after as-of days.
    for _ in range(rng.choice([0, 0, 1, 2])):
        a = rng.choice(days)
        due = a + timedelta(days=rng.choice([-1, 0, 1, -60, 30]))
        d = due - timedelta(days=rng.choice([0, 1, 14, 45, 200]))
        o.events.append((d, f"{rng.choice(['open', 'open', 'open-nostatus'])}:{(due - d).days}"))
    # One item with a decision per review and objective (a second decision in the same minutes
    # would make "the later review" of updated/decision-not-applied ambiguous).
    seen, events = set(), []
    for d, k in o.events:
        if is_decision(k) or k == "bare-decision":
            if d in seen:
                continue
            seen.add(d)
        events.append((d, k))
    o.events = events


# ---------------------------------------------------------------------------- writing a tree

def yaml_date(d):
    return d.isoformat()


def write_objective(o, path):
    lines = ["---", f"id: {o.id}", f"title: Objective {o.id}",
             f"statement: Keep the measure of {o.id} within its target.", f"status: {o.status}",
             f"function: {o.function}", *([f"owner: {o.owner}"] if o.owner else []),
             f"policy: [{', '.join(o.policy)}]",
             f"requirements: [{', '.join(o.requirements)}]" if o.requirements
             else "requirements_note: An internal objective that no external requirement asks for.",
             *([f"standards: [{', '.join(o.standards)}]"] if o.standards else []),
             "metric:", f"  name: Measure of {o.id}",
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
    if o.approved_by:
        lines.append("approved_by: Head of Service Management")
    if o.plan is not None:
        lines.append("plan:")
        text = {"what": "Automate the routing of the events it measures.",
                "resources": "Two days of the tooling administrator; no spend.",
                "responsible": "Incident Process Owner",
                "evaluation": "The measured value against the target at each review.",
                "integration": "Part of the incident procedure from the next release."}
        for part in PLAN_PARTS:
            if part in o.plan:
                lines.append(f"  {part}: {yaml_date(o.plan[part]) if part == 'due' else text[part]}")
        if not o.plan:
            lines[-1] = "plan: {}"
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


def write_tree(content, objectives, grace, persistent, tree):
    cfg = ["organization: Example Services", "title: Service management objectives",
           "scope: IT services for the example business units", "forums:",
           "  - { id: ops-review, name: Operational review, cadence: monthly }"]
    cfg += [f"  - {{ id: f-{c}, name: Forum {c}, cadence: {c} }}" for c in CADENCES]
    cfg.append("functions:")
    for f in tree.functions:
        cfg += [f"  - id: {f}", f"    name: Function {f}", "    level: process", f"    owner: {FUNCTIONS[f]}",
                "    forum: ops-review"]
    if tree.excluded:
        cfg += ["  - id: fax", "    name: Fax gateway", "    level: service", "    excluded: true",
                "    justification: Retired under the decommissioning plan; no new commitments."]
    cfg.append(f"standards: [{', '.join(tree.standards)}]")
    cfg += ["settings:", f"  review_grace_days: {grace}", f"  persistent_off_target_periods: {persistent}"]
    if tree.stale:
        cfg.append(f"  stale_after_days: {tree.stale}")
    if tree.max_owner:
        cfg.append(f"  max_objectives_per_owner: {tree.max_owner}")
    (content / "evident.yml").write_text("\n".join(cfg) + "\n")
    pol = ["---", "title: Service management policy", "version: 2", "approved_by: Chief Information Officer",
           f"approved_on: {yaml_date(tree.policy_approved)}", "statements:"]
    for st in STATEMENTS:
        pol += [f"  - id: {st}", f"    text: We keep commitment {st} to our users."]
        if st in tree.statement_standards:
            pol.append(f"    standards: [{', '.join(tree.statement_standards[st])}]")
    (content / "policy.md").write_text("\n".join(pol + ["---", "The policy.", ""]))
    for f in (content / "requirements").iterdir():
        f.unlink()
    for name, clauses in CLAUSES.items():
        req = ["---", f"title: Requirements {name}", "kind: contract", f"reference: REF-{name}",
               "owner: Commercial Manager"]
        if tree.revised[name]:
            req.append(f"revised: {yaml_date(tree.revised[name])}")
        req.append("clauses:")
        for c in clauses:
            req += [f"  - id: {c}", f"    text: Clause {c} applies to the services."]
            if c in tree.elsewhere:
                req.append("    addressed_elsewhere: Covered by the continuity plan, not by an objective.")
        (content / "requirements" / f"{name}.md").write_text("\n".join(req + ["---", "Notes.", ""]))
    for f in (content / "communications").iterdir():
        f.unlink()
    for i, (d, ids) in enumerate(tree.comms):
        lst = "all" if ids == "all" else f"[{', '.join(ids)}]"
        (content / "communications" / f"c-{i:02d}.md").write_text(
            "\n".join(["---", f"date: {yaml_date(d)}", "channel: intranet",
                       *([] if i in tree.silent else ["audience: All service desk staff"]),
                       f"objectives: {lst}", "---", "Published.", ""]))
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
    by_id = {o.id: o for o in objectives}
    for o in objectives:
        o.actions = []
        for d, k in o.events:
            by_day[d].append((o.id, k))
    action = 0
    for d, items in sorted(by_day.items()):
        listed = sorted({oid for oid, k in items if k == "listed"})
        decisions, actions = [], []
        for oid, k in items:
            if is_decision(k):
                decisions.append(f"  - {{ objective: {oid}, decision: {k.partition(':')[2] or 'no-change'}, "
                                 "note: Discussed. }")
            elif k == "bare-decision":
                decisions.append(f"  - {{ objective: {oid}, note: Discussed. }}")
            elif k in ("action", "bare-action") or k.startswith("open"):
                action += 1
                kind, _, days = k.partition(":")
                due = d + timedelta(days=int(days) if days else 30)
                status = {"open": ", status: open", "open-nostatus": ""}.get(kind, ", status: done")
                by_id[oid].actions.append((f"ACT-{action}", d, due if k != "bare-action" else None,
                                           kind.startswith("open")))
                due = f", due: {yaml_date(due)}" if k != "bare-action" else ""
                actions.append(f"  - {{ id: ACT-{action}, objective: {oid}, owner: Incident Process Owner{due}"
                               f"{status}, text: Look into it. }}")
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


# ---------------------------------------------------------------------------- the measures trees

# What these trees compare, per objective: the findings of these rules, keyed by the field they
# point at (or, for updated/history, by which of SPEC 4's conditions the message names).
MEASURE_RULES = ["measurable/target", "measurable/tolerance", "measurable/unit", "syntax/type",
                 "updated/history", "planned/overdue", "monitored/no-data", "monitored/review-overdue"]
# SPEC 8: the standards whose 6.2 asks for measurable objectives only "if practicable".
IF_PRACTICABLE = {"iso27001", "iso14001", "iso45001", "iso22301"}
# Units as metrics write them; `other` gives a unit that differs (by case too: SPEC 4.1 "exact").
UNITS = ["h", "%", "", "ms", "pts"]
OTHER_UNIT = {"h": ["H", "min", "hours"], "%": ["pct", "pts"], "": ["h", "%"], "ms": ["s", "MS"], "pts": ["pt", "%"]}


def spec_threshold(text):
    """SPEC 2.4 Target and tolerance grammar, read on its own: `COMPARATOR NUMBER [UNIT]`, the
    comparator `>=`, `>`, `<=`, `<`, `==` or `=`, the number a plain decimal as values are (2.5: `.`
    decimal point; docs/content-format.md, Targets and tolerances: exponent notation and a decimal
    comma are refused, not read as a unit), the unit what follows, trimmed (4.1 Units). (comparator, Decimal, unit or
    None), or None when the text is not of the grammar."""
    m = re.fullmatch(r"(>=|<=|==|>|<|=)\s*(-?[0-9]+(?:\.[0-9]+)?)(.*)", text.strip(), re.S)
    if not m or re.match(r"[eE][-+]?[0-9]", m.group(3)) or re.match(r"[0-9.]|,[0-9]", m.group(3)):
        return None
    unit = m.group(3).strip()
    return ("==" if m.group(1) == "=" else m.group(1), Decimal(m.group(2)), unit or None)


def band_holds(target, tolerance):
    """SPEC 2.4: every value that meets the target also meets the tolerance, in the same
    direction; 4.1 `==` targets: the tolerance may use any comparator whose band holds the
    target's number. Exact, on the decimals written."""
    (tc, tn, _), (lc, ln, _) = target, tolerance
    if tc == "==":
        return meets(tn, (lc, ln))
    if (tc in (">=", ">")) != (lc in (">=", ">")) or lc == "==":
        return False
    if tc in (">=", ">"):
        # The values meeting `>= a` (or `> a`) all meet `>= b` when a >= b; `> b` when a > b,
        # or a == b with a strict target.
        return tn > ln or tn == ln and (lc == ">=" or tc == ">")
    return tn < ln or tn == ln and (lc == "<=" or tc == "<")


def number_text(rng, near=None):
    """A plain decimal: sometimes with many digits, negative, or beside `near` in the 20th place."""
    if near is not None and rng.random() < 0.5:
        d = Decimal(1).scaleb(-rng.choice([1, 3, 15, 16, 17, 19, 22]))
        n = near + rng.choice([d, -d, 0])
    else:
        n = Decimal(rng.choice(["0", "4", "99.5", "99.9", "10", "2.5", "0.3", "-3", "50", "6"]))
        if rng.random() < 0.2:
            n += Decimal(1).scaleb(-rng.choice([16, 17, 20]))
    text = format(n, "f")
    if rng.random() < 0.15:
        text += "0" * rng.randrange(1, 4) if "." in text else ".000"
    return text


def threshold_text(rng, unit, near=None, cmp=None):
    """A target or tolerance as one writes it: any comparator and spacing (a tab or a no-break
    space after the comparator too: docs/content-format.md), a unit equal to the
    metric's, none, or another; now and then one that is not of the grammar."""
    if rng.random() < 0.12:
        return rng.choice(["about 4 h", "4", "=> 4", "\u2265 99.5", "<= 1e3", "<= 4,5", "<=", "< = 4",
                           "<= 2.5E-1 " + (unit or "h"), "at most 6", "<= h", ">= .5.5", "<= 4e0" + (unit or "h")])
    cmp = cmp or rng.choice([">=", ">", "<=", "<", "==", "="])
    u = rng.random()
    written_unit = unit if u < 0.6 else "" if u < 0.85 else rng.choice(OTHER_UNIT[unit])
    sp = rng.choice(["", " ", " ", "  ", "\t", "\u00a0"])
    usp = rng.choice([" ", " ", "", "  "])
    pad = rng.choice(["", "", " "])
    return f"{pad}{cmp}{sp}{number_text(rng, near)}{usp + written_unit if written_unit else ''}{pad}"


def tolerance_for(rng, unit, target_text):
    """A tolerance beside a target: often on the target's number or just beside it, in its
    direction or not."""
    t = spec_threshold(target_text)
    if t is None or rng.random() < 0.2:
        return threshold_text(rng, unit)
    cmp = rng.choice({">=": [">=", ">"], ">": [">=", ">"], "<=": ["<=", "<"], "<": ["<=", "<"],
                      "==": [">=", ">", "<=", "<", "=="]}[t[0]] + [rng.choice([">=", "<", "=="])])
    return threshold_text(rng, unit, near=t[1], cmp=cmp)


class Measured:
    """One objective of a measures tree: what was written and on which line."""

    def __init__(self, oid, kind):
        self.id, self.kind = oid, kind
        self.status = "active"
        self.unit = ""
        self.unit_written = None     # the metric's `unit:` as written (padding and all)
        self.target = self.tolerance = None
        self.history = []            # dicts: version, date, target, tolerance, effective
        self.version = None
        self.approved_on = None
        self.standards = None
        self.evaluation = False
        self.metric = True
        self.plan_due = None
        self.reviews = []            # (date, kind): listed, decision or bare-decision
        self.rows = []               # (month period, value text)
        self.lines = {}              # line -> field (`target`, `h2.tolerance`, …)


def make_measured(rng, oid, as_of, tree_standards, grace):
    kind = rng.choice(["thresholds"] * 5 + ["history"] * 2 + ["evaluation"] * 2)
    o = Measured(oid, kind)
    o.status = rng.choice(["active"] * 8 + ["draft", "retired"])
    o.unit = rng.choice(UNITS)
    o.unit_written = o.unit if o.unit and rng.random() < 0.7 else (f" {o.unit} " if o.unit else None)
    first = as_of - timedelta(days=rng.randrange(120, 500))
    if kind == "evaluation":
        o.evaluation = True
        served = [s for s in tree_standards if rng.random() < 0.6] or [rng.choice(tree_standards)]
        o.standards = served if served != tree_standards or rng.random() < 0.5 else None
        o.metric = rng.random() < 0.2
        if rng.random() < 0.2:
            o.target = threshold_text(rng, o.unit, cmp="<=")
        o.approved_on = first
        o.plan_due = as_of + timedelta(days=rng.choice([-60, -10, -1, 0, 1, 30]))
        for _ in range(rng.choice([0, 1, 2, 3])):
            d = o.plan_due + timedelta(days=rng.choice([-20, -1, 0, 1, 5, 70]))
            o.reviews.append((d, rng.choice(["listed", "decision", "bare-decision"])))
        if rng.random() < 0.5:
            # On the edges of the review window, cadence plus grace back from the as-of day.
            window = as_of - timedelta(days=CADENCE_DAYS["monthly"] + grace)
            o.reviews.append((window + timedelta(days=rng.choice([-1, 0, 1])), rng.choice(["listed", "decision", "bare-decision"])))
            if rng.random() < 0.3:
                o.approved_on = window + timedelta(days=rng.choice([-1, 0, 1]))
        return o
    o.target = threshold_text(rng, o.unit) if rng.random() > 0.05 else None
    o.tolerance = None if rng.random() < 0.15 else tolerance_for(rng, o.unit, o.target or "")
    if kind == "thresholds":
        o.approved_on = first
        if rng.random() < 0.5:
            # Version 1 set other thresholds; version 2 set the objective's own (the same text or
            # re-spaced), from its date or a later month.
            old_t = threshold_text(rng, o.unit)
            o.history.append({"version": 1, "date": first, "target": old_t,
                              "tolerance": None if rng.random() < 0.2 else tolerance_for(rng, o.unit, old_t),
                              "effective": None})
            d2 = first + timedelta(days=rng.randrange(30, 100))
            eff = None if rng.random() < 0.5 else period_of("M", d2 + timedelta(days=rng.choice([0, 31, 62])))[1]
            cur_ok = o.target and spec_threshold(o.target)
            v2_target = (" ".join(o.target.split()) if rng.random() < 0.5 else o.target) if cur_ok else None
            if cur_ok and rng.random() < 0.25:
                # Not the objective's own: another number, or one beyond a Double's digits.
                c, n, u = cur_ok
                v2_target = f"{c} {format(n + Decimal(1).scaleb(-rng.choice([3, 20])), 'f')}" + (f" {u}" if u else "")
            o.history.append({"version": 2, "date": d2, "effective": eff, "target": v2_target,
                              "tolerance": o.tolerance if cur_ok and o.tolerance and spec_threshold(o.tolerance) else None})
            o.version, o.approved_on = 2, d2
        # Monthly values, from the first month that ends on or after the start, near the numbers
        # of the thresholds in force at each month's end.
        p = period_of("M", first)
        while p[1] <= as_of:
            nums = []
            for t in judged_by(o, p[2], as_of):
                if t:
                    nums.append(t[1])
            base = rng.choice(nums) if nums else Decimal(rng.choice(["4", "99.5"]))
            d = Decimal(1).scaleb(-rng.choice([0, 1, 3, 17, 19, 21]))
            v = base + rng.choice([0, 0, d, -d])
            text = format(v, "f")
            if rng.random() < 0.15:
                text += "0" * rng.randrange(1, 3) if "." in text else ".0"
            o.rows.append((p, text))
            p = next_period(p)
        return o
    # kind "history": SPEC 4 updated/history's conditions, one or two at a time.
    n = rng.randrange(1, 5)
    dates = sorted(first + timedelta(days=rng.randrange(0, 500)) for _ in range(n))
    o.history = [{"version": i + 1, "date": d, "target": None, "tolerance": None, "effective": None}
                 for i, d in enumerate(dates)]
    o.version = n
    o.approved_on = dates[-1] + timedelta(days=rng.choice([0, 0, 2]))
    for _ in range(rng.choice([1, 1, 2])):
        what = rng.choice(["no-entry", "swap", "duplicate", "future", "on-as-of", "approved-before"])
        if what == "no-entry":
            o.version = max(h["version"] for h in o.history) + rng.choice([1, 3])
        elif what == "swap" and n > 1:
            i = rng.randrange(n - 1)
            a, b = o.history[i], o.history[i + 1]
            a["date"], b["date"] = b["date"], a["date"]
        elif what == "duplicate" and n > 2:
            i = rng.randrange(1, n - 1)
            o.history[i]["version"] = o.history[i - 1]["version"]
        elif what == "future":
            o.history[-1]["date"] = as_of + timedelta(days=rng.choice([1, 2, 40]))
        elif what == "on-as-of":
            o.history[-1]["date"] = as_of
        elif what == "approved-before":
            o.approved_on = o.history[-1]["date"] - timedelta(days=rng.choice([1, 1, 30]))
    rng.shuffle(o.history)
    return o


def judged_by(o, day, as_of):
    """(target, tolerance) in force on `day` (`entry_in_force`), else the objective's own, each
    read by the grammar on its own (`spec_threshold`) or None."""
    src = entry_in_force(o, day, as_of) or {"target": o.target, "tolerance": o.tolerance}
    return tuple(spec_threshold(src[f]) if src[f] else None for f in ("target", "tolerance"))


def accepted_evaluation(o, tree_standards):
    """SPEC 8: an `evaluation` in place of metric, target and tolerance is accepted for an objective
    that serves only standards where measurable is "if practicable"."""
    served = [s for s in o.standards or [] if s in tree_standards] or tree_standards
    return o.evaluation and all(s in IF_PRACTICABLE for s in served)


def qualitative(o, tree_standards):
    """docs/content-format.md (Objectives evaluated qualitatively): an accepted `evaluation` and no
    `target`; it has no value to judge, so monitored/no-data asks none of it."""
    return accepted_evaluation(o, tree_standards) and o.target is None


def expect_measured(o, as_of, tree_standards, grace):
    """(rule, objective, what) -> count, by SPEC 2.4, 4, 4.1 and 8 (and the docs, cited)."""
    out = Counter()
    key = lambda rule, what: out.__setitem__((rule, o.id, what), out[(rule, o.id, what)] + 1)
    accepted = accepted_evaluation(o, tree_standards)
    unit = (o.unit_written or "").strip() or None if o.metric else None
    checks_measures = status_on(o, as_of) != "retired"   # docs/content-format.md, Which objectives a rule looks at
    fields = [("target", o.target), ("tolerance", o.tolerance)]
    fields += [(f"h{h['version']}@{h['date']}.{f}", h[f]) for h in o.history for f in ("target", "tolerance")]
    parsed = {}
    for name, text in fields:
        if text is None:
            continue
        t = spec_threshold(text)
        parsed[name] = t
        if t is None:
            # An entry's threshold not of the grammar is syntax/type (docs/content-format.md,
            # Targets and tolerances); the objective's own, measurable/target or /tolerance.
            if "." in name:
                key("syntax/type", name)
            elif checks_measures:
                key(f"measurable/{name}", name)
        elif t[2] is not None and t[2] != unit and not (unit is None and accepted):
            # measurable/unit: every objective whatever its status (docs: a reference rule); where
            # an `evaluation` takes the place of the measures, a metric without a unit is not asked
            # for (docs, Objectives evaluated qualitatively).
            key("measurable/unit", name)
    if checks_measures:
        if o.target is None and not accepted:
            key("measurable/target", "missing")
        if o.tolerance is None and not (accepted and (o.target is None or parsed.get("target") is None)):
            # Missing: a warning (SPEC 4.1); an `evaluation` accepted takes its place only while
            # no target of the grammar is written (docs, Objectives evaluated qualitatively).
            key("measurable/tolerance", "missing")
        pairs = [("target", "tolerance")] + [(f"h{h['version']}@{h['date']}.target", f"h{h['version']}@{h['date']}.tolerance")
                                             for h in o.history]
        for tn, ln in pairs:
            t, l = parsed.get(tn), parsed.get(ln)
            # Numbers in two different units do not compare: measurable/unit's finding alone
            # (docs/content-format.md, Targets and tolerances).
            if t and l and not (t[2] and l[2] and t[2] != l[2]) and not band_holds(t, l):
                key("measurable/tolerance", ln)
    if o.kind == "thresholds" and o.history:
        # docs/content-format.md (Reviews, history and communication): the entry that gives a
        # `target` and applies last must give the objective's own `target` and `tolerance`, by
        # comparator and number (here version 2's; the numbers as the decimals written). Nothing
        # is compared when the objective's own cannot be read.
        name = f"h2@{o.history[1]['date']}"
        t2, l2 = parsed.get(f"{name}.target"), parsed.get(f"{name}.tolerance")
        ct, cl = parsed.get("target"), parsed.get("tolerance")
        same = lambda a, b: (a is None and b is None) or bool(a and b and a[:2] == b[:2])
        if t2 and ct and not (o.tolerance and cl is None) and not (same(t2, ct) and same(l2, cl)):
            key("updated/history", "differ")
    if o.kind == "history":
        by_version = Counter(h["version"] for h in o.history)
        if o.version not in by_version:
            key("updated/history", "no-entry")
        for h in o.history:
            if h["date"] > as_of:
                key("updated/history", "future")
        cur = [h for h in o.history if h["version"] == o.version]
        if len(cur) == 1 and cur[0]["date"] <= as_of and o.approved_on < cur[0]["date"]:
            key("updated/history", "approved-before")
        # Versions increase with the entries' dates, listed in any order (docs, Objectives): each
        # version after the one before it, and not dated before it.
        ordered = sorted(o.history, key=lambda h: h["version"])
        for a, b in zip(ordered, ordered[1:]):
            if a["version"] == b["version"] or b["date"] < a["date"]:
                key("updated/history", "not-increasing")
    if status_on(o, as_of) == "active" and o.plan_due and qualitative(o, tree_standards) and o.plan_due < as_of:
        # docs/content-format.md (Objectives evaluated qualitatively): its plan is overdue when the
        # due date has passed and no review has named it (SPEC 4.1 Reviewed) on or after that date.
        if not any(o.plan_due <= d <= as_of for d, _ in o.reviews):
            key("planned/overdue", "plan")
    if status_on(o, as_of) == "active" and qualitative(o, tree_standards):
        # Its monitoring is its review (docs, Objectives evaluated qualitatively): SPEC 4.1 Reviewed,
        # within the cadence (the forum's, monthly) plus grace, for one that started before the window.
        window = as_of - timedelta(days=CADENCE_DAYS["monthly"] + grace)
        reviews = [d for d, _ in o.reviews if d <= as_of]
        if (not reviews or max(reviews) < window) and o.approved_on < window:
            key("monitored/review-overdue", "review")
    return out


def write_measured(o, path):
    lines = ["---", f"id: {o.id}", f"title: Objective {o.id}", f"statement: Keep the measure of {o.id} in bounds.",
             f"status: {o.status}", "function: incident", "policy: [POL-1]",
             "requirements_note: An internal objective that no external requirement asks for."]
    if o.standards:
        lines.append(f"standards: [{', '.join(o.standards)}]")
    if o.metric:
        lines += ["metric:", f"  name: Measure of {o.id}", "  definition: The measured quantity for the period.",
                  "  counts: Every event in the period.", "  excludes: Nothing."]
        if o.unit_written is not None:
            lines.append(f"  unit: \"{o.unit_written}\"")
        lines += ["data_source:", "  system: Monitoring", "  method: Monthly extract"]
    if o.evaluation:
        lines.append("evaluation: Assessed at each management review against the plan's milestones.")

    def field(name, text, indent=""):
        if text is not None:
            o.lines[len(lines) + 1] = name
            lines.append(f"{indent}{name.rpartition('.')[2]}: \"{text}\"")
    field("target", o.target)
    field("tolerance", o.tolerance)
    lines.append("actions: Open a problem record when off target.")
    if o.version is not None:
        lines.append(f"version: {o.version}")
    lines.append("approved_by: Head of Service Management")
    lines.append(f"approved_on: {o.approved_on.isoformat()}")
    if o.plan_due:
        lines += ["plan:", "  what: Automate the checks it evaluates.", "  resources: Two days of an administrator.",
                  "  responsible: Incident Process Owner", f"  due: {o.plan_due.isoformat()}",
                  "  evaluation: Reviewed at each management review.",
                  "  integration: Part of the incident procedure."]
    if o.history:
        lines.append("history:")
        for h in o.history:
            lines += [f"  - version: {h['version']}", f"    date: {h['date'].isoformat()}", f"    change: Version {h['version']}.",
                      "    reason: A review.", "    approved_by: Head of Service Management"]
            name = f"h{h['version']}@{h['date']}"
            field(f"{name}.target", h["target"], "    ")
            field(f"{name}.tolerance", h["tolerance"], "    ")
            if h["effective"]:
                lines.append(f"    effective: {h['effective'].isoformat()}")
    lines += ["---", "Rationale.", ""]
    path.write_text("\n".join(lines))


def measured_key(f, o):
    """What a finding of MEASURE_RULES is about, in expect_measured's terms."""
    rule, msg = f["rule"], f["message"]
    if rule == "updated/history":
        for pattern, what in ((r"has no entry for version", "no-entry"), (r"is dated \S+, after ", "future"),
                              (r"says it was approved on", "approved-before"), (r"two history entries for version", "not-increasing"),
                              (r"applies from \S+, before version", "not-increasing"), (r"is dated \S+, before version", "not-increasing"),
                              (r"^The history of `[^`]+` sets ", "differ")):
            if re.search(pattern, msg):
                return what
        return msg[:100]
    if rule == "planned/overdue":
        return "plan"
    if rule == "monitored/review-overdue":
        return "review"
    if rule == "measurable/tolerance" and f["severity"] == "warning":
        return "missing"
    return o.lines.get(f.get("line"), "missing" if rule in ("measurable/target", "measurable/tolerance") else f"line {f.get('line')}")


# docs/content-format.md (Measurements): the units of time, compared after trimming and without
# regard to case. No duration is below zero, so such a value is a syntax/csv error that counts
# nowhere, unless a target or tolerance below zero says the metric is a change in time.
DURATION_UNITS = {"ms", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds", "min", "mins",
                  "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "business hours", "working hours", "d",
                  "day", "days", "business days", "working days", "work days", "calendar days", "wk", "wks",
                  "week", "weeks"}


def counts_nowhere(m, value):
    """Whether a value is one no duration can be (docs/content-format.md, Measurements): below zero,
    for a metric in a unit of time (the metric's, else the target's), no threshold below zero."""
    unit = (m.unit_written or "").strip() or (spec_threshold(m.target)[2] if m.target and spec_threshold(m.target) else None)
    if Decimal(value) >= 0 or not unit or unit.lower() not in DURATION_UNITS:
        return False
    texts = [m.target, m.tolerance] + [h[f] for h in m.history if h["target"] for f in ("target", "tolerance")]
    return not any(t and spec_threshold(t)[1] < 0 for t in texts)


def as_objective(m, as_of):
    """A measures tree's objective in expect()'s terms, for the register's latest result."""
    o = Objective(m.id)
    o.cadence, o.target, o.tolerance, o.version, o.approved_on = "monthly", m.target, m.tolerance, m.version, m.approved_on
    o.history = [dict(h) for h in m.history]
    o.rows = [(label(p), p, v, "") for p, v in m.rows if not counts_nowhere(m, v)]
    o.files = [0] * len(m.rows)
    o.owner = None
    return o


def check_measures_tree(evident, rng, tree, k, keep, stats):
    """Targets, tolerances and units (SPEC 2.4, 4.1), updated/history's conditions (SPEC 4) and
    objectives evaluated qualitatively (SPEC 8) on one tree as of one day."""
    as_of = edge_day(rng, date(2026, 6, 1), date(2028, 3, 31))
    grace = rng.choice([0, 3, 7])
    standards = rng.choice([["iso20000-1"], ["iso27001"], ["iso27001", "iso14001"], ["iso20000-1", "iso27001"],
                            ["iso9001", "iso45001", "iso22301"]])
    objectives = [make_measured(rng, f"OBJ-M-{i:02d}", as_of, standards, grace) for i in range(1, k + 1)]
    root = Path(tempfile.mkdtemp(prefix="spec-oracle-m-"))
    problems = []
    try:
        subprocess.run([evident, "init", str(root), "--as-of", "2026-11-29"], check=True, capture_output=True)
        content = root / "content"
        cfg = ["organization: Example Services", "title: Service management objectives",
               "scope: IT services for the example business units", "forums:",
               "  - { id: ops-review, name: Operational review, cadence: monthly }", "functions:",
               "  - id: incident", "    name: Function incident", "    level: process",
               "    owner: Incident Process Owner", "    forum: ops-review",
               f"standards: [{', '.join(standards)}]", "settings:", f"  review_grace_days: {grace}"]
        (content / "evident.yml").write_text("\n".join(cfg) + "\n")
        (content / "policy.md").write_text("\n".join(
            ["---", "title: Service management policy", "version: 1", "approved_by: Chief Information Officer",
             "approved_on: 2020-01-01", "statements:", "  - id: POL-1", "    text: We keep our commitments.",
             "---", "The policy.", ""]))
        for sub in ("objectives", "measurements", "reviews", "communications"):
            for f in (content / sub).iterdir():
                f.unlink()
        by_day = defaultdict(list)
        for o in objectives:
            write_measured(o, content / "objectives" / f"{o.id}.md")
            if o.rows:
                (content / "measurements" / f"{o.id}.csv").write_text(
                    "\n".join(["period,value"] + [f"{label(p)},{v}" for p, v in o.rows]) + "\n")
            for d, kind in o.reviews:
                by_day[d].append((o.id, kind))
        for d, items in sorted(by_day.items()):
            listed = sorted({oid for oid, kind in items if kind == "listed"})
            decisions = [f"  - {{ objective: {oid}, note: Discussed." + (", decision: no-change" if kind == "decision" else "") + " }"
                         for oid, kind in items if kind != "listed"]
            lines = ["---", f"date: {d.isoformat()}", "forum: ops-review", "chair: Head of Service Operations"]
            lines += [f"objectives: [{', '.join(listed)}]"] if listed else []
            lines += ["decisions:"] + decisions if decisions else []
            (content / "reviews" / f"{d.isoformat()}.md").write_text("\n".join(lines + ["---", "Minutes.", ""]))
        data = run_check(evident, root, as_of)
        register = run_build(evident, root, as_of)
        by_id = {o.id: o for o in objectives}
        want, seen, messages = Counter(), Counter(), defaultdict(list)
        for o in objectives:
            want += expect_measured(o, as_of, standards, grace)
        for f in data["findings"]:
            # A syntax/type finding may name no objective: its file does.
            o = by_id.get(f.get("objective") or Path(f["file"]).stem)
            if o is None or f["rule"] not in MEASURE_RULES:
                continue
            if f["rule"] in ("monitored/no-data", "monitored/review-overdue") and not qualitative(o, standards):
                continue
            if f["rule"] == "syntax/type" and not f["file"].endswith(f"/{o.id}.md"):
                continue
            if f["rule"] == "updated/history" and o.kind != "history" and not re.match(r"The history of `[^`]+` sets ", f["message"]):
                continue
            key = (f["rule"], o.id, measured_key(f, o))
            seen[key] += 1
            messages[key].append(f["message"])
        for key in sorted(set(want) | set(seen)):
            stats["thresholds " + key[0]] += want[key]
            if want[key] != seen[key]:
                problems.append(f"measures tree {tree} as of {as_of}: {key[0]} on {key[1]} ({key[2]}): spec {want[key]}, "
                                f"evident {seen[key]}\n    " + " | ".join(m[:300] for m in messages[key])
                                + "\n" + describe_measured(by_id[key[1]], standards))
        # The register's latest result: each value judged on the exact decimals written, against
        # the thresholds in force on its period's last day (SPEC 2.5, 4.1).
        for m in objectives:
            texts = [m.target, m.tolerance] + [h[f] for h in m.history for f in ("target", "tolerance")]
            if m.kind != "thresholds" or status_on(m, as_of) != "active" or not m.target or any(t and not spec_threshold(t) for t in texts):
                continue
            o = as_objective(m, as_of)
            e = expect(o, as_of, grace, 3)
            stats["thresholds " + (e["status"] or "not due")] += 1
            diffs = compare_register(o, e, register.get(m.id, {}), as_of)
            if diffs:
                problems.append(f"measures tree {tree} as of {as_of} {m.id}: " + "; ".join(diffs) + "\n" + describe_measured(m, standards))
    finally:
        if keep and problems:
            dest = Path(keep) / f"measures-{tree}"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(root, dest)
        shutil.rmtree(root, ignore_errors=True)
    return problems, k


def describe_measured(o, standards):
    hist = "; ".join(f"v{h['version']} {h['date']} eff {h['effective']} {h['target']!r} / {h['tolerance']!r}" for h in o.history)
    return (f"    {o.kind}, {o.status}; unit {o.unit_written!r}; target {o.target!r}; tolerance {o.tolerance!r}; "
            f"version {o.version}; approved_on {o.approved_on}; standards {o.standards} of {standards}; "
            f"evaluation {o.evaluation}; metric {o.metric}; plan due {o.plan_due}\n    history: {hist or '-'}\n"
            f"    rows: {', '.join(f'{label(p)}={v}' for p, v in o.rows) or '-'}\n"
            f"    reviews: {', '.join(f'{d} {k}' for d, k in sorted(o.reviews)) or '-'}")


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
    # SPEC 2.4: the owner defaults to the function's.
    owner = o.owner or FUNCTIONS[o.function]
    if reg.get("owner") != owner:
        diffs.append(f"register owner: spec {owner}, evident {reg.get('owner')}")
    if status_on(o, as_of) != "active":
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
    reviews = [d for d, k in o.events if reviewed_by(k) and d <= as_of]
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


def finding_key(f):
    """What a finding of OTHER_RULES is about, with the dates and counts its message names, in
    expect_rules' terms."""
    rule, msg, oid = f["rule"], f["message"], f.get("objective")
    def find(pattern):
        m = re.search(pattern, msg)
        return m.groups() if m else ("?",) * re.compile(pattern).groups
    if rule == "monitored/action-overdue":
        return "{} due {} {} days".format(*find(r"`(ACT-\d+)`.* was due on (\S+) and is still open (\d+) day"))
    if rule == "established/approval" and "is after the as-of date" in msg:
        return "{} approved_on {}".format(oid, *find(r"`approved_on` \((\S+)\)"))
    if rule == "established/approval":
        return f"{oid} no " + find(r"has no (`approved_\w+`(?: and `approved_\w+`)?)")[0].replace("`", "")
    if rule == "updated/decision-not-applied":
        return "{} {} {}".format(oid, *reversed(find(r"The review of (\S+) decided to (update|retire)")))
    if rule == "communicated/missing":
        return f"{oid} approved " + ("never" if "never been communicated" in msg else find(r"was approved on (\S+)")[0])
    if rule == "updated/stale":
        return f"{oid} last " + ("none" if "has no dated" in msg else find(r"decided on (\S+),")[0])
    if rule == "updated/trigger":
        if not oid:
            return Path(f["file"]).name
        source = "policy" if msg.startswith("Policy statement") else find(r"comes from `Requirements (\w+)`")[0]
        changed, acted = find(r"(?:revised|approved) on (\S+), after .* last approved or reviewed \((\S+)\)")
        return f"{oid} {source} {changed} acted {acted}"
    if rule == "planned/overdue":
        due, period, status = find(r"was due on (\S+), but its latest result, `[^`]*` for (\S+), is (off target|within)")
        return f"{oid} due {due} {period} " + {"off target": "off-target", "within": "within-tolerance"}.get(status, status)
    if oid:
        return oid
    if rule == "levels/sprawl":
        owner, n = find(r"^`([^`]+)`.* owns (\d+) active objectives")
        return f"{owner_key(owner)} {n}"
    def inactive():
        return ",".join(re.findall(r"`([^`]+)`", find(r"^Only objectives that are not active \(([^)]*)\)")[0]))
    if rule == "policy/uncovered":
        st = find(r"policy statement `([^`]+)`")[0]
        if msg.startswith("No active objective serving "):
            names = find(r"^No active objective serving (.+?) serves policy statement")[0]
            ids = sorted(sid for sid, name in STANDARD_NAMES.items() if name in names)
            return f"{st} lacking {','.join(ids)}"
        return f"{st} inactive {inactive()}"
    if rule == "requirements/unaddressed":
        return f"{find(r'clause `([^`]+)`')[0]} inactive {inactive()}"
    if rule == "levels/coverage":
        return find(r"Function `([^`]+)`")[0]
    return f["file"]


def describe_rules(o, ctx):
    acts = ", ".join(f"{a} {d} due {due} {'open' if op else 'done'}" for a, d, due, op in o.actions)
    return (f"\n    function {o.function}; owner {o.owner}; approved_by {o.approved_by}; version {o.version}; "
            f"approval {approval_of(o)}; policy {o.policy}; requirements {o.requirements}; standards {o.standards}; "
            f"plan {o.plan}\n    actions: {acts or '-'}\n" + describe_tree(ctx))


def describe_tree(ctx):
    return (f"    tree: standards {ctx.standards}; functions {ctx.functions}; stale {ctx.stale}; max_owner "
            f"{ctx.max_owner}; policy approved {ctx.policy_approved}; revised {ctx.revised}; elsewhere "
            f"{sorted(ctx.elsewhere)}\n    communications: " + ", ".join(
                f"{d} {ids}" + (" (no audience)" if i in ctx.silent else "") for i, (d, ids) in enumerate(ctx.comms)))


def check_tree(evident, rng, tree, k, keep, verbose, stats):
    grace = rng.choice([0, 1, 7, 7, 10, 31])
    persistent = rng.choice([1, 2, 3, 3, 4])
    days = as_of_days(rng, grace)
    objectives = [make_objective(rng, f"OBJ-T-{i:02d}", days, grace) for i in range(1, k + 1)]
    ctx = Tree(rng, days)
    for o in objectives:
        vary_objective(o, rng, ctx)
    ctx.add_comms(rng, objectives)
    root = Path(tempfile.mkdtemp(prefix="spec-oracle-"))
    problems = []
    try:
        subprocess.run([evident, "init", str(root), "--as-of", "2026-11-29"], check=True, capture_output=True)
        content = root / "content"
        write_tree(content, objectives, grace, persistent, ctx)
        for day in days:
            data = run_check(evident, root, day)
            register = run_build(evident, root, day)
            results = {o.id: expect(o, day, grace, persistent) for o in objectives}
            for o in objectives:
                if status_on(o, day) != "active":
                    results[o.id]["latest"] = None
            want = expect_rules(ctx, objectives, day, results)
            seen = Counter()
            messages = defaultdict(list)
            for f in data["findings"]:
                if f["rule"] in OTHER_RULES:
                    key = (f["rule"], finding_key(f))
                    seen[key] += 1
                    messages[key].append(f["message"])
            for key in sorted(set(want) | set(seen)):
                stats[key[0]] += want[key]
                if want[key] != seen[key]:
                    oid = key[1].split()[0] if key[1].startswith("OBJ-") else None
                    o = next((x for x in objectives if x.id == oid), None)
                    problems.append(f"tree {tree} as of {day}: {key[0]} on {key[1]}: spec {want[key]}, evident "
                                    f"{seen[key]}\n    " + " | ".join(m[:300] for m in messages[key])
                                    + ("\n" + describe(o) + describe_rules(o, ctx) if o else "\n" + describe_tree(ctx)))
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
                e = results[o.id]
                if status_on(o, day) != "active":
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
    ap.add_argument("--measures-trees", type=int, default=6,
                    help="trees of targets, tolerances, units, history and evaluations (default 6)")
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
    for t in range(args.measures_trees):
        problems, n = check_measures_tree(evident, rng, t, args.objectives + 10, args.keep, stats)
        judged += n
        for p in problems:
            print(p)
        failed += len(problems)
    print("spec-oracle: the spec expected " + ", ".join(f"{n} {k}" for k, n in sorted(stats.items())))
    print(f"spec-oracle: {args.trees} trees, {judged} objective-days judged, {failed} disagreements"
          + (f" (trees kept under {args.keep})" if failed and args.keep else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
