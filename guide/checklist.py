"""Print the one-page checklist (docs/checklist.md, built into site/) to dist/<name>-checklist.pdf.

The page itself is made from data/screens.yml (the `[[steps-checklist]]` table), the same data as the
step pages, so the sheet cannot disagree with them. print.css fits it on one A4 page with 11pt text;
this script prints it with Debian's Chromium (same route as guide/pdf.py) and FAILS when it does not
fit on exactly one page, naming what to shorten.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from guide import ROOT
from guide.browser import launch_chromium, local_only
from guide.build import parse_args
from guide.pdf import finish

TITLE = {"ja": "連携手続きのチェックリスト（OCNメールとdアカウントの連携ガイド）",
         "en": "Checklist for linking OCN mail with a d ACCOUNT (OCN Mail and d ACCOUNT Linking Guide)"}

MARGIN = {"top": "8mm", "bottom": "8mm", "left": "12mm", "right": "12mm"}

# Paper has no site: a link to another page of it (the glossary terms) would be printed as the builder's
# file:// path, which helps no reader and differs between two builds. Keep its words, drop the link;
# in-page (#…) and https links stay.
UNLINK_JS = """() => {
  let n = 0;
  document.querySelectorAll('article a[href]').forEach((a) => {
    const href = a.getAttribute('href');
    if (href.startsWith('#') || href.startsWith('https://')) return;
    const span = document.createElement('span');
    span.className = a.className;
    span.append(...a.childNodes);
    a.replaceWith(span);
    n += 1;
  });
  return n;
}"""


def print_checklist(html: Path, out: Path, browser=None) -> int:
    """Print `html` to `out` (in `browser`, else a Chromium of its own); returns the number of pages."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    if browser is None:
        with sync_playwright() as p:
            own = launch_chromium(p)
            try:
                return print_checklist(html, out, own)
            finally:
                own.close()
    blocked: list[str] = []
    page = browser.new_page()
    page.route("**/*", local_only(blocked))
    page.goto(html.as_uri(), wait_until="load")
    page.emulate_media(media="print")
    page.evaluate(UNLINK_JS)
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(out), format="A4", print_background=True, margin=MARGIN, tagged=True,
             display_header_footer=False)
    page.close()
    if blocked:
        sys.exit("the checklist tried to load from the network (blocked):\n  " + "\n  ".join(blocked))
    return len(PdfReader(out).pages)


def spill_problem(pdf: Path, docs: str) -> str | None:
    """What to do when the printed checklist is more than one page, with the text that spilled over."""
    from pypdf import PdfReader
    pages = PdfReader(pdf).pages
    if len(pages) == 1:
        return None
    spilled = " / ".join(" ".join(page.extract_text().split())[:80] for page in pages[1:])
    return (f"{docs}/checklist.md: the checklist prints on {len(pages)} pages, not 1 (what spills over: "
            f"「{spilled}」). Shorten the text in {docs}/checklist.md or the step titles in data/screens.yml, "
            "or tighten the checklist rules in docs/assets/stylesheets/print.css.")


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    start = time.monotonic()
    html = args.site_dir / "checklist" / "index.html"
    if not html.is_file():
        sys.exit(f"{html} is missing: run `make site` first (the checklist is printed from it)")
    out = args.out["checklist"]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".pdf.tmp")
    pages = print_checklist(html, tmp)
    if problem := spill_problem(tmp, "docs" if args.lang == "ja" else f"docs-{args.lang}"):
        tmp.unlink()
        sys.exit(problem)
    finish(tmp, out, TITLE[args.lang], args.lang)      # the same finishing as the whole guide's PDF
    print(f"checklist: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} "
          f"({out.stat().st_size / 1024:.0f} KiB, {pages} page, {time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
