"""Content trees for the metamorphic scripts (scripts/metamorphic.py, scripts/diff-metamorphic.py):
the calendar, a YAML and CSV writer in several spellings, random objectives, and the rewrites
both apply. Standard library only. The SPEC oracle keeps its own calendar: it is an independent
reading."""
import csv
import io
import re
import subprocess
from collections import Counter
from datetime import date, timedelta


ONE = timedelta(days=1)


CADENCES = ["weekly", "monthly", "quarterly", "semiannual", "annual"]


CADENCE_KIND = {"weekly": "W", "monthly": "M", "quarterly": "Q", "semiannual": "H", "annual": "Y"}


def month_end(y, m):
    return date(y + (m == 12), m % 12 + 1, 1) - ONE


def period_of(kind, day):
    """The period of `kind` holding `day`: (kind, first day, last day)."""
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


def finer_kinds(cadence):
    order = ["D", "W", "M", "Q", "H", "Y"]
    return order[:order.index(CADENCE_KIND[cadence]) + 1]


class Text(str):
    """Free text: may be written plain, quoted, or as a folded or literal block."""


class Style:
    """How to spell YAML: each choice drawn per node from the rng (None: the plain default)."""

    def __init__(self, rng=None, flow=0.0, block_maps=0.0, quote=0.0, blocks=0.0, comments=0.0,
                 trailing=0.0):
        self.rng = rng
        self.p = dict(flow=flow, block_maps=block_maps, quote=quote, blocks=blocks, comments=comments,
                      trailing=trailing)

    def pick(self, what):
        return self.rng is not None and self.rng.random() < self.p[what]


PLAIN_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .;()/_+%-]*")


RESERVED = re.compile(r"(?i)(true|false|yes|no|on|off|null|y|n|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?)")


def scalar(v, style, flow_context=False):
    """One scalar, on one line."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, date):
        # A quoted date is the same date (docs/content-format.md: a scalar is text until its
        # field says what it is).
        if not style.pick("quote"):
            return v.isoformat()
        v = v.isoformat()
    s = str(v)
    plain_ok = PLAIN_OK.fullmatch(s) and not RESERVED.fullmatch(s) and not s.endswith(" ")
    if plain_ok and flow_context and ("," in s):
        plain_ok = False
    if plain_ok and not style.pick("quote"):
        return s
    if style.rng is not None and style.rng.random() < 0.5:
        return "'" + s.replace("'", "''") + "'"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def is_scalar(v):
    return not isinstance(v, (dict, list))


def emit(value, style, indent=0):
    """Lines for a mapping at `indent`."""
    lines = []
    pad = " " * indent
    for k, v in value.items():
        lines += emit_entry(pad + k + ":", v, style, indent)
    return lines


def tail(style):
    out = ""
    if style.pick("comments"):
        out += "  # " + style.rng.choice(["checked", "see the minutes", "as agreed"])
    if style.pick("trailing"):
        out += " " * style.rng.randint(1, 3)
    return out


def flow(v, style):
    if isinstance(v, list):
        return "[" + ", ".join(flow(x, style) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k}: {flow(x, style)}" for k, x in v.items()) + " }"
    return scalar(v, style, flow_context=True)


def emit_entry(head, v, style, indent):
    """`head` is `key:` or `-` (already indented); the lines for its value."""
    pad = " " * indent
    if style.pick("comments") and head.strip() != "-":
        pre = [pad + "# " + style.rng.choice(["note", "kept for the audit", "reviewed"])]
    else:
        pre = []
    if isinstance(v, Text) and style.pick("blocks") and not v.startswith(" "):
        ind = pad + "  "
        return pre + [f"{head} {style.rng.choice(['>', '|', '>-', '|-'])}{tail(style)}", ind + v]
    if is_scalar(v):
        return pre + [f"{head} {scalar(v, style)}{tail(style)}"]
    if isinstance(v, list):
        if not v:
            return pre + [f"{head} []{tail(style)}"]
        simple = all(is_scalar(x) for x in v)
        flat = all(is_scalar(x) or (isinstance(x, dict) and all(is_scalar(y) for y in x.values())) for x in v)
        # The default: lists of scalars on one line, lists of mappings as blocks; `flow` flips it.
        as_flow = simple != style.pick("flow") and flat
        if not as_flow:
            lines = pre + [f"{head}{tail(style)}"]
            for x in v:
                if isinstance(x, dict) and not (style.pick("flow") and all(is_scalar(y) for y in x.values())):
                    first = True
                    for k, y in x.items():
                        h = pad + ("  - " if first else "    ") + k + ":"
                        lines += emit_entry(h, y, style, indent + 4)
                        first = False
                elif isinstance(x, dict):
                    lines.append(f"{pad}  - {flow(x, style)}{tail(style)}")
                else:
                    lines += emit_entry(pad + "  -", x, style, indent + 2)
            return lines
        return pre + [f"{head} {flow(v, style)}{tail(style)}"]
    if isinstance(v, dict):
        if style.pick("flow") and all(is_scalar(x) for x in v.values()):
            return pre + [f"{head} {flow(v, style)}{tail(style)}"]
        return pre + [f"{head}{tail(style)}"] + emit(v, style, indent + 2)
    raise TypeError(v)


def front_matter(fm, body, style):
    return "\n".join(["---"] + emit(fm, style) + ["---", body, ""])


FUNCTIONS = {"incident": "Incident Process Owner", "problem": "Problem Manager", "change": "Change Manager",
             "desk": "Service Desk Lead"}


OWNERS = ["Incident Process Owner", "Problem Manager", "Service Desk Lead", "Change Manager", "Capacity Manager"]


STATEMENTS = ["POL-1", "POL-2", "POL-3", "POL-4"]


CLAUSES = {"msa": ["MSA-7.2", "MSA-7.3", "MSA-7.4"], "ctl": ["CTL-1", "CTL-2"]}


PEOPLE = ["Service Desk Lead", "Problem Manager", "Change Manager", "Capacity Manager", "Network Lead"]


def rand_day(rng, lo, hi):
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def edge_day(rng, lo, hi):
    """A day between lo and hi, often on or next to a period's first or last day."""
    d = rand_day(rng, lo, hi)
    kind = rng.choice(["D", "M", "Q", "H", "Y", "W"])
    if kind == "D":
        return d
    p = period_of(kind, d)
    return rng.choice([p[1], p[2], p[2] + ONE, p[1] - ONE])


def threshold(rng, unit, higher):
    n = rng.choice(["99.5", "4", "10", "2.5", "0", "50"])
    tn = str(round(float(n) + (-1 if higher else 1) * rng.choice([0.5, 1, 3]), 3)).rstrip("0").rstrip(".")
    if float(tn) < 0:
        tn = "0"
        n = "1" if not higher else n
    cmp, tcmp = (">=", ">=") if higher else ("<=", "<=")
    u = f" {unit}" if unit else ""
    return {"cmp": cmp, "n": n, "tcmp": tcmp, "tn": tn, "unit": u.strip()}


def spell_threshold(cmp, n, unit, rng=None):
    """SPEC 4.1 Units: `>= 99.5 %`, `>=99.5%` and `>= 99.5` are one target for unit `%`."""
    if rng is None:
        return f"{cmp} {n}" + (f" {unit}" if unit else "")
    sp = rng.choice(["", " ", "  "])
    u = rng.choice(["", " ", "  "]) + unit if unit and rng.random() < 0.7 else ""
    return f"{cmp}{sp}{n}{u}"


class Objective:
    pass


def write_csv(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    return buf.getvalue()


def is_measurements(rel):
    return rel.startswith("measurements/") and rel.endswith(".csv")


def read_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:] if r]


def shuffle_csv(text, rng):
    """Rows shuffled, rows of one period (and objective) in their order; columns shuffled."""
    header, rows = read_csv(text)
    groups = {}
    for r in rows:
        groups.setdefault((r.get("objective"), r["period"]), []).append(r)
    keys = list(groups)
    slots = [groups[k_] for k_ in keys for _ in groups[k_]]
    rng.shuffle(slots)
    taken = Counter()
    out = []
    for g in slots:
        key = id(g)
        out.append(g[taken[key]])
        taken[key] += 1
    header = list(header)
    rng.shuffle(header)
    return write_csv(header, out)


FLOW_LIST = re.compile(r"^(\s*(?:- )?(?:policy|requirements|contributors|attendees|objectives|standards):\s*)\[([^\]]*)\](\s*)$")


def shuffle_flow_lists(text, rng):
    """One-line `key: [a, b]` lists whose order means nothing, shuffled."""
    out = []
    for line in text.split("\n"):
        m = FLOW_LIST.match(line)
        if m:
            items = [x.strip() for x in m.group(2).split(",")]
            rng.shuffle(items)
            line = f"{m.group(1)}[{', '.join(items)}]{m.group(3)}"
        out.append(line)
    return "\n".join(out)


def block_flow_lists(text):
    """One-line `key: [a, b]` lists written as block lists."""
    out = []
    for line in text.split("\n"):
        m = FLOW_LIST.match(line)
        if m and m.group(2).strip():
            head = m.group(1).rstrip()
            base = len(head) - len(head.lstrip())
            if head.lstrip().startswith("- "):
                base += 2
            out.append(head)
            out += [" " * (base + 2) + "- " + x.strip() for x in m.group(2).split(",")]
        else:
            out.append(line)
    return "\n".join(out)


def comment_top_keys(text, rng):
    """A comment line before some top-level keys of the front matter, and one after the opening
    `---`; a block scalar above ends at a top-level key, so the comment is not its text."""
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return text
    out = [lines[0], "# front matter"]
    in_fm = True
    for line in lines[1:]:
        if in_fm and line in ("---", "..."):
            in_fm = False
        elif in_fm and re.match(r"[A-Za-z_]+:", line) and rng.random() < 0.5:
            out.append("# about " + line.split(":")[0])
        out.append(line)
    return "\n".join(out)


def trailing_spaces(text, rng):
    """Spaces after front-matter lines outside block scalars (a plain or quoted value's trailing
    spaces are not part of it)."""
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return text
    out = [lines[0]]
    block = None            # indentation of the key that opened a block scalar
    in_fm = True
    for line in lines[1:]:
        if in_fm and line in ("---", "..."):
            in_fm = False
            out.append(line)
            continue
        if in_fm:
            ind = len(line) - len(line.lstrip())
            if block is not None and (not line.strip() or ind > block):
                out.append(line)
                continue
            block = None
            if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
                block = ind
            elif rng.random() < 0.6:
                line += " " * rng.randint(1, 3)
        out.append(line)
    return "\n".join(out)


def values_with_zero(text):
    """`99.5` as `99.50` in every value cell."""
    header, rows = read_csv(text)
    for r in rows:
        v = r.get("value", "")
        if re.fullmatch(r"-?[0-9]+\.[0-9]+", v):
            r["value"] = v + "0"
    return write_csv(header, rows)


def starter_files(evident, tmp):
    subprocess.run([evident, "init", str(tmp), "--as-of", "2026-11-29"], check=True, capture_output=True)
    out = {}
    for p in sorted((tmp / "content").rglob("*")):
        if p.is_file():
            out[str(p.relative_to(tmp / "content"))] = p.read_text()
    return out


def with_bom_crlf(files, rng, bom, crlf):
    out = {}
    for rel, text in files.items():
        if rel.startswith("evidence/"):
            out[rel] = text
            continue
        if crlf:
            text = text.replace("\n", "\r\n")
        if bom:
            text = "\ufeff" + text
        out[rel] = text
    return out


def moved(files, rng):
    """Objective, review and communication files renamed into subfolders; path map new -> old."""
    out, paths = {}, {}
    for rel, text in files.items():
        top = rel.split("/")[0]
        if top in ("objectives", "reviews", "communications") and rel.endswith(".md"):
            name = rel.split("/")[-1][:-3]
            new = f"{top}/{rng.choice(['a', 'team', 'zz/deep'])}/{rng.choice(['x-', 'renamed-', ''])}{name.lower()}-m.md"
            out[new] = text
            paths[new] = rel
        else:
            out[rel] = text
    return out, paths


def split_measurements(files, rng):
    """Per-objective files: some periods' rows moved into a file with an `objective` column;
    files with an `objective` column: split by objective into such files of their own."""
    out = dict(files)
    for rel, text in files.items():
        if not is_measurements(rel):
            continue
        header, rows = read_csv(text)
        if not rows:
            continue
        if "objective" not in header:
            oid = rel.split("/")[-1][:-4]
            periods = sorted({r["period"] for r in rows})
            moving = set(rng.sample(periods, len(periods) // 2))
            keep = [r for r in rows if r["period"] not in moving]
            move = [dict(r, objective=oid) for r in rows if r["period"] in moving]
            out[rel] = write_csv(header, keep)
            if move:
                out[f"measurements/more/{oid.lower()}-part.csv"] = write_csv(["objective"] + header, move)
        else:
            del out[rel]
            by = {}
            for r in rows:
                by.setdefault(r["objective"], []).append(r)
            for oid, rs in by.items():
                out[rel[:-4] + f"-{oid.lower()}.csv"] = write_csv(header, rs)
    return out


# Served, and taken into account, by objectives that are not active only (policy/uncovered and
# requirements/unaddressed list them).
ONLY_INACTIVE_STATEMENT, ONLY_INACTIVE_CLAUSE = "POL-5", "MSA-7.5"


def make_objective(rng, oid, lo, hi, rare=True):
    """One objective's front matter (as data), rows and review events. `rare`: also what only a few
    rules read (drafts and retired objectives alone serving a statement and a clause, no cadence of
    its own), which metamorphic.py varies and diff-metamorphic.py does not."""
    o = Objective()
    o.id = oid
    o.cadence = rng.choice(CADENCES)
    o.unit = rng.choice(["%", "h", "", "%"])
    higher = o.unit != "h"
    o.function = rng.choice(list(FUNCTIONS))
    o.status = rng.choice(["active"] * (6 if rare else 8) + ["draft", "retired"])
    first = edge_day(rng, lo - timedelta(days=500), lo + timedelta(days=40))
    o.history = []
    thresholds = []
    d = first
    for v in range(1, rng.choice([1, 2, 3]) + 1):
        t = threshold(rng, o.unit, higher)
        h = {"version": v, "date": d, "change": Text(f"Version {v} of the objective."),
             "reason": Text("An annual review."), "approved_by": "Head of Service Management",
             "target": t, "effective": None}
        if rng.random() < 0.4:
            h["effective"] = period_of(CADENCE_KIND[o.cadence], d)[2] + ONE
        o.history.append(h)
        thresholds.append(t)
        d = edge_day(rng, d + timedelta(days=60), d + timedelta(days=400))
        if d > hi:
            break
    o.history.reverse()                   # newest first, as the starter writes it
    o.target = o.history[0]["target"]
    o.approved_on = o.history[0]["date"]
    o.policy = sorted(rng.sample(STATEMENTS, rng.randint(1, 3)))
    o.requirements = sorted(rng.sample([c for cs in CLAUSES.values() for c in cs], rng.randint(0, 3)))
    if rare and o.status != "active" and rng.random() < 0.8:
        o.policy.append(ONLY_INACTIVE_STATEMENT)
        o.requirements.append(ONLY_INACTIVE_CLAUSE)
    # No cadence of its own: with a function that names no forum, never due (levels/forum).
    o.no_cadence = rare and rng.random() < 0.3
    o.contributors = rng.sample(PEOPLE, rng.randint(0, 3))
    o.owner = rng.choice(OWNERS + [None, None])
    # Rows: from before the start to past the last as-of day, of the cadence or finer, restated,
    # gaps, missing periods.
    o.rows = []
    kind = CADENCE_KIND[o.cadence]
    p = period_of(kind, first - timedelta(days=40))
    mood = rng.choice(["on", "off", "near"])
    while p[1] <= hi + timedelta(days=30) and len(o.rows) < 40:
        if rng.random() < 0.12:
            p = period_of(kind, p[2] + ONE)
            continue
        for _ in range(1 if rng.random() < 0.8 else 2):
            k = rng.choice(finer_kinds(o.cadence))
            day = rand_day(rng, p[1], p[2]) if rng.random() < 0.6 else rng.choice([p[1], p[2]])
            rp = period_of(k, day)
            if k == "W" and period_of(kind, rp[1] + timedelta(days=3)) != p:
                rp = period_of(k, p[2] - timedelta(days=3)) if rp[1] > p[1] else period_of("W", p[1] + timedelta(days=7))
            if rng.random() < 0.25:
                mood = rng.choice(["on", "off", "near"])
            n = float(o.target["n"])
            delta = {"on": 5, "off": -5, "near": rng.choice([0, 0.5, -0.5])}[mood]
            v = max(0.0, n + (delta if higher else -delta))
            value = "" if rng.random() < 0.08 else ("%g" % v if rng.random() < 0.5 else "%.2f" % v)
            o.rows.append({"period": label(rp), "value": value,
                           "note": "Export failed; rerun pending" if value == "" else ""})
        p = period_of(kind, p[2] + ONE)
    o.events = []
    for _ in range(rng.randint(0, 4)):
        d = edge_day(rng, first, hi)
        o.events.append((d, rng.choice(["listed", "decision", "action", "open"])))
    return o


def objective_fm(o, rng_units=None):
    t = o.target
    fm = {"id": o.id, "title": Text(f"Keep measure {o.id} in bounds"),
          "statement": Text(f"Keep the measure of {o.id} within its target."), "status": o.status,
          "function": o.function}
    if o.owner:
        fm["owner"] = o.owner
    if o.contributors:
        fm["contributors"] = list(o.contributors)
    fm["policy"] = list(o.policy)
    if o.requirements:
        fm["requirements"] = list(o.requirements)
    else:
        fm["requirements_note"] = Text("An internal objective that no external requirement asks for.")
    metric = {"name": Text(f"Measure of {o.id}"), "definition": Text("The measured quantity for the period."),
              "counts": Text("Every event in the period."), "excludes": Text("Nothing.")}
    if o.unit:
        metric["unit"] = o.unit
    fm["metric"] = metric
    fm["data_source"] = {"system": Text("Monitoring"), "method": Text("Monthly extract")}
    fm["target"] = spell_threshold(t["cmp"], t["n"], t["unit"], rng_units)
    fm["tolerance"] = spell_threshold(t["tcmp"], t["tn"], t["unit"], rng_units)
    if not o.no_cadence:
        fm["cadence"] = o.cadence
    fm["actions"] = Text("Open a problem record when off target.")
    fm["version"] = o.history[0]["version"]
    fm["approved_by"] = "Head of Service Management"
    fm["approved_on"] = o.approved_on
    hist = []
    for h in o.history:
        e = {k: h[k] for k in ("version", "date", "change", "reason", "approved_by")}
        ht = h["target"]
        e["target"] = spell_threshold(ht["cmp"], ht["n"], ht["unit"], rng_units)
        e["tolerance"] = spell_threshold(ht["tcmp"], ht["tn"], ht["unit"], rng_units)
        if h["effective"]:
            e["effective"] = h["effective"]
        hist.append(e)
    fm["history"] = hist
    return fm
