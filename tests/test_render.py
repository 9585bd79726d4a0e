"""Every page renders in a real browser without console errors, at a phone width and a desktop width.
Screenshots of the top page and a step page at phone width go to test-artifacts/screenshots/."""
from __future__ import annotations

import pytest

from support import collect_console_errors

pytestmark = pytest.mark.browser

def test_pages_render_without_console_errors(page_walk):
    problems = [f"{md}: no <h1> in the article (page did not render)" for md in page_walk.no_h1]
    problems += page_walk.console
    assert problems == [], f"{page_walk.width}:\n"


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
