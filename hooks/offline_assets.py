"""MkDocs hook: make the offline copy (OFFLINE=true) work from file:// with no network.

Material's offline plugin adds https://unpkg.com/iframe-worker/shim to `extra.polyfills`
so that search (a Web Worker, which browsers refuse on file://) runs in an iframe
instead. With no network that script never arrives and the search box stays hidden.
The plugin skips unpkg when a polyfill URL already contains "iframe-worker", so this
hook, which runs before the plugin, adds the shim from node_modules (pinned in
package.json / package-lock.json) as a generated file of the build.

Why copy at build time instead of committing it under docs/: one source of truth (the
lock file), and the web build does not carry a script it never needs.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
SHIM_SRC = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"


def _offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)   # before material/offline's on_config, which would add the unpkg URL
def on_config(config):
    if _offline_enabled(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [SHIM_URI, *polyfills]
    return config


def on_files(files, config):
    if not _offline_enabled(config):
        return files
    if not SHIM_SRC.is_file():
        raise PluginError(f"{SHIM_SRC.relative_to(ROOT)} is missing: run `npm ci` (or `make setup`); "
                          "the offline copy needs it for search on file://.")
    files.append(File.generated(config, SHIM_URI, abs_src_path=str(SHIM_SRC)))
    return files
