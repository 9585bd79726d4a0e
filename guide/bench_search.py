"""Search benchmark (`make bench-search`): how well and how fast the site's search finds what readers type.

Prints, for the queries in data/search_queries.yml, on the served site (site/, gzip on, loopback) and
on the offline copy (dist/…-offline.zip unpacked, opened from file://):
- hit rate: the share of queries whose expected page is the first result (top 1) or among the first
  three (top 3), and the queries that miss the top 3;
- the search index size: search/search_index.json (web) and search_index.js (offline), raw and gzipped;
- time to first result: from opening search (clicking the search icon on a freshly opened page, so the
  index and the search worker load then, see hooks/search_lazy.py) to the first result shown, for a
  few queries typed at once; the median over those queries, each in a new browser context (cold cache).

Not a test (timings depend on the machine): tests/test_search.py checks the hit rate (every query in
the top 3). Run `make site offline` first (the make target does).
Usage: python -m guide.bench_search [--site site] [--offline-zip dist/…-offline.zip] [--runs 5]
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

from guide import ROOT
from guide.pipeline import outputs
from guide.screens import current
from guide.browser import launch_chromium
from guide.search_check import load_search_queries, result_pages, run_searches
from guide.serve import StaticServer

#: Queries for the time to first result: short, long, digits, a phrase copied from a screen.
TIMED_QUERIES = ["ワンタイムキー", "認証コード 6桁", "迷惑メールフォルダ",
                 current().labels["send-code"].ja.replace("、", ""), "固定電話しかない"]

# From opening search to the first result item on screen, measured inside the page (performance.now()).
_FIRST_RESULT_JS = """async (query) => {
  const start = performance.now();
  document.querySelector('label[for="__search"]').click();
  const box = document.querySelector('input.md-search__input');
  box.focus();
  box.value = query;
  const end = start + 20000;
  while (!document.querySelector('.md-search-result__list > li.md-search-result__item')) {
    if (performance.now() > end) return null;
    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));   // a reader still typing
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return performance.now() - start;
}"""


def hit_rates(browser, base: str, start_url: str, queries: list[dict]) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.goto(start_url)
    results = run_searches(page, [q["query"] for q in queries])
    context.close()
    top1 = top3 = 0
    misses = []
    for q, urls in zip(queries, results):
        pages = result_pages(urls, base)
        top1 += pages[:1] == [q["expect"]]
        top3 += q["expect"] in pages[:3]
        if q["expect"] not in pages[:3]:
            misses.append(f"「{q['query']}」 -> {q['expect']}: got {pages[:3] or 'no results'}")
    return {"top1": top1, "top3": top3, "n": len(queries), "misses": misses}


def first_result_ms(browser, start_url: str, runs: int) -> float | None:
    times = []
    for query in (TIMED_QUERIES * runs)[:max(runs, len(TIMED_QUERIES))]:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
        page = context.new_page()
        page.goto(start_url, wait_until="load")
        ms = page.evaluate(_FIRST_RESULT_JS, query)
        context.close()
        if ms is not None:
            times.append(ms)
    return statistics.median(times) if times else None


def size_row(label: str, path: Path) -> str:
    raw = path.read_bytes()
    return (f"| {label} | {len(raw):,} B ({len(raw) / 1024:.1f} KiB) | "
            f"{len(gzip.compress(raw, 9)):,} B ({len(gzip.compress(raw, 9)) / 1024:.1f} KiB) |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--offline-zip", type=Path, default=outputs("ja")["offline"])
    parser.add_argument("--runs", type=int, default=5, help="page loads for the time to first result")
    args = parser.parse_args()
    queries = load_search_queries()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p, \
            StaticServer(args.site, gzip=True) as server:
        with zipfile.ZipFile(args.offline_zip) as zf:
            zf.extractall(tmp)
        offline = Path(tmp) / outputs("ja")["offline_site"].name
        offline_base = offline.as_uri() + "/"
        browser = launch_chromium(p)
        rows = {
            "served": (hit_rates(browser, server.url, server.url, queries),
                       first_result_ms(browser, server.url, args.runs)),
            "offline": (hit_rates(browser, offline_base, offline_base + "index.html", queries),
                        first_result_ms(browser, offline_base + "index.html", args.runs)),
        }
        browser.close()
        sizes = [size_row("search_index.json (web)", args.site / "search" / "search_index.json"),
                 size_row("search_index.js (offline)", offline / "search" / "search_index.js")]

    print(f"Search benchmark: {len(queries)} queries (data/search_queries.yml)\n")
    print("| Where | Top 1 | Top 3 | Time to first result (median) |")
    print("|---|---:|---:|---:|")
    for where, (hits, ms) in rows.items():
        n = hits["n"]
        print(f"| {where} | {hits['top1']}/{n} ({100 * hits['top1'] / n:.0f} %) | "
              f"{hits['top3']}/{n} ({100 * hits['top3'] / n:.0f} %) | "
              f"{'n/a' if ms is None else f'{ms:.0f} ms'} |")
    print("\n| Index | Raw | Gzipped |\n|---|---:|---:|")
    print("\n".join(sizes))
    for where, (hits, _) in rows.items():
        if hits["misses"]:
            print(f"\nNot in the top 3 ({where}):")
            print("\n".join(f"- {m}" for m in hits["misses"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
