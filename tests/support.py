"""Helpers shared by the tests: paths, building the site, reading pages."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from checks import per_file_content
from guide import DOCS, LANGS, ROOT
from guide.browser import CspLog, launch_chromium, local_only  # noqa: F401  (shared with the builds)
from guide.first_screen import FIRST_ACTION_JS, SCREEN, must_show  # noqa: F401
from guide.pages import doc_pages  # noqa: F401
from guide.serve import StaticServer, site_urls  # noqa: F401  (shared with guide/bench*.py)
from guide.site import Build, start_build  # noqa: F401  (make site builds the same way)
from guide.pipeline import Folders, outputs
from guide.search_check import load_search_queries, result_pages, run_searches, url_to_doc  # noqa: F401

SNIPPETS = ROOT / "snippets"
CONFIG = ROOT / "mkdocs.yml"
#: The broken copy's web build (conftest.py broken_start) has the report link on, with this REPO_URL, as the
#: Pages workflow builds: MkDocs writes every page before the strict build stops, so tests/test_journey.py
#: checks the report link there instead of in a build of its own.
REPORT_REPO = "https://github.com/example/guide"

#: The editions: language -> its folder inside the built site ("" = the root) and its config.
EDITIONS = {lang: LANGS[lang]["site"] for lang in LANGS}


def edition_prefix(lang: str) -> str:
    """The edition's folder as it starts a URL path below the site's root: "" (Japanese), "en/"."""
    return f"{EDITIONS[lang]}/" if EDITIONS[lang] else ""


def require_site(build: Build, reporter: str) -> Path:
    """The built folder, or a skip with one line when the build failed: the failure is reported once, by
    `reporter` (its strict-build test names file, line and fix), not by every test that needs the pages."""
    import pytest
    if build.returncode or not (build.site / "index.html").exists():
        pytest.skip(f"{build.site.name}/ did not build: the failure of {reporter} names the file, line and fix")
    return build.site


def ungrouped(items) -> list[str]:
    """The ids of tests marked with a pytest-xdist group that their id does not carry ("…@group")."""
    return [item.nodeid for item in items
            if item.get_closest_marker("xdist_group") and "@" not in item.nodeid.rpartition("]")[2]]


def stop(proc: subprocess.Popen) -> None:
    """End a background checker whose output nobody read (a test deselected): kill it and close its pipes."""
    if proc.poll() is None:
        proc.kill()
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe:
            pipe.close()                        # closing twice is harmless; an unread pipe left open warns
    proc.wait()


@dataclass
class Textlint:
    """A textlint run started in the background (start_textlint); read it with textlint_findings()."""
    proc: subprocess.Popen | None       # None: every file was clean before and is unchanged
    files: dict[Path, str]              # the files it lints -> their content digest
    record: Path                        # the digests of the files that linted clean, under these rules
    clean: dict[str, str]               # what the record held when the run started


def _digest(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start_textlint(config: Path, *paths: Path) -> Textlint:
    """textlint (node_modules) over the Markdown files of `paths` with `config`, in the background.

    Files that linted clean before and have not changed since are skipped (the quick check while editing),
    by their content digest in a record named after the rules (config, prh files, package-lock.json), so a
    rule change lints all. textlint's own --cache was tried: its config hash depends on the order in which
    its rules finish loading, which varies from run to run with several rules (.textlintrc.en.json), so it
    linted every English page on every run (7 s)."""
    import json
    import pytest
    binary = ROOT / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        pytest.fail("node_modules/.bin/textlint is missing: run `npm ci` (or `make setup`)")
    rules = "".join(_digest(p)[:6] for p in (config, ROOT / "package-lock.json", *sorted(ROOT.glob("prh*.yml"))))
    record = ROOT / ".cache" / f"textlint-{config.stem.lstrip('.')}-{rules}.json"
    clean = json.loads(record.read_text()) if record.is_file() else {}
    files = {f: _digest(f) for p in paths for f in (sorted(p.rglob("*.md")) if p.is_dir() else [p])}
    todo = [str(f) for f, digest in files.items() if clean.get(str(f)) != digest]
    proc = todo and subprocess.Popen([str(binary), "--config", str(config), "--format", "json", *todo],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return Textlint(proc or None, files, record, clean)


def textlint_findings(run: Textlint) -> list[tuple[Path, int, int, str, str]]:
    """(file, line, column, message, rule) for every finding of a start_textlint() run; the files with
    none are recorded as clean."""
    import json
    import pytest
    if run.proc is None:
        return []
    out, err = run.proc.communicate()
    if run.proc.returncode not in (0, 1) or not out.strip().startswith("["):
        pytest.fail(f"textlint did not run (exit {run.proc.returncode}):\n{err or out}")
    results = json.loads(out)
    found = [(Path(r["filePath"]), m["line"], m["column"], " ".join(m["message"].split()), m["ruleId"])
             for r in results for m in r["messages"]]
    dirty, clean = {path for path, *_ in found}, run.clean
    for f, digest in run.files.items():
        if f in dirty:
            clean.pop(str(f), None)
        elif f.is_relative_to(ROOT):                    # not the self-test pages: they are new every run
            clean[str(f)] = digest
    run.record.parent.mkdir(exist_ok=True)
    run.record.write_text(json.dumps(clean, indent=0, sort_keys=True))
    return found


def build_site(dest: Path, config: Path = CONFIG, env: dict | None = None) -> Build:
    """Run `mkdocs build --strict` and keep its log, so tests can show every warning."""
    out, _ = (proc := start_build(dest, config, env)).communicate()
    return Build(site=dest, log=out, returncode=proc.returncode)


# --- theme overrides that are copies of Material templates (tests/test_overrides.py) ----------
# override -> the changes to Material's file: (text Material has, text our copy has instead), each applied
# to every occurrence. Nothing else may differ; each override's leading comment says why.
OVERRIDE_CHANGES = {
    "partials/search.html": [('role="dialog">', """role="dialog" aria-label="{{ lang.t('search') }}">""")],
    "base.html": [(' autocomplete="off">', ">")],
    "partials/nav-item.html": [('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}')],
    "partials/toc.html": [('<label class="md-nav__title" for="__toc">',
                           '<label class="md-nav__title"{% if page in nav.pages and not (page.is_index and page.parent'
                           ' and "navigation.indexes" in (config.theme.features or [])) %} for="__toc"{% endif %}>')],
    # issue #11: the switcher leads to the same page in the other edition (and names its language)
    "partials/alternate.html": [(
        '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">',
        """<a href="{{ alt.link ~ page.url | replace('index.html', '') | replace('.html', '/') if alt.absolute """
        """else (base_url | trim('/')) ~ '/' ~ alt.link ~ page.url }}" hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" """
        """class="md-select__link">"""),
        ("{% for alt in config.extra.alternate %}", "{% for alt in (config.extra.alternate if page else []) %}")],
}


# --- link/snippet/content checks (test engineer) ------------------------------------------
#: Counts that the checks report; conftest prints them at the end of the run.
CHECK_COUNTS: dict[str, int] = {}


def load_config(config: Path = CONFIG) -> dict:
    """mkdocs.yml as MkDocs reads it (its own loader understands !ENV and !!python/name)."""
    from mkdocs.utils.yaml import yaml_load
    with open(config, encoding="utf-8") as fh:
        return yaml_load(fh)


def page_html(site: Path, md_rel: str) -> Path:
    """The built HTML file of a page, for directory URLs (web) and flat .html files (offline)."""
    stem = md_rel[:-3]
    name = stem.rsplit("/", 1)[-1]
    if name == "index":
        candidates = [site / (stem[: -len(name)] + "index.html")]
    else:
        candidates = [site / stem / "index.html", site / (stem + ".html")]
    return next((c for c in candidates if c.exists()), candidates[0])


def load_hook(name: str):
    """hooks/<name>.py as a module (MkDocs loads hooks by path; they are not a package).

    Loaded once and registered in sys.modules (dataclasses in a hook look their module up there)."""
    import importlib.util
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def write_file(path: Path, text: str) -> Path:
    """Write a UTF-8 file, creating its folders: for fixture sites in the self-tests."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def copy_project(dest: Path) -> Path:
    """A throw-away copy of everything a build reads, for tests that break things on purpose."""
    import shutil
    for name in ("docs", "snippets", "docs-en", "snippets-en", "overrides", "data", "hooks", "guide", "diagrams"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(CONFIG, dest / "mkdocs.yml")
    shutil.copy2(ROOT / "mkdocs.en.yml", dest / "mkdocs.en.yml")
    if (ROOT / "node_modules").exists():          # vendored JS the offline build copies in
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest / "mkdocs.yml"


# --- real-browser checks: serving, Chromium, search (QA engineer) ---------------------------
PHONE = SCREEN                  # 390 x 844 (guide/first_screen.py)
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = ROOT / "test-artifacts"
SEARCH_QUERY_FILES = {lang: edition["queries"] for lang, edition in LANGS.items()}


def search_misses(page, base: str, queries: list[dict], top: int = 3,
                  source: Path = LANGS["ja"]["queries"]) -> list[str]:
    """Run every query on the loaded page; one line per query whose expected page is not in the top results."""
    from guide.search_check import top_misses
    ranked = [result_pages(urls, base) for urls in run_searches(page, [q["query"] for q in queries])]
    return top_misses(queries, ranked, source, top)


class RequestLog:
    """Every request a browser context makes (pages and their workers); requests to other hosts are
    recorded with the page that made them.

    It listens and does not intercept: Playwright turns the HTTP cache off in a context with a route,
    and with it off every page of a walk fetched and parsed Material's bundle again (~15% of the walk's
    CPU). Nothing can leave the machine anyway: the browser resolves no host but 127.0.0.1
    (guide.browser.CHROMIUM_ARGS), so a request elsewhere fails at once and is still reported here."""

    LOCAL_SCHEMES = ("data:", "blob:", "about:")

    def __init__(self, context, base: str):
        from urllib.parse import urlsplit
        self.origin = urlsplit(base)[:2]
        self.current = "?"
        self.foreign: list[str] = []
        self.pending = 0
        context.on("request", self._request)
        context.on("requestfinished", lambda r: self._count(-1))
        context.on("requestfailed", lambda r: self._count(-1))

    def _count(self, n: int):
        self.pending += n

    def settle(self, page, quiet_ms: int = 40, max_ms: int = 5000):
        """Wait until no request has been in flight for quiet_ms (faster than Playwright's 500 ms networkidle)."""
        waited = quiet = 0
        while quiet < quiet_ms and waited < max_ms:
            page.wait_for_timeout(25)
            waited += 25
            quiet = quiet + 25 if self.pending <= 0 else 0

    def _request(self, request):
        from urllib.parse import urlsplit
        self._count(1)
        url = request.url
        if not (url.startswith(self.LOCAL_SCHEMES) or urlsplit(url)[:2] == self.origin):
            self.foreign.append(f"{self.current}: request to {urlsplit(url).netloc or url} ({url})")


def collect_console_errors(page) -> list[str]:
    """A list that fills with the page's console errors and uncaught exceptions."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text} ({m.location.get('url', '')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    return errors


#: The widths of the page walk: a phone held upright, and a laptop. At phone width each page is then also
#: read at WCAG's reflow case, 320 px wide with the text at 200 % (REFLOW), for sideways scrolling only.
REFLOW = {"width": 320, "height": 640}
#: Text at 200 %: the root font size doubled (extra.css sets 137.5 %), as a reader's text-size setting does.
TEXT_200_JS = ("() => { const html = document.documentElement;"
               " html.style.fontSize = (parseFloat(getComputedStyle(html).fontSize) * 2) + 'px'; }")
WALK_WIDTHS = {"phone-390": PHONE, "desktop-1280": DESKTOP}
#: The walks, "width:edition": every edition at phone width; at desktop width the Japanese edition only, as
#: the editions share every template and stylesheet (what differs between widths, the layout, the sidebars,
#: the target sizes, is already walked) and the suite stays within its time budget. One walk per edition,
#: so the two run side by side (one pytest-xdist group each).
WALKS = [f"{width}:{lang}" for width in WALK_WIDTHS for lang in EDITIONS
         if lang == "ja" or not width.startswith("desktop")]


@dataclass
class PageWalk:
    """What the walk over every page found at one width (see the `page_walk` fixture)."""
    width: str
    console: list[str]          # "page.md: message"
    no_h1: list[str]            # pages whose article has no <h1>
    foreign: list[str]          # requests to another host, with the page that made them
    axe: list[str]              # axe-core violations, one line per node
    overflow: list[str]         # pages that scroll sideways (the page, or a table inside it)
    reflow: list[str]           # the same at 320 px with the text at 200 % (phone walk only)
    csp: list[str]              # Content-Security-Policy violations (reading every page, then a search)
    first_action: dict          # page -> where its first action's first line ends (px; phone width only)

    SCREENSHOTS = {"index.md": "top-phone.png", "steps/2-issue-account.md": "step-page-phone.png"}

    @staticmethod
    def plan(base: str, site: Path, width: str, lang: str) -> list[tuple[str, str, str]]:
        """(page, url, width) for every page of the `lang` edition, each loaded afresh at `width` (a window
        resized after the load showed Material's navigation in the middle of its fade-in, which axe
        rightly reports as low contrast). See WALKS for which edition is walked at which width."""
        folder, prefix = EDITIONS[lang], edition_prefix(lang)
        if not (site / folder / "index.html").is_file():
            return []
        return [(prefix + md, url, width) for md, url in site_urls(base + prefix, site / folder).items()]

    @classmethod
    def run(cls, browser, base: str, plan: list[tuple[str, str, str]],
            search: str | None = None) -> dict[str, "PageWalk"]:
        """Every per-page check on each page of `plan` at its width: {width: PageWalk}. With `search` (a top
        page's url), then a search there at each width (its worker and index load there), for the request
        and CSP checks."""
        width = plan[0][2] if plan else "phone-390"
        context = browser.new_context(viewport=WALK_WIDTHS[width], locale="ja-JP")
        context.add_init_script(path=str(AXE_JS))
        log = RequestLog(context, base)
        csp = CspLog(context)
        page = context.new_page()
        errors = collect_console_errors(page)
        walks = {name: cls(name, [], [], [], [], [], [], [], {}) for name in WALK_WIDTHS}

        def load(url: str, name: str, label: str) -> "PageWalk":
            """Open `url` at width `name`; what happens from now on is this width's, and `label`'s."""
            page.set_viewport_size(WALK_WIDTHS[name])         # back from the reflow width, if it was there
            log.current = csp.current = label
            log.foreign, csp.violations = walks[name].foreign, walks[name].csp
            errors.clear()
            page.goto(url, wait_until="load")
            return walks[name]

        for md, url, name in plan:
            walk = load(url, name, md)
            log.settle(page)                       # deferred scripts have run and logged by now
            if not page.locator("article h1").count():
                walk.no_h1.append(md)
            walk.console += [f"{md}: {e}" for e in errors]
            walk.axe += axe_violations(page, md)
            walk.overflow += [f"{md}: {what}" for what in page.evaluate(OVERFLOW_JS)]
            if name.startswith("phone"):
                walk.first_action[md] = page.evaluate(FIRST_ACTION_JS)
            if name.startswith("phone") and md in cls.SCREENSHOTS:
                out = ARTIFACTS / "screenshots" / cls.SCREENSHOTS[md]
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out), full_page=True)
            if name.startswith("phone"):           # then 320 px, text at 200 %: only sideways scrolling
                walk.reflow += reflow_overflow(page, md)
        if search:
            for name in dict.fromkeys(width for _, _, width in plan):
                walk = load(search, name, "search on the top page")
                run_searches(page, ["ワンタイムキー"])  # the search worker and its index load here
                log.settle(page)
                walk.console += [f"search on the top page: {e}" for e in errors]
        context.close()
        return walks


#: What scrolls sideways on the loaded page: the page itself, or a table (or its scroll wrapper).
OVERFLOW_JS = """() => {
  const out = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1) out.push(`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  document.querySelectorAll('article table, article .md-typeset__scrollwrap').forEach((el, i) => {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      out.push(`${el.tagName.toLowerCase()} #${i + 1} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
  });
  return out;
}"""


def reflow_overflow(page, name: str) -> list[str]:
    """What scrolls sideways on the loaded page at 320 px with the text at 200 % (WCAG reflow and resize
    text); the page stays so until the next load."""
    page.set_viewport_size(REFLOW)
    page.evaluate(TEXT_200_JS)
    return [f"{name}: {what}" for what in page.evaluate(OVERFLOW_JS)]


AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, name: str) -> list[str]:
    """axe-core (pinned in package.json) on the loaded page, WCAG 2.2 A/AA rules; one line per failing node.

    For many pages, load axe once per context with context.add_init_script(path=AXE_JS) (5x faster)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", AXE_TAGS)
    lines = []
    for v in result["violations"]:
        for node in v["nodes"]:
            lines.append(f"{name}: {v['id']} ({v['impact']}): {v['help']} at {' '.join(map(str, node['target']))}")
    return lines


#: Records every element that gets focus (capturing focusin), as a keyboard-only reader moves through the page.
_FOCUS_LOG_JS = """() => { window.__focusLog = [];
  document.addEventListener('focusin', (event) => { const e = event.target;
    window.__focusLog.push({tag: e.tagName.toLowerCase(), href: e.href || null, cls: e.className || '',
                            name: e.getAttribute('aria-label') || (e.textContent || '').trim().slice(0, 40)}); }, true); }"""


def tab_walk(page, presses: int = 400, batch: int = 25, enough=None) -> list[dict]:
    """Press Tab from the top of the loaded page, keyboard only; return each element that got focus, until
    focus comes back to the first one (or `enough(focused so far)` is true). Focus is logged in the page
    and read every `batch` presses (one round trip per batch, not two per press)."""
    page.evaluate(_FOCUS_LOG_JS)
    page.locator("body").focus()
    seen: list[dict] = []
    for _ in range(0, presses, batch):
        for _ in range(batch):
            page.keyboard.press("Tab")
        seen = page.evaluate("() => window.__focusLog")
        if seen and seen[0] in seen[1:]:
            return seen[:seen.index(seen[0], 1)]       # wrapped around
        if enough and enough(seen):
            return seen
    return seen


def step_links(page) -> set[str]:
    """Links in the article of the steps overview that lead to a step page (with or without #step-N)."""
    from urllib.parse import urlsplit
    hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)")
    own = urlsplit(page.url).path
    return {h for h in hrefs if "/steps/" in urlsplit(h).path and urlsplit(h).path != own
            and not urlsplit(h).fragment.startswith("__")}


def keyboard_gaps(page) -> list[str]:
    """What a Tab-only reader cannot reach on the loaded page: the search box, or a step link. Tabbing stops
    once all of them have had focus (or focus wrapped around to the first element)."""
    targets = step_links(page)

    def search_box(focused):
        return any("md-search__input" in f["cls"] for f in focused)

    def reached(focused):
        return {f["href"] for f in focused if f["href"]}

    focused = tab_walk(page, enough=lambda seen: search_box(seen) and targets <= reached(seen))
    gaps = [] if search_box(focused) else ["the search box (input.md-search__input) is never focused by Tab"]
    gaps += [f"step link {h} is never focused by Tab" for h in sorted(targets - reached(focused))]
    return gaps


# --- offline copy and PDF in dist/ (build engineer) -----------------------------------------
# DIST_DIR / BUILD_DIR: test outputs built elsewhere. Every path is named by guide.pipeline.outputs.
FOLDERS = Folders(build=Path(os.environ.get("BUILD_DIR", Folders.build)),
                  dist=Path(os.environ.get("DIST_DIR", Folders.dist)))
#: Per edition: the offline zip, its folder name, the PDF, the checklist and the print page.
DIST_FILES = {lang: {"zip": out["offline"], "pdf": out["pdf"], "folder": out["offline_site"].name,
                     "checklist": out["checklist"], "print": out["print_site"] / "print_page" / "index.html"}
              for lang, out in ((lang, outputs(lang, FOLDERS)) for lang in LANGS)}
OFFLINE_ZIP, PDF, CHECKLIST_PDF, PRINT_PAGE = (DIST_FILES["ja"][k] for k in ("zip", "pdf", "checklist", "print"))

# Script/style/font/image URLs that Material's own bundle carries as dormant loaders: each
# loads only when its trigger exists, and tests/test_offline.py asserts the trigger is absent
# (no class="mermaid" element; ResizeObserver exists in every browser Material supports).
DORMANT_LOADERS = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "Material loads it for .mermaid elements",
    "https://unpkg.com/resize-observer-polyfill": "Material loads it if ResizeObserver is missing",
}
_ASSET_EXT = r"\.(?:m?js|css|woff2?|ttf|otf|eot|png|jpe?g|gif|webp|avif|svg|ico)\b"
_NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/1999/xhtml")


def require_dist(path: Path) -> Path:
    """dist/ (and build/) outputs come from `make build`: a missing or stale one is a failure that says
    what to run, never a skip and never a confusing failure about its contents. Stale as the pipeline
    judges it: its step's stamp (guide.pipeline.is_current)."""
    import pytest
    from guide.pipeline import STEPS, is_current, step_outputs
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if not path.is_file():
        pytest.fail(f"{shown} is missing: run `make build` first (or `make check` for the checks that "
                    "need no built outputs); if `make build` failed, its last lines name the file and the fix")
    step = next(step for step in STEPS if any(path == out or path.is_relative_to(out)
                                              for out in step_outputs(step, FOLDERS)))
    if not is_current(step, FOLDERS):
        pytest.fail(f"{shown} is not current: something it is built from changed since the last build "
                    f"(build/pipeline-{step}.json) — run `make build` (or `make check` while editing); if it failed, "
                    "its last lines name the file and the fix")
    return path


def unzip_edition(tmp_path_factory, lang: str) -> Path:
    """An edition's offline zip (dist/, make build) unpacked into a new folder, as a reader would: the
    folder with index.html in it."""
    import zipfile
    files = DIST_FILES[lang]
    dest = tmp_path_factory.mktemp(f"offline-copy-{lang}")
    with zipfile.ZipFile(require_dist(files["zip"])) as zf:
        zf.extractall(dest)
    return dest / files["folder"]


def remote_asset_refs(root: Path) -> list[str]:
    """Every http(s):// reference to a script, style, font or image in a folder of built files,
    as 'file:line: what -> url'.

    Hand-written because link checkers (htmlproofer, pytest-check-links) test whether links
    *answer*; none reports "this file would fetch something from the network" across HTML
    attributes, inline/linked CSS url()/@import and script string literals."""
    import re
    from checks import soup_of

    css_url = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?://[^'")\s]+)""", re.I)
    # In scripts only quoted string literals count (URLs in comments are not fetched).
    js_string = re.compile(r"""(?<=['"`])https?://[^'"`\s]+(?=['"`])""")
    js_asset = re.compile(r"""[^?#]*""" + _ASSET_EXT + r"""|https?://(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com)/""", re.I)
    attrs = {"script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
             "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
             "input": ["src"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"],
             "track": ["src"]}
    link_rels = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                 "prefetch", "manifest", "mask-icon", "preconnect", "dns-prefetch"}
    found: list[str] = []

    def line_of(text: str, pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".css", ".js", ".svg"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in (".html", ".htm", ".svg"):
            for tag in soup_of(path).find_all(True):
                names = list(attrs.get(tag.name, []))
                if tag.name == "link" and link_rels & {r.lower() for r in tag.get("rel", [])}:
                    names.append("href")
                for name in names:
                    value = tag.get(name) or ""
                    for url in re.findall(r"https?://[^\s,]+", value) if "srcset" in name else [value]:
                        if url.lower().startswith(("http://", "https://", "//")):
                            found.append(f"{rel}:{tag.sourceline}: <{tag.name} {name}> -> {url}")
                style = tag.get("style") or ""
                for m in css_url.finditer(style):
                    found.append(f"{rel}:{tag.sourceline}: style attribute url() -> {m.group(1)}")
                if tag.name == "style" and tag.string:
                    for m in css_url.finditer(tag.string):
                        found.append(f"{rel}:{tag.sourceline}: <style> url()/@import -> {m.group(1)}")
        elif suffix == ".css":
            for m in css_url.finditer(text):
                found.append(f"{rel}:{line_of(text, m.start())}: url()/@import -> {m.group(1)}")
        else:  # .js: string literals that name a remote asset
            for m in js_string.finditer(text):
                url = m.group(0)
                if url in DORMANT_LOADERS or url.startswith(_NAMESPACES) or not js_asset.match(url):
                    continue
                found.append(f"{rel}:{line_of(text, m.start())}: script loads -> {url}")
    return found


def nav_pages(config: Path = CONFIG) -> list[tuple[str, str]]:
    """(title, 'file.md') for every page of mkdocs.yml's nav that is a file of the docs folder, in order (the
    route finder's pages are generated, and left out of the PDF: guide/routes.py). An entry without a
    title takes the page's first '# ' heading, as MkDocs does."""
    import re
    docs = next((LANGS[lang]["docs"] for lang in LANGS if LANGS[lang]["config"] == config), DOCS)

    def walk(items):
        for item in items:
            if isinstance(item, str) and (docs / item).is_file():
                text = (docs / item).read_text(encoding="utf-8")
                m = re.search(r"^#\s+(.+?)(?:\s*\{[^}]*\})?\s*$", text, re.M)
                yield (m.group(1).strip() if m else item, item)
            else:
                for title, value in item.items():
                    if isinstance(value, str):
                        yield (title, value)
                    else:
                        yield from walk(value)

    return [(title, page) for title, page in walk(load_config(config)["nav"]) if (docs / page).is_file()]


@per_file_content(maxsize=8)
def pdf_text(pdf: Path) -> str:
    """The PDF's text, as a reader's search or copy would get it (poppler's pdftotext). Read once per file
    content for the whole session: several test files read the same PDF."""
    proc = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return proc.stdout


@per_file_content(maxsize=8)
def pdf_reader(pdf: Path):
    """A pypdf reader of the PDF, shared for the whole session (parsing an 80-page PDF again in every test
    cost seconds); read-only use."""
    from pypdf import PdfReader
    return PdfReader(pdf)


def pdf_font_problems(pdf: Path) -> list[str]:
    """Fonts that are not embedded or have no ToUnicode map (text not searchable), per pdffonts."""
    proc = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = proc.stdout.splitlines()[2:]
    problems = []
    for row in rows:
        cols = row.split()
        # name type... encoding emb sub uni object ID : the last five columns are fixed
        emb, _sub, uni = cols[-5], cols[-4], cols[-3]
        if emb != "yes":
            problems.append(f"{pdf.name}: font {cols[0]} is not embedded")
        if uni != "yes":
            problems.append(f"{pdf.name}: font {cols[0]} has no ToUnicode map (text not searchable)")
    if not rows:
        problems.append(f"{pdf.name}: no fonts at all (is the text an image?)")
    return problems


PRINT_CSS = ROOT / "docs" / "assets" / "stylesheets" / "print.css"


def named_faces(css: Path = PRINT_CSS) -> tuple[dict[str, str], list[str]]:
    """({PostScript name: family}, problems) for every quoted font family the print CSS names, as fontconfig
    has them installed; a named family with no installed face is a problem (its package is missing)."""
    faces, problems = {}, []
    for family in dict.fromkeys(re.findall(r'"([^"]+)"', " ".join(
            line for line in css.read_text(encoding="utf-8").splitlines() if "font-family" in line))):
        out = subprocess.run(["fc-list", f":family={family}", "postscriptname"], capture_output=True, text=True).stdout
        names = re.findall(r"postscriptname=(\S+)", out)
        if not names:
            problems.append(f"{css.relative_to(ROOT) if css.is_relative_to(ROOT) else css}: font family \"{family}\" is not installed — add its Debian "
                            "package to scripts/ensure_system_deps.sh, or stop naming it")
        faces.update(dict.fromkeys(names, family))
    return faces, problems


def pdf_face_problems(pdf: Path, css: Path = PRINT_CSS) -> list[str]:
    """Every face in the PDF is one the print CSS names (so fontconfig's choice cannot change the PDF)."""
    faces, problems = named_faces(css)
    used = set()
    for page in pdf_reader(pdf).pages:
        for font in (page.get("/Resources", {}).get_object().get("/Font") or {}).values():
            font = font.get_object()
            name = font.get("/BaseFont") or (font.get("/FontDescriptor") or {}).get("/FontName")
            used.add(str(name).lstrip("/").split("+")[-1])
    return problems + [f"{pdf.name}: face {name} is not from a family that {css.name} names "
                       f"({', '.join(sorted(set(faces.values())))}) — name its family in the print CSS"
                       for name in sorted(used - set(faces))]


def pdf_link_problems(pdf: Path) -> tuple[int, list[str]]:
    """(number of internal links, problems): every link annotation with an internal target
    must point to an existing page or named destination, and every external one to an https address
    (a site-relative link becomes the builder's file:// path in a printed PDF: useless to the reader,
    and the PDF is no longer reproducible)."""
    from pypdf.generic import ArrayObject

    reader = pdf_reader(pdf)
    page_ids = {p.indirect_reference.idnum for p in reader.pages}
    names = {str(k).lstrip("/") for k in reader.named_destinations}
    count, problems = 0, []
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            dest = annot.get("/Dest")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if dest is None:        # external (URI) link
                uri = str(action.get("/URI", "")) if action is not None else ""
                if action is not None and action.get("/S") == "/URI" and not uri.startswith("https://"):
                    problems.append(f"{pdf.name}: page {number}: link to '{uri}' is not https: the printed page "
                                    "linked to a page of the site; print it as plain text (guide/checklist.py, "
                                    "guide/pdf.py)")
                continue
            count += 1
            dest = dest.get_object() if hasattr(dest, "get_object") else dest
            if isinstance(dest, ArrayObject):
                target = dest[0]
                if getattr(target, "idnum", None) not in page_ids:
                    problems.append(f"{pdf.name}: page {number}: link points to a page that does not exist")
            elif str(dest).lstrip("/") not in names:
                problems.append(f"{pdf.name}: page {number}: link to missing destination '{str(dest).lstrip('/')}'")
    return count, problems


# --- W3C Nu HTML checker (vnu-jar from npm, Debian's java) ---------------------------------------
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: C1 only and a serial GC start the JVM ~2x faster for one short run; C1 needs a larger thread stack.
#: --no-langdetect: the language detection only ever gives warnings, which --errors-only drops anyway.
VNU_CMD = ["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR),
           "--errors-only", "--no-langdetect", "--format", "json"]


def start_nu(files: list[Path]) -> subprocess.Popen:
    """Start the Nu checker ONCE over all files (the JVM start dominates), in the background; read its
    findings with nu_errors()."""
    import shutil
    import pytest
    if not VNU_JAR.is_file() or not shutil.which("java"):
        pytest.fail("the W3C Nu checker needs node_modules/vnu-jar (npm ci) and java "
                    "(apt-get install default-jre-headless): run make setup")
    return subprocess.Popen([*VNU_CMD, *map(str, files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def nu_errors(proc: subprocess.Popen, files: list[Path]) -> dict[Path, list[dict]]:
    """The errors of a start_nu() run, grouped by file (every file of the run has an entry)."""
    import json
    from urllib.parse import unquote, urlsplit
    import pytest
    _, err = proc.communicate()
    try:
        messages = json.loads(err)["messages"]
    except ValueError:
        pytest.fail(f"the Nu checker gave no JSON report (exit {proc.returncode}):\n{err[-2000:]}")
    found: dict[Path, list[dict]] = {Path(f).resolve(): [] for f in files}
    for m in messages:
        if m.get("type") == "error" or m.get("subType") == "fatal":
            path = Path(unquote(urlsplit(m.get("url", "")).path)).resolve()
            found.setdefault(path, []).append(m)
    return found


def nu_lines(name: str, messages: list[dict]) -> list[str]:
    """One 'file:line: message — what to do' line per Nu checker error."""
    return [f"{name}:{m.get('lastLine', m.get('firstLine', 1))}: {m['message']} — fix the template in overrides/ "
            f"(tests/test_overrides.py), the Markdown, or the hook that writes it; see maintainers/valid-html.md"
            for m in messages]


def pdf_accessibility_problems(pdf: Path, title: str, lang: str) -> list[str]:
    """What a screen reader or a PDF/UA checker would miss first: tags, outline, title, language.
    Tagged per poppler's pdfinfo; the rest read with pypdf."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    problems = []
    if "Tagged:          yes" not in info:
        problems.append(f"{pdf.name}: not tagged (pdfinfo: Tagged: no) — guide/pdf.py must call page.pdf(tagged=True)")
    reader = pdf_reader(pdf)
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        problems.append(f"{pdf.name}: no structure tree (/StructTreeRoot) — page.pdf(tagged=True)")
    if not reader.outline:
        problems.append(f"{pdf.name}: no document outline (bookmarks) — page.pdf(outline=True)")
    meta = reader.metadata or {}
    if meta.get("/Title") != title:
        problems.append(f"{pdf.name}: /Title is {meta.get('/Title')!r}, expected {title!r} — guide/pdf.py set_metadata")
    xmp = reader.xmp_metadata
    if not xmp or title not in (xmp.dc_title or {}).values():
        problems.append(f"{pdf.name}: XMP metadata lacks dc:title {title!r} — guide/pdf.py set_metadata")
    if str(root.get("/Lang", "")) != lang:
        problems.append(f"{pdf.name}: catalog /Lang is {root.get('/Lang')!r}, expected {lang!r} — guide/pdf.py set_metadata")
    prefs = root.get("/ViewerPreferences")
    if not (prefs and prefs.get_object().get("/DisplayDocTitle")):
        problems.append(f"{pdf.name}: viewers show the file name, not the title (/DisplayDocTitle) — guide/pdf.py")
    return problems
