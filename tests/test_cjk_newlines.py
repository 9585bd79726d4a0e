"""A wrapped Japanese sentence in the source must not show a stray space on the page."""
from __future__ import annotations

import re

import pytest

from support import doc_pages, load_hook, page_html

cjk = load_hook("cjk_newlines")

# A newline between two Japanese characters outside <pre>: the browser would show a space.
STRAY = re.compile(r"[ぁ-んァ-ン一-龯。、」）]\n\S|\S\n[ぁ-んァ-ン一-龯「（]")


def stray_breaks(html: str) -> list[str]:
    outside_pre = re.sub(r"<pre\b.*?</pre>", "", html, flags=re.S)
    return [m.group(0).replace("\n", "⏎") for m in STRAY.finditer(outside_pre)]


def test_hook_joins_japanese_lines_only():
    html = "<p>ます。\n目安です。\nOCN and\nmore\nです。\n<a>リンク</a>\nを</p><pre>一行目\n二行目</pre>"
    assert cjk.join_cjk_lines(html) == "<p>ます。目安です。OCN and\nmoreです。<a>リンク</a>を</p><pre>一行目\n二行目</pre>"


def test_checker_sees_a_stray_break():
    assert stray_breaks("<p>ます。\n目安</p>") == ["。⏎目"]


@pytest.mark.parametrize("md", doc_pages())
def test_no_stray_space_in_japanese_text(built, md):
    html = page_html(built.site, md).read_text(encoding="utf-8")
    # Only the page's own text: the hook does not touch the theme's navigation markup.
    html = html[html.index("<article"):html.index("</article>")]
    found = stray_breaks(html)
    assert not found, f"{md}: line breaks shown as spaces between Japanese characters: {found[:5]} — check hooks/cjk_newlines.py is listed under hooks: in mkdocs.yml"
