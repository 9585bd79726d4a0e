"""Run search queries in a real browser page, through the site's own search box and worker.

Shared by tests/test_search.py (every query in data/search_queries.yml finds its page) and
guide/bench_search.py (hit rate and time to first result). Works on the served site and on the
offline copy (file://, iframe-worker).

Why one page.evaluate() for all queries: typing query after query from Python cost ~160 ms each
(Playwright round trips and 50 ms polls); the loop inside the page waits on animation frames only,
so 90 queries take a few seconds and the browser tests stay well under 10 s each.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from guide import DOCS, LANGS

SEARCH_QUERIES = LANGS["ja"]["queries"]

# The search box as a reader uses it: type, wait until the result line says how many pages were
# found, wait until the list stops changing, read the result links (one per page group). Before each
# query the box is emptied and the placeholder line awaited, so a query with the same result count as
# the previous one is never read from stale results.
_RUN_QUERIES_JS = """async (queries) => {
  const box = document.querySelector('input.md-search__input');
  const meta = () => { const m = document.querySelector('.md-search-result__meta');
                       return m ? m.textContent : ''; };
  const urls = () => [...document.querySelectorAll('.md-search-result__list > li.md-search-result__item')]
      .map(li => (li.querySelector('a') || {}).href).filter(Boolean);
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const until = async (ok, ms) => { const end = performance.now() + ms;
      while (!ok()) { if (performance.now() > end) return false; await frame(); } return true; };
  const type = (text) => { box.value = text; box.dispatchEvent(new Event('input', {bubbles: true}));
                           box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); };
  // Material's own wording of the result line (its translations for ja and en).
  const en = (document.documentElement.lang || 'ja').startsWith('en');
  const placeholder = en ? 'Type to start searching' : '検索キーワードを入力してください';
  const done = en ? /matching document|No matching documents/ : /見つかりました|何も見つかりませんでした/;
  const out = [];
  for (const q of queries) {
    type('');
    if (!await until(() => meta().includes(placeholder), 25000))
      throw new Error('search box never showed its placeholder line (index not loaded?)');
    type(q);
    if (!await until(() => done.test(meta()), 25000))
      throw new Error('no result line for ' + q);
    let prev = null, now = JSON.stringify(urls());
    for (let i = 0; i < 20 && now !== prev; i++) { await frame(); prev = now; now = JSON.stringify(urls()); }
    out.push(JSON.parse(now));
  }
  return out;
}"""


def open_search(page) -> None:
    """Open the search box on a loaded page (this also starts loading the index, hooks/search_lazy.py)."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator('label[for="__search"]').first.click()
    box.focus()


def run_searches(page, queries: list[str]) -> list[list[str]]:
    """The result page URLs, in order, for each query, typed one after the other into the search box."""
    open_search(page)
    return page.evaluate(_RUN_QUERIES_JS, list(queries))


def url_to_doc(url: str, base: str) -> str:
    """Map a page URL of the built site (web or offline copy) back to its source, e.g. 'faq.md'."""
    path = unquote(urlsplit(url).path)
    root = unquote(urlsplit(base).path)
    rel = path[len(root):] if path.startswith(root) else path
    if rel.endswith(".html"):
        rel = rel[: -len(".html")]
    rel = rel.strip("/")
    if rel == "" or rel == "index":
        return "index.md"
    if rel.endswith("/index"):
        return rel + ".md"
    return rel + ".md" if (DOCS / (rel + ".md")).exists() else rel + "/index.md"


def result_pages(urls: list[str], base: str) -> list[str]:
    """Result URLs as source pages ('faq.md'), each page once, in result order."""
    pages: list[str] = []
    for url in urls:
        doc = url_to_doc(url, base)
        if doc not in pages:
            pages.append(doc)
    return pages


def rank_without_browser(site: Path, queries: list[str]) -> list[list[str]]:
    """The result pages ('faq.md'), in order, for each query, from the built site's own search worker run
    by Node (guide/search_rank.js): the ranking of the search box, in a second, with no browser."""
    import json
    import shutil
    import subprocess
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is needed to rank the search queries: install Node.js 20 (make setup)")
    proc = subprocess.run([node, str(Path(__file__).with_name("search_rank.js")), str(site), json.dumps(queries)],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode:
        raise RuntimeError(f"guide/search_rank.js failed on {site}: {proc.stderr[-1500:]}")
    return [result_pages(locations, "") for locations in json.loads(proc.stdout)]


def top_misses(queries: list[dict], ranked: list[list[str]], source: Path, top: int = 3) -> list[str]:
    """One line per query whose expected page is not in the top results."""
    return [f"{source.name}: 「{q['query']}」 should find {q['expect']} in the top {top}, got {pages[:top] or 'no results'}"
            for q, pages in zip(queries, ranked) if q["expect"] not in pages[:top]]


def ranking_differences(queries: list[str], box: list[list[str]], node: list[list[str]], top: int = 3) -> list[str]:
    """One line per query whose top results in the search box are not those of the Node ranking."""
    return [f"「{q}」: the search box lists {b[:top]}, the Node ranking {n[:top]}"
            for q, b, n in zip(queries, box, node) if b[:top] != n[:top]]


def load_search_queries(path: Path = SEARCH_QUERIES) -> list[dict]:
    """data/search_queries.yml: [{query: ..., expect: 'page.md'}, ...]"""
    from guide import yamlfast
    with open(path, encoding="utf-8") as fh:
        return yamlfast.safe_load(fh.read())["queries"]
