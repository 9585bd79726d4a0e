"""Markdown extension: the about page's lists of sources and its dates, made from data/sources.yml.

A line that is only `[[sources:official]]` or `[[sources:news]]` becomes the list of every source of
that kind, each line as in a page's 「このページの出典」 (guide/sources.py: title, publisher, read date).
`[[sources:last-read]]` anywhere in a line becomes the latest date an official page was read, in the page's
language. A source added to, or re-read in, data/sources.yml is then shown on the about page with no
copy to keep in step.

A preprocessor (plain text before Markdown parsing), like guide.mdx.screen_labels, so every output gets it.
"""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from guide.sources import english_date, japanese_date, load_registry, official_read_date, source_line

LISTS = {"[[sources:official]]": "official", "[[sources:news]]": "news"}
READ = "[[sources:last-read]]"


class SourceList(Preprocessor):
    def __init__(self, md, lang: str):
        super().__init__(md)
        self.lang = lang

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.strip() in LISTS or READ in line for line in lines):
            return lines
        sources = load_registry()
        read = official_read_date(sources)
        shown = english_date(read) if self.lang == "en" else japanese_date(read)
        out: list[str] = []
        for line in lines:
            kind = LISTS.get(line.strip())
            if kind:
                out += [source_line(s, self.lang) for s in sources.values() if s.kind == kind]
            else:
                out.append(line.replace(READ, shown))
        return out


class SourceListExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["ja", "Language of the page: ja or en"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After pymdownx.snippets (32), before guide_screen_labels (31), which rejects unknown [[keys]].
        md.preprocessors.register(SourceList(md, self.getConfig("lang")), "guide_source_list", 31.5)


def makeExtension(**kwargs):
    return SourceListExtension(**kwargs)
