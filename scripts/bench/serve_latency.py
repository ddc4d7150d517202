#!/usr/bin/env python3
"""Edit to reload: `evident serve` against `hugo server`, in headless Chromium.

    serve_latency.py EVIDENT_BINARY [--corpus DIR --hugo-site DIR] [--objectives 10000]
                     [--repetitions 7] [--objective 4242]

Copies the content tree and the Hugo site made by gen_corpus.py (or makes them into a temporary
folder when --corpus and --hugo-site are not given), starts `evident serve` and `hugo server` on
free ports of 127.0.0.1, and opens the same objective's page from each in a headless Chromium of
its own (scripts/browser/chromium.py). Then, for each repetition, on one side and then the other
(the first side alternates): saves the objective's file with a new title (and with --field, a new
target or owner), as editors save (a new file renamed over the old one), and times from just before the save to the moment the open page,
reloaded by the server's own live reload, shows the new title. Prints every time and the medians.

evident runs with EVIDENT_TIMING=1: the medians of its rebuilds' stages (load, check, index,
the open page rendered) and of its own `Rebuilt in` times are printed too.

Run with the venv that scripts/setup.sh --test makes:
    .build/browser-venv/bin/python scripts/bench/serve_latency.py .build/release/evident
Exits 2 when a tool is missing, 1 when a page does not show an edit within 60 s.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "browser"))
import chromium  # noqa: E402

TIMEOUT = 60


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what, seconds=600):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{what} did not listen on {port} within {seconds} s")


def save(path, text):
    """As editors save: a new file renamed over the old one."""
    temporary = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp-save")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def shown_title(driver):
    try:
        return driver.execute_script("return document.querySelector('h1') ? document.querySelector('h1').innerText : '';")
    except Exception:  # between two documents while the page reloads
        return None


class Side:
    def __init__(self, name, command, port, url, source, cwd, env=None):
        self.name, self.url, self.source = name, url, source
        self.log_path = os.path.join(cwd, f"{name}.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                        env=env)
        started = time.monotonic()
        wait_for_port(port, self.process, name)
        self.driver = chromium.start_driver()
        self.driver.set_page_load_timeout(600)
        self.driver.get(url)
        with open(source, encoding="utf-8") as file:
            self.text = file.read()
        self.title = re.search(r"^title: (.*)$", self.text, re.M).group(1)
        self.wait_for(self.title)
        print(f"{name}: serving, page open after {time.monotonic() - started:.1f} s", flush=True)

    def wait_for(self, title):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            shown = shown_title(self.driver)
            if shown is not None and title in shown:
                return time.monotonic()
            time.sleep(0.005)
        sys.exit(f"{self.name}: the page did not show {title!r} within {TIMEOUT} s")

    def edit(self, title, field=None):
        """Saves the file with `title`, and with `field` changed too ("target": one higher; "owner":
        another name), which makes it not an edit of prose alone; the seconds until the page shows it."""
        self.text = self.text.replace(f"title: {self.title}", f"title: {title}", 1)
        if field == "target":
            self.text = re.sub(r'^(target: "?<= ?)([0-9]+)', lambda m: m.group(1) + str(int(m.group(2)) + 1), self.text, count=1,
                               flags=re.M)
        elif field == "owner":
            self.text = re.sub(r"^owner: .*$", f"owner: Owner of {title}", self.text, count=1, flags=re.M)
        self.title = title
        start = time.monotonic()
        save(self.source, self.text)
        return self.wait_for(title) - start

    def stop(self):
        self.driver.quit()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        self.log.close()


def report_stages(log_path):
    """The medians of evident's stages over its rebuilds (the first build left out)."""
    stages = {}
    with open(log_path, encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    rebuilt = [float(m.group(1)) * 1000 for m in (re.match(r"Rebuilt in ([0-9.]+) s", line) for line in lines) if m]
    first_done = next((i for i, line in enumerate(lines) if line.startswith("index:")), len(lines))
    for line in lines[first_done + 1:]:
        m = re.match(r"([^:]+): ([0-9]+) ms", line)
        if m:
            stages.setdefault(m.group(1), []).append(int(m.group(2)))
    for stage, values in stages.items():
        print(f"evident stage {stage}: median {statistics.median(values):.0f} ms over {len(values)}")
    if rebuilt:
        print(f"evident's own 'Rebuilt in': median {statistics.median(rebuilt):.0f} ms over {len(rebuilt)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("evident")
    parser.add_argument("--corpus", help="a content tree from gen_corpus.py (copied)")
    parser.add_argument("--hugo-site", help="the Hugo site gen_corpus.py --hugo made with it (copied)")
    parser.add_argument("--objectives", type=int, default=10000, help="the size of the tree made when none is given")
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--objective", type=int, default=4242, help="the number of the objective edited")
    parser.add_argument("--field", choices=["target", "owner"],
                        help="change this field too, not only the title (prose): evident then runs every rule over the whole model, "
                             "and for the owner makes the site's index again")
    args = parser.parse_args()
    if shutil.which("hugo") is None:
        sys.exit("hugo is not on PATH")
    evident = os.path.abspath(args.evident)

    scratch = tempfile.mkdtemp(prefix="evident-serve-latency-")
    corpus, hugo_site = os.path.join(scratch, "content"), os.path.join(scratch, "hugo")
    if args.corpus and args.hugo_site:
        shutil.copytree(args.corpus, corpus)
        shutil.copytree(args.hugo_site, hugo_site, ignore=shutil.ignore_patterns("public", "resources"))
    else:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus, "--objectives", str(args.objectives),
                        "--hugo", hugo_site], check=True)
    oid = f"OBJ-{args.objective:05d}"
    evident_file = next(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(corpus, "objectives")) for f in fs if f == oid + ".md")
    hugo_file = os.path.join(hugo_site, "content", "objectives", oid.lower() + ".md")

    evident_port, hugo_port = free_port(), free_port()
    sides = []
    try:
        sides.append(Side("evident", [evident, "serve", "--content", corpus, "--port", str(evident_port), "--as-of", "2026-11-29",
                                      "--quiet"],
                          evident_port, f"http://127.0.0.1:{evident_port}/objectives/{oid.lower()}.html", evident_file, scratch,
                          env=dict(os.environ, EVIDENT_TIMING="1")))
        sides.append(Side("hugo", ["hugo", "server", "--source", hugo_site, "--port", str(hugo_port), "--bind", "127.0.0.1"],
                          hugo_port, f"http://127.0.0.1:{hugo_port}/objectives/{oid.lower()}/", hugo_file, scratch))
        times = {side.name: [] for side in sides}
        for repetition in range(args.repetitions):
            order = sides if repetition % 2 == 0 else list(reversed(sides))
            for side in order:
                time.sleep(1.5)  # both servers idle before each save
                took = side.edit(f"Objective {args.objective:05d} edited {repetition}", field=args.field)
                times[side.name].append(took)
                print(f"{side.name}: {took * 1000:.0f} ms", flush=True)
        print()
        for name, values in times.items():
            print(f"{name}: median {statistics.median(values) * 1000:.0f} ms over {len(values)} "
                  f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")
        ratio = statistics.median(times["evident"]) / statistics.median(times["hugo"])
        print(f"evident / hugo: {ratio:.2f}")
    finally:
        for side in sides:
            side.stop()
        if sides:
            report_stages(sides[0].log_path)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
