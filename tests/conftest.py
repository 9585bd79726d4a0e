"""Shared fixtures. Helper functions live in tests/support.py, not here."""
from __future__ import annotations

import pytest

from jobs import Jobs
from support import REFLOW, ROOT, WALK_WIDTHS, require_site, stop, unzip_edition


def pytest_addoption(parser):
    parser.addoption("--live-links", action="store_true", default=False,
                     help="also check that external links answer (needs the internet)")


def pytest_collection_modifyitems(config, items):
    """Self-tests (a checker fed the broken input it exists for) are marked `selftest`, so `make check`
    can leave them out while a maintainer edits pages; live checks run only with --live-links."""
    live = config.getoption("--live-links")
    # Tests that read a background job (tests/jobs.py) or the Nu checker run last, so those (started early)
    # overlap the other tests.
    late = [item for item in items if LATE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    items[:] = [item for item in items if item not in late] + late
    skip = pytest.mark.skip(reason="live external-link check: run `make linkcheck` (needs the internet)")
    for item in items:
        if "selftest" in item.name or "checker" in item.name:
            item.add_marker(pytest.mark.selftest)
        if "live" in item.keywords and not live:
            item.add_marker(skip)


#: Fixtures whose work starts at the beginning of the session, in the background, when a selected test
#: reads them: the background jobs (tests/jobs.py Jobs.GROUPS), the Nu checker, textlint and the broken
#: builds. The tests that read the first two run last (LATE_FIXTURES).
LATE_FIXTURES = set(Jobs.GROUPS) | {"nu_report"}
#: fixture a test reads -> the fixture that starts its work
EARLY_STARTERS = {"prose_lint": "prose_lint", "nu_report": "nu_run", "broken_project": "broken_start"}
EARLY_FIXTURES = LATE_FIXTURES | set(EARLY_STARTERS)


def pytest_collection_finish(session):
    """After -m/-k deselection: note which background work the selected tests read (started early)."""
    session.config._early = set().union(*(set(getattr(item, "fixturenames", ())) for item in session.items)) \
        & EARLY_FIXTURES


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
        stop(proc)


@pytest.fixture(scope="session")
def built():
    """The web site as deployed: built with --strict into site/ (the folder the Pages workflow publishes),
    the English edition into site/en/ (`built.en`), so the tests check exactly what readers get. Built by
    `make site` (guide/site.py) and reused if nothing it read or wrote changed since; else built here."""
    from guide.site import site
    return site(ROOT / "site")


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
def broken_start(tmp_path_factory):
    """A copy of the project with every build-level breakage at once, its two --strict builds (web and
    offline layout) started side by side in the background: (project, {layout: (site folder, process)})."""
    from support import REPORT_REPO, copy_project, start_build
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
    layouts = {"web": (root / "site", {"REPO_URL": REPORT_REPO}), "offline": (root / "offline", {"OFFLINE": "true"})}
    running = {name: (dest, start_build(dest, config, env)) for name, (dest, env) in layouts.items()}
    yield project, running
    for _, proc in running.values():
        stop(proc)


@pytest.fixture(scope="session")
def broken_project(broken_start):
    """The broken copy built (see broken_start): MkDocs writes the pages before a strict build aborts, so one
    build gives both the log (every warning) and the HTML (for the checkers MkDocs lacks). One build per
    layout instead of ten. {"project": folder, "web": Build, "offline": Build}."""
    from support import Build
    project, running = broken_start
    builds = {name: Build(site=dest, log=proc.communicate()[0], returncode=proc.returncode)
              for name, (dest, proc) in running.items()}
    return {"project": project, **builds}


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
def served_site(site):
    """The built web site on http://127.0.0.1:<port>/ (stdlib http.server): yields (base_url, site_dir)."""
    from support import StaticServer
    with StaticServer(site) as server:
        yield server.url, site


@pytest.fixture(scope="session")
def jobs(served_site):
    """The pool of background jobs (tests/jobs.py): page walks, served searches, keyboard walk."""
    base, site = served_site
    pool = Jobs(base, site)
    yield pool
    pool.close()


@pytest.fixture(scope="session", params=[width for width in WALK_WIDTHS if width != REFLOW])
def page_walk(request, jobs):
    """Every page of the served site opened ONCE per width, for all per-page browser checks at once:
    console errors and a rendered <h1> (test_render), requests to other hosts (test_privacy), axe-core
    (test_a11y), sideways scrolling (test_journey), CSP violations (test_csp). One walk instead of five;
    each concern keeps its own test file."""
    return jobs.result(("walk",))[request.param]


@pytest.fixture(scope="session")
def phone_walk(jobs):
    """The walk at phone width (390 x 844), for what only a phone measures (the first screen)."""
    return jobs.result(("walk",))["phone-390"]


@pytest.fixture(scope="session")
def reflow_walk(jobs):
    """The same walk at 320 px with the text at 200 % (WCAG reflow), where only sideways scrolling is read."""
    return jobs.result(("walk",))[REFLOW]


@pytest.fixture(scope="session", params=["ja", "en"])
def served_search(request, jobs):
    """(language, number of queries, misses): every query of data/search_queries*.yml on the served site."""
    return (request.param, *jobs.result(("search", request.param)))


@pytest.fixture(scope="session")
def keyboard_problems(jobs):
    """What a keyboard-only reader cannot reach on the steps overview and the top page."""
    return jobs.result(("keyboard",))


@pytest.fixture(scope="session", autouse=True)
def _start_background_early(request):
    """Start the background work the selected tests read at the beginning of the session. A failure here
    (say, the build failed) is not reported here: pytest keeps it and reports it to each test that reads it."""
    early = getattr(request.config, "_early", set())
    groups = early - set(EARLY_STARTERS)
    starts = [EARLY_STARTERS[name] for name in EARLY_STARTERS if name in early] + (["jobs"] if groups else [])
    for name in starts:
        try:
            fixture = request.getfixturevalue(name)
            if name == "jobs":
                fixture.start_groups(groups)
        except (Exception, pytest.fail.Exception, pytest.skip.Exception):   # reported to the tests that read it
            pass


#: The Nu checker's self-test page (tests/test_html.py): two errors on lines 5 and 6.
NU_BROKEN = """<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>壊れたページ</title></head>
<body>
<input type="checkbox" id="t" autocomplete="off">
<label for="t" tabindex="">ラベル</label>
</body>
</html>
"""


@pytest.fixture(scope="session")
def nu_run(site, offline_copy, tmp_path_factory):
    """The Nu checker over every page of the site, the offline copy and the print page, plus the self-test
    page, started in the background: (process, {output: files}, {output: root folder})."""
    from support import PRINT_PAGE, require_dist, start_nu
    broken = tmp_path_factory.mktemp("nu-selftest") / "broken.html"
    broken.write_text(NU_BROKEN, encoding="utf-8")
    outputs = {"site": sorted(site.rglob("*.html")), "offline": sorted(offline_copy.rglob("*.html")),
               "print": [require_dist(PRINT_PAGE)], "selftest": [broken]}
    roots = {"site": site, "offline": offline_copy, "print": PRINT_PAGE.parent.parent, "selftest": broken.parent}
    proc = start_nu([f for files in outputs.values() for f in files])
    yield proc, outputs, roots
    stop(proc)


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
    """The built site folder for checks of the HTML. A failed build is reported once, by
    tests/test_build.py (file, line, fix); every test that needs the site is skipped with this one line."""
    return require_site(built, "tests/test_build.py")


@pytest.fixture(scope="session")
def site_en(built):
    """The English edition's built folder (site/en/)."""
    return require_site(built.en, "tests/test_english.py")


def pytest_terminal_summary(terminalreporter):
    """One line with what the link/snippet checks covered (counts filled in by the tests)."""
    from support import CHECK_COUNTS
    order = ["pages", "internal links", "anchors", "external links", "snippet includes", "snippets"]
    keys = sorted(CHECK_COUNTS, key=lambda k: order.index(k) if k in order else len(order))
    if keys:
        terminalreporter.write_line("link check: " + ", ".join(f"{CHECK_COUNTS[k]} {k}" for k in keys))
    # A Japanese correction never waits for the translator: a stale English page passes, and is named here once.
    from guide.translations import LANGS, behind, check
    for f in check(history=False):
        if f.kind == "stale":
            updated = behind(f.page, LANGS["ja"]["docs"], LANGS["en"]["docs"])
            terminalreporter.write_line(
                f"translation behind: docs-en/{f.page} (Japanese page updated {updated or 'without a date'}); its "
                f"readers see a notice — translate the change, then `python -m guide.translations --update {f.page}`")
