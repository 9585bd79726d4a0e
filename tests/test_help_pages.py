"""Help pages (troubleshooting/*.md, both editions) start with what to do and end with a next step.

Fails when a help page does not open with '## … { #what-to-do }' and a numbered list right after its title
(at most one sentence before), or when its last section is not '## … { #next }' with a link to the step
(or the route finder) where the reader goes on; and when no step page links a help page. The first screen on a phone is measured in the browser
(tests/test_journey.py); this is the page's shape, checked on the Markdown so the message names the line."""
from __future__ import annotations

import pytest

from checks import help_page_problems, unreached_help_problems
from support import LANGS, ROOT, write_file

PAGES = [page for lang in LANGS.values() for page in sorted((lang["docs"] / "troubleshooting").glob("*.md"))
         if page.name != "index.md"]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_help_page_starts_with_what_to_do_and_ends_with_a_next_step(page):
    problems = help_page_problems(page, ROOT)
    assert problems == []


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_help_page_is_linked_from_a_step(lang):
    assert unreached_help_problems(LANGS[lang]["docs"], ROOT) == []


def test_selftest_help_page_no_step_links_is_named(tmp_path):
    write_file(tmp_path / "docs" / "steps" / "1-open.md", "[a](../troubleshooting/a.md)\n")
    for name in ("index.md", "a.md", "b.md"):
        write_file(tmp_path / "docs" / "troubleshooting" / name, "# x\n")
    assert unreached_help_problems(tmp_path / "docs", tmp_path) == [
        "docs/troubleshooting/b.md:1: no step page links this help page: link it from the step where the problem "
        "happens (its 'if something goes wrong' line, ../troubleshooting/b.md)"]


def test_selftest_help_page_without_a_next_step_is_named(tmp_path):
    page = write_file(tmp_path / "docs" / "troubleshooting" / "x.md",
                      "---\nsources: []\n---\n\n# 困ったとき { #x }\n\n!!! note\n    箱です。\n\n"
                      "## わかっていること { #known }\n\n説明です。\n\n## 問い合わせ { #contact }\n\n"
                      "[問い合わせ先](contact.md)\n")
    assert help_page_problems(page, tmp_path) == [
        "docs/troubleshooting/x.md:10: the first section must be '## … { #what-to-do }' with numbered steps: "
        "what to do comes before why",
        "docs/troubleshooting/x.md:14: the last section must be '## … { #next }', the step (or the route "
        "finder) where the reader goes on"]


def test_selftest_next_step_that_links_no_step_is_named(tmp_path):
    page = write_file(tmp_path / "docs" / "troubleshooting" / "y.md",
                      "# 困ったとき { #y }\n\n## すること { #what-to-do }\n\n1. 待ちます。\n\n"
                      "## 次に進む { #next }\n\n[問い合わせ先](contact.md)\n")
    assert help_page_problems(page, tmp_path) == [
        "docs/troubleshooting/y.md:7: the next step links no step (../steps/N-….md#step-N) or route page "
        "(../route/….md): the reader must know where to go on"]
