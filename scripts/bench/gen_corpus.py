#!/usr/bin/env python3
"""Generate a synthetic evident content tree of any size, for benchmarks.

    gen_corpus.py OUT_DIR --objectives 10000 [--months 36] [--seed 1] [--hugo HUGO_DIR]
                  [--standards iso20000-1,iso9001,iso27001]

The tree follows the content format (docs/content-format.md) and is valid:
`evident check --as-of 2026-11-29` reports no error, only warnings and info
(some objectives are off target or unreviewed on purpose).
With --hugo, the same objective pages are also written as a minimal Hugo site
(same front-matter fields that matter, same Markdown bodies, one plain template),
so that rendering the same pages can be timed side by side with Hugo.

Standard library only; the output is the same for the same arguments, so that
figures measured on two machines or two days are figures for the same tree
(docs/performance.md uses `--objectives 10000 --hugo /tmp/hugo10k`).

Without --standards the tree is the one ../shared/bench/gen_corpus.py makes (ISO/IEC 20000-1
alone, no plans, so `planned/plan` warns on every objective), but for one thing: that generator
draws some hours below zero (about 3 % of the rows of a 10,000-objective tree), which `check`
rejects (`syntax/csv`: a duration cannot be negative), and this one writes them as zero. The
draws are the same, so the rest of the tree is as before. With --standards, evident.yml names
those standards and every objective carries what they ask (SPEC §8): a plan (with `integration`
for 14001 and 45001), risks from a `risks.md` of 50 entries (27001, 14001, 45001), customer
relevance (9001) and consultation (45001), so that the tree passes those rules too.
"""
import argparse
import os
import random

LEVELS = ["management", "service", "process", "team"]
FORUMS = [("mgmt-review", "Management review", "quarterly"),
          ("ops-review", "Operational review", "monthly"),
          ("service-review", "Service review", "monthly")]
AS_OF_YEAR, AS_OF_MONTH = 2026, 11   # measurements end with the month before the as-of date

WORDS = ("service incident change request problem capacity availability continuity supplier "
         "customer release deployment backlog escalation recovery outage ticket queue budget "
         "report review target tolerance owner forum cadence metric evidence policy contract").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng, oid):
    """About 1.5 KB of Markdown with the constructs real objective notes use. The objective is
    written in objectives/<function>/, so its link to the policy climbs two folders."""
    rows = "\n".join(f"| {2024 + i} | {rng.randint(80, 100)} % | {sentence(rng, 4)} |" for i in range(3))
    return f"""## Rationale

{sentence(rng, 18)} {sentence(rng, 14)} See the [policy](../../policy.md) and *the contract*.

- {sentence(rng, 8)}
- {sentence(rng, 9)} Uses `resolved_at - opened_at`.
- [x] {sentence(rng, 5)}
- [ ] {sentence(rng, 6)}

| year | result | comment |
| ---- | ------ | ------- |
{rows}

> {sentence(rng, 12)}

### Notes for {oid}

{sentence(rng, 20)} **{sentence(rng, 3)}** {sentence(rng, 16)} ~~{sentence(rng, 3)}~~
"""


def month_back(k):
    """The month k months before the as-of month, as (year, month); k=1 is the last complete month."""
    index = AS_OF_YEAR * 12 + (AS_OF_MONTH - 1) - k
    return index // 12, index % 12 + 1


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


RISK_STANDARDS = {"iso27001", "iso14001", "iso45001"}
INTEGRATION_STANDARDS = {"iso14001", "iso45001"}


def generate(out, n, months, seed, hugo, standards=()):
    rng = random.Random(seed)
    # Drawn from a generator of its own, so that the rest of the tree is the same with or
    # without --standards.
    extra_rng = random.Random(seed + 1)
    n_functions = max(8, n // 20)
    n_statements = 40
    n_sources = max(4, n // 500)
    clauses_per_source = max(5, n // (2 * n_sources))

    functions = []
    for i in range(n_functions):
        level = LEVELS[i % len(LEVELS)]
        forum = FORUMS[0][0] if level == "management" else FORUMS[1 + i % 2][0]
        functions.append((f"fn-{i:04d}", f"Function {i:04d}", level, f"Owner Role {i:04d}", forum))

    write(os.path.join(out, "evident.yml"), "\n".join([
        "organization: Benchmark Corporation",
        "title: Service management objectives",
        "scope: Synthetic content for benchmarks",
        "levels:",
        *[f"  - {{ id: {lv}, name: {lv.capitalize()} }}" for lv in LEVELS],
        "forums:",
        *[f"  - {{ id: {fid}, name: {name}, cadence: {cad} }}" for fid, name, cad in FORUMS],
        "functions:",
        *[f"  - {{ id: {fid}, name: {name}, level: {lv}, owner: {owner}, forum: {forum} }}"
          for fid, name, lv, owner, forum in functions],
        "settings:",
        "  max_objectives_per_owner: 1000",
        *([f"standards: {yaml_list(standards)}"] if standards else []),
        "",
    ]))

    n_risks = 50
    if RISK_STANDARDS & set(standards):
        write(os.path.join(out, "risks.md"), "\n".join([
            "---", "title: Risk register", "risks:",
            *[f"  - id: R-{i}\n    text: {sentence(extra_rng, 10)}\n    kind: risk" for i in range(1, n_risks + 1)],
            "---", "", sentence(extra_rng, 20), ""]))

    write(os.path.join(out, "policy.md"), "\n".join([
        "---", "title: Service management policy", "version: 1",
        "approved_by: Chief Information Officer", "approved_on: 2026-01-10", "statements:",
        *[f"  - id: POL-{i}\n    text: {sentence(rng, 10)}" for i in range(1, n_statements + 1)],
        "---", "", sentence(rng, 30), ""]))

    clause_ids = []
    for s in range(n_sources):
        ids = [f"REQ-{s:03d}.{c}" for c in range(1, clauses_per_source + 1)]
        clause_ids += ids
        write(os.path.join(out, "requirements", f"source-{s:03d}.md"), "\n".join([
            "---", f"title: Requirement source {s:03d}", "kind: contract", f"reference: C-{s:03d}",
            "owner: Commercial Manager", "clauses:",
            *[f"  - id: {cid}\n    text: {sentence(rng, 9)}" for cid in ids],
            "---", "", sentence(rng, 20), ""]))

    objectives = []
    for i in range(n):
        oid = f"OBJ-{i:05d}"
        fid, _, level, owner, forum = functions[i % n_functions]
        cadence = "quarterly" if forum == "mgmt-review" else "monthly"
        higher = rng.random() < 0.5
        target = rng.choice([95, 98, 99, 99.5]) if higher else rng.choice([2, 4, 8, 24])
        tolerance = round(target - 2, 1) if higher else target * 1.5
        policy = sorted({f"POL-{rng.randint(1, n_statements)}" for _ in range(2)}, key=lambda p: int(p[4:]))
        reqs = [clause_ids[(i * 2) % len(clause_ids)], clause_ids[(i * 2 + 1) % len(clause_ids)]]
        objectives.append((oid, fid, forum, cadence, higher, target, tolerance))
        front = "\n".join([
            "---", f"id: {oid}", f"title: Objective {i:05d} for {fid}",
            f"statement: {sentence(rng, 12)}", "status: active", f"function: {fid}",
            f"owner: {owner}", "contributors: [Service Desk Lead]",
            f"policy: {yaml_list(policy)}", f"requirements: {yaml_list(reqs)}",
            "metric:", f"  name: Metric {i:05d}", f"  definition: {sentence(rng, 14)}",
            f"  counts: {sentence(rng, 6)}", f"  excludes: {sentence(rng, 6)}",
            '  unit: "%"' if higher else "  unit: h",
            "data_source:", "  system: Service management tool",
            f"  method: {sentence(rng, 10)}",
            f"target: \"{'>=' if higher else '<='} {target}\"",
            f"tolerance: \"{'>=' if higher else '<='} {tolerance}\"",
            f"cadence: {cadence}", f"forum: {forum}", f"actions: {sentence(rng, 12)}",
            "version: 2", "approved_by: Head of Service Management", "approved_on: 2026-01-15",
            "effective: 2026-02-01", "history:",
            "  - version: 1\n    date: 2024-01-10\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management",
            "  - version: 2\n    date: 2026-01-15\n    change: Target reviewed.\n    reason: Annual review.\n    approved_by: Head of Service Management",
            *standard_fields(extra_rng, standards, owner, n_risks),
            "---", ""])
        text = front + body(rng, oid)
        write(os.path.join(out, "objectives", fid, f"{oid}.md"), text)
        if hugo:
            write(os.path.join(hugo, "content", "objectives", f"{oid.lower()}.md"), text)

        lines = ["period,value,note"]
        for k in range(months, 0, -1):
            y, m = month_back(k)
            if cadence == "quarterly" and m % 3:
                continue
            period = f"{y}-Q{(m - 1) // 3 + 1}" if cadence == "quarterly" else f"{y}-{m:02d}"
            drift = rng.gauss(0, 1.2)
            value = round(target + (abs(drift) if higher else -abs(drift)) * (1 if rng.random() < 0.85 else -3), 2)
            # Hours are never below zero (`syntax/csv` rejects such a value); the draws are kept.
            value = max(value, 0.0)
            lines.append(f"{period},{value},")
        write(os.path.join(out, "measurements", fid, f"{oid}.csv"), "\n".join(lines) + "\n")

    by_function = {}
    for oid, fid, forum, *_ in objectives:
        by_function.setdefault((fid, forum), []).append(oid)
    for (fid, forum), oids in sorted(by_function.items()):
        for k in (0, 3, 6, 9):
            y, m = month_back(k)
            write(os.path.join(out, "reviews", fid, f"{y}-{m:02d}-20.md"), "\n".join([
                "---", f"date: {y}-{m:02d}-20", f"forum: {forum}", "chair: Head of Service Operations",
                "attendees: [Service Desk Lead, Problem Manager]", f"objectives: {yaml_list(oids)}",
                "decisions:", *[f"  - objective: {o}\n    decision: no-change\n    note: {sentence(rng, 6)}" for o in oids[:3]],
                "---", "", sentence(rng, 40), ""]))
        write(os.path.join(out, "communications", f"{fid}-2026.md"), "\n".join([
            "---", "date: 2026-02-03", "channel: intranet", f"audience: Staff of {fid}",
            f"objectives: {yaml_list(oids)}", "---", "", sentence(rng, 25), ""]))

    if hugo:
        write(os.path.join(hugo, "hugo.toml"), 'baseURL = "/"\ntitle = "Benchmark"\n'
              'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
              '[markup.goldmark.renderer]\nunsafe = false\n')
        write(os.path.join(hugo, "layouts", "_default", "single.html"),
              "<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
              "<h1>{{ .Title }}</h1><p>{{ .Params.statement }}</p>"
              "<p>Target {{ .Params.target }}, tolerance {{ .Params.tolerance }}, owner {{ .Params.owner }}</p>"
              "{{ .Content }}</body></html>\n")
        write(os.path.join(hugo, "layouts", "_default", "list.html"),
              "<!doctype html><html><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}"
              "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.target }}</li>{{ end }}</ul></body></html>\n")


def standard_fields(rng, standards, owner, n_risks):
    """The front-matter lines the configured standards ask of an active objective."""
    if not standards:
        return []
    lines = ["plan:", f"  what: {sentence(rng, 10)}", f"  resources: {sentence(rng, 6)}",
             f"  responsible: {owner}", "  due: 2027-06-30", f"  evaluation: {sentence(rng, 8)}"]
    if INTEGRATION_STANDARDS & set(standards):
        lines.append(f"  integration: {sentence(rng, 8)}")
    if RISK_STANDARDS & set(standards):
        lines.append(f"risks: [R-{rng.randint(1, n_risks)}]")
    if "iso9001" in standards:
        lines.append(f"customer_relevance: {sentence(rng, 10)}")
    if "iso45001" in standards:
        lines.append(f"consultation: {sentence(rng, 10)}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="folder to write the content tree into (created)")
    parser.add_argument("--objectives", type=int, default=1000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hugo", help="also write the same pages as a Hugo site into this folder")
    parser.add_argument("--standards", default="", help="comma-separated standard ids for evident.yml (SPEC §8)")
    args = parser.parse_args()
    if args.objectives < 1 or args.months < 1:
        parser.error("--objectives and --months must be at least 1")
    standards = [s for s in args.standards.split(",") if s]
    generate(args.out, args.objectives, args.months, args.seed, args.hugo, standards)


if __name__ == "__main__":
    main()
