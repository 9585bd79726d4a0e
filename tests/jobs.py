"""Background jobs: the long browser work of the suite, run beside the other tests.

The page walks (every page, every per-page check), the search queries on the served site and the keyboard
walk take most of the suite's time, and each is one long, single-threaded browser session. They run in a
pool of worker processes (one Chromium each, kept for all the jobs of that worker), started at the
beginning of the session (conftest.py `jobs`), while the main process runs the other tests; the tests that
read a job's result run last. Each job's code is the same code the test ran before: only where it runs
changed. concurrent.futures gives the pool; `spawn`, because Playwright's sync API must not be forked.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from support import DESKTOP, EDITIONS, WALK_WIDTHS, PageWalk, keyboard_gaps, search_misses, site_urls, step_links

#: Worker processes: the machine has two cores, and the main process keeps running the other tests.
WORKERS = 2
#: The page walk goes in parts of this many page loads, so that the two workers share it evenly.
WALK_PART = 14

_browser = None


def browser():
    """This worker's Chromium, launched by its first job (so a launch failure reaches that job's test with
    its own message) and kept for the worker's other jobs; closed when the worker process exits."""
    global _browser
    if _browser is None:
        import atexit
        from playwright.sync_api import sync_playwright
        from support import launch_chromium
        playwright = sync_playwright().start()
        atexit.register(playwright.stop)
        _browser = launch_chromium(playwright)
        atexit.register(_browser.close)      # atexit runs the last registered first
    return _browser


# --- the jobs (top-level functions: they are sent to the workers by name) ------------------------------
def walk(base: str, plan: list, search: bool) -> dict[str, PageWalk]:
    return PageWalk.run(browser(), base, plan, search=search)


def served_search(base: str, lang: str) -> tuple[int, list[str]]:
    """Every query of the edition's list, typed into the served site's search box: (queries, misses)."""
    from support import SEARCH_QUERY_FILES, load_search_queries
    source = SEARCH_QUERY_FILES[lang]
    queries = load_search_queries(source)
    folder = f"{EDITIONS[lang]}/" if EDITIONS[lang] else ""
    context = browser().new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    page.goto(base + folder)
    misses = search_misses(page, base + folder, queries, source=source)
    context.close()
    return len(queries), misses


def keyboard(base: str, site: str) -> list[str]:
    """Keyboard only, on the steps overview and the top page: Tab reaches the search box and every step link."""
    context = browser().new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    problems = []
    for md in ("steps/index.md", "index.md"):
        page.goto(site_urls(base, Path(site))[md])
        links = step_links(page)
        if md == "steps/index.md" and len(links) < 5:
            problems.append(f"{md}: expected links to the step pages, found {sorted(links)}")
        problems += [f"{md}: {gap}" for gap in keyboard_gaps(page)]
    context.close()
    return problems


# --- the pool ---------------------------------------------------------------------------------------
class Jobs:
    """The pool and its jobs for one test session; a job starts on first `start()` or `result()`."""

    #: Which jobs each consumer fixture (conftest.py) reads; started early for the selected tests.
    GROUPS = {"page_walk": [("walk",)], "phone_walk": [("walk",)], "reflow_walk": [("walk",)],
              "served_search": [("search", lang) for lang in EDITIONS],
              "keyboard_problems": [("keyboard",)]}

    def __init__(self, base: str, site: Path):
        self.base, self.site = base, site
        self.pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"))
        self.futures: dict[tuple, list[Future]] = {}

    def start(self, key: tuple) -> None:
        if key in self.futures:
            return
        if key[0] == "walk":
            plan = PageWalk.plan(self.base, self.site)
            parts = [plan[i:i + WALK_PART] for i in range(0, len(plan), WALK_PART)] or [[]]
            self.futures[key] = [self.pool.submit(walk, self.base, part, i == 0) for i, part in enumerate(parts)]
        elif key[0] == "search":
            self.futures[key] = [self.pool.submit(served_search, self.base, key[1])]
        elif key[0] == "keyboard":
            self.futures[key] = [self.pool.submit(keyboard, self.base, str(self.site))]
        else:
            raise KeyError(f"tests/jobs.py: no job {key!r}")

    def start_groups(self, groups: set[str]) -> None:
        """Start the jobs of the consumer fixtures that selected tests use, the longest first (the Japanese
        search, then the walks), so the two workers finish at about the same time."""
        keys = [key for group in self.GROUPS if group in groups for key in self.GROUPS[group]]
        for key in sorted(keys, key=lambda k: (k != ("search", "ja"), k[0] != "walk")):
            self.start(key)

    def result(self, key: tuple, timeout: float = 600):
        self.start(key)
        results = [future.result(timeout=timeout) for future in self.futures[key]]
        if key[0] == "walk":        # {width: PageWalk} from each part
            return {width: PageWalk.merge(width, [part[width] for part in results]) for width in WALK_WIDTHS}
        return results[0]

    def close(self) -> None:
        """At the end of the session. If jobs are still running (a run stopped early: -x, Ctrl-C), stop the
        workers instead of waiting for them; their Chromium exits with its Playwright driver."""
        running = any(not f.done() for futures in self.futures.values() for f in futures)
        if running:
            for process in list(getattr(self.pool, "_processes", {}).values()):   # no public API for this
                process.terminate()
        self.pool.shutdown(wait=not running, cancel_futures=True)
