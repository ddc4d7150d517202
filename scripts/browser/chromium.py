"""Headless Chromium through Selenium, as the browser checks start it: the browser and the driver
that scripts/setup.sh --test installs, found on PATH (Selenium Manager would try to download one)."""
import shutil
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError as error:
    print(f"{error.name} is missing: run scripts/setup.sh --test", file=sys.stderr)
    sys.exit(2)

ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900")


def find_binary(names, what):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    print(f"{what} not found (tried {', '.join(names)}): run scripts/setup.sh --test", file=sys.stderr)
    sys.exit(2)


def start_driver(extra_arguments=(), capabilities=None):
    options = webdriver.ChromeOptions()
    options.binary_location = find_binary(["chromium", "chromium-browser", "google-chrome"], "Chromium")
    for argument in ARGUMENTS + tuple(extra_arguments):
        options.add_argument(argument)
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    service = Service(executable_path=find_binary(["chromedriver"], "chromedriver"))
    return webdriver.Chrome(options=options, service=service)
