"""Accessibility in a real browser: axe-core finds no WCAG 2.2 A/AA violation on any page (phone and
desktop widths), and a keyboard-only reader can Tab to the search box and to every step link."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from support import DESKTOP, axe_violations, site_urls, tab_walk

pytestmark = pytest.mark.browser


def test_axe_finds_no_wcag_violations(page_walk):
    problems = page_walk.axe
    assert not problems, f"axe-core at {page_walk.width}: {len(problems)} violations:\n" + "\n".join(problems)


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


def step_links(page) -> set[str]:
    """Links in the article of the steps overview that lead to a step page (with or without #step-N)."""
    hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)")
    own = urlsplit(page.url).path
    return {h for h in hrefs if "/steps/" in urlsplit(h).path and urlsplit(h).path != own
            and not urlsplit(h).fragment.startswith("__")}


def keyboard_gaps(page) -> list[str]:
    """What a Tab-only reader cannot reach on the loaded page: the search box, or a step link."""
    focused = tab_walk(page)
    gaps = []
    if not any("md-search__input" in f["cls"] for f in focused):
        gaps.append("the search box (input.md-search__input) is never focused by Tab")
    reached = {f["href"] for f in focused if f["href"]}
    gaps += [f"step link {h} is never focused by Tab" for h in sorted(step_links(page) - reached)]
    return gaps


def test_keyboard_reaches_search_and_every_step_link(browser, served_site):
    base, site = served_site
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    problems = []
    for md in ("steps/index.md", "index.md"):
        page.goto(site_urls(base, site)[md])
        links = step_links(page)
        if md == "steps/index.md" and len(links) < 5:
            problems.append(f"{md}: expected links to the step pages, found {sorted(links)}")
        problems += [f"{md}: {gap}" for gap in keyboard_gaps(page)]
    context.close()
    assert not problems, "\n".join(problems)


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
