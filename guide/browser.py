"""Debian's Chromium through Playwright: the one place for its path, flags and network guard.

Used by the PDF build, the diagram renderer and the browser tests (tests/support.py imports it).
Playwright's own browser download cannot work here, so the system chromium is launched.
"""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: No sandbox (CI runs as root); nothing that phones home (the machine has no network for it).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: URL schemes that never leave the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def launch_chromium(playwright):
    """Launch Debian's chromium, headless, with the flags above."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def local_only(blocked: list[str]):
    """A Playwright route handler: let local URLs through, abort the rest and record them in `blocked`."""
    def guard(route):
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()
    return guard
