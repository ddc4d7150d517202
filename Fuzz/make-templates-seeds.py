#!/usr/bin/env python3
"""Writes the seeds of the `templates` fuzz target into Fuzz/Corpus/templates: a page, a partial and
a parent template separated by zero bytes, then bytes that choose the values (see
TemplateDifferential.decode). The theme's own templates are seeds too, each as the page."""
import hashlib, os, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Fuzz" / "Corpus" / "templates"
out.mkdir(parents=True, exist_ok=True)

# Values: every byte is a choice (object keys kept or not, kinds of value, which text).
values = [bytes([1, 1, 1, 1] + [i % 8, i % 14, 3, 2] * 6) for i in range(8)]

crafted = [
    ("{{a}} {{{a}}} {{&a}} {{b.c}} {{.a}}", "", ""),
    ("{{#a}}[{{.}}]{{/a}}{{^a}}none{{/a}}", "", ""),
    ("<ul>\n  {{#a}}\n  <li>{{b}}</li>\n  {{/a}}\n</ul>\n", "", ""),
    ("\n  {{> partials/p}}\n", "{{a}}\n{{#b}}{{.}}\n{{/b}}end\n", ""),
    ("\r\n\t{{> partials/p}}\r\n", "x\r\ny\r\n", ""),
    ("{{<q}}{{$b}}page's{{/b}}{{/q}}", "", "before {{$b}}default{{/b}} after"),
    ("\n  {{<q}}\n{{$b}}\n  {{a}}\n{{/b}}\n{{/q}}\n", "", "{{$b}}d{{/b}}\n"),
    ("{{! a comment }}\n{{=<% %>=}}<% a %><%={{ }}=%>{{b}}", "", ""),
    ("{{#a}}{{#b}}{{#c}}{{d}}{{/c}}{{/b}}{{/a}}", "", ""),
    ("{{#a}}{{> partials/p}}{{/a}}", "{{.}}|{{a}}|{{b}}", ""),
    ("  {{$b}}y\n{{/b}}\n{{c}}", "", ""),
    ("é&<p>}} { {{a}}", "", ""),
]
seeds = {}
for i, (page, partial, parent) in enumerate(crafted):
    for j, v in enumerate(values[:3]):
        seeds[f"crafted-{i:02}-{j}"] = page.encode() + b"\0" + partial.encode() + b"\0" + parent.encode() + b"\0" + v
for path in sorted((root / "templates").rglob("*.mustache")):
    name = path.relative_to(root / "templates").as_posix().replace("/", "-")
    seeds[f"theme-{name}"] = path.read_bytes() + b"\0\0\0" + values[3]

for name, data in seeds.items():
    (out / name).write_bytes(data)
print(f"{len(seeds)} seeds in {out}")
