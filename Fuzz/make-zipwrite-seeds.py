#!/usr/bin/env python3
"""Writes the seeds of the `zipwrite` fuzz target into Fuzz/Corpus/zipwrite.

An input is one options byte (bit 0: zip64 limits low enough for small archives; bits 1-3: entries
per batch - 1; bit 4: batches of about 64 bytes), then name, content, name, content... split at
zero bytes; a content's first byte says how many times the rest is repeated (1 to 64). See
Sources/EvidentFuzzTargets/ZipWriterDifferential.swift.
"""
import os
import random

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "Corpus", "zipwrite")
os.makedirs(out, exist_ok=True)


def seed(options, *pairs):
    data = bytes([options])
    fields = []
    for name, times, content in pairs:
        fields += [name.encode(), bytes([times]) + content]
    return data + b"\0".join(fields)


rng = random.Random(20261129)
noise = bytes(rng.randrange(1, 256) for _ in range(600))
text = b"Objective OBJ-INC-01 is on target. "
seeds = {
    "empty": b"",
    "options-only": bytes([0x1F]),
    "one-text": seed(0, ("pack/README.html", 40, text)),
    "empty-entry": seed(0, ("pack/empty.txt", 0, b"")),
    "incompressible": seed(0, ("pack/noise.bin", 0, noise)),
    "non-ascii": seed(0, ("pack/café/Zürich ≤ 4 h.md", 3, "# Zürich\n".encode())),
    "sort-order": seed(0, ("a/b", 1, b"x"), ("a.b", 1, b"y"), ("A", 1, b"z"), ("a-b/c", 1, b"w"), ("a", 1, b"v")),
    "unsafe-name": seed(0, ("pack/ok.txt", 1, b"ok"), ("../up.txt", 1, b"no")),
    "zip64": seed(1, ("p/a.txt", 50, text), ("p/b.bin", 0, noise), ("p/c.txt", 0, b""), ("p/d.txt", 63, b"d")),
    "small-batches": seed(0x1E, *[(f"p/{i:03}.csv", i % 7, b"period,value\n2026-0%d,%d\n" % (i % 9, i)) for i in range(30)]),
    "duplicates": seed(2, ("p/x", 1, b"first"), ("p/x", 1, b"second"), ("p/y", 5, b"yy")),
    "registers": seed(4, ("p/register.csv", 20, b"id,title\r\nOBJ-1,\"A, b\"\r\n"),
                      ("p/register.json", 10, b'{"objectives":[{"id":"OBJ-1"}]}'),
                      ("p/MANIFEST.sha256", 2, b"0" * 64 + b"  register.csv\n")),
}
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print(f"{len(seeds)} seeds in {out}")
