"""Markdown extension: give every checklist checkbox (pymdownx.tasklist) an accessible name.

pymdownx.tasklist writes `<label class="task-list-control"><input type="checkbox" disabled/>…</label>`
with the item text OUTSIDE the label, so screen readers announce "checkbox" with no name, and axe-core /
Lighthouse report `label` (critical). The extension has no option for this. Each checkbox is named
after its item text (aria-label); nothing is hidden. Runs as a postprocessor on the HTML, so the print
page and the PDF get it too.
"""
from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

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
    return ITEM.sub(repl, content) if "task-list-control" in content else content


class TasklistLabels(Postprocessor):
    def run(self, text: str) -> str:
        return add_labels(text)


class TasklistLabelsExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(TasklistLabels(md), "guide_tasklist_labels", 4)


def makeExtension(**kwargs):
    return TasklistLabelsExtension(**kwargs)
