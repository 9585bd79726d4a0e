"""A wrapped Japanese sentence in the source must not show a stray space: on the web page, on the print
page that becomes the PDF, and in the PDF's text (guide/mdx/cjk_join.py, a Markdown extension)."""
from __future__ import annotations

import re

import pytest

from guide.mdx.cjk_join import join_cjk_lines
from support import PRINT_PAGE, PDF, doc_pages, page_html, pdf_text, require_dist

# A newline between two Japanese characters outside <pre>: the browser would show a space.
STRAY = re.compile(r"[ぁ-んァ-ン一-龯。、」）]\n\S|\S\n[ぁ-んァ-ン一-龯「（]")
# In the PDF's text: a space after 。 or 、 before more text on the same line. Not before an address or
# domain: that is the padding of its code box (`https://…`, `ocn.ne.jp`), which pdftotext reads as a space.
PDF_SPACE = re.compile(r"[。、] +(?!https?:|[A-Za-z0-9-]+\.[A-Za-z])(?=[ぁ-んァ-ヶ一-龯「（A-Za-z0-9])")


def stray_breaks(html: str) -> list[str]:
    outside_pre = re.sub(r"<pre\b.*?</pre>", "", html, flags=re.S)
    return [m.group(0).replace("\n", "⏎") for m in STRAY.finditer(outside_pre)]


def article(html: str) -> str:
    """Only the page's own text: the theme's navigation markup is not Markdown."""
    return html[html.index("<article"):html.index("</article>")]


def test_extension_joins_japanese_lines_only():
    html = "<p>ます。\n目安です。\nOCN and\nmore\nです。\n<a>リンク</a>\nを</p><pre>一行目\n二行目</pre>"
    assert join_cjk_lines(html) == "<p>ます。目安です。OCN and\nmoreです。<a>リンク</a>を</p><pre>一行目\n二行目</pre>"


def test_checkers_see_a_stray_break_and_a_pdf_space():
    assert stray_breaks("<p>ます。\n目安</p>") == ["。⏎目"]
    assert PDF_SPACE.findall("説明します。 パソコン、 OCN") == ["。 ", "、 "]


def test_no_stray_space_in_japanese_text_of_any_page(site):
    found = {md: stray_breaks(article(page_html(site, md).read_text(encoding="utf-8"))) for md in doc_pages()}
    found = {md: f[:5] for md, f in found.items() if f}
    assert not found, ("line breaks shown as spaces between Japanese characters (is guide.mdx.cjk_join under "
                       f"markdown_extensions in mkdocs.yml?): {found}")


@pytest.mark.dist
def test_print_page_is_joined_too():
    """The print page is saved by mkdocs-print-site-plugin: it must have had the same treatment."""
    html = require_dist(PRINT_PAGE).read_text(encoding="utf-8")
    # The pages' own text: from the first page section to the last (theme markup around it is not Markdown).
    body = html[html.index('<section class="print-page"'):html.rindex("</section>")]
    found = stray_breaks(body)
    assert not found, f"{PRINT_PAGE}: stray breaks in the print page (the PDF would show spaces): {found[:10]}"


@pytest.mark.dist
def test_pdf_has_no_space_after_japanese_punctuation():
    text = pdf_text(require_dist(PDF))
    found = [text[max(0, m.start() - 12):m.end() + 6].replace("\n", "⏎") for m in PDF_SPACE.finditer(text)]
    assert not found, f"{PDF.name}: {len(found)} spaces after 。 or 、 (text transform missing on the print page?): {found}"
