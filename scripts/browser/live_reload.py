#!/usr/bin/env python3
"""Live reload of `evident serve` in headless Chromium, as an author meets it.

    live_reload.py EVIDENT_BINARY [--content DIR]

Copies the content (default: content/ of this repository) to a temporary folder, starts
`evident serve` on it on a free port with a layout that does not parse, opens an objective's
page, waits for the page that names the layout's error, removes the layout, waits for the
page to turn into the objective's, and then, without ever reloading the page itself:
  1. edits the objective's title in its file, and waits for the page to show the new title
     (the page must have reloaded: a mark left in the old page is gone);
  2. breaks a template (a partial in the --templates folder), and waits for the overlay of the
     failed rebuild naming the file; removes it, and waits for the overlay to go; breaks
     evident.yml, waits for the overlay that names it, fixes it, and waits for the overlay to go;
  3. breaks the objective's YAML, and waits for the error page that names the file;
  4. fixes the YAML, and waits for the page to come back;
  5. opens seven more windows side by side (each page shown, none in the background), each of
     which must load (a browser opens at most six connections to one server, so a stream per
     page would leave the seventh waiting), then edits the title again and waits for the last
     window and the first to reload;
  6. closes the first window (the one that held the stream), edits again, and waits for the
     last window to reload (another window took the stream over).
Each wait gives up after 15 s. Stops the server. Exits 1 when a step fails, 2 when the tools
are missing (chromium, chromium-driver, selenium: `scripts/setup.sh --test`).
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

TIMEOUT = 15
OBJECTIVE = os.path.join("objectives", "process", "incident", "OBJ-INC-01.md")
PAGE = "/objectives/obj-inc-01.html"
# The pages of the seven more windows of step 5; the last is the objective's.
WINDOWS = ["/", "/register.html", "/functions.html", "/metrics.html", "/owners.html", "/policy.html", PAGE]


def fail_setup(message):
    print(f"live_reload: {message}", file=sys.stderr)
    sys.exit(2)


import chromium

try:
    from selenium.common.exceptions import WebDriverException
except ImportError as error:
    fail_setup(f"{error.name} is missing: run scripts/setup.sh --test")


class StepFailed(Exception):
    pass


def start_driver():
    return chromium.start_driver(capabilities={"goog:loggingPrefs": {"browser": "ALL"}})


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`evident serve` on the copy, its output in files beside it (not in the watched folders)."""

    def __init__(self, binary, scratch, content, templates):
        self.out_path = os.path.join(scratch, "serve.out")
        self.err_path = os.path.join(scratch, "serve.err")
        self.port = free_port()
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.process = subprocess.Popen(
                [binary, "serve", "--content", content, "--templates", templates, "--port", str(self.port),
                 "--as-of", "2026-11-29"], cwd=scratch, stdout=out, stderr=err)
        self.base = f"http://127.0.0.1:{self.port}"
        wanted = f"on {self.base}/"
        deadline = time.monotonic() + 120
        while wanted not in self.output():
            if self.process.poll() is not None:
                raise StepFailed(f"evident serve exited with {self.process.returncode}: {self.errors()}")
            if time.monotonic() > deadline:
                raise StepFailed(f"evident serve did not print {wanted!r} within 120 s: {self.output()} {self.errors()}")
            time.sleep(0.1)

    def output(self):
        with open(self.out_path, encoding="utf-8", errors="replace") as file:
            return file.read()

    def errors(self):
        with open(self.err_path, encoding="utf-8", errors="replace") as file:
            return file.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise StepFailed("evident serve did not stop on SIGTERM within 10 s")


def page_state(driver):
    """What the open page shows: its path, its text, the overlay's text, and the mark."""
    try:
        return driver.execute_script(
            "const overlay = document.getElementById('evident-live-overlay');"
            "return {path: location.pathname, text: document.body ? document.body.innerText : '',"
            " overlay: overlay ? overlay.innerText : null, marked: window.__liveReloadMark === true};")
    except WebDriverException:
        # Between two documents while the page reloads.
        return None


def wait_until(driver, what, condition):
    deadline = time.monotonic() + TIMEOUT
    started = time.monotonic()
    state = None
    while time.monotonic() < deadline:
        state = page_state(driver)
        if state is not None and condition(state):
            print(f"ok: {what} ({time.monotonic() - started:.2f} s)")
            return state
        time.sleep(0.05)
    shown = "nothing" if state is None else f"path {state['path']}, overlay {state['overlay']!r}, text {state['text'][:400]!r}"
    raise StepFailed(f"{what}: not within {TIMEOUT} s; the page shows {shown}")


def mark(driver):
    """A mark that only the current document has: gone once the page has reloaded."""
    driver.execute_script("window.__liveReloadMark = true;")


def write(path, text):
    # As editors do: a new file renamed over the old one.
    temporary = path + ".tmp-save"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def run(binary, source):
    scratch = tempfile.mkdtemp(prefix="evident-live-")
    content = os.path.join(scratch, "content")
    templates = os.path.join(scratch, "templates")
    shutil.copytree(source, content)
    os.makedirs(templates)
    objective = os.path.join(content, OBJECTIVE)
    with open(objective, encoding="utf-8") as file:
        original = file.read()
    title = next((line for line in original.splitlines() if line.startswith("title: ")), None)
    if title is None or "\nid: OBJ-INC-01\n" not in original:
        fail_setup(f"{OBJECTIVE} has no 'title:' or no 'id: OBJ-INC-01' line to edit")
    new_title = "Restore P1 incidents, edited while the page was open"
    edited = original.replace(title, f"title: {new_title}", 1)
    server = None
    driver = None
    # 0. The first build fails (a layout that does not parse): serve starts all the same.
    layout = os.path.join(templates, "layout.mustache")
    write(layout, "<main>{{#unclosed}}</main>\n")
    try:
        server = Server(binary, scratch, content, templates)
        driver = start_driver()
        driver.set_page_load_timeout(30)
        driver.get(server.base + PAGE)
        wait_until(driver, "the page of a site never built names the template",
                   lambda s: "The site cannot be built" in s["text"] and "layout.mustache:1:7" in s["text"]
                   and s["overlay"] is None)
        mark(driver)
        os.remove(layout)
        old_title = title.removeprefix("title: ")
        wait_until(driver, "the objective's page is open once the layout is fixed",
                   lambda s: old_title in s["text"] and not s["marked"] and s["path"] == PAGE)
        mark(driver)

        # 1. An edit: the page reloads by itself and shows it.
        write(objective, edited)
        wait_until(driver, "the page reloaded with the new title",
                   lambda s: new_title in s["text"] and not s["marked"] and s["path"] == PAGE)
        mark(driver)

        # 2. A broken template: the rebuild fails, the overlay names the file; it goes once fixed.
        partial = os.path.join(templates, "partials", "footer.mustache")
        os.makedirs(os.path.dirname(partial))
        write(partial, "<footer>{{#unclosed}}</footer>\n")
        wait_until(driver, "the overlay of the failed rebuild names the template",
                   lambda s: s["overlay"] is not None and "footer.mustache" in s["overlay"] and s["marked"])
        os.remove(partial)
        wait_until(driver, "the overlay went when the template was fixed",
                   lambda s: s["overlay"] is None and new_title in s["text"])
        mark(driver)

        # 2b. A configuration that does not parse: shown over the page; it goes once fixed.
        configuration = os.path.join(content, "evident.yml")
        with open(configuration, encoding="utf-8") as file:
            settings = file.read()
        write(configuration, settings + "broken: [unclosed\n")
        wait_until(driver, "the overlay names the configuration that does not parse",
                   lambda s: s["overlay"] is not None and "evident.yml cannot be read" in s["overlay"]
                   and "syntax/yaml" in s["overlay"])
        write(configuration, settings)
        wait_until(driver, "the overlay went when the configuration was fixed",
                   lambda s: s["overlay"] is None and new_title in s["text"])
        mark(driver)

        # 3. Broken YAML: the objective loses its page; the error page names the file.
        write(objective, edited.replace("\nid: OBJ-INC-01\n", "\nid: [OBJ-INC-01\n", 1))
        wait_until(driver, "the error page names the broken file",
                   lambda s: "OBJ-INC-01.md" in s["text"] and "No page at" in s["text"] and not s["marked"]
                   and s["path"] == PAGE)
        mark(driver)

        # 4. Fixed: the page comes back.
        write(objective, edited)
        wait_until(driver, "the page came back when the file was fixed",
                   lambda s: new_title in s["text"] and "No page at" not in s["text"] and not s["marked"])
        # 5. Eight windows shown at once: every one loads, and an edit reloads them.
        first = driver.current_window_handle
        for number, path in enumerate(WINDOWS):
            driver.switch_to.new_window("window")
            driver.set_page_load_timeout(TIMEOUT)
            started = time.monotonic()
            try:
                driver.get(server.base + path)
            except WebDriverException as error:
                raise StepFailed(f"window {number + 2} ({path}) did not load within {TIMEOUT} s: {type(error).__name__}")
            wait_until(driver, f"window {number + 2} ({path}) loaded in {time.monotonic() - started:.2f} s and is shown",
                       lambda s: s["path"] == path and driver.execute_script("return !document.hidden"))
        mark(driver)
        driver.switch_to.window(first)
        mark(driver)
        again = "Restore P1 incidents, edited with eight windows open"
        write(objective, original.replace(title, f"title: {again}", 1))
        wait_until(driver, "the first window reloaded", lambda s: again in s["text"] and not s["marked"])
        driver.switch_to.window(driver.window_handles[-1])
        wait_until(driver, "the last window reloaded", lambda s: again in s["text"] and not s["marked"])

        # 6. The window that held the stream goes: another takes it over.
        last = driver.current_window_handle
        mark(driver)
        driver.switch_to.window(first)
        driver.close()
        driver.switch_to.window(last)
        write(objective, edited)
        wait_until(driver, "the last window reloaded after the first was closed",
                   lambda s: new_title in s["text"] and not s["marked"])

        errors = [entry for entry in driver.get_log("browser")
                  if entry.get("level") == "SEVERE" and "Content Security Policy" in entry.get("message", "")]
        if errors:
            raise StepFailed(f"the browser refused something under the page's policy: {errors[0]['message']}")
        server.stop()
        print("live reload: all steps passed")
        return 0
    except StepFailed as error:
        print(f"live reload FAILED: {error}")
        if server is not None:
            print(f"--- evident serve stdout (last lines)\n{server.output()[-2000:]}")
            print(f"--- evident serve stderr\n{server.errors()[-2000:]}")
        return 1
    finally:
        if driver is not None:
            driver.quit()
        if server is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("evident", help="the evident binary")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--content", default=os.path.join(here, "..", "..", "content"), help="the content to copy")
    args = parser.parse_args()
    if not os.access(args.evident, os.X_OK):
        fail_setup(f"{args.evident} is not an executable: build it first")
    return run(os.path.abspath(args.evident), os.path.abspath(args.content))


if __name__ == "__main__":
    sys.exit(main())
