#!/usr/bin/env python3
"""Writes the seeds of the `content` fuzz target into Fuzz/Corpus/content: an objective file, its
measurements CSV and, for some, a review and a communication, joined by zero bytes (ContentFuzz).
They are the example content's objectives with their own measurements (and the first review and
communication that name each), one objective with the values and thresholds at the edges of what a
chart and a judgement must take (subnormal, huge, negative, equal, long decimals, a single value,
none, weekly and quarterly periods), measurements with one mistake on every row, and reviews and communications that leave out what a record
needs or date it at the edges of the calendar. Inputs already in the folder stay. Run from the
repository's root."""
import hashlib
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Fuzz" / "Corpus" / "content"
out.mkdir(parents=True, exist_ok=True)
seeds = []

def naming(folder, objective_id):
    """The first file of content/FOLDER (in path order) that names the objective."""
    for path in sorted((root / "content" / folder).rglob("*.md")):
        text = path.read_text()
        if objective_id and re.search(rf"\b{re.escape(objective_id)}\b", text):
            return text
    return None

for objective in sorted((root / "content" / "objectives").rglob("*.md")):
    text = objective.read_text()
    found = re.search(r"^id: *(\S+)", text, re.M)
    csv = root / "content" / "measurements" / f"{found.group(1)}.csv" if found else None
    seed = (text, csv.read_text() if csv and csv.exists() else "")
    review, communication = naming("reviews", found and found.group(1)), naming("communications", found and found.group(1))
    if review is not None:
        seed += (review,) + ((communication,) if communication is not None else ())
    seeds.append(seed)

base = (root / "content" / "objectives" / "process" / "incident").glob("*.md")
incident = next(p for p in sorted(base) if "OBJ-INC-01" in p.read_text())
objective = incident.read_text()

def thresholds(target, tolerance):
    text = re.sub(r'^target: .*$', f'target: "{target}"', objective, flags=re.M)
    if tolerance is None:
        return re.sub(r'^tolerance: .*\n', '', text, flags=re.M)
    return re.sub(r'^tolerance: .*$', f'tolerance: "{tolerance}"', text, flags=re.M)

def rows(values, periods=None):
    periods = periods or [f"2026-{m:02d}" for m in range(1, 13)]
    return "period,value,note\n" + "".join(f"{p},{v},\n" for p, v in zip(periods, values))

tiny = "0." + "0" * 323
edges = [
    (thresholds("<= 4 h", "<= 6 h"), rows([tiny + "5", tiny[:-1] + "1"])),
    (thresholds("<= 4 h", "<= 6 h"), rows(["0.00000000000001", "0.00000000000003", "0.00000000000002"])),
    (thresholds(">= 99.9995 %", ">= 99.999 %"), rows(["99.9985", "99.9999", "100", "99.9995"])),
    (thresholds("<= 4 h", None), rows(["179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "3"])),
    (thresholds(">= -10 dB", ">= -12 dB"), rows(["-0", "-11.5", "-12.000000000000001", "-9"])),
    (thresholds("== 0", None), rows(["0", "0", "0", "0"])),
    (thresholds("<= 4 h", "<= 6 h"), rows(["3.99999999999999999", "4.00000000000000001"])),
    (thresholds("<= 4 h", "<= 6 h"), rows(["4.2"])),
    (thresholds("<= 4 h", "<= 6 h"), "period,value,note\n"),
    (thresholds("<= 4 h", "<= 6 h").replace("cadence: monthly", "cadence: weekly"),
     rows(["3", "5", "7", "2"], ["2025-W52", "2026-W01", "2026-W02", "2026-W53"])),
    (thresholds("<= 4 h", "<= 6 h").replace("cadence: monthly", "cadence: quarterly"),
     rows(["3", "5", "7"], ["2026-Q1", "2026-04", "2026-Q3"])),
    (thresholds("<= 1000000000000000 h", None), rows(["999999999999999.9", "1000000000000001", "-1000000000000001"])),
]
seeds += edges

# Reviews and communications on the incident objective that leave out what a record needs, or
# date it at the edges: the review of the example's incident objective, edited.
review = naming("reviews", "OBJ-INC-01")
communication = naming("communications", "OBJ-INC-01")
incident_rows = rows(["3", "5", "7", "2", "6", "8"])
def edited(text, replacements):
    for old, new in replacements:
        text = re.sub(old, new, text, flags=re.M)
    return text
records = [
    (edited(review, [(r"^forum: .*\n", ""), (r"^(\s+)owner: .*\n", ""), (r"^(\s+)due: .*$", r"\1due: 15/12/2026")]), communication),
    (edited(review, [(r"^forum: .*$", "forum: TBD"), (r"^(\s+)decision: .*$", r"\1decison: update")]), edited(communication, [(r"^audience: .*\n", "")])),
    (edited(review, [(r"^date: .*$", "date: 0001-01-01")]), edited(communication, [(r"^date: .*$", "date: 9999-12-31"), (r"^channel: .*$", "channel: pigeon")])),
    (edited(review, [(r"^date: .*$", "date: 9999-12-31"), (r"^(\s+)due: .*$", r"\1due: 0001-01-01")]), edited(communication, [(r"^objectives: .*$", "objectives: all")])),
    (edited(review, [(r"^(\s+)text: .*\n", ""), (r"^(\s+)status: .*$", r"\1status: done")]), "---\n---\n"),
]
seeds += [(objective, incident_rows, r, c) for r, c in records]

# One mistake on every row, past the hundred findings of a rule that are listed (FindingFold), and
# two mistakes that alternate.
header = incident_rows.split("\n", 1)[0] + "\n"
seeds.append((objective, header + "2026-13,x\n" * 150))
seeds.append((objective, header + "2026-01,1,,\n2026-01,n/a,,\n" * 120))

# The corpus keeps what earlier runs merged into it (docs/fuzzing.md): seeds are added beside it.
for seed in seeds:
    data = b"\0".join(part.encode() for part in seed)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
print(f"{len(seeds)} seeds in {out.relative_to(root)}")
