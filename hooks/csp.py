"""MkDocs hook (security): a Content-Security-Policy <meta> on every HTML page the build writes.

Why a hook on the finished files and not a template: the policy allows inline scripts and styles by the
sha256 hash of their exact text, so it can only be computed from the final page, after every template,
plugin and hook has changed it (hooks/inline_small_css.py inlines stylesheets in on_post_page;
mkdocs-print-site-plugin writes the print page in its on_post_build). So this runs in on_post_build,
after all of them (event_priority -200, below print-site's 0, hooks/print_page_html.py's -50 and the offline
plugin's -100), over every .html file in site_dir: the web site, the offline copy (OFFLINE=true), the print
page (PRINT=true) and 404.html get the same treatment. The policy itself is in guide/csp.py.

Not under `mkdocs serve`: its live reload injects an inline script into every page it serves, which the
policy would block. Every build (`make build`, the tests, CI, the Pages workflow) has it.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide.csp import add_policy, iframe_worker_script, worker_url

log = logging.getLogger("mkdocs.hooks.csp")

SHIM = "assets/javascripts/iframe-worker-shim.js"    # hooks/offline_assets.py puts it there (offline copy)
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


@event_priority(-200)
def on_post_build(config):
    if _command["name"] == "serve":
        log.info("hooks/csp.py: no Content-Security-Policy under mkdocs serve (live reload needs an inline script)")
        return
    site = Path(config.site_dir)
    shim_file = site / SHIM
    shim = shim_file.read_text(encoding="utf-8") if shim_file.is_file() else None
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        extra = []
        url = worker_url(html)
        try:
            if shim is not None and url and SHIM.rsplit("/", 1)[1] in html:
                extra.append(iframe_worker_script(shim, url))
            page.write_text(add_policy(html, extra), encoding="utf-8")
        except ValueError as e:
            raise PluginError(f"hooks/csp.py: {rel}: {e}; see guide/csp.py") from e
