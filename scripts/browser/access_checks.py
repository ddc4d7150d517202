"""The checks of WCAG 2.2 AA that axe-core cannot make, run by axe_pages.py in the browser it
starts: each function takes the driver on a loaded page and returns the problems as text.

  - reflow (1.4.10) and text spacing (1.4.12): at 320 CSS pixels (1280 at 400 % zoom), with and
    without the spacing of 1.4.12, nothing scrolls sideways but a table or chart in its own box;
  - keyboard (2.1.1, 2.4.1, 2.4.3, 2.4.7, 2.4.11): Tab from the top reaches the skip link first, which
    moves focus to the main content; every stop after it shows a focus ring and is in the window; a
    table's or chart's box is a stop only while it scrolls; Tab never jumps back up to a column on
    the left (the order of the eye: the objective's facts were read right column first);
  - the register's sorting by keyboard (4.1.2, 4.1.3): a column heading's button sorts on Enter,
    its heading gets aria-sort, the caption says the order and a status line announces it, and
    the button is named by its words alone (its arrow is drawn, not read);
  - forced colours (1.4.11 under Windows high contrast): the chart's marks and the navigation's
    current-page line take the user's system colours;
  - print: a heading and its one-line lead never end a sheet without what they introduce, and a
    section of the page starts on the first sheet (a panel taller than the rest of it may break), and
    a table's first row is on the sheet of its heading;
    the register's column headings head every sheet it spans.
"""
import base64
import os
import re
import subprocess
import tempfile

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

# The text spacing WCAG 1.4.12 asks a page to survive, as its bookmarklet sets it.
TEXT_SPACING_CSS = [
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }",
    "p, li, dd { margin-bottom: 2em !important; }",
]

# Added through the CSS object model, which the page's Content-Security-Policy allows (a <style>
# element it refuses); returns the letter spacing of the body to prove it applied.
APPLY_SPACING_JS = """
const sheet = document.styleSheets[0];
for (const rule of arguments[0]) sheet.insertRule(rule, sheet.cssRules.length);
return getComputedStyle(document.body).letterSpacing;
"""

# The focused element: its ring (outline or box shadow), whether it is in the window.
FOCUSED_JS = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const cs = getComputedStyle(el);
const r = el.getBoundingClientRect();
const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
const box = el.matches('.table-scroll, .chart-scroll');
const name = (el.getAttribute('aria-label') || el.textContent || el.value || el.tagName).trim().replace(/\\s+/g, ' ').slice(0, 40);
return {tag: el.tagName.toLowerCase(), cls: String(el.className), id: el.id, name, ring,
        idleBox: box && el.scrollWidth <= el.clientWidth + 1, top: r.top + scrollY, left: r.left + scrollX,
        inView: r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
        key: el.tagName + '|' + el.id + '|' + name + '|' + Math.round(r.top + scrollY) + '|' + Math.round(r.left + scrollX)};
"""


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def keyboard(driver, page, limit=400):
    """Tabs through the page from the top: the skip link first, then every stop once."""
    problems = []
    press(driver, Keys.TAB)
    first = driver.execute_script(FOCUSED_JS)
    if not first or "skip-link" not in first["cls"]:
        problems.append(f"{page}: the first Tab stop is {first and first['name']!r}, not the skip link")
    else:
        press(driver, Keys.ENTER)
        landed = driver.execute_script("return document.activeElement.id")
        if landed != "main":
            problems.append(f"{page}: the skip link moved focus to {landed!r}, not to the main content")
    # From the top again (without the #main the skip link added): Tab would go on from main.
    driver.get(driver.current_url.split("#")[0])
    press(driver, Keys.TAB)
    seen = set()
    stops = 0
    before = None
    for _ in range(limit):
        now = driver.execute_script(FOCUSED_JS)
        if now is None or now["key"] in seen:
            break
        seen.add(now["key"])
        stops += 1
        if now["idleBox"]:
            problems.append(f"{page}: Tab stop {stops} ({now['name']!r}) is a box that does not scroll")
        # Up by more than a line and left by more than a column: back to an earlier column's top.
        if before and now["top"] < before["top"] - 100 and now["left"] < before["left"] - 200:
            problems.append(f"{page}: Tab goes back up and left from {before['name']!r} to {now['name']!r}")
        before = now
        if not now["ring"]:
            problems.append(f"{page}: Tab stop {stops} ({now['tag']} {now['name']!r}) shows no focus ring")
        if not now["inView"]:
            problems.append(f"{page}: Tab stop {stops} ({now['tag']} {now['name']!r}) is outside the window")
        press(driver, Keys.TAB)
    if stops < 3:
        problems.append(f"{page}: Tab reached only {stops} elements")
    return problems


SORT_STATE_JS = """
const table = document.getElementById('register');
return {sorted: [...table.tHead.rows[0].cells].filter(th => th.hasAttribute('aria-sort'))
                  .map(th => th.textContent.trim() + ' ' + th.getAttribute('aria-sort')),
        order: document.getElementById('register-order')?.textContent.trim() ?? null,
        status: document.getElementById('register-sort-status')?.textContent.trim() ?? null,
        titlesInOrder: (() => {
          const titles = [...table.tBodies[0].rows].map(row => row.cells[1].textContent.trim());
          const asc = [...titles].sort((a, b) => a.localeCompare(b, undefined, {numeric: true, sensitivity: 'base'}));
          if (asc.join('|') === [...asc].reverse().join('|')) return 'either';
          return titles.join('|') === asc.join('|') ? 'ascending'
               : titles.join('|') === [...asc].reverse().join('|') ? 'descending' : 'neither';
        })()};
"""


def accessible_name(driver, selector):
    """The name Chromium's accessibility tree gives the first element the selector finds."""
    document = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})
    if not node.get("nodeId"):
        return None
    tree = driver.execute_cdp_cmd("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
    for ax in tree.get("nodes", []):
        if not ax.get("ignored") and "name" in ax:
            return ax["name"].get("value")
    return None


FILTER_JS = """
const form = document.getElementById('register-filters');
const input = document.getElementById('filter-text');
const rows = [...document.getElementById('register').tBodies[0].rows];
const count = () => document.getElementById('register-count').textContent.trim();
const shown = () => rows.filter(row => !row.hidden).map(row => row.cells[0].textContent.trim());
const set = value => { input.value = value; input.dispatchEvent(new Event('input', {bubbles: true})); };
const id = rows[0].cells[0].textContent.trim();
set(id);
const narrowed = {count: count(), shown: shown()};
set('');
// Each query finds the title as a German, Turkish or Portuguese reader types it on any keyboard:
// the title's `ç` and `ã` decomposed, as a Mac writes them.
const title = rows[0].querySelector('.title-cell'), before = title.textContent;
title.textContent = 'Gr\u00f6\u00dfe \u0130\u015fyeri Ac\u0327a\u0303o';
const folded = {};
for (const query of ['GROSSE', 'größe', 'işyeri', 'İŞYERİ', 'isyeri', 'ação', 'ACAO']) { set(query); folded[query] = shown().includes(id); }
title.textContent = before;
set('');
return {hidden: form.hidden, id: id, total: rows.length, narrowed: narrowed, folded: folded, cleared: {count: count(), shown: shown().length}};
"""


def register_filtering(driver, page):
    """The search box narrows the rows and the live count says how many are shown, in words; it
    matches without case or accents, in either Unicode form."""
    state = driver.execute_script(FILTER_JS)
    total = state["total"]
    everything = f"{total} objective" + ("" if total == 1 else "s")
    problems = []
    if state["hidden"]:
        problems.append(f"{page}: the filters stay hidden with the script running")
    if state["id"] not in state["narrowed"]["shown"] or len(state["narrowed"]["shown"]) >= max(total, 2):
        problems.append(f"{page}: searching for {state['id']!r} shows {state['narrowed']['shown'][:5]}")
    missed = [query for query, found in state["folded"].items() if not found]
    if missed:
        problems.append(f"{page}: searching without case or accents finds no 'Größe İşyeri Ação' for {missed}")
    narrowed = len(state["narrowed"]["shown"])
    expected = everything if narrowed == total else f"{narrowed} of {total} objectives shown"
    if state["narrowed"]["count"] != expected:
        problems.append(f"{page}: searching, the count says {state['narrowed']['count']!r}, not {expected!r}")
    if state["cleared"] != {"count": everything, "shown": total}:
        problems.append(f"{page}: with the search cleared, the count says {state['cleared']['count']!r} for {state['cleared']['shown']} rows")
    return problems


def register_sorting(driver, page):
    problems = []
    before = driver.execute_script(SORT_STATE_JS)
    if before["sorted"] != ["Objective ascending"]:
        problems.append(f"{page}: before any sorting the headings' aria-sort is {before['sorted']}, not the Objective column ascending")
    buttons = driver.find_elements("css selector", "#register thead button.sort")
    if len(buttons) < 2:
        return problems + [f"{page}: the register's column headings have {len(buttons)} sort buttons"]
    name = accessible_name(driver, "#register thead th:nth-child(2) button.sort")
    if name != "Title":
        problems.append(f"{page}: the Title column's sort button is named {name!r}, not 'Title'")
    driver.execute_script("arguments[0].focus()", buttons[1])
    press(driver, Keys.ENTER)
    after = driver.execute_script(SORT_STATE_JS)
    if after["sorted"] != ["Title ascending"]:
        problems.append(f"{page}: Enter on the Title heading left aria-sort at {after['sorted']}")
    if after["titlesInOrder"] not in ("ascending", "either"):
        problems.append(f"{page}: Enter on the Title heading did not put the rows in the order of their titles")
    if after["order"] != "by title, ascending":
        problems.append(f"{page}: after sorting by title the caption says {after['order']!r}")
    if after["status"] != "Sorted by title, ascending.":
        problems.append(f"{page}: after sorting by title the status line says {after['status']!r}")
    press(driver, " ")
    again = driver.execute_script(SORT_STATE_JS)
    if again["sorted"] != ["Title descending"] or again["status"] != "Sorted by title, descending." \
            or again["titlesInOrder"] not in ("descending", "either"):
        problems.append(f"{page}: Space on the Title heading again gave {again['sorted']}, {again['status']!r}")
    return problems


# Under forced colours, each painted fill and stroke of the chart, and the navigation links' lines,
# against the system colours the browser resolves for this palette.
FORCED_JS = """
const probe = document.createElement('span');
document.body.appendChild(probe);
const system = {};
for (const name of ['Canvas', 'CanvasText', 'GrayText']) {
  probe.style.color = name;
  system[getComputedStyle(probe).color] = name;
}
probe.remove();
const out = [];
for (const el of document.querySelectorAll('.trend-chart *')) {
  if (['title', 'desc', 'g'].includes(el.tagName)) continue;
  const cs = getComputedStyle(el);
  for (const prop of ['fill', 'stroke']) {
    const value = cs[prop];
    if (value === 'none' || (prop === 'fill' && ['line', 'polyline'].includes(el.tagName))) continue;
    if (prop === 'stroke' && parseFloat(cs.strokeWidth) === 0) continue;
    if (!(value in system)) out.push(`the chart's ${el.tagName}.${el.getAttribute('class') || el.parentElement.getAttribute('class')} keeps its ${prop} ${value}`);
  }
}
for (const a of document.querySelectorAll('.site-nav a')) {
  const cs = getComputedStyle(a);
  const shown = cs.borderBottomStyle !== 'none' && parseFloat(cs.borderBottomWidth) > 0 && cs.borderBottomColor !== cs.backgroundColor
                && system[cs.borderBottomColor] !== 'Canvas';
  const current = a.getAttribute('aria-current') === 'page';
  if (shown !== current) out.push(`the navigation link ${a.textContent.trim()} ${current ? 'is current but has no line' : 'has the current page\\'s line'}`);
}
return out;
"""


def forced_colours(driver, page):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "", "features": [{"name": "forced-colors", "value": "active"}]})
    try:
        if not driver.execute_script("return matchMedia('(forced-colors: active)').matches"):
            return [f"{page}: the browser did not emulate forced colours"]
        found = driver.execute_script(FORCED_JS)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    # The same mark repeats once per point: each problem once.
    return [f"{page} in forced colours: {text}" for text in dict.fromkeys(found)][:10]


# Marks each h2 and h3 of main ("@@H3@@") and the first block after it and its lead paragraph
# ("@@B3@@"), so that the printed text says on which sheet each begins. Returns the numbers of the h2s.
MARK_HEADINGS_JS = """
// Into the first text of an element (a new node would be a box of its own in a grid or flex box);
// into a block with no text but a chart's (which may be drawn outside its box), a line of its own.
function mark(el, text) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: t =>
    t.data.trim() && !t.parentElement.closest('svg, .visually-hidden') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
  const first = walker.nextNode();
  if (first) first.data = text + ' ' + first.data;
  else if (getComputedStyle(el).display === 'block') el.insertAdjacentText('afterbegin', text);
}
let n = 0; const sections = [];
for (const h of document.querySelectorAll('main h2, main h3')) {
  if (h.closest('.prose') || h.offsetParent === null) continue;
  let next = h.nextElementSibling;
  if (next && next.matches('p, .meta')) next = next.nextElementSibling;
  n += 1;
  if (h.tagName === 'H2') sections.push(n);
  mark(h, `@@H${n}@@`);
  // A table's first row, not its caption or headings: they too may end a sheet without a row.
  if (next && next.offsetParent !== null) mark(next.matches('.table-scroll, table') && next.querySelector('tbody tr') || next, `@@B${n}@@`);
}
return sections;
"""


def pdf_sheets(pdf_bytes):
    """The text of each printed sheet, by pdftotext (poppler-utils)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "page.pdf")
        with open(path, "wb") as file:
            file.write(pdf_bytes)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], check=True,
                              capture_output=True, text=True).stdout
    return text.split("\f")


# The text of each printed sheet of the register that has rows (an id in its first column).
STICKY_IDS_JS = """
const box = document.querySelector('#register')?.closest('.table-scroll');
if (!box) return null;
box.scrollLeft = box.scrollWidth;
const left = box.getBoundingClientRect().left + box.clientLeft;
const cells = [document.querySelector('#register thead th'), document.querySelector('#register tbody tr:not([hidden]) th')];
return {scrolled: box.scrollLeft, offsets: cells.map(cell => cell ? Math.round(cell.getBoundingClientRect().left - left) : null)};
"""


def register_sticky_ids(driver, page):
    """In a window too narrow for it (a phone, a zoomed window), the register scrolls in its box and
    keeps each row's id, and the column's heading, at the box's left edge."""
    state = driver.execute_script(STICKY_IDS_JS)
    if not state or state["scrolled"] == 0:
        return [f"{page}: the register does not scroll in its box in a narrow window, so its ids could not be checked"]
    if any(offset is None or abs(offset) > 1 for offset in state["offsets"]):
        return [f"{page}: scrolled sideways in its box, the register's ids leave its left edge (heading and first id at {state['offsets']} px)"]
    return []


CONTENT_IN_MAIN_JS = """
const main = document.querySelector('main'), link = document.querySelector('.site-nav a, header a');
if (!main || !link) return null;
window.scrollTo(0, 0);
const holder = document.createElement('div'), tall = document.createElement('div');
holder.style.cssText = 'position: relative; height: 0';
tall.style.cssText = 'position: absolute; left: 0; width: 100vw; top: -4000px; height: 4000px; background: red';
holder.append(tall);
main.prepend(holder);
const box = link.getBoundingClientRect();
const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
holder.remove();
return hit === tall;
"""


def content_stays_in_main(driver, page):
    """What the content draws past main's edge (a letter stacked with fifty combining marks, as a
    tall box above main stands for here) does not cover the navigation."""
    covered = driver.execute_script(CONTENT_IN_MAIN_JS)
    if covered is None:
        return [f"{page}: no main or no link in the header, so what covers the navigation could not be checked"]
    return [f"{page}: what main's content draws above main covers the navigation"] if covered else []


def register_headings(driver, page, a4_inches):
    """Printed, the register's column headings head each sheet with rows: a button in a heading kept
    Chromium from repeating them, and the second sheet's columns were nameless."""
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": a4_inches[0], "paperHeight": a4_inches[1], "printBackground": True,
        "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0, "preferCSSPageSize": True})
    ids = driver.execute_script("return [...document.querySelectorAll('#register tbody th')].map(th => th.textContent.trim())")
    problems = []
    for number, text in enumerate(pdf_sheets(base64.b64decode(pdf["data"])), 1):
        if any(i in text for i in ids) and "Latest value" not in text:
            problems.append(f"{page} printed: sheet {number} has rows of the register but not its column headings")
    return problems


def print_layout(driver, page, a4_inches):
    sections = driver.execute_script(MARK_HEADINGS_JS)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": a4_inches[0], "paperHeight": a4_inches[1], "printBackground": True,
        "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0, "preferCSSPageSize": True})
    sheets = pdf_sheets(base64.b64decode(pdf["data"]))
    where = {}
    for number, text in enumerate(sheets, 1):
        for kind, n in re.findall(r"@@([HB])(\d+)@@", text):
            where.setdefault((kind, int(n)), number)
    problems = []
    for (kind, n), sheet in sorted(where.items()):
        if kind == "H" and ("B", n) in where and where[("B", n)] != sheet:
            problems.append(f"{page} printed: heading {n} ends sheet {sheet}, what it introduces starts sheet {where[('B', n)]}")
    if sections and not any(where.get(("H", n)) == 1 for n in sections):
        problems.append(f"{page} printed: no section starts on the first sheet")
    return problems
