#!/usr/bin/env python3
"""Checks pages of a built evident site in headless Chromium: axe-core, and the layout at any width.

    axe_pages.py SITE                 the six pages: dashboard, register, readiness, standards, the largest
                                      objective page and the largest review page
    axe_pages.py SITE --all           every page of the site
    axe_pages.py SITE --screenshots DIR
                                      also writes DIR/NAME-1280.png and DIR/NAME-390.png (whole
                                      pages, cut at --max-height, 6000 px unless told) and the register and the
                                      readiness and standards pages printed on A4 (DIR/register-print.pdf...)
    axe_pages.py SITE --long-words    the register, the dashboard, the functions, the change log, the
                                      policy, the owners, the requirements, the reviews, the largest
                                      objective and review pages again, with a 70-letter word in the
                                      cells of titles, functions, owners, notes, changes, reasons,
                                      decisions, actions, clauses and chairs of a row, or as the
                                      heading, and an owner three times as long in the register's
                                      filter, and a table of six columns in the largest objective's
                                      body: no page may scroll sideways, at 1280 pixels no table
                                      with the word may scroll in its box, every table must fit A4
                                      (run with the six pages and with --all)
    axe_pages.py --self-check SITE    proves that the checks fail: copies the register, gives two
                                      of its landmarks the same label, widens its table past
                                      the window and puts text that may not wrap (in a <time>)
                                      wider than its column in a dashboard item, and removes its
                                      sort announcement; takes the focus ring away, keeps a chart
                                      colour under forced colours, prints the chart on a sheet
                                      apart from its heading and squeezes the register's functions
                                      until a word is cut; gives the largest objective's body a table
                                      of six columns, squeezes its first column until a word is cut
                                      and takes its Tab stop away; prints the register upright, its
                                      headings once and an objective's page sideways; makes every
                                      table's box a Tab stop; puts an objective's facts in the old
                                      order; expects all fifteen to be reported

Each page is served from 127.0.0.1 (so that the site's script runs under its own
Content-Security-Policy) and checked at 1280, 390 and 360 CSS pixels wide:
  - axe-core (all rules axe runs by default, WCAG 2.x A and AA and best practices): any
    violation, of any impact, fails;
  - the page never scrolls sideways (a wide table scrolls inside its own box);
  - the text of an item of a standard's card on the dashboard stays in its box (never runs into the badge);
  - at 1280 the register's table fits its box, and no ordinary word (up to 16 letters) in a
    table cell is cut across two lines; in a Markdown body's table, no such word is cut at any
    width (the table scrolls in its own box, then a Tab stop, which axe checks);
  - printed on A4 portrait (the page's print styles at the width of the paper less the
    margins; landscape where the page's named @page says so, as the register's does), no table
    is wider than the paper and no ordinary word in a table cell is cut across two lines;
  - and, on the pages named (not the copies with long words), what axe cannot check
    (access_checks.py): reflow at 320 pixels with and without the text spacing of WCAG 1.4.12,
    Tab through the page (skip link, a focus ring on every stop), the register sorted by
    keyboard and announced, the chart and navigation under forced colours, and the dashboard,
    the readiness report and each objective page printed sheet by sheet.
Prints each problem and exits 1 when there is any; exits 2 when the tools are missing, or when one
step in the browser (a run of axe) takes longer than --timeout SECONDS (120 unless told; a site of
1,000 objectives passes within it: docs/development.md).
Needs: chromium and chromium-driver (Debian), selenium and selenium-axe-python (PyPI),
which `scripts/setup.sh --test` installs.
"""
import argparse
import base64
import functools
import http.server
import os
import re
import shutil
import sys
import tempfile
import threading
import time

# 360 is the narrowest width the theme is laid out for; screenshots are taken at the first two.
WIDTHS = (1280, 390, 360)
SCREENSHOT_WIDTHS = (1280, 390)
# A4 is 210 mm wide; the theme's @page margin is 12 mm each side: 186 mm at 96 px per inch. A page
# printed sideways (the register, whose named @page is `size: landscape`) has 297 mm less the margins.
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)
A4_LANDSCAPE_CONTENT_PX = round((297 - 2 * 12) / 25.4 * 96)
# US Letter is wider than A4 upright but narrower turned sideways: the register's columns are
# checked on both.
LETTER_LANDSCAPE_CONTENT_PX = round((11 * 25.4 - 2 * 12) / 25.4 * 96)
A4_INCHES = (8.27, 11.69)
# The pages whose print is checked sheet by sheet (with every objective page checked deeply).
PRINTED = ("index.html", "readiness.html")


def fail_setup(message):
    print(f"axe_pages: {message}", file=sys.stderr)
    sys.exit(2)


import chromium
import access_checks

try:
    import selenium_axe_python
    import urllib3
    from selenium.common.exceptions import TimeoutException
except ImportError as error:
    fail_setup(f"{error.name} is missing: run scripts/setup.sh --test")

AXE_JS = os.path.join(os.path.dirname(selenium_axe_python.__file__), "axe-core", "axe.min.js")


# How long one step in the browser (a page's load, one run of axe, one script) may take, in seconds:
# --timeout. axe needs about 25 s for the register of 1,000 objectives at one width
# (docs/development.md).
TIMEOUT = 120


def start_driver():
    driver = chromium.start_driver(["--hide-scrollbars", "--force-device-scale-factor=1"])
    driver.set_script_timeout(TIMEOUT)
    driver.set_page_load_timeout(TIMEOUT)
    # The HTTP request that waits for chromedriver's answer outlasts the script it waits for.
    driver.command_executor.client_config.timeout = TIMEOUT + 30
    return driver


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def largest(folder, sub):
    pages = [os.path.join(sub, name) for name in sorted(os.listdir(os.path.join(folder, sub)))
             if name.endswith(".html") and name != "index.html"]
    if not pages:
        fail_setup(f"no pages under {os.path.join(folder, sub)}")
    return max(pages, key=lambda page: (os.path.getsize(os.path.join(folder, page)), page))


def default_pages(folder):
    return ["index.html", "register.html", "readiness.html", "standards.html",
            largest(folder, "objectives"), largest(folder, "reviews")]


def all_pages(folder):
    found = []
    for top, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".html"):
                found.append(os.path.relpath(os.path.join(top, name), folder))
    return sorted(found)


def set_viewport(driver, width, height=900, media=""):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def run_axe(driver):
    """Every rule axe runs by default, on every node of the document. Only violations are reported
    in full (resultTypes), so axe makes no selector for each of the thousands of nodes that pass."""
    with open(AXE_JS, encoding="utf-8") as file:
        driver.execute_script(file.read())
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations),"
        " e => done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]));")


OVERFLOW_JS = """
const doc = document.documentElement;
const out = [];
if (doc.scrollWidth > doc.clientWidth) {
  out.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window`);
}
// The text of a dashboard item's part stays in its box (a word wider than its grid column runs
// into the badge beside it), and so does a count's badge ("Within tolerance" on a phone).
for (const part of document.querySelectorAll('.standard-item > *, .status-count')) {
  if (part.scrollWidth > part.clientWidth + 1) {
    out.push(`"${part.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)}" runs out of its box in a dashboard item: ${part.scrollWidth} px of text in ${part.clientWidth} px`);
  }
}
// On paper, no column heading is cut off by a box around its table that clips (a column lost to
// main's edge is still in the text of the PDF; the browser shrinks a sheet wider than the paper).
if (arguments[0]) {
  const clips = value => value === 'clip' || value === 'hidden';
  for (const th of document.querySelectorAll('thead th')) {
    const r = th.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    for (let box = th.parentElement; box && box !== doc; box = box.parentElement) {
      const style = getComputedStyle(box), b = box.getBoundingClientRect();
      const margin = style.overflowX === 'clip' || style.overflowY === 'clip' ? parseFloat(style.overflowClipMargin) || 0 : 0;
      const outX = clips(style.overflowX) && (r.left < b.left - margin - 1 || r.right > b.right + margin + 1);
      const outY = clips(style.overflowY) && (r.top < b.top - margin - 1 || r.bottom > b.bottom + margin + 1);
      if (outX || outY) {
        const table = th.closest('table');
        out.push(`the column heading "${th.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30)}" of table ${table.id || table.className || '(unnamed)'} is hidden: ${box.tagName.toLowerCase()} clips it`);
        break;
      }
    }
  }
}
if (arguments[0]) {
  for (const table of document.querySelectorAll('table')) {
    const right = table.getBoundingClientRect().right;
    // A body's table is its own box (display: block): its rows may run past it.
    const past = Math.max(right, table.getBoundingClientRect().left + table.scrollWidth);
    if (past > doc.clientWidth + 1) {
      out.push(`table ${table.id || table.className || '(unnamed)'} reaches ${Math.round(past)} px, past the ${doc.clientWidth} px of the paper`);
    }
  }
}
if (arguments[1]) {
  const box = document.querySelector('#register')?.closest('.table-scroll');
  if (box && box.scrollWidth > box.clientWidth) {
    out.push(`the register scrolls inside its box: ${box.scrollWidth} px of content in ${box.clientWidth} px`);
  }
}
// A table holding the long word of the long-words check fits its box (the word breaks in its cell).
if (arguments[2]) {
  for (const box of document.querySelectorAll('.table-scroll')) {
    if (box.textContent.includes(arguments[2]) && box.scrollWidth > box.clientWidth + 1) {
      out.push(`the table "${box.getAttribute('aria-label') || box.querySelector('table')?.className}" with a long word scrolls inside its box: ${box.scrollWidth} px of content in ${box.clientWidth} px`);
    }
  }
}
// An ordinary word (up to 16 letters) in a table cell is never cut across two lines: at 1280 pixels
// in the theme's tables (a column squeezed below it showed "managemen t"), and at every width and
// on paper in a Markdown body's table (which scrolls in its own box rather than cut "availability").
const cutWords = (cells, skip, where) => {
  const cut = new Set();
  for (const cell of cells) {
    // A path or rule name (in <code>, or a value's evidence) may break anywhere.
    if (cell.matches('.evidence')) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(skip)) continue;
      for (const word of node.data.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]{2,16}(?![\p{L}\p{N}])/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) cut.add(word[0]);
      }
    }
  }
  if (cut.size) out.push(`words are cut across two lines in ${where}: ${[...cut].slice(0, 8).join(', ')}`);
};
if (arguments[3]) cutWords(document.querySelectorAll('td, th'), 'code, .visually-hidden, .prose', 'table cells');
cutWords(document.querySelectorAll('.prose td, .prose th'), 'code, .visually-hidden', "a Markdown body's table");
return out;
"""


# Whether the page, printed, is turned sideways: the @page rule named by its body's `page` says
# `size: landscape` (read from the page's own stylesheets, under @media print too).
LANDSCAPE_JS = """
const name = getComputedStyle(document.body).page;
const rules = sheet => [...sheet.cssRules].flatMap(rule => rule instanceof CSSPageRule ? [rule] : rule.cssRules ? rules(rule) : []);
return [...document.styleSheets].flatMap(rules).some(rule => rule instanceof CSSPageRule
  && rule.selectorText === name && /landscape/.test(rule.style.getPropertyValue('size')));
"""


def deep_checks(driver, url, page):
    """The checks axe cannot make (access_checks.py), on one page."""
    problems = []
    # Reflow: 1280 pixels at 400 % zoom are 320 CSS pixels; then with the text spacing of 1.4.12.
    set_viewport(driver, 320)
    driver.get(url)
    problems += [f"{page} @320: {text}" for text in driver.execute_script(OVERFLOW_JS, False, False)]
    spacing = driver.execute_script(access_checks.APPLY_SPACING_JS, access_checks.TEXT_SPACING_CSS)
    if spacing in ("normal", "0px"):
        problems.append(f"{page}: the text spacing of WCAG 1.4.12 did not apply")
    problems += [f"{page} @320 with text spacing: {text}" for text in driver.execute_script(OVERFLOW_JS, False, False)]
    set_viewport(driver, 1280)
    driver.get(url)
    problems += access_checks.keyboard(driver, page)
    if page == "register.html":
        driver.get(url)
        problems += access_checks.content_stays_in_main(driver, page)
        driver.get(url)
        problems += access_checks.register_sorting(driver, page)
        driver.get(url)
        problems += access_checks.register_filtering(driver, page)
        driver.get(url)
        problems += access_checks.register_headings(driver, page, A4_INCHES)
        set_viewport(driver, 390)
        driver.get(url)
        problems += access_checks.register_sticky_ids(driver, page)
        set_viewport(driver, 1280)
    if driver.find_elements("css selector", ".trend-chart") or page == "index.html":
        driver.get(url)
        problems += access_checks.forced_colours(driver, page)
    if page in PRINTED or page.startswith("objectives/"):
        driver.get(url)
        problems += access_checks.print_layout(driver, page, A4_INCHES)
    return problems


def check_page(driver, base, page, deep=False, fit_word=None):
    problems = []
    url = f"{base}/{page}"
    if deep:
        problems += deep_checks(driver, url, page)
    for width in WIDTHS:
        set_viewport(driver, width)
        driver.get(url)
        for violation in run_axe(driver):
            targets = "; ".join(" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:5])
            problems.append(f"{page} @{width}: axe {violation['id']} ({violation.get('impact')}): "
                            f"{violation.get('help')} [{targets}]")
        register = page == "register.html" and width == 1280
        word = fit_word if width == 1280 else None
        for text in driver.execute_script(OVERFLOW_JS, False, register, word, width == 1280):
            problems.append(f"{page} @{width}: {text}")
    set_viewport(driver, A4_CONTENT_PX, 1100, "print")
    driver.get(url)
    paper = "A4"
    if driver.execute_script(LANDSCAPE_JS):
        if page != "register.html":
            problems.append(f"{page} printed: turned sideways, as the register alone is (an objective's page shares its section)")
        paper = "A4 landscape"
        set_viewport(driver, A4_LANDSCAPE_CONTENT_PX, 700, "print")
        driver.get(url)
    for text in driver.execute_script(OVERFLOW_JS, True, False, None, True):
        problems.append(f"{page} printed on {paper}: {text}")
    if paper == "A4 landscape":
        # A sheet wider than the paper is shrunk to fit by the browser; only a column cut off is lost.
        set_viewport(driver, LETTER_LANDSCAPE_CONTENT_PX, 700, "print")
        driver.get(url)
        for text in driver.execute_script(OVERFLOW_JS, True, False, None, True):
            if " is hidden" in text:
                problems.append(f"{page} printed on US Letter landscape: {text}")
    set_viewport(driver, 1280)
    return problems


def full_screenshot(driver, base, page, width, path, max_height):
    set_viewport(driver, width)
    driver.get(f"{base}/{page}")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    set_viewport(driver, width, min(int(height), max_height))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    with open(path, "wb") as file:
        file.write(base64.b64decode(shot["data"]))


def print_pdf(driver, base, page, path):
    set_viewport(driver, 1280)
    driver.get(f"{base}/{page}")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": A4_INCHES[0], "paperHeight": A4_INCHES[1], "printBackground": True,
        "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0, "preferCSSPageSize": True})
    with open(path, "wb") as file:
        file.write(base64.b64decode(pdf["data"]))


def check_site(folder, pages, screenshots=None, max_height=6000, deep=False, fit_word=None):
    server = serve(folder)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    driver = start_driver()
    problems = []
    try:
        for page in pages:
            started = time.monotonic()
            try:
                found = check_page(driver, base, page, deep, fit_word)
            except (TimeoutException, urllib3.exceptions.ReadTimeoutError) as error:
                fail_setup(f"{page}: a step in the browser took longer than --timeout {TIMEOUT} seconds "
                           f"({type(error).__name__}); give a page this large a longer --timeout "
                           "(docs/development.md)")
            print(f"{page}: {'ok' if not found else f'{len(found)} problems'} ({time.monotonic() - started:.0f} s)")
            problems += found
            if screenshots:
                name = page.split("/")[0] if "/" in page else page.removesuffix(".html")
                name = {"index": "dashboard", "objectives": "objective", "reviews": "review"}.get(name, name)
                for width in SCREENSHOT_WIDTHS:
                    full_screenshot(driver, base, page, width, os.path.join(screenshots, f"{name}-{width}.png"), max_height)
        if screenshots:
            for name in ("register", "readiness", "standards"):
                print_pdf(driver, base, f"{name}.html", os.path.join(screenshots, f"{name}-print.pdf"))
    finally:
        driver.quit()
        server.shutdown()
    return problems


LONG_WORD = "Interoperability" + "Assurance" * 6

# Where the long-words check puts its word: a page ("OBJECTIVE" and "REVIEW" for the largest of
# each), the text that opens its table (or None for the page's heading), which cells (counted among
# the <td>s) of the table's first body row, and whether the word takes the place of the cell's last
# text (its link's, its note's) rather than of the whole cell. At 1280 pixels every table with the
# word must fit its box.
LONG_WORD_PLACES = [
    ("register.html", '<table class="register', (0, 2, 3), False),       # title, function and level, owner
    ("index.html", '<table class="level-objectives"', (0, 1, 2), False),  # title, function, owner
    ("functions.html", '<table class="level-functions"', (0,), False),    # owner
    ("changes.html", '<table class="changes"', (0,), False),              # the objective and its title
    ("policy.html", None, (), False),                                     # the heading
    ("OBJECTIVE", '<table class="values"', (3,), False),                  # a value's note
    ("OBJECTIVE", 'aria-label="Change history"', (1, 2), False),          # a version's change and reason
    ("OBJECTIVE", 'aria-label="Reviews"', (1,), True),                    # a review's decision note
    ("REVIEW", 'aria-label="Decisions"', (1,), False),                    # a decision's note
    ("REVIEW", '<table class="actions"', (0, 2), True),                   # an action's text and owner
    ("owners.html", 'aria-label="Objectives owned by', (0,), False),      # a title
    ("requirements.html", '<table class="clauses"', (0,), False),         # a clause's text
    ("reviews/index.html", '<table', (1,), False),                        # a chair
]


def with_long_words(html, table, cells, inner=False):
    """The page with its heading, or the given cells of its table's first body row, each one long word
    (in place of the cell's last text, when inner)."""
    if table is None:
        found = re.search(r"<h1>[^<]*</h1>", html)
        if not found:
            fail_setup("long words: no plain <h1> to lengthen")
        return html[:found.start()] + f"<h1>{LONG_WORD}</h1>" + html[found.end():]
    at = html.find(table)
    body = html.find("<tbody>", at)
    start = html.find("<tr", body)
    end = html.find("</tr>", start)
    if min(at, body, start, end) < 0:
        fail_setup(f"long words: no body row in {table}")
    row = html[start:end]
    found = re.findall(r"<td[^>]*>.*?</td>", row)
    if len(found) <= max(cells):
        fail_setup(f"long words: the first row of {table} has {len(found)} cells")
    for index in cells:
        cell = found[index]
        texts = list(re.finditer(r">([^<]*[^<\s][^<]*)<", cell))
        if inner and texts:
            last = texts[-1]
            changed = cell[:last.start(1)] + f"{LONG_WORD} {index}" + cell[last.end(1):]
        else:
            opening = cell[:cell.index(">") + 1]
            changed = f"{opening}{LONG_WORD} {index}</td>"
        row = row.replace(cell, changed, 1)
    return html[:start] + row + html[end:]


# Six columns of ordinary words, as an author writes them in a Markdown body (cmark-gfm's bare
# <table>): wider than a phone, and on a phone "availability" was cut across two lines.
WIDE_BODY_TABLE = (
    "<table>\n<thead>\n<tr>\n<th>Service</th>\n<th>Availability</th>\n<th>Responsibility</th>\n"
    "<th>Measurement</th>\n<th>Infrastructure</th>\n<th>Communication</th>\n</tr>\n</thead>\n<tbody>\n"
    "<tr>\n<td>Payments platform</td>\n<td>availability of 99.9 % each month</td>\n"
    "<td>Service management office</td>\n<td>synthetic transactions every minute</td>\n"
    "<td>datacentre infrastructure and networking</td>\n<td>monthly communication to customers</td>\n</tr>\n"
    "<tr>\n<td>Customer portal</td>\n<td>99.5 %</td>\n<td>Digital channels</td>\n<td>uptime monitoring</td>\n"
    "<td>cloud hosting</td>\n<td>quarterly</td>\n</tr>\n</tbody>\n</table>\n")


def with_wide_body_table(html):
    """The page with WIDE_BODY_TABLE at the start of its first Markdown body."""
    found = re.search(r'<div class="prose"[^>]*>', html)
    if not found:
        fail_setup("wide body table: no Markdown body (<div class=\"prose\">) on the page")
    return html[:found.end()] + WIDE_BODY_TABLE + html[found.end():]


def long_words_check(folder):
    """Checks a copy of the site with a word wider than any column in its tables and headings."""
    with tempfile.TemporaryDirectory() as scratch:
        site = os.path.join(scratch, "site")
        shutil.copytree(folder, site)
        named = {"OBJECTIVE": largest(site, "objectives"), "REVIEW": largest(site, "reviews")}
        pages = []
        for page, table, cells, inner in LONG_WORD_PLACES:
            page = named.get(page, page)
            path = os.path.join(site, page)
            with open(path, encoding="utf-8") as file:
                html = file.read()
            with open(path, "w", encoding="utf-8") as file:
                file.write(with_long_words(html, table, cells, inner))
            if page not in pages:
                pages.append(page)
        # A body's table of six columns of ordinary words, on the largest objective's page.
        path = os.path.join(site, named["OBJECTIVE"])
        with open(path, encoding="utf-8") as file:
            html = file.read()
        with open(path, "w", encoding="utf-8") as file:
            file.write(with_wide_body_table(html))
        # An owner's name wider than the window in the register's owner filter.
        path = os.path.join(site, "register.html")
        with open(path, encoding="utf-8") as file:
            html = file.read()
        found = re.search(r'(<select id="filter-owner"[^>]*>\s*<option value="">[^<]*</option>\s*<option value="[^"]*">)[^<]*<', html)
        if not found:
            fail_setup("long words: no owner in the register's owner filter")
        with open(path, "w", encoding="utf-8") as file:
            file.write(html[:found.end(1)] + LONG_WORD * 3 + html[found.end() - 1:])
        problems = check_site(site, pages, fit_word=LONG_WORD)
    return [f"with long words: {problem}" for problem in problems]


# What the self-check adds to the copy's stylesheet: no focus ring, a chart line that keeps its
# colour under forced colours, a printed chart parted from its heading, the register's functions
# and owners squeezed until "management" is cut, the first column of a body's table squeezed
# until "Payments" is cut, the register printed upright and an objective's page sideways, the
# register's headings not repeated on paper, and an objective's facts read right column first.
BROKEN_CSS = """
:focus-visible { outline: none !important; }
@media (forced-colors: active) { .trend-chart .chart-line { stroke: #0a58a8 !important; } }
@media print { .chart-scroll { break-before: page !important; } }
.register td:nth-child(4) { word-break: break-all !important; width: 2ch !important; }
.prose td:first-child { overflow-wrap: anywhere !important; }
@media print { body.page-register { page: auto !important; } }
@media print { body.page-register:not(:has(table.register)) { page: register !important; } }
@media print { th button.sort { display: inline !important; } }
.facts-main { grid-column: 1 !important; } .facts-side { grid-column: 2 !important; }
.register tbody th, .register thead th { position: static !important; }
main { overflow: visible !important; }
@media print { main { overflow: clip !important; overflow-clip-margin: 0 !important; width: 20rem !important; } }
"""


def self_check(folder):
    """Breaks a copy of the register three ways, its stylesheet three more and the register's
    sort announcement, and requires the checks to see each."""
    with tempfile.TemporaryDirectory() as scratch:
        site = os.path.join(scratch, "site")
        shutil.copytree(folder, site)
        path = os.path.join(site, "register.html")
        with open(path, encoding="utf-8") as file:
            html = file.read()
        broken = html.replace('<main id="main" tabindex="-1">',
                              '<main id="main" tabindex="-1"><nav aria-label="Twice"></nav><nav aria-label="Twice"></nav>'
                              '<table id="wide"><tr><td><img alt="" width="3000" height="1" src="data:,"></td></tr></table>'
                              '<ul class="standard-item-list"><li class="standard-item"><span class="clause">6.2</span>'
                              '<a href="#"><time>' + 'Unbreakable' * 40 + '</time></a><span class="badge">x</span></li></ul>', 1)
        if broken == html:
            fail_setup("self-check: register.html has no <main id=\"main\" tabindex=\"-1\"> to break")
        broken = broken.replace('id="register-sort-status"', 'id="register-status-gone"', 1)
        # Rows enough for several printed sheets whatever the fonts, so that a sheet without the
        # column headings can be seen.
        body = re.search(r'(<table class="register[^>]*>.*?<tbody>)(.*?)(</tbody>)', broken, re.S)
        if not body:
            fail_setup("self-check: register.html has no register table with a <tbody> to lengthen")
        broken = broken[:body.start(2)] + body.group(2) * 12 + broken[body.end(2):]
        with open(path, "w", encoding="utf-8") as file:
            file.write(broken)
        with open(os.path.join(site, "assets", "style.css"), "a", encoding="utf-8") as file:
            file.write(BROKEN_CSS)
        chart_page = largest(site, "objectives")
        path = os.path.join(site, chart_page)
        with open(path, encoding="utf-8") as file:
            html = file.read()
        with open(path, "w", encoding="utf-8") as file:
            file.write(with_wide_body_table(html))
        # A body's table that scrolls in its box but is no Tab stop.
        path = os.path.join(site, "assets", "evident.js")
        with open(path, encoding="utf-8") as file:
            script = file.read()
        unfocusable = script.replace('element.setAttribute("tabindex", "0");', "", 1)
        if unfocusable == script:
            fail_setup("self-check: assets/evident.js does not make a body's scrolling table a Tab stop")
        # And every table's box a Tab stop, whether it scrolls or not.
        boxes = '    tabStopWhileScrolling(document.querySelectorAll(".table-scroll[tabindex], .chart-scroll[tabindex]"));\n'
        script, unfocusable = unfocusable, unfocusable.replace(boxes, "", 1)
        if unfocusable == script:
            fail_setup("self-check: assets/evident.js does not make the tables' and charts' boxes Tab stops only while they scroll")
        with open(path, "w", encoding="utf-8") as file:
            file.write(unfocusable)
        problems = check_site(site, ["register.html", chart_page], deep=True)
    wanted = {"landmark-unique": "axe landmark-unique", "sideways": "scrolls sideways", "out of its box": "runs out of its box",
              "focus ring": "shows no focus ring", "sort announcement": "the status line says None",
              "forced colours": "in forced colours: the chart's path.chart-line", "printed heading": "printed: heading",
              "cut words": "words are cut across two lines in table cells",
              "cut words in a body's table": "words are cut across two lines in a Markdown body's table",
              "a body's scrolling table as a Tab stop": "axe scrollable-region-focusable",
              "the register printed upright": "register.html printed on A4: table register reaches",
              "an objective's page printed sideways": "printed: turned sideways",
              "the register's headings on paper": "but not its column headings",
              "a box that does not scroll as a Tab stop": "is a box that does not scroll",
              "Tab back up to a column on the left": "Tab goes back up and left",
              "the register's ids scrolled out of view": "the register's ids leave its left edge",
              "content drawn over the navigation": "covers the navigation",
              "a column heading clipped on paper": "of table register is hidden"}
    missing = [name for name, text in wanted.items() if not any(text in p for p in problems)]
    if missing:
        print(f"self-check FAILED: the broken register was not reported for {', '.join(missing)}")
        for problem in problems:
            print("  " + problem)
        return 1
    print(f"self-check passed: the broken register was reported ({len(problems)} problems)")
    return 0


def main():
    global TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", help="a folder written by `evident build`")
    parser.add_argument("--all", action="store_true", help="check every page, not only the five")
    parser.add_argument("--page", action="append", default=[], help="check this page (path inside SITE); repeatable")
    parser.add_argument("--screenshots", metavar="DIR", help="write screenshots and the printed register here")
    parser.add_argument("--max-height", type=int, default=6000, help="cut screenshots at this height (px)")
    parser.add_argument("--self-check", action="store_true", help="require that a broken copy fails")
    parser.add_argument("--long-words", action="store_true", help="check only the pages with long words")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, metavar="SECONDS",
                        help=f"how long one step in the browser (one run of axe) may take ({TIMEOUT} unless told)")
    args = parser.parse_args()
    if args.timeout < 1:
        parser.error("--timeout must be at least 1 second")
    TIMEOUT = args.timeout
    folder = os.path.abspath(args.site)
    if not os.path.isfile(os.path.join(folder, "index.html")):
        fail_setup(f"{folder} has no index.html: build the site first")
    if args.self_check:
        return self_check(folder)
    if args.long_words:
        problems = long_words_check(folder)
        for problem in problems:
            print(problem)
        print(f"pages with long words: {len(problems)} problems")
        return 1 if problems else 0
    pages = args.page or (all_pages(folder) if args.all else default_pages(folder))
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    problems = check_site(folder, pages, args.screenshots, args.max_height, deep=True)
    if not args.page:
        problems += long_words_check(folder)
    for problem in problems:
        print(problem)
    print(f"{len(pages)} pages checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
