"""MkDocs hook (page speed): inline the small stylesheets into each page instead of linking them.

Lighthouse's mobile preset (simulated slow 4G: 150 ms round trips) put first contentful paint at
1.2-1.5 s, over the 1.2 s target: every <link rel="stylesheet"> in <head> blocks rendering and costs
its own connection. Material's main.css (22 KiB gzipped) stays a cached file; the small ones (Material's
palette.css, extra.css, print.css: ~5 KiB gzipped together) are copied into a <style> element of each
page, which took FCP to ~0.9 s (make bench). The files are still built, so nothing else changes.
A stylesheet is only inlined if it is local, under MAX_BYTES and has no url(...) (relative URLs would
break when moved into the page).

Material's palette.css (12 KB, 2.2 KiB gzipped, on every first visit) only holds the named colours
(indigo, teal, ...) and the dark `slate` scheme. With `scheme: default` and `primary`/`accent: custom`
(colours set in extra.css) none of its rules apply, so it is left out instead of inlined: it brought
the top page from 101 to under 100 KiB. If the palette config changes, it is inlined again.
"""
from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 16 * 1024
LINK = re.compile(r'<link rel="stylesheet" href="(?P<href>[^":]+?\.css)">')
_files = {}
_css = {}      # dest_uri -> stylesheet text, read once per build rather than once per page


def on_files(files, config):
    _files.clear()
    _css.clear()
    for f in files:
        if f.src_uri.endswith(".css") and not f.src_uri.startswith("assets/stylesheets/main."):
            _files[f.dest_uri] = f
    return files


def _inline(match: re.Match, page) -> str:
    from posixpath import join, normpath
    href = match.group("href").split("?")[0]
    dest = normpath(join(page.file.dest_uri.rpartition("/")[0], href)).lstrip("/")
    f = _files.get(dest)
    if f is None:
        return match.group(0)
    if dest not in _css:
        _css[dest] = Path(f.abs_src_path).read_text(encoding="utf-8") if f.abs_src_path else f.content_string
    css = _css[dest]
    if len(css.encode()) > MAX_BYTES or "url(" in css or "</style" in css:
        return match.group(0)
    return f"<style>/* {f.dest_uri} */\n{css}</style>"


def _palette_unused(config) -> bool:
    palette = config.theme.get("palette")
    return (isinstance(palette, dict) and palette.get("scheme", "default") == "default"
            and palette.get("primary") == "custom" and palette.get("accent") == "custom")


def on_post_page(output, page, config):
    if _palette_unused(config):
        output = re.sub(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">',
                        "", output, count=1)
    return LINK.sub(lambda m: _inline(m, page), output)
