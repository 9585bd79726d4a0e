"""Every page renders in a real browser without console errors, at a phone width and a desktop width.
Screenshots of the top page and a step page at phone width go to test-artifacts/screenshots/."""
from __future__ import annotations

import pytest

from support import ARTIFACTS, DESKTOP, PHONE, collect_console_errors, doc_pages, site_urls

pytestmark = pytest.mark.browser

SCREENSHOTS = {"index.md": "top-phone.png", "steps/2-issue-account.md": "step-page-phone.png"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-390", "desktop-1280"])
def test_pages_render_without_console_errors(browser, served_site, viewport):
    base, site = served_site
    context = browser.new_context(viewport=viewport, locale="ja-JP")
    page = context.new_page()
    errors = collect_console_errors(page)
    problems = []
    for md, url in site_urls(base, site).items():
        errors.clear()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(50)  # let deferred scripts log their errors
        if not page.locator("article h1").count():
            problems.append(f"{md}: no <h1> in the article (page did not render)")
        problems += [f"{md}: {e}" for e in errors]
        if viewport is PHONE and md in SCREENSHOTS:
            out = ARTIFACTS / "screenshots" / SCREENSHOTS[md]
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
    context.close()
    assert not problems, "\n".join(problems)


def test_console_error_checker_reports_page_and_message(browser, tmp_path):
    """Self-test: a script error and a failing resource are reported."""
    (tmp_path / "bad.html").write_text(
        "<!doctype html><html lang=ja><body><h1>x</h1><script>console.error('壊れた'); undefinedFn();</script>"
        "</body></html>", encoding="utf-8")
    page = browser.new_page()
    errors = collect_console_errors(page)
    page.goto((tmp_path / "bad.html").as_uri())
    page.wait_for_timeout(50)
    page.close()
    assert any("console.error: 壊れた" in e for e in errors), errors
    assert any(e.startswith("uncaught:") and "undefinedFn" in e for e in errors), errors
