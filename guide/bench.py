"""Page-speed benchmark (`make bench`): Lighthouse on every page of the built site, served as real
static hosting serves it (gzip on, loopback only), mobile preset (Lighthouse's default: Moto G power,
simulated slow 4G, 4x CPU slowdown). Prints a Markdown table and writes it to bench/README-table.md.

Targets per page: performance, accessibility, best practices and SEO 100; first contentful paint
<= 1.2 s; <= 100 KiB transferred on a first visit. Exit status 1 if a page misses a target.

Not a test: scores depend on the machine (CPU, load). Run it on a quiet machine; --runs 3 (or 5) runs
Lighthouse several times per page and keeps the median run (by performance score, then FCP), as
Lighthouse's own docs recommend against run-to-run variance.
Usage: python -m guide.bench [--site site] [--runs N] [--only faq.md ...] [--out bench/README-table.md]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from guide import ROOT
from guide.browser import CHROMIUM, CHROMIUM_ARGS
from guide.serve import StaticServer, site_urls

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# One string for Lighthouse's --chrome-flags, which splits on spaces: a value with spaces is quoted.
CHROME_FLAGS = " ".join(a.replace("=", '="', 1) + '"' if " " in a else a for a in ["--headless=new", *CHROMIUM_ARGS])
TARGET_SCORE, TARGET_FCP_MS, TARGET_KIB = 100, 1200, 100


def lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


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


def misses(r: dict) -> list[str]:
    out = [f"{c} {r[c]}" for c in CATEGORIES if r[c] < TARGET_SCORE]
    if r["fcp_ms"] > TARGET_FCP_MS:
        out.append(f"FCP {r['fcp_ms'] / 1000:.2f} s")
    if r["kib"] > TARGET_KIB:
        out.append(f"{r['kib']:.0f} KiB")
    if r["failed"]:
        out.append("failed audits: " + ", ".join(r["failed"]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--only", nargs="*", help="pages to measure, e.g. index.md faq.md")
    ap.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median run is kept")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "README-table.md")
    args = ap.parse_args()
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}/index.html missing: build the site first (make site)")
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse missing: run npm ci (make setup)")

    rows, started = [], time.time()
    with StaticServer(args.site, gzip=True) as server, tempfile.TemporaryDirectory() as tmp:
        urls = site_urls(server.url, args.site)
        for md, url in urls.items():
            if args.only and md not in args.only:
                continue
            runs = sorted((row(md, lighthouse(url, Path(tmp) / "report.json")) for _ in range(args.runs)),
                          key=lambda r: (r["performance"], -r["fcp_ms"]))
            rows.append(runs[len(runs) // 2])
            r = rows[-1]
            print(f"  {md}: {r['performance']}/{r['accessibility']}/{r['best-practices']}/{r['seo']} "
                  f"FCP {r['fcp_ms'] / 1000:.2f} s, {r['kib']:.0f} KiB", file=sys.stderr, flush=True)

    md_table = table(rows)
    import gzip
    worker = sorted((args.site / "assets/javascripts/workers").glob("search.*.min.js"))
    worker_kib = len(gzip.compress(worker[0].read_bytes(), 9)) / 1024 if worker else 0
    note = (f"Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()}, "
            f"mobile preset (simulated slow 4G, 4x CPU), Debian chromium, site served with gzip on 127.0.0.1; "
            f"{len(rows)} pages, median of {args.runs} run(s) each, {time.time() - started:.0f} s. Targets: 100/100/100/100, FCP <= 1.2 s, <= 100 KiB. "
            f"Transferred = Lighthouse's total byte weight of a first visit. The search worker "
            f"({worker_kib:.0f} KiB gzipped) and the index load only when the reader opens search "
            f"(hooks/search_lazy.py).")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(md_table + "\n\n" + note + "\n", encoding="utf-8")
    print(md_table + "\n\n" + note)
    bad = {r["page"]: misses(r) for r in rows if misses(r)}
    for page, why in bad.items():
        print(f"MISSED TARGET {page}: {'; '.join(why)}", file=sys.stderr)
    print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
