"""Debian's Chromium through Playwright: the one place for its path, flags and network guard.

Used by the PDF build, the diagram renderer and the browser tests (tests/support.py imports it).
Playwright's own browser download cannot work here, so the system chromium is launched.
"""
from __future__ import annotations

import functools
import os
import subprocess

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: No sandbox (CI runs as root); nothing that phones home (the machine has no network for it); no host
#: name resolves but the local one, so a page (or a test) can never reach another host, even on a machine
#: with internet, and a stray request fails at once instead of waiting on the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
#: URL schemes that never leave the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@functools.cache
def chromium_version() -> str:
    """'Chromium 156.0.8078.73': the browser that prints every PDF (Debian's, not pinned by this project).
    Recorded in each PDF's /Creator and named by `make reproducible`, so a changed PDF can be traced to it."""
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True).stdout.split()
    return " ".join(out[:2])


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


#: Runs before any page script (context.add_init_script): reports every CSP violation to Python.
CSP_LISTENER_JS = """addEventListener('securitypolicyviolation', (e) => {
  if (window.__cspViolation) window.__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`
    + ` at ${(e.sourceFile || location.href).replace(/^.*\\//, '')}:${e.lineNumber}`);
}, true);"""


class CspLog:
    """Every Content-Security-Policy violation in a browser context, with the page that caused it.

    Two sources, because document.open() (the offline search shim's iframe) drops event listeners:
    the `securitypolicyviolation` event of every frame, and Chromium's console report of a violation."""

    def __init__(self, context):
        self.current = "?"
        self.violations: list[str] = []
        context.expose_function("__cspViolation", lambda text: self.violations.append(f"{self.current}: {text}"))
        context.add_init_script(CSP_LISTENER_JS)
        context.on("console", self._console)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.violations.append(f"{self.current}: console: {message.text[:300]}")
