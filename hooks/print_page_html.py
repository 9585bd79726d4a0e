"""MkDocs hook (valid HTML, PRINT=true only): repair the markup mkdocs-print-site-plugin 2.9 writes.

Why a hook on the written file: print-site builds print_page/index.html in its own on_post_build, from
strings (renderer.py), after every template and page event has run; no template override or Markdown
extension reaches that markup. This hook runs after it (lower event_priority) and makes two changes that
the W3C Nu checker asks for, nothing else:

- `<section heading-number="3.2">` (an attribute HTML does not have) becomes `data-heading-number`;
  neither print-site's CSS nor its JavaScript reads the attribute.
- The `<style>` element of heading numbers, which print-site appends to the end of the body (a style
  element must be in <head>), moves into <head>. With `enumerate_headings: false` its rules never match.

print-site also rewrites heading ids with a plain string replace, which mangles an <h1 id="1"> into
`<hsteps-1-open-1 id="steps-1-open-1">` (the id "1" is inside the tag name "h1"). That cannot be repaired
safely here, so the build stops and says which heading needs an explicit ASCII id.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HEADING_NUMBER = re.compile(r'''(<section class=["']print-page[^>]*?) heading-number=''')
BODY_STYLE = re.compile(r"(</div>)(<style>\.print-site-enumerate-headings[^<]*</style>)")
MANGLED = re.compile(r"<h(?P<key>[a-z0-9][a-z0-9-]*)-(?P<id>[^\s>\"]+) id=\"(?P=key)-(?P=id)\"")


def fix_print_page(html: str, where: str = "print_page/index.html") -> str:
    """The print page with valid markup; raises PluginError for headings print-site mangled."""
    mangled = MANGLED.search(html)
    if mangled:
        line = html.count("\n", 0, mangled.start()) + 1
        key, hid = mangled.group("key"), mangled.group("id")
        raise PluginError(
            f"{where}:{line}: mkdocs-print-site-plugin turned a heading with id=\"{hid}\" on page '{key}' into "
            f"<h{key}-{hid}>: give that heading an explicit ASCII id in its Markdown, e.g. "
            f"`# Title {{ #my-id }}` (an id inside the tag name, like \"1\" in \"h1\", triggers the plugin's bug)")
    html = HEADING_NUMBER.sub(r"\1 data-heading-number=", html)
    styles = BODY_STYLE.findall(html)
    if styles:
        html = BODY_STYLE.sub(r"\1", html)
        html = html.replace("</head>", "".join(style for _, style in styles) + "\n</head>", 1)
    return html


def _print_page(config) -> Path | None:
    plugin = config.plugins.get("print-site")
    if not (plugin and plugin.config.get("enabled")):
        return None
    return Path(plugin.print_page.file.abs_dest_path)


@event_priority(-50)   # after print-site's on_post_build (default priority 0) wrote the page
def on_post_build(config):
    page = _print_page(config)
    if page is None or not page.is_file():
        return
    where = page.relative_to(config.site_dir).as_posix()
    page.write_text(fix_print_page(page.read_text(encoding="utf-8"), where), encoding="utf-8")
