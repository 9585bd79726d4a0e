"""Markdown extension: the first use of each glossary term on a page opens its meaning on a tap.

The terms and their short meanings are data/glossary.yml, keyed by the id of the term's entry on the
glossary page. The first time a page uses a term, the term becomes

    <a class="term" href="/glossary.md#linking" data-means="OCNの契約とdアカウントを結びつけること">連携</a>

Without JavaScript (and in the PDF) that is a plain link to the glossary entry: it works on a touch
screen, by keyboard and for a screen reader, and it looks like what it is. guide-progress.js turns each
into a toggle button (a "toggletip"): a tap, a click or Enter shows the meaning right there in a live
region, so a screen reader reads it out, with a link to the glossary entry; Escape or a second tap closes
it. Nothing needs a hover, and nothing runs until the reader taps (no tooltip library on page load:
Material's `content.tooltips` was dropped for its main-thread cost).

This replaces Python-Markdown's `abbr` extension, which gave `<abbr title>` (a title is never shown on a
touch screen), wrapped every use of a term, and also inside on-screen labels such as 「メールアドレス(OCN ID)」,
which a reader matches by shape. Here nothing inside 「…」 is ever marked, nor headings, links, code,
the glossary's own terms (<dt>) or raw HTML.

A tree processor, after the inline patterns (so links and code are elements) and before MkDocs resolves
links (priority 0): the href is written relative to the docs folder (`/glossary.md#id`), which MkDocs
resolves and checks per page (`validation.links.absolute_links: relative_to_docs`), for the web site, the
offline copy and the print page alike.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from guide import DATA, schema

GLOSSARY = DATA / "glossary.yml"
#: Elements whose text is never marked: headings, links, code, the glossary's terms, buttons, raw blocks.
SKIP = {"a", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "abbr", "button", "summary",
        "script", "style", "svg", "title", "label"}
#: Block elements: a stray 「 never reaches past one of these.
BLOCKS = {"p", "li", "td", "th", "dd", "div", "blockquote", "table", "ul", "ol", "dl", "details", "figcaption"}
STASH = re.compile("\x02[^\x03]*\x03")      # Python-Markdown's placeholder for raw HTML: opaque


class GlossaryError(schema.DataError):
    """A problem in data/glossary.yml, with its line."""


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    path = Path(path)
    data, root = schema.read(path, GlossaryError)
    problems = schema.problems("glossary", path, data, root)
    if problems:
        raise GlossaryError("\n".join(problems))
    return data["terms"]


def terms(lang: str, path: Path = GLOSSARY) -> dict[str, tuple[str, str]]:
    """term as pages write it -> (glossary entry id, short meaning), for one language."""
    found = {}
    for anchor, entry in _load(str(path), path.stat().st_mtime).items():
        for item in entry.get(lang) or []:
            found[item["term"]] = (anchor, item["means"])
    return found


def term_pattern(words) -> re.Pattern:
    """One expression for all terms, longest first; a term that starts or ends with a Latin letter or a
    digit is not matched inside a longer Latin word (OCN in OCNID is not; OCN in OCNメール is)."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        part = re.escape(word)
        if re.match(r"[A-Za-z0-9]", word):
            part = r"(?<![A-Za-z0-9])" + part
        if re.search(r"[A-Za-z0-9]$", word):
            part += r"(?![A-Za-z0-9])"
        parts.append(part)
    return re.compile("|".join(parts))


class GlossaryTerms(Treeprocessor):
    def __init__(self, md, lang: str, page: str):
        super().__init__(md)
        self.lang, self.page = lang, page

    def run(self, root):
        self.terms = terms(self.lang)
        if not self.terms:
            return
        self.tokens = re.compile("[「」]|" + STASH.pattern + "|" + term_pattern(self.terms).pattern)
        self.used: set[str] = set()         # glossary entries already marked on this page
        self.depth = 0                      # inside how many 「 not yet closed
        self._walk(root)

    def _walk(self, element):
        if element.tag in BLOCKS:
            self.depth = 0
        if element.tag in SKIP or "term" in element.get("class", "").split():
            self._count("".join(element.itertext()))
            return
        if element.text:
            element.text, pairs = self._mark(element.text)
            for index, (term, tail) in enumerate(pairs):
                element.insert(index, self._term(term, tail))
        for child in list(element):
            self._walk(child)
            if child.tail:
                child.tail, pairs = self._mark(child.tail)
                position = list(element).index(child) + 1
                for offset, (term, tail) in enumerate(pairs):
                    element.insert(position + offset, self._term(term, tail))

    def _count(self, text: str):
        """Follow 「 and 」 through text that is not marked (a link text, a code span)."""
        for m in re.finditer("[「」]", STASH.sub("", text)):
            self.depth = self.depth + 1 if m.group(0) == "「" else max(0, self.depth - 1)

    def _mark(self, text: str) -> tuple[str, list[list[str]]]:
        """(text before the first marked term, [[term, text after it], ...]): each unused term outside
        「…」 is marked once; raw-HTML placeholders are left whole."""
        head, pairs, position = "", [], 0

        def keep(piece: str):
            nonlocal head
            if pairs:
                pairs[-1][1] += piece
            else:
                head += piece

        for m in self.tokens.finditer(text):
            keep(text[position:m.start()])
            position, token = m.end(), m.group(0)
            if token == "「":
                self.depth += 1
            elif token == "」":
                self.depth = max(0, self.depth - 1)
            elif token in self.terms and self.depth == 0 and self.terms[token][0] not in self.used:
                self.used.add(self.terms[token][0])
                pairs.append([token, ""])
                continue
            keep(token)
        keep(text[position:])
        return head, pairs

    def _term(self, term: str, tail: str):
        anchor, means = self.terms[term]
        link = etree.Element("a", {"class": "term", "href": f"/{self.page}#{anchor}", "data-means": means})
        link.text = term
        link.tail = tail
        return link


class GlossaryTermsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["ja", "the edition: which terms of data/glossary.yml"],
                       "page": ["glossary.md", "the glossary page, relative to the docs folder"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After the inline patterns (20) and attr_list (8), before toc (5) and MkDocs' links (0).
        md.treeprocessors.register(GlossaryTerms(md, self.getConfig("lang"), self.getConfig("page")),
                                   "guide_glossary_terms", 6)


def makeExtension(**kwargs):
    return GlossaryTermsExtension(**kwargs)
