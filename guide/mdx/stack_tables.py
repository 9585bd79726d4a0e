"""Markdown extension: tables that fit a phone.

At 390 px a table of three or four columns scrolls sideways, which many readers never notice. Each
table gets class="stack" and every cell a data-label with its column's name; below 45em the stylesheet
(extra.css) shows each row as a card with "name: value" lines. Wide screens and print keep the table.
No ARIA roles are added: the HTML checker forbids redundant roles on table elements, and current
Chromium and Firefox keep a table's semantics under `display: block`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


def _text(element: etree.Element) -> str:
    """The cell's words; raw-HTML placeholders (\x02…\x03) are left out."""
    return " ".join(re.sub("\x02[^\x03]*\x03", "", "".join(element.itertext())).split())


class StackTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            names = [_text(th) for th in head.iter("th")] if head is not None else []
            if not names:
                continue
            table.set("class", (table.get("class", "") + " stack").strip())
            for row in table.iter("tr"):
                for index, cell in enumerate(row.iter("td")):
                    if index < len(names) and names[index]:
                        cell.set("data-label", names[index])


class StackTablesExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(StackTables(md), "guide_stack_tables", 1)


def makeExtension(**kwargs):
    return StackTablesExtension(**kwargs)
