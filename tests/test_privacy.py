"""Privacy: opening any page (and searching) makes no request to any host but the site's own:
no fonts, analytics, CDNs or diagram libraries fetched from elsewhere."""
from __future__ import annotations

import pytest

from support import RequestLog, StaticServer

pytestmark = pytest.mark.browser


def test_pages_only_talk_to_their_own_host(page_walk):
    """Every page at both widths, and a search (its worker and index): no request leaves the site."""
    assert page_walk.foreign == [], f"{page_walk.width}: requests to other hosts:\n"


def test_request_checker_reports_page_and_host(browser, tmp_path):
    """Self-test: an external image, font and script are reported with the page that asked for them."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="ja"><head><link rel="stylesheet" href="style.css">'
        '<script src="https://cdn.example.invalid/lib.js"></script></head>'
        '<body><img src="https://tracker.example.invalid/p.gif" alt=""><p>本文</p></body></html>', encoding="utf-8")
    (tmp_path / "style.css").write_text(
        '@font-face{font-family:x;src:url(https://fonts.example.invalid/x.woff2)} p{font-family:x}',
        encoding="utf-8")
    with StaticServer(tmp_path) as server:
        context = browser.new_context()
        log = RequestLog(context, server.url)
        log.current = "broken.md"
        page = context.new_page()
        page.goto(server.url, wait_until="networkidle")
        context.close()
    text = "\n".join(log.foreign)
    for host in ("cdn.example.invalid", "tracker.example.invalid", "fonts.example.invalid"):
        assert f"broken.md: request to {host}" in text, text
