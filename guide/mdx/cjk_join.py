"""Markdown extension: no stray space where a Japanese sentence wraps in the source.

Markdown keeps a soft line break inside a paragraph as a newline, and Chromium shows it as a space
(CSS Text 3 lets browsers drop it between CJK characters; Chromium does not). Japanese has no spaces
between words, so 「ます。⏎目安」 would read 「ます。 目安」 on screen and in the PDF.
A break next to a Japanese character on either side is dropped; one between two ASCII words stays.
Code (<pre>) is left as it is.

Why our own and not the maintained `pymdownx-cjk-autojoin` (0.2.1, read before writing this): it
joins only when both sides are CJK (or after 、。), so 「OCN⏎の」 and 「を⏎OCN」 (Latin next to
Japanese, common here: OCN, dアカウント, ID) keep their space, and its character class leaves out
full-width forms such as （）！. This is one regular expression run as a postprocessor on the HTML.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

# Hiragana, katakana, CJK ideographs, full-width forms and Japanese punctuation.
_CJK = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60"
_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=\S)|(?<=\S)[ \t]*\n[ \t]*(?=[{_CJK}])")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


def join_cjk_lines(html: str) -> str:
    parts = _PRE.split(html)
    return "".join(p if p.startswith("<pre") else _BREAK.sub("", p) for p in parts)


class CjkJoin(Postprocessor):
    def run(self, text: str) -> str:
        return join_cjk_lines(text)


class CjkJoinExtension(Extension):
    def extendMarkdown(self, md):
        # After raw HTML is put back (RawHtmlPostprocessor, 30), so inline HTML is joined too.
        md.postprocessors.register(CjkJoin(md), "guide_cjk_join", 5)


def makeExtension(**kwargs):
    return CjkJoinExtension(**kwargs)
