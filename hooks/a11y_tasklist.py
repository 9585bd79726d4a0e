"""MkDocs hook: give every checklist checkbox (pymdownx.tasklist) an accessible name.

pymdownx.tasklist writes `<label class="task-list-control"><input type="checkbox" disabled/>…</label>`
followed by the item text OUTSIDE the label, so screen readers announce "checkbox" with no name, and
axe-core / Lighthouse report `label` (critical) on docs/prepare.md's checklist. The extension has no
option for this. The fix names each checkbox after its item text (aria-label), nothing is hidden.
Checked by tests/test_a11y.py (axe-core, every page).
"""
from __future__ import annotations

import html
import re

ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control">)(<input type="checkbox"(?: disabled)?(?: checked)?)'
    r'(/?>.*?</label>)(.*?)(?=<ul|<ol|</li>)', re.S)
TAG = re.compile(r"<[^>]+>")


def _name(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


def add_labels(content: str) -> str:
    def repl(m: re.Match) -> str:
        name = _name(m.group(4))
        if not name or "aria-label" in m.group(2):
            return m.group(0)
        return f'{m.group(1)}{m.group(2)} aria-label="{html.escape(name)}"{m.group(3)}{m.group(4)}'
    return ITEM.sub(repl, content)


def on_page_content(html_content, page, config, files):
    return add_labels(html_content) if "task-list-control" in html_content else html_content
