"""Accessibility in a real browser: axe-core finds no WCAG 2.2 A/AA violation on any page (phone and
desktop widths), and a keyboard-only reader can Tab to the search box and to every step link."""
from __future__ import annotations

import pytest

from support import axe_violations, keyboard_gaps

pytestmark = pytest.mark.browser


def test_axe_finds_no_wcag_violations(page_walk):
    problems = page_walk.axe
    assert problems == [], f"axe-core at {page_walk.width}: {len(problems)} violations:\n"


def test_axe_checker_reports_page_rule_and_element(browser):
    """Self-test: an image without alt text and an unlabeled link are reported."""
    page = browser.new_page()
    page.set_content('<!doctype html><html lang="ja"><head><title>t</title></head><body><main><h1>x</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="noalt">'
                     '<a href="#x" id="empty"></a></main></body></html>')
    problems = axe_violations(page, "broken.md")
    page.close()
    assert any(p.startswith("broken.md: image-alt (critical)") and "#noalt" in p for p in problems), problems
    assert any(p.startswith("broken.md: link-name") and "#empty" in p for p in problems), problems


def test_keyboard_reaches_search_and_every_step_link(keyboard_problems):
    """On the steps overview and the top page (the `keyboard_problems` fixture)."""
    assert keyboard_problems == []


def test_keyboard_checker_reports_unreachable_links(browser, tmp_path):
    """Self-test: a step link taken out of the Tab order, and a page without search, are reported."""
    (tmp_path / "steps").mkdir()
    (tmp_path / "steps" / "index.html").write_text(
        '<!doctype html><html lang="ja"><body><article><h1>手順</h1>'
        '<a href="1-open.html#step-1">手順1</a> <a href="2-issue.html#step-4" tabindex="-1">手順4</a>'
        '</article></body></html>', encoding="utf-8")
    page = browser.new_page()
    page.goto((tmp_path / "steps" / "index.html").as_uri())
    gaps = keyboard_gaps(page)
    page.close()
    assert any("search box" in g for g in gaps), gaps
    assert any("2-issue.html#step-4 is never focused" in g for g in gaps), gaps
    assert not any("1-open.html" in g for g in gaps), gaps


def test_tasklist_extension_names_each_checkbox():
    """guide/mdx/tasklist_labels.py: each checklist checkbox is named after its item text (axe rule `label`)."""
    from guide.mdx.tasklist_labels import add_labels
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
            '<span class="task-list-indicator"></span></label> <strong>ペン</strong>と紙</li>')
    assert '<input type="checkbox" disabled aria-label="ペンと紙"/>' in add_labels(html)


@pytest.mark.dist
def test_every_checkbox_of_the_print_page_has_a_name():
    """The print page (the PDF's source) must get the extension too: no checkbox without a name."""
    import re
    from support import PRINT_PAGE, require_dist
    html = require_dist(PRINT_PAGE).read_text(encoding="utf-8")
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    unnamed = [b for b in boxes if "aria-label=" not in b]
    assert boxes and not unnamed, f"{PRINT_PAGE}: {len(unnamed)} of {len(boxes)} checkboxes have no accessible name"
