"""The offline copy (dist/…-offline.zip from `make build`): works from file:// with zero network."""
from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest

from guide import LANGS
from support import (DIST_FILES, DORMANT_LOADERS, CspLog, local_only, nav_pages, remote_asset_refs,
                     require_dist, run_searches)

pytestmark = pytest.mark.dist

FOLDER = DIST_FILES["ja"]["folder"]


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_zip_holds_one_folder(lang):
    """Unzipping gives one folder with index.html in it, not files spread over the reader's desktop."""
    zpath, folder = require_dist(DIST_FILES[lang]["zip"]), DIST_FILES[lang]["folder"]
    with zipfile.ZipFile(zpath) as zf:
        tops = {n.split("/", 1)[0] for n in zf.namelist()}
    print(f"{zpath.name}: {zpath.stat().st_size // 1024} KiB")
    assert tops == {folder}, f"{zpath.name}: expected one top folder {folder}/, found {sorted(tops)}"


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_nav_page_is_in_the_zip(offline_copies, lang):
    copy = offline_copies[lang]
    missing = [md for _, md in nav_pages(LANGS[lang]["config"]) if not (copy / (md[:-3] + ".html")).is_file()]
    assert not missing, f"{DIST_FILES[lang]['zip'].name}: pages missing from the offline copy: {missing}"


def test_offline_copies_are_self_contained_without_a_switcher(offline_copies):
    """Each edition's zip holds only its own pages; with no site_url the switcher to the other edition (not
    in the zip) is left out (hooks/i18n.py), so no link leads out of the copy."""
    for lang in LANGS:
        copy = offline_copies[lang]
        html = (copy / "steps" / "1-open.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, f"{lang}: wrong lang attribute"
        assert "md-select__link" not in html, f"{lang}: the offline copy links to the other edition"
        assert not (copy / "en").exists(), f"{lang}: the zip holds another edition"


def test_search_runs_without_a_server(offline_copy):
    assert (offline_copy / "search" / "search_index.js").is_file(), "search index not inlined as a script"
    shim = offline_copy / "assets" / "javascripts" / "iframe-worker-shim.js"
    assert shim.is_file(), "vendored iframe-worker shim missing (hooks/offline_assets.py)"
    html = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in html
    assert "unpkg.com" not in html, "index.html still points at unpkg"


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_no_remote_script_style_font_or_image(offline_copies, lang):
    refs = remote_asset_refs(offline_copies[lang])
    assert refs == [], "the offline copy would fetch from the network:\n"


def test_dormant_loaders_have_no_trigger(offline_copy):
    """Material's bundle can fetch mermaid from unpkg; it only does so for class="mermaid"."""
    assert "https://unpkg.com/mermaid@11/dist/mermaid.min.js" in DORMANT_LOADERS
    hits = [p.name for p in offline_copy.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert not hits, f"pages with class=\"mermaid\" would load mermaid from unpkg: {hits}"


def test_remote_ref_checker_catches_broken_input(tmp_path):
    (tmp_path / "a.html").write_text('<html>\n<head>\n<script src="https://unpkg.com/x/shim"></script>\n'
                                     '<link rel="stylesheet" href="https://cdn.example/x.css">\n</head>\n'
                                     '<body><img src="http://example.com/p.png"></body></html>', encoding="utf-8")
    (tmp_path / "b.css").write_text('p{}\n@font-face{src:url("https://fonts.gstatic.com/n.woff2")}', encoding="utf-8")
    (tmp_path / "c.js").write_text('// see https://github.com/x/y.js\nload("https://cdn.jsdelivr.net/npm/z");',
                                   encoding="utf-8")
    refs = remote_asset_refs(tmp_path)
    assert any(r.startswith("a.html:3: <script src>") and "unpkg.com" in r for r in refs), refs
    assert any(r.startswith("a.html:4: <link href>") for r in refs), refs
    assert any(r.startswith("a.html:6: <img src>") for r in refs), refs
    assert any(r.startswith("b.css:2:") and "fonts.gstatic.com" in r for r in refs), refs
    assert any(r.startswith("c.js:2:") and "jsdelivr" in r for r in refs), refs
    assert not any("github.com" in r for r in refs), "a URL in a comment is not a fetch"


@pytest.mark.browser
def test_offline_copy_works_from_file_with_network_blocked(offline_copy, browser):
    """Open index.html from disk with every non-file:// request aborted: render, navigate, search;
    no Content-Security-Policy violation on the way (the search shim's iframe included)."""
    context = browser.new_context(locale="ja-JP")
    csp = CspLog(context)
    csp.current = "offline copy"
    page = context.new_page()
    blocked, failed, errors = [], [], []

    context.route("**/*", local_only(blocked))
    def on_failed(request):
        # A load cancelled because we navigated on (favicon, ERR_ABORTED) is not a broken file;
        # a missing file fails with ERR_FILE_NOT_FOUND, a blocked one is in `blocked`.
        cancelled = request.failure == "net::ERR_ABORTED" and request.url.startswith("file:")
        if not (cancelled and Path(url2pathname(urlsplit(request.url).path)).is_file()):
            failed.append(f"{request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((offline_copy / "index.html").as_uri(), wait_until="load")
        assert page.locator("article h1").first.is_visible(), "index.html shows no heading"
        diagram = page.locator("figure.flow-diagram svg[role=img]")
        if diagram.count():
            assert diagram.first.get_attribute("aria-label"), "diagram has no text alternative"
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
        assert not broken, f"images that did not load: {broken}"
        # Navigation: follow the first link in the main navigation to another page.
        page.goto((offline_copy / "prepare.html").as_uri(), wait_until="load")
        assert page.title(), "prepare.html did not load"
        page.goto((offline_copy / "index.html").as_uri(), wait_until="load")
        assert blocked == [], "the offline copy tried the network:\n"
        try:
            page.locator('input.md-search__input, label[for="__search"].md-header__button').locator(
                "visible=true").first.wait_for(timeout=5000)
        except Exception:
            pytest.fail("the search button stays hidden on file:// (iframe-worker shim not loaded?)")
        results = run_searches(page, ["ワンタイムキー"])[0]
        assert results, "Japanese search for ワンタイムキー found nothing in the offline copy"
        assert all(u.startswith("file://") for u in results), results
    finally:
        context.close()
    assert blocked == [], "the offline copy tried the network:\n"
    assert failed == [], "failed requests:\n"
    assert errors == [], "JavaScript errors:\n"
    assert csp.violations == [], "Content-Security-Policy violations:\n"
