"""Shared fixtures. Helper functions live in tests/support.py, not here."""
from __future__ import annotations

import pytest

from support import ROOT, build_editions, build_site


def pytest_addoption(parser):
    parser.addoption("--live-links", action="store_true", default=False,
                     help="also check that external links answer (needs the internet)")


def pytest_collection_modifyitems(config, items):
    """Self-tests (a checker fed the broken input it exists for) are marked `selftest`, so `make check`
    can leave them out while a maintainer edits pages; live checks run only with --live-links."""
    live = config.getoption("--live-links")
    # Tests that read the page walks run last, so the walks (started early) overlap the other tests.
    walk_tests = [item for item in items if "page_walk" in getattr(item, "fixturenames", ())]
    items[:] = [item for item in items if item not in walk_tests] + walk_tests
    skip = pytest.mark.skip(reason="live external-link check: run `make linkcheck` (needs the internet)")
    for item in items:
        if "selftest" in item.name or "checker" in item.name:
            item.add_marker(pytest.mark.selftest)
        if "live" in item.keywords and not live:
            item.add_marker(skip)


def pytest_collection_finish(session):
    """After -m/-k deselection: start the page walks and the prose lint early, only if a selected test
    reads them."""
    names = [set(getattr(item, "fixturenames", ())) for item in session.items]
    session.config._uses_page_walk = any("page_walk" in n for n in names)
    session.config._uses_prose_lint = any("prose_lint" in n for n in names)


#: Self-test pages fed to textlint with the guide (tests/test_prose.py, tests/test_english.py).
PROSE_SELFTESTS = {
    "ja": {"broken.md": ("# 見出し\n\n!!! note \"メモ\"\n    ここは正しい文です。\n\n"
                         "Dアカウントのボタンをクリックしてください。\n"
                         "二段階認証の画面が出ます。\n\nこれは大事な画面である。\n"),
           "syntax.md": ("# 手順4 メールアドレスを登録する { #step-4 }\n\n"
                         "!!! warning \"コードは教えないでください\"\n    本文です。\n\n"
                         "??? tip\n    本文です。\n\n"
                         "[次へ](next.md){ .md-button }\n\n"
                         "*[OCN]: NTTドコモのインターネット接続サービス\n")},
    "en": {"broken.md": "# Broken\n\nSo you press it. It is very very easy.\n"},
}


@pytest.fixture(scope="session")
def prose_lint(tmp_path_factory):
    """Both editions' textlint runs (one node start each, with the self-test pages), started in the
    background as early as possible. {lang: (findings, {self-test name: path})}, read on first use."""
    from support import start_textlint, textlint_findings
    from guide import LANGS
    runs = {}
    for lang, pages in PROSE_SELFTESTS.items():
        folder = tmp_path_factory.mktemp(f"prose-{lang}")
        paths = {name: folder / name for name in pages}
        for name, text in pages.items():
            paths[name].write_text(text, encoding="utf-8")
        config = ROOT / (".textlintrc.json" if lang == "ja" else f".textlintrc.{lang}.json")
        docs, snippets = LANGS[lang]["docs"], ROOT / ("snippets" if lang == "ja" else f"snippets-{lang}")
        runs[lang] = (start_textlint(config, docs, snippets, *paths.values()), paths)

    class Results(dict):
        def __missing__(self, lang):
            proc, paths = runs[lang]
            self[lang] = (textlint_findings(proc), paths)
            return self[lang]
    yield Results()
    for proc, _ in runs.values():
        if proc.poll() is None:
            proc.kill()


@pytest.fixture(scope="session")
def built():
    """The web site as deployed: built once per test session with --strict into site/ (the folder the
    Pages workflow publishes), Japanese first, then the English edition into site/en/ (`built.en`),
    so the tests check exactly what readers get."""
    return build_editions(ROOT / "site")


# --- one broken project for the self-tests of the build and the link/snippet checkers ----------------
#: What is added to docs/faq.md of the broken copy: one breakage of each kind the checks exist for.
BROKEN_FAQ = ("\n[壊れたリンク](no-such-page.md)\n"
              "\n[壊れたアンカー](steps/1-open.md#no-such-anchor)\n"
              "\n[絶対リンク](/steps/1-open/)\n"
              "\n[フォルダーへのリンク](steps/)\n"
              '\n<p><a href="no-such-page/">生のHTMLリンク</a> <a href="#no-such-anchor">目次</a></p>\n'
              '\n--8<-- "broken-link.md"\n'
              '\n\n直前の段落です。\n\n    --8<-- "check-ocn-mail.md"\n')


@pytest.fixture(scope="session")
def broken_project(tmp_path_factory):
    """A copy of the project with every build-level breakage at once, built with --strict twice (web and
    offline layout). MkDocs writes the pages before a strict build aborts, so one build gives both the
    log (every warning) and the HTML (for the checkers MkDocs lacks). One build instead of ten."""
    from support import copy_project
    root = tmp_path_factory.mktemp("broken")
    config = copy_project(root / "project")
    project = config.parent
    faq = project / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + BROKEN_FAQ, encoding="utf-8")
    (project / "snippets" / "broken-link.md").write_text(
        '<p><a href="from-snippet-missing/">部品の中のリンク</a></p>\n', encoding="utf-8")
    (project / "docs" / "stray-page.md").write_text("# 迷子のページ\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - このガイドについて: about.md",
                                   "  - このガイドについて: about.md\n  - 存在しない: no-such-nav-page.md"),
                      encoding="utf-8")
    return {"project": project,
            "web": build_site(root / "site", config=config),
            "offline": build_site(root / "offline", config=config, env={"OFFLINE": "true"})}


# --- real-browser fixtures (QA engineer); helpers are in support.py -------------------------
@pytest.fixture(scope="session")
def browser():
    """One Debian chromium for the whole session (Playwright drives it; no browser download)."""
    from playwright.sync_api import sync_playwright
    from support import launch_chromium
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def served_site(built):
    """The built web site on http://127.0.0.1:<port>/ (stdlib http.server): yields (base_url, site_dir)."""
    from support import StaticServer
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.log}"
    with StaticServer(built.site) as server:
        yield server.url, built.site


WALK_WIDTHS = ["phone-390", "desktop-1280"]


@pytest.fixture(scope="session")
def walks(served_site):
    """The two page walks (one per width), each in its own process with its own Chromium, started as soon
    as the site is served: they run side by side, and beside the other tests (the walk tests run last),
    on the machine's two cores. {width: Future[PageWalk]}."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from support import walk_in_process
    base, site = served_site
    pool = ProcessPoolExecutor(max_workers=len(WALK_WIDTHS), mp_context=multiprocessing.get_context("spawn"))
    futures = {width: pool.submit(walk_in_process, base, str(site), width) for width in WALK_WIDTHS}
    yield futures
    pool.shutdown(cancel_futures=True)


@pytest.fixture(scope="session", params=WALK_WIDTHS)
def page_walk(request, walks):
    """Every page of the served site opened ONCE per width, for all per-page browser checks at once:
    console errors and a rendered <h1> (test_render), requests to other hosts (test_privacy), axe-core
    (test_a11y), sideways scrolling (test_journey), CSP violations (test_csp). One walk instead of five;
    each concern keeps its own test file."""
    return walks[request.param].result(timeout=600)


@pytest.fixture(scope="session", autouse=True)
def _start_page_walks_early(request):
    """When walk or prose tests are selected, start those jobs at the beginning of the session."""
    if getattr(request.config, "_uses_prose_lint", False):
        request.getfixturevalue("prose_lint")
    if getattr(request.config, "_uses_page_walk", False):
        request.getfixturevalue("walks")


def unzip_edition(tmp_path_factory, lang: str):
    import zipfile
    from support import DIST_FILES, require_dist
    files = DIST_FILES[lang]
    dest = tmp_path_factory.mktemp(f"offline-copy-{lang}")
    with zipfile.ZipFile(require_dist(files["zip"])) as zf:
        zf.extractall(dest)
    return dest / files["folder"]


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory):
    """dist/…-offline.zip unpacked, as a reader would: yields the folder with index.html in it."""
    return unzip_edition(tmp_path_factory, "ja")


@pytest.fixture(scope="session")
def offline_copies(tmp_path_factory):
    """Both editions' offline zips unpacked: {"ja": folder, "en": folder}."""
    return {"ja": unzip_edition(tmp_path_factory, "ja"), "en": unzip_edition(tmp_path_factory, "en")}


@pytest.fixture(scope="session")
def site(built):
    """The built site folder for checks of the HTML; fails clearly if the build wrote no pages."""
    if not (built.site / "index.html").exists():
        pytest.fail(f"the site was not built (see test_build.py):\n{built.log[-2000:]}")
    return built.site


@pytest.fixture(scope="session")
def site_en(built):
    """The English edition's built folder (site/en/)."""
    if not (built.en.site / "index.html").exists():
        pytest.fail(f"the English edition was not built (see test_english.py):\n{built.en.log[-2000:]}")
    return built.en.site


def pytest_terminal_summary(terminalreporter):
    """One line with what the link/snippet checks covered (counts filled in by the tests)."""
    from support import CHECK_COUNTS
    order = ["pages", "internal links", "anchors", "external links", "snippet includes", "snippets"]
    keys = sorted(CHECK_COUNTS, key=lambda k: order.index(k) if k in order else len(order))
    if keys:
        terminalreporter.write_line("link check: " + ", ".join(f"{CHECK_COUNTS[k]} {k}" for k in keys))
