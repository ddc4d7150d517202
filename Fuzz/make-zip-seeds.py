#!/usr/bin/env python3
"""Writes the crafted seed zips of the `zip` fuzz target into Fuzz/Corpus/zip: small packs, stored
and deflated, signed with the fuzz seeds' key (ZipFuzz.signingPEM) and with the usual defects
(unsafe, duplicate, extra, missing and mismatched entries, a link, a bad manifest)."""
import hashlib, io, os, subprocess, sys, tempfile, zipfile

KEY = b"""-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINI6uvcVqhMk8mvAk6ZLC0kVKeJHxKWYad1DrcSJuFpd
-----END PRIVATE KEY-----
"""
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus", "zip")
FILES = {"register.json": b'{"objectives":[]}\n', "site/index.html": b"<h1>Register</h1>\n",
         "content/objectives/OBJ-1.md": b"---\nid: OBJ-1\n---\nBody\n", "AUDITOR.md": b"# Guide\n"}


def manifest(files):
    return "".join(f"{hashlib.sha256(files[p]).hexdigest()}  {p}\n" for p in sorted(files)).encode()


def sign(data):
    with tempfile.TemporaryDirectory() as d:
        key, msg = os.path.join(d, "k.pem"), os.path.join(d, "m")
        open(key, "wb").write(KEY)
        open(msg, "wb").write(data)
        return subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", msg],
                              check=True, capture_output=True).stdout


def write(name, entries, method=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for path, data, *link in entries:
            info = zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            if link:
                info.external_attr = 0o120777 << 16
            z.writestr(info, data)
    open(os.path.join(OUT, "seed-" + name + ".zip"), "wb").write(buffer.getvalue())


def pack(files, folder="pack/", signed=False, extra=()):
    m = manifest(files)
    entries = [(folder + p, d) for p, d in sorted(files.items())] + [(folder + "MANIFEST.sha256", m)]
    if signed:
        entries.append((folder + "MANIFEST.sha256.sig", sign(m)))
    return entries + list(extra)


os.makedirs(OUT, exist_ok=True)
write("pack-stored", pack(FILES))
write("pack-deflated", pack(FILES), zipfile.ZIP_DEFLATED)
write("pack-signed", pack(FILES, signed=True))
write("pack-at-root", pack(FILES, folder="", signed=True))
write("pack-defects", pack(FILES, extra=[("pack/extra.txt", b"x"), ("../escape.txt", b"x"), ("/abs", b"x"),
                                         ("pack/register.json", b"again"), ("pack/link", b"../../etc", True)]))
bad = dict(FILES)
write("pack-mismatch", [(p, d if p != "pack/AUDITOR.md" else b"changed") for p, d in pack(bad)])
write("pack-bad-manifest", [("pack/a", b"a"), ("pack/MANIFEST.sha256", b"not a manifest\n" + b"0" * 64 + b"  ../x\n")])
write("pack-two-manifests", pack(FILES) + pack({"a": b"a"}, folder="other/"))
write("empty", [])
