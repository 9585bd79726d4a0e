"""Markdown extension: [[key]] shows an on-screen label from data/screens.yml.

Pages and snippets write `[[next-proceed]]` instead of 「次へ進む」, so a label that changes on the real
screen is changed in one line of data/screens.yml, and every page, snippet and edition follows. Japanese
pages show 「次へ進む」; with `lang: en` the label stays Japanese, as the reader sees it on screen, with
a short English gloss: <span lang="ja">「次へ進む」</span> ("Next").

A line that is only `[[steps-checklist]]` becomes a table of all steps (number, title, screen name, what
arrives, a box to tick), for the one-page checklist: the same data as the step pages.

A preprocessor (plain text before Markdown parsing), so labels work in headings, tables, link text and
admonitions alike. An unknown key stops the build; tests/test_screens.py names the file and line.
"""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from guide.screens import KEY, current

CHECKLIST = "[[steps-checklist]]"


class ScreenLabels(Preprocessor):
    def __init__(self, md, lang: str):
        super().__init__(md)
        self.lang = lang

    def run(self, lines: list[str]) -> list[str]:
        if not any("[[" in line for line in lines):
            return lines
        screens = current()
        out: list[str] = []
        for line in lines:      # a line that is only [[steps-checklist]] becomes the table of all steps
            out += screens.checklist_table(self.lang) if line.strip() == CHECKLIST else [line]
        return KEY.sub(lambda m: screens.show(m.group(1), self.lang), "\n".join(out)).split("\n")


class ScreenLabelsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["ja", "Language of the page: ja shows the label, en adds a gloss"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After pymdownx.snippets (32) has included the snippets, before anything is parsed.
        md.preprocessors.register(ScreenLabels(md, self.getConfig("lang")), "guide_screen_labels", 31)


def makeExtension(**kwargs):
    return ScreenLabelsExtension(**kwargs)
