"""Page-speed benchmark (`make bench`): Lighthouse CI (@lhci/cli) on every page of the built site, mobile
preset (Lighthouse's default: Moto G power, simulated slow 4G, 4x CPU slowdown). Prints a Markdown table
and writes it to bench/README-table.md.

Why lhci: a maintained library does what this file used to do by hand. `lhci collect` serves the site
(Express with the compression middleware, which answers Chromium with brotli; it listens on every
interface, not only loopback, while it runs), runs Lighthouse --runs times per page and saves every run;
`lhci upload` (target filesystem) marks each page's representative run (the one nearest the median FCP
and time to interactive); `lhci assert` checks the targets, the assertions in lighthouserc.json (every
category 100, FCP <= 1.2 s, <= 100 KiB; the median of the runs), and says what failed. What stays ours:
the list of pages (one URL per docs page), Chromium's path and flags (guide/browser.py) and the table.
Exit status 1 if `lhci assert` fails.

Not a test: scores depend on the machine (CPU, load). Run it on a quiet machine; --runs 3 (or 5) evens
out run-to-run variance, as Lighthouse's own docs recommend.
Usage: python -m guide.bench [--site site] [--runs N] [--only faq.md ...] [--out bench/README-table.md]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from guide import ROOT
from guide.browser import CHROMIUM, CHROMIUM_ARGS, chromium_version
from guide.serve import site_urls

LHCI = ROOT / "node_modules" / ".bin" / "lhci"
RC = ROOT / "lighthouserc.json"
#: lhci keeps its runs and assertion results here (a path fixed by lhci: .lighthouseci/ in its cwd).
LHCI_DIR = ROOT / ".lighthouseci"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# One string for Lighthouse's chromeFlags, which it splits on spaces: a value with spaces is quoted.
# lhci adds --headless=new itself.
CHROME_FLAGS = " ".join(a.replace("=", '="', 1) + '"' if " " in a else a for a in CHROMIUM_ARGS)


def lhci(*args: str, show: bool = False, check: bool = True) -> subprocess.CompletedProcess:
    """`lhci <args> --config=lighthouserc.json` in the repository; show=True streams its output to stderr
    (progress), otherwise it is kept and printed only if the command fails."""
    proc = subprocess.run([str(LHCI), *args, f"--config={RC}"], cwd=ROOT, text=True,
                          stdout=sys.stderr if show else subprocess.PIPE, stderr=subprocess.STDOUT)
    if check and proc.returncode != 0:
        said = "its output is above" if show else proc.stdout[-3000:]
        raise SystemExit(f"lhci {args[0]} failed (exit {proc.returncode}); {said}")
    return proc


def representative_runs(out_dir: Path) -> dict[str, dict]:
    """{url path: Lighthouse result} of each page's representative run, from lhci upload's manifest.json."""
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    return {urllib.parse.urlsplit(e["url"]).path: json.loads(Path(e["jsonPath"]).read_text(encoding="utf-8"))
            for e in manifest if e["isRepresentativeRun"]}


def row(md: str, report: dict) -> dict:
    cats, audits = report["categories"], report["audits"]
    failed = sorted(
        a_id for c in CATEGORIES if c != "performance"
        for ref in cats[c]["auditRefs"] if ref["weight"] > 0
        for a_id in [ref["id"]] if (audits[a_id].get("score") is not None and audits[a_id]["score"] < 1))
    return {
        "page": md,
        **{c: round(cats[c]["score"] * 100) for c in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": failed,
    }


def table(rows: list[dict]) -> str:
    lines = ["| Page | Performance | Accessibility | Best practices | SEO | FCP | Transferred |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['page']} | {r['performance']} | {r['accessibility']} | {r['best-practices']} "
                     f"| {r['seo']} | {r['fcp_ms'] / 1000:.1f} s | {r['kib']:.0f} KiB |")
    return "\n".join(lines)


def missed(results: list[dict], pages: dict[str, str], rows: list[dict]) -> dict[str, list[str]]:
    """{page: what failed} from lhci assert's assertion-results.json (failed error-level assertions), with
    the failed accessibility, best-practices and SEO audits of the page's run (what to fix)."""
    failed = {r["page"]: r["failed"] for r in rows}
    out: dict[str, list[str]] = {}
    for a in results:
        if a["passed"] or a.get("level", "error") != "error":
            continue
        md = pages.get(urllib.parse.urlsplit(a["url"]).path, a["url"])
        what = a["auditId"] + (f".{a['auditProperty']}" if a.get("auditProperty") else "")
        out.setdefault(md, []).append(f"{what} {a['actual']:g} (expected {a['operator']} {a['expected']:g})")
    for md, why in out.items():
        if failed.get(md):
            why.append("failed audits: " + ", ".join(failed[md]))
    return out


def targets(assertions: dict) -> str:
    """The assertions of lighthouserc.json in one line, e.g. 'first-contentful-paint <= 1200'."""
    ops = {"minScore": ">=", "maxNumericValue": "<=", "maxLength": "<="}
    return ", ".join(f"{key} {ops[k]} {v:g}" for key, (_, opts) in assertions.items()
                     for k, v in opts.items() if k in ops)


def note(rc: dict, report: dict, site: Path, pages: int, runs: int, seconds: float) -> str:
    lhci_version = json.loads((ROOT / "node_modules/@lhci/cli/package.json").read_text())["version"]
    chromium = chromium_version()
    worker = sorted((site / "assets/javascripts/workers").glob("search.*.min.js"))
    worker_kib = len(gzip.compress(worker[0].read_bytes(), 9)) / 1024 if worker else 0
    return (f"Lighthouse {report['lighthouseVersion']} through Lighthouse CI {lhci_version}, mobile preset "
            f"(simulated slow 4G, 4x CPU), Debian {chromium}, site served by lhci's static server "
            f"(compression middleware: brotli for Chromium) on 127.0.0.1; {pages} pages, {runs} run(s) each, "
            f"lhci's representative run shown; {seconds:.0f} s. Targets (lighthouserc.json, `lhci assert`, "
            f"median of the runs): {targets(rc['assert']['assertions'])}. Transferred = Lighthouse's total "
            f"byte weight of a first visit. The search worker ({worker_kib:.0f} KiB gzipped) and the index load "
            f"only when the reader opens search (hooks/search_lazy.py).")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--only", nargs="*", help="pages to measure, e.g. index.md faq.md")
    ap.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; lhci keeps a representative run")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "README-table.md")
    args = ap.parse_args()
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}/index.html missing: build the site first (make site)")
    if not LHCI.exists():
        raise SystemExit("node_modules/.bin/lhci missing: run npm ci (make setup)")
    # A wrong chromePath is not an error to lhci: chrome-launcher quietly takes any other Chrome it finds.
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} missing: install chromium (make sysdeps) or set CHROMIUM (guide/browser.py)")
    if args.runs < 1:
        raise SystemExit("--runs must be 1 or more")
    urls = site_urls("http://127.0.0.1/", args.site)  # lhci puts its server's port in
    unknown = sorted(set(args.only or []) - set(urls))
    if unknown:
        raise SystemExit(f"--only: no such page in docs/: {', '.join(unknown)} (give paths like faq.md)")
    urls = {md: url for md, url in urls.items() if not args.only or md in args.only}
    pages = {urllib.parse.urlsplit(url).path: md for md, url in urls.items()}
    rc = json.loads(RC.read_text(encoding="utf-8"))["ci"]

    started = time.time()
    lhci("collect", f"--staticDistDir={args.site.resolve()}", f"--numberOfRuns={args.runs}",
         f"--chromePath={CHROMIUM}", f"--settings.chromeFlags={CHROME_FLAGS}",
         *(f"--url={u}" for u in urls.values()), show=True)
    seconds = time.time() - started
    lhci("upload")
    runs = representative_runs(ROOT / rc["upload"]["outputDir"])
    rows = [row(md, runs[path]) for path, md in pages.items()]
    (LHCI_DIR / "assertion-results.json").unlink(missing_ok=True)
    verdict = lhci("assert", check=False)

    md_table = table(rows)
    text = md_table + "\n\n" + note(rc, runs[next(iter(pages))], args.site, len(rows), args.runs, seconds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    if verdict.returncode != 0:
        said = verdict.stdout if sys.stderr.isatty() else re.sub(r"\x1b\[[0-9;]*m", "", verdict.stdout)
        print(said, file=sys.stderr)
        results_file = LHCI_DIR / "assertion-results.json"
        results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.exists() else []
        for page, why in missed(results, pages, rows).items():
            print(f"MISSED TARGET {page}: {'; '.join(why)}", file=sys.stderr)
    print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}; "
          f"Lighthouse reports: {rc['upload']['outputDir']}/", file=sys.stderr)
    return 1 if verdict.returncode != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
