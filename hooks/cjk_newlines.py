"""Drop the line break between two Japanese characters in the built HTML.

Markdown keeps a soft line break inside a paragraph as a newline, and Chromium shows it as a
space (CSS Text 3 lets browsers remove it between CJK characters, but Chromium does not).
Japanese has no spaces between words, so 「ます。\n目安」 would read 「ます。 目安」.
A break next to a Japanese character on either side is dropped; one between two ASCII words stays.
No Markdown extension does this for Japanese, hence this hook. Code blocks are left as they are.
"""
from __future__ import annotations

import re

# Hiragana, katakana, CJK ideographs, full-width forms and Japanese punctuation.
_CJK = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60"
# A break next to a Japanese character on either side: 「ます。⏎OCN」 and 「OCN⏎の」 need no space either.
_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=\S)|(?<=\S)[ \t]*\n[ \t]*(?=[{_CJK}])")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


def join_cjk_lines(html: str) -> str:
    parts = _PRE.split(html)
    return "".join(p if p.startswith("<pre") else _BREAK.sub("", p) for p in parts)


def on_page_content(html, page, config, files):
    return join_cjk_lines(html)
