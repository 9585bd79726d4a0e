"""Shared fixtures. Helper functions live in tests/support.py, not here."""
from __future__ import annotations

import pytest

from support import ROOT, WALKS, require_site, stop, unzip_edition


def pytest_addoption(parser):
    parser.addoption("--live-links", action="store_true", default=False,
                     help="also check that external links answer (needs the internet)")


def pytest_configure(config):
    """A broken data file stops the run at once with its one message (file, line, what to do), instead of a
    traceback in every test file that reads it. In the main process only: the workers start after it."""
    if not hasattr(config, "workerinput"):
        from guide.schema import data_problem
        if problem := data_problem():
            raise pytest.UsageError(problem)


def pytest_assertrepr_compare(op, left, right):
    """`assert problems == []` fails with the problems, one per line (file:line: what to do), not pytest's
    truncated list comparison ("Left contains one more item")."""
    if op == "==" and right == [] and isinstance(left, list) and left and all(
            type(x).__str__ is not object.__str__ for x in left):        # text, or a problem with its own str()
        return [f"[{len(left)} problem{'s' if len(left) > 1 else ''}] == []", *map(str, left)]
    return None


@pytest.hookimpl(tryfirst=True)      # before pytest-xdist reads the groups (its hook has no order)
def pytest_collection_modifyitems(config, items):
    """Self-tests (a checker fed the broken input it exists for) are marked `selftest`, so `make check`
    can leave them out while a maintainer edits pages; live checks run only with --live-links. Each test
    gets its pytest-xdist group (`group_of`), and the longest groups go first, so the two workers finish
    at about the same time."""
    live = config.getoption("--live-links")
    skip = pytest.mark.skip(reason="live external-link check: run `make linkcheck` (needs the internet)")
    for item in items:
        if "selftest" in item.name or "checker" in item.name:
            item.add_marker(pytest.mark.selftest)
        if "live" in item.keywords and not live:
            item.add_marker(skip)
        item.add_marker(pytest.mark.xdist_group(group_of(item)))
    order = {group: i for i, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: order.get(group_of(item), len(order)))      # stable: the rest keep their order


#: Shared work that takes seconds: the tests that read it run in one worker (pytest-xdist `--dist
#: loadgroup`), so it is done once. A parametrized fixture is one group per parameter (a width and edition,
#: an edition), so its parts spread over the workers; but the two engines (WebKit, Gecko) run one after
#: the other, never beside each other.
SHARED_WORK = {"page_walk": "walk", "phone_walk": "walk", "served_search": "search",
               "engine": "engines", "broken_project": "broken", "nu_report": "nu"}
ONE_GROUP = {"engine"}          # one group whatever the parameter
#: The longest groups (make bench-suite, pytest --durations), longest first; the others follow. The two
#: textlint runs (test_prose, test_english) lead `make check`, where the browser groups are deselected.
LONGEST_FIRST = ["walk:phone-390:ja", "walk:phone-390:en", "walk:desktop-1280:ja", "engines", "nu", "search:ja",
                 "tests/test_prose.py", "tests/test_english.py", "broken", "search:en"]


def group_of(item) -> str:
    """The pytest-xdist group of a test: the shared work it reads (with its parameter), else its file, so a
    file's module fixtures are made once."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    for fixture in getattr(item, "fixturenames", ()):
        if fixture in SHARED_WORK:
            name = SHARED_WORK[fixture]
            param = None if fixture in ONE_GROUP else params.get(fixture)
            return f"{name}:{param}" if param else name
    return item.location[0]


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """In a pytest-xdist worker: fail at once if the groups were not applied. pytest-xdist 3.8 groups by
    appending "@group" to each test id, which pytest 9.2 ignores (pytest-xdist#1386): every group would
    then be split over the workers and its shared work done twice, silently."""
    from support import ungrouped
    if getattr(session.config.option, "loadgroup", False) and (lost := ungrouped(session.items)):
        raise pytest.UsageError(
            f"pytest-xdist did not apply the test groups (first: {lost[0]}): use the pytest and pytest-xdist "
            "versions pinned in requirements.txt (`make setup`), or run in one process with -n 0")


@pytest.hookimpl(optionalhook=True)      # a pytest-xdist hook: in the main process, as each worker ends
def pytest_testnodedown(node, error):
    """The link/snippet counts a worker's tests filled in, for the summary line."""
    from support import CHECK_COUNTS
    CHECK_COUNTS.update(getattr(node, "workeroutput", {}).get("check_counts", {}))


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):                # in a pytest-xdist worker
        from support import CHECK_COUNTS
        session.config.workeroutput["check_counts"] = dict(CHECK_COUNTS)


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
def prose_lint(request, tmp_path_factory):
    """textlint over one edition (one node start, with the self-test pages when a self-test that reads them
    runs), run when a test first reads that edition: {lang: (findings, {self-test name: path})}. Without
    the self-test pages (`make check`), textlint starts only for pages changed since they were clean."""
    from support import start_textlint, textlint_findings
    from guide import LANGS
    selftests = any(item.get_closest_marker("selftest") and "prose_lint" in item.fixturenames
                    for item in request.session.items)

    class Results(dict):
        def __missing__(self, lang):
            pages = PROSE_SELFTESTS[lang] if selftests else {}
            folder = tmp_path_factory.mktemp(f"prose-{lang}")
            paths = {name: folder / name for name in pages}
            for name, text in pages.items():
                paths[name].write_text(text, encoding="utf-8")
            config = ROOT / (".textlintrc.json" if lang == "ja" else f".textlintrc.{lang}.json")
            docs, snippets = LANGS[lang]["docs"], ROOT / ("snippets" if lang == "ja" else f"snippets-{lang}")
            self[lang] = (textlint_findings(start_textlint(config, docs, snippets, *paths.values())), paths)
            return self[lang]
    return Results()


@pytest.fixture(scope="session")
def built():
    """The web site as deployed: built with --strict into site/ (the folder the Pages workflow publishes),
    the English edition into site/en/ (`built.en`), so the tests check exactly what readers get. Built by
    `make site` (guide/site.py) and reused if nothing it read or wrote changed since; else built here,
    by the first worker that needs it."""
    from filelock import FileLock
    from guide.site import site
    (ROOT / "build").mkdir(exist_ok=True)
    with FileLock(ROOT / "build" / "site-build.lock"):       # one pytest-xdist worker builds, the other reuses
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


_WALKS: dict = {}


def walk(browser, served_site, name: str):
    """Every page of one edition opened once at one width (`name` is "width:edition", support.WALKS), with
    every per-page check (support.PageWalk); walked once, as pytest-xdist sends its tests to one worker."""
    if name not in _WALKS:
        from support import PageWalk, edition_prefix
        (base, site), (width, lang) = served_site, name.split(":")
        _WALKS[name] = PageWalk.run(browser, base, PageWalk.plan(base, site, width, lang),
                                    search=base + edition_prefix(lang))[width]
    return _WALKS[name]


def walks_at(width: str) -> list[str]:
    """The walks (support.WALKS, "width:edition") at one width."""
    return [name for name in WALKS if name.partition(":")[0] == width]


@pytest.fixture(scope="session", params=WALKS)
def page_walk(request, browser, served_site):
    """Every page of the served site opened ONCE per width, for all per-page browser checks at once:
    console errors and a rendered <h1> (test_render), requests to other hosts (test_privacy), axe-core
    (test_a11y), sideways scrolling (test_journey), CSP violations (test_csp). One walk instead of five;
    each concern keeps its own test file."""
    return walk(browser, served_site, request.param)


@pytest.fixture(scope="session", params=walks_at("phone-390"))
def phone_walk(request, browser, served_site):
    """The walk at phone width (390 x 844), for what only a phone measures (the first screen, and each page
    then at 320 px with the text at 200 %)."""
    return walk(browser, served_site, request.param)


#: Every SERVED_SAMPLE-th query is typed into the served site's search box too; Node ranks all of them with
#: the same worker and index (test_queries_find_their_page_without_a_browser).
SERVED_SAMPLE = 3


@pytest.fixture(scope="session", params=["ja", "en"])
def served_search(request, browser, served_site):
    """(language, sample, misses, differences): every SERVED_SAMPLE-th query of data/search_queries*.yml typed
    into the served site's search box; a miss is a query whose page is not in the top 3, a difference one
    whose top 3 is not what the Node ranking gives (the search box's own path: Material's query transform,
    the worker in a browser, the result list)."""
    from guide.search_check import rank_without_browser, ranking_differences, top_misses
    from support import DESKTOP, SEARCH_QUERY_FILES, edition_prefix, load_search_queries, result_pages, run_searches
    lang, (base, site) = request.param, served_site
    sample = load_search_queries(SEARCH_QUERY_FILES[lang])[::SERVED_SAMPLE]
    folder = edition_prefix(lang)
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    page.goto(base + folder)
    typed = [q["query"] for q in sample]
    ranked = [result_pages(urls, base + folder) for urls in run_searches(page, typed)]
    context.close()
    differences = ranking_differences(typed, ranked, rank_without_browser(site / folder, typed))
    return lang, sample, top_misses(sample, ranked, SEARCH_QUERY_FILES[lang]), differences


@pytest.fixture(scope="session")
def keyboard_problems(browser, served_site):
    """What a keyboard-only reader cannot reach (Tab only) on the steps overview and the top page."""
    from support import DESKTOP, keyboard_gaps, site_urls, step_links
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
    return problems


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
def offline_copies(tmp_path_factory):
    """The editions' offline zips unpacked, as a reader would, each on first use: {"ja": folder, "en": folder}
    (the folder with index.html in it)."""
    class Copies(dict):
        def __missing__(self, lang):
            self[lang] = unzip_edition(tmp_path_factory, lang)
            return self[lang]
    return Copies()


@pytest.fixture(scope="session")
def offline_copy(offline_copies):
    """The Japanese offline copy (offline_copies["ja"])."""
    return offline_copies["ja"]


@pytest.fixture(scope="session")
def site(built):
    """The built site folder for checks of the HTML. A failed build is reported once, by
    tests/test_build.py (file, line, fix); every test that needs the site is skipped with this one line."""
    return require_site(built, "tests/test_build.py")


@pytest.fixture(scope="session")
def site_en(built):
    """The English edition's built folder (site/en/)."""
    return require_site(built.en, "tests/test_english.py")


@pytest.hookimpl(wrapper=True, tryfirst=True)     # around the terminal reporter's: after its short summary
def pytest_terminal_summary(terminalreporter):
    """Right above the final count: one line with what the link/snippet checks covered (counts filled in by
    the tests), and each stale English page, once (a Japanese correction never waits for the translator:
    a stale page passes, and is named here)."""
    yield
    from support import CHECK_COUNTS
    order = ["pages", "internal links", "anchors", "external links", "snippet includes", "snippets"]
    keys = sorted(CHECK_COUNTS, key=lambda k: order.index(k) if k in order else len(order))
    if keys:
        terminalreporter.write_line("link check: " + ", ".join(f"{CHECK_COUNTS[k]} {k}" for k in keys))
    if terminalreporter.stats.get("failed") or terminalreporter.stats.get("error"):
        return                                          # one thing at a time: the failures above come first
    from guide.translations import LANGS, behind, check
    for f in check(history=False):
        if f.kind == "stale":
            updated = behind(f.page, LANGS["ja"]["docs"], LANGS["en"]["docs"])
            when = f"updated {updated}" if updated else "changed since the translation"
            terminalreporter.write_line(
                f"translation behind: docs-en/{f.page} (Japanese page {when}); its "
                f"readers see a notice — translate the change, then `make translated PAGE={f.page}`")
