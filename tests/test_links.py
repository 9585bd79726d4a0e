"""Links: every internal link and #anchor in the built HTML resolves; every external link in the
sources is https:// to an allowlisted official host. `make linkcheck` adds a live check (internet)."""
from __future__ import annotations

import functools
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from checks import (check_internal_links, external_link_problems, find_external_links,
                    load_allowlist)
from support import (CHECK_COUNTS, CONFIG, OVERRIDE_CHANGES, DOCS, ROOT, SNIPPETS, write_file)

ALLOWLIST = ROOT / "data" / "official_hosts.yml"


def external_sources(root: Path = ROOT) -> list[Path]:
    files = [root / "mkdocs.yml", root / "mkdocs.en.yml"]         # both editions, and the shared templates
    for folder, pattern in (("docs", "*.md"), ("snippets", "*"), ("docs-en", "*.md"), ("snippets-en", "*"),
                            ("overrides", "*")):
        files += sorted(p for p in (root / folder).rglob(pattern) if p.is_file())
    # Copies of Material's templates carry Material's own URLs (Google Fonts in base.html, off with
    # theme.font: false); tests/test_overrides.py proves they are Material's file plus the stated change.
    copies = {root / "overrides" / name for name in OVERRIDE_CHANGES}
    return [f for f in files if f not in copies]


# Decision: every text with a scheme (https://…) must be on the allowlist, even inside code spans —
# a reader copies those too. A mail sender such as info@wdy.docomo.ne.jp has no scheme and is not a
# link, so it is not checked. mkdocs.yml `site_url` is this site's own address, not a link: skipped.
EXTERNAL = find_external_links(external_sources(), ROOT)
CHECK_COUNTS["external links"] = len(EXTERNAL)


def test_every_external_link_is_https_to_an_official_host():
    allow = load_allowlist(ALLOWLIST)
    problems = [p for link in EXTERNAL for p in external_link_problems(link, allow)]
    assert EXTERNAL and not problems, "\n".join(problems)


@pytest.mark.live
@pytest.mark.parametrize("url", sorted({link.url for link in EXTERNAL}))
def test_external_link_is_live(url):
    """Opt-in (`make linkcheck`): the address resolves and does not answer with an error."""
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (link check)"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError) as exc:
        pytest.fail(f"{url} does not resolve or answer: {getattr(exc, 'reason', exc)}")
    assert status < 400, f"{url} answered HTTP {status}"


@functools.lru_cache(maxsize=None)
def internal_report(site: Path):
    problems, counts = check_internal_links(site, docs=DOCS)
    for what in ("pages", "internal links", "anchors"):
        CHECK_COUNTS[what] = counts[what]
    return problems


def test_internal_links_and_anchors(site, site_en):
    """Every page of both editions (site/en/ is inside site/, so one walk checks it, the language switcher's
    links both ways too), 404.html and every other built file: each link and #anchor leads somewhere."""
    assert site_en == site / "en"
    assert internal_report(site) == []


# --- self-tests ---------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head>
<link rel="canonical" href="https://example.invalid/guide/">
<link rel="stylesheet" href="{up}assets/site.css">
<script src="{up}assets/{script}"></script>
</head><body>
<nav><a href="{up}{nav}">手順</a></nav>
<h2 id="step-1">手順1</h2>
<p><a href="#step-1">ok</a> <a href="{up}{ok}#step-1">ok</a></p>
<p><a href="{up}{bad_page}">raw html to a missing page</a></p>
<p><a href="{up}{ok}#step-99">missing anchor</a></p>
<p><img src="{up}assets/missing.png" alt="画面"></p>
<p><a href="/guide/{abs_ok}">absolute under base</a> <a href="/elsewhere/">outside</a></p>
<p><a href="https://s.ocn.jp/ocndm">external: not checked here</a> <a href="mailto:a@b.jp">mail</a></p>
</body></html>
"""


@pytest.mark.parametrize("layout", ["directory-urls", "flat-html"])
def test_selftest_internal_link_checker_names_file_line_and_problem(tmp_path, layout):
    site = tmp_path / "site"
    if layout == "directory-urls":
        page, up, fmt = site / "steps" / "1-open" / "index.html", "../../", dict(
            nav="steps/", ok="steps/1-open/", bad_page="steps/9-nope/", abs_ok="steps/1-open/")
        write_file(site / "steps" / "index.html", "<html><body><p id='x'>x</p></body></html>")
    else:
        page, up, fmt = site / "steps" / "1-open.html", "../", dict(
            nav="steps/index.html", ok="steps/1-open.html", bad_page="steps/9-nope.html",
            abs_ok="steps/1-open.html")
        write_file(site / "steps" / "index.html", "<html><body><p id='x'>x</p></body></html>")
    write_file(page, PAGE.format(up=up, script="missing.js", **fmt))
    write_file(site / "assets" / "site.css", "body{}")
    write_file(site / "index.html", '<html><head><link rel="canonical" href="https://example.invalid/guide/">'
                                '</head><body></body></html>')
    problems, counts = check_internal_links(site)
    rel = page.relative_to(site).as_posix()
    text = "\n".join(problems)
    assert f"{rel}:5: broken link '{up}assets/missing.js'" in text, text              # <script src>
    assert f"{rel}:10: broken link '{up}{fmt['bad_page']}'" in text, text             # raw HTML <a href>
    assert f"{rel}:11: link '{up}{fmt['ok']}#step-99' points to missing anchor #step-99" in text, text
    assert f"{rel}:12: broken link '{up}assets/missing.png'" in text, text            # <img src>
    assert f"{rel}:13: absolute link '/elsewhere/' is outside the site" in text, text
    assert len(problems) == 5, text                                                  # nothing else flagged
    assert counts["pages"] == 3 and counts["anchors"] == 3 and counts["internal links"] == 10


def test_selftest_internal_link_checker_accepts_the_real_layout_of_a_clean_site(tmp_path):
    site = tmp_path / "site"
    write_file(site / "index.html", '<html><body><a href="a/#t">a</a><a href="b.html">b</a></body></html>')
    write_file(site / "a" / "index.html", '<html><body><h2 id="t">t</h2><a href="..">up</a></body></html>')
    write_file(site / "b.html", '<html><body><a href="a/index.html#t">a</a></body></html>')
    assert check_internal_links(site) == ([], check_internal_links(site)[1])


@pytest.mark.parametrize("layout", ["web", "offline"])
def test_selftest_raw_html_breakage_that_mkdocs_misses_is_caught_in_a_real_build(broken_project, layout):
    """MkDocs' validation ignores raw HTML (in pages and in snippets); the checker finds it in both layouts."""
    result = broken_project[layout]
    html = "faq.html" if layout == "offline" else "faq/index.html"
    problems, _ = check_internal_links(result.site, docs=broken_project["project"] / "docs", only=html)
    assert any(p.startswith(f"{html}:") and "broken link 'no-such-page/'" in p and "docs/faq.md" in p
               for p in problems), problems
    assert any(p.startswith(f"{html}:") and "missing anchor #no-such-anchor" in p for p in problems), problems
    assert any(p.startswith(f"{html}:") and "from-snippet-missing/" in p for p in problems), problems
    assert not any("outside the site" in p for p in problems), problems  # base path found in both layouts


BAD_SOURCES = {
    "plain-http": ("[OCN](http://www.ocn.ne.jp/)", ["plain http://", "www.ocn.ne.jp"]),
    "lookalike": ("[ログイン](https://login.ocn.ne.jp.example.com/)", ["login.ocn.ne.jp.example.com", "not on the allowlist"]),
    "typo-domain": ("<a href=\"https://suport.ocn.ne.jp/\">サポート</a>", ["suport.ocn.ne.jp", "support.ocn.ne.jp"]),
    "unlisted": ("`https://example.com/ocn`", ["example.com", "not on the allowlist"]),
    "userinfo-trick": ("https://login.ocn.ne.jp@evil.example/", ["evil.example", "not on the allowlist"]),
    "malformed-scheme": ("[はがき](htps://s.ocn.jp/ocndm)", ["malformed link", "htps://s.ocn.jp/ocndm"]),
    "one-slash": ("[はがき](https:/s.ocn.jp/ocndm)", ["malformed link"]),
    "protocol-relative": ('<img src="//cdn.example.net/x.png" alt="x">', ["cdn.example.net", "not on the allowlist"]),
}


@pytest.mark.parametrize("kind", sorted(BAD_SOURCES))
def test_selftest_external_link_checker_names_file_line_and_host(kind, tmp_path):
    snippet, must_name = BAD_SOURCES[kind]
    page = write_file(tmp_path / "docs" / "safety.md", f"# 注意\n\n本物の例: {snippet} です。\n")
    links = find_external_links([page], tmp_path)
    problems = [p for link in links for p in external_link_problems(link, load_allowlist(ALLOWLIST))]
    assert problems, f"{kind}: not flagged"
    assert all(p.startswith("docs/safety.md:3: ") for p in problems), problems
    assert any(all(word in p for word in must_name) for p in problems), problems


def test_selftest_external_link_checker_passes_official_links_and_sender_addresses(tmp_path):
    page = write_file(tmp_path / "docs" / "safety.md",
                  "本物: https://login.ocn.ne.jp/」と <https://s.ocn.jp/ocndm>。`https://` で始まります。\n"
                  "[https://s.ocn.jp/ocndm](https://s.ocn.jp/ocndm)\n"
                  "偽の差出人 `info@wdy.docomo.ne.jp` はURLではありません。\n")
    config = write_file(tmp_path / "mkdocs.yml", "site_url: https://example.invalid/guide/\n"
                                             "format: !!python/name:pymdownx.superfences.fence_code_format\n")
    links = find_external_links([page, config], tmp_path)
    assert [(link.line, link.url) for link in links] == [
        (1, "https://login.ocn.ne.jp/"), (1, "https://s.ocn.jp/ocndm"), (2, "https://s.ocn.jp/ocndm")]
    assert [p for link in links for p in external_link_problems(link, load_allowlist(ALLOWLIST))] == []


def test_selftest_sources_list_covers_both_editions_overrides_and_configs():
    names = {p.relative_to(ROOT).parts[0] for p in external_sources()}
    assert {"mkdocs.yml", "mkdocs.en.yml", "docs", "snippets", "docs-en", "snippets-en", "overrides"} <= names
    assert CONFIG in external_sources() and any(SNIPPETS in p.parents for p in external_sources())


def test_link_text_that_names_a_step_leads_to_that_step():
    from checks import step_link_problems
    files = sorted(DOCS.rglob("*.md")) + sorted(SNIPPETS.rglob("*.md"))
    problems = [p for f in files for p in step_link_problems(f, ROOT)]
    assert problems == []


def test_selftest_step_link_text_mismatch_is_named(tmp_path):
    from checks import step_link_problems
    steps = write_file(tmp_path / "docs" / "steps" / "4-two-step.md", "## 手順13 { #step-13 }\n\n## 手順14 { #step-14 }\n")
    page = write_file(tmp_path / "docs" / "faq.md",
                      "# FAQ\n\n[手順14](steps/4-two-step.md#step-13)を見てください。\n"
                      "[手順14](steps/4-two-step.md#step-14)は正しいリンクです。\n"
                      "[手順4〜9](steps/4-two-step.md)は範囲です。\n"
                      "[手順2](steps/4-two-step.md)は手順2のないページです。\n"
                      '<a href="steps/4-two-step.md#step-14">手順13</a>\n')
    assert steps.is_file()
    assert step_link_problems(page, tmp_path) == [
        "docs/faq.md:3: link text 「手順14」 names 手順14 but points at #step-13 — point it at #step-14 or fix the text",
        "docs/faq.md:6: link text 「手順2」 names 手順2 but steps/4-two-step.md has no step 2 — link to the page "
        "of 手順2 with #step-2",
        "docs/faq.md:7: link text 「手順13」 names 手順13 but points at #step-14 — point it at #step-13 or fix the text",
    ]
