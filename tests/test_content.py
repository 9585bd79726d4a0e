"""Content rules (the steps and their labels: test_screens.py): front matter (description, updated), the
<meta name="description"> in the built pages, and the review dates in mkdocs.yml and about.md."""
from __future__ import annotations

import datetime as dt

import pytest

from guide.sources import load_registry, official_read_date
from checks import (front_matter, meta_description_problems, page_meta_problems, review_date_problems)
from support import DOCS, ROOT, doc_pages, load_config, page_html, write_file

@pytest.mark.parametrize("page", doc_pages())
def test_front_matter(page):
    assert page_meta_problems(DOCS / page, ROOT) == []


@pytest.mark.parametrize("page", doc_pages())
def test_meta_description_in_built_page(page, site):
    meta, _ = front_matter(DOCS / page, ROOT)
    assert meta_description_problems(page_html(site, page), meta.get("description") or "", site) == []


def test_review_dates():
    official_read = official_read_date(load_registry())
    assert review_date_problems(load_config().get("extra") or {}, DOCS / "about.md", official_read, root=ROOT) == []


# --- self-tests ---------------------------------------------------------------------------------

BAD_FRONT_MATTER = {
    "no-description": ("---\nupdated: 2026-11-25\n---\n", "docs/x.md:1: front matter description: is missing"),
    "empty-description": ("---\ndescription: ''\nupdated: 2026-11-25\n---\n",
                          "docs/x.md:2: front matter description: is missing or empty"),
    "bad-date": ("---\ndescription: 説明です。\nupdated: 2026-13-01\n---\n",
                 "docs/x.md:3: updated: '2026-13-01' is not an ISO date"),
    "future-date": ("---\ndescription: 説明です。\nupdated: 2099-01-01\n---\n",
                    "docs/x.md:3: updated: 2099-01-01 is in the future"),
    "invalid-yaml": ("---\ndescription: 説明: です: [\nupdated: 2026-11-25\n---\n",
                     "docs/x.md:2: front matter is not valid YAML"),
    "no-front-matter": ("# 見出し\n", "docs/x.md:1: no front matter"),
    "misspelt-key": ("---\ndescription: 説明です。\nudpated: 2026-11-25\n---\n",
                     "docs/x.md:3: unknown front-matter key `udpated:` — did you mean `updated:`?"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FRONT_MATTER))
def test_selftest_front_matter_defect_is_named(kind, tmp_path):
    text, expected = BAD_FRONT_MATTER[kind]
    page = write_file(tmp_path / "docs" / "x.md", text + "\n# 見出し\n")
    problems = page_meta_problems(page, tmp_path, today=dt.date(2026, 11, 25))
    assert any(p.startswith(expected) for p in problems), problems
    assert len(problems) == 1, f"one defect, reported once: {problems}"


def test_selftest_front_matter_good_page_passes(tmp_path):
    page = write_file(tmp_path / "docs" / "x.md", "---\ndescription: 説明です。\nupdated: 2026-11-25\n---\n# x\n")
    assert page_meta_problems(page, tmp_path, today=dt.date(2026, 11, 25)) == []


def test_selftest_meta_description_missing_or_different_is_named(tmp_path):
    none = write_file(tmp_path / "site" / "a.html", "<html><head></head><body></body></html>")
    other = write_file(tmp_path / "site" / "b.html",
                   '<html><head>\n<meta name="description" content="サイト全体の説明"></head></html>')
    assert meta_description_problems(none, "ページの説明", tmp_path / "site")[0].startswith(
        'a.html:0: no <meta name="description">')
    assert meta_description_problems(other, "ページの説明", tmp_path / "site")[0].startswith(
        "b.html:2: <meta name=\"description\"> is 'サイト全体の説明', not the page's description")


@pytest.mark.parametrize("read,extra,about,expected", [
    ("2026-11-25", {"next_review": "2026-11-01"}, "2026-11-25 2026-11-01",
     "mkdocs.yml:0: extra.next_review 2026-11-01 is not after the official pages were last read (2026-11-25)"),
    ("2026-11-25", {"next_review": "25/02/2027"}, "2026-11-25",
     "mkdocs.yml:0: extra.next_review is '25/02/2027', not a YYYY-MM-DD date"),
    ("2026-11-25", {"next_review": dt.date(2027, 2, 25)}, "読んだ日: 2026年11月25日",
     "docs/about.md:0: does not mention extra.next_review (2027-02-25 or 2027年2月25日)"),
    ("2099-01-01", {"next_review": dt.date(2099, 2, 1)}, "2099-01-01 2099-02-01",
     "data/sources.yml:0: official pages last read 2099-01-01 is in the future"),
])
def test_selftest_review_date_defect_is_named(read, extra, about, expected, tmp_path):
    page = write_file(tmp_path / "docs" / "about.md", about)
    problems = review_date_problems(extra, page, read, root=tmp_path, today=dt.date(2026, 11, 25))
    assert any(p.startswith(expected) for p in problems), problems


def test_every_heading_has_a_fixed_ascii_id():
    """Anchors survive rewording and translation only if each heading carries its own ASCII id
    (`## 見出し { #ascii-id }`); an automatic id from Japanese text is `_1`, `_2`, or a fragment such as `d`
    that mkdocs-print-site-plugin turns into broken markup in the PDF."""
    import re
    problems = []
    for path in sorted(DOCS.rglob("*.md")):
        in_code = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            if not in_code and re.match(r"^#{1,6} ", line) and not re.search(r"\{ *#[a-z][a-z0-9-]{2,} *[^}]*\}\s*$", line):
                problems.append(f"docs/{path.relative_to(DOCS).as_posix()}:{number}: heading without a fixed id — "
                                "end it with { #ascii-id }")
    assert problems == []
