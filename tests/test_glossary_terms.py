"""Glossary terms (guide/mdx/glossary_terms.py, data/glossary.yml): a term's first use on a page opens its
meaning on a tap; nothing inside 「…」, headings, links or code is marked.

Fails when a term is marked twice on a page, inside an on-screen label or a heading, when a term names a
glossary entry the glossary page does not have, or when data/glossary.yml is malformed (file and line).
The built pages are checked for markup inside 「…」 by tests/test_screens.py."""
from __future__ import annotations

import re

import markdown
import pytest

from guide.mdx.glossary_terms import GlossaryError, _load, terms
from support import LANGS, write_file

EXTENSIONS = ["attr_list", "def_list", "guide.mdx.glossary_terms"]


def render(text: str, lang: str = "ja") -> str:
    return markdown.markdown(text, extensions=EXTENSIONS,
                             extension_configs={"guide.mdx.glossary_terms": {"lang": lang}})


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_term_names_an_entry_of_the_glossary_page(lang):
    page = (LANGS[lang]["docs"] / "glossary.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"\{ #([a-z0-9-]+) \}", page))
    missing = sorted({anchor for anchor, _ in terms(lang).values()} - ids)
    assert not missing, f"data/glossary.yml: entries with no heading id on {lang} glossary.md: {missing}"


def test_first_use_only_and_never_inside_a_label_a_heading_a_link_or_code():
    term, (anchor, _) = next((t, v) for t, v in terms("ja").items() if t == "OCN ID")
    html = render(f"## {term}\n\n「メールアドレス({term})」に{term}を入れます。{term}です。"
                  f"[{term}](x.md)と`{term}`。")
    marked = re.findall(r'<a class="term"[^>]*>([^<]*)</a>', html)
    assert marked == [term], html
    assert f'href="/glossary.md#{anchor}"' in html and "<h2>OCN ID</h2>" in html, html
    assert "「メールアドレス(OCN ID)」に<a" in html, html


def test_selftest_broken_glossary_data_is_named_with_its_line(tmp_path):
    bad = write_file(tmp_path / "glossary.yml",
                     "terms:\n  ocn:\n    ja:\n      - {term: OCN, means: ISP, then more}\n    fr: []\n")
    with pytest.raises(GlossaryError) as err:
        _load(str(bad), bad.stat().st_mtime)
    text = str(err.value)
    assert "glossary.yml:4: terms/ocn/ja/0: unknown key 'then more'; known keys: term, means" \
        in text, text
    assert "glossary.yml:5: terms/ocn: unknown key 'fr'; known keys: ja, en" in text, text
