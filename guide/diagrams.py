"""Render every ```mermaid fence in docs/ and snippets/ to diagrams/<sha256>.svg.

`make diagrams` runs this; commit the SVGs. The superfences formatter in guide/mermaid.py inlines
them, so neither the site nor the PDF needs mermaid.js. Rendering uses the pinned
node_modules/mermaid/dist/mermaid.min.js in Debian's headless Chromium (Playwright),
with the network blocked, htmlLabels off (pure SVG <text>, which prints and is
selectable in the PDF) and the same Japanese font stack as the site.

  python -m guide.diagrams            render missing diagrams, delete unused SVGs
  python -m guide.diagrams --force    re-render all
  python -m guide.diagrams --check    only report missing ones (exit 1), no browser
"""
from __future__ import annotations

import argparse
import re
import sys

from guide import ROOT
from guide.browser import launch_chromium
from guide.mermaid import CACHE, all_fences

MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
FONT_STACK = ('"Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
              '"BIZ UDPGothic", "Yu Gothic UI", Meiryo, sans-serif')

# Runs in the page: render, then make the SVG an accessible image with a text alternative.
RENDER_JS = """
async ([id, source, fontFamily]) => {
  mermaid.initialize({
    startOnLoad: false, securityLevel: 'strict', theme: 'neutral', htmlLabels: false,
    fontFamily, deterministicIds: true, deterministicIDSeed: id,
    themeVariables: { fontFamily, fontSize: '16px' },
    flowchart: { htmlLabels: false, useMaxWidth: true },
  });
  const { svg } = await mermaid.render(id, source);
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const clean = (s) => s.replace(/\\s+/g, ' ').trim();
  const title = root.querySelector(':scope > title');
  const desc = root.querySelector(':scope > desc');
  const text = (n) => {               // one label line per tspan.row, joined by a space
    const rows = [...n.querySelectorAll('tspan.row')];
    return clean(rows.length ? rows.map((r) => r.textContent).join(' ') : n.textContent);
  };
  const steps = [...root.querySelectorAll('g.node')].map(text).filter(Boolean);
  let label = [title && clean(title.textContent), desc && clean(desc.textContent)].filter(Boolean).join('。');
  if (!label) label = '流れ図: ' + steps.join(' → ');
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', label);
  root.removeAttribute('aria-roledescription');
  root.removeAttribute('aria-labelledby');
  root.removeAttribute('aria-describedby');
  if (!title) {
    const t = doc.createElementNS('http://www.w3.org/2000/svg', 'title');
    t.textContent = label;
    root.insertBefore(t, root.firstChild);
  }
  return new XMLSerializer().serializeToString(root);
}
"""


def render(todo: dict[str, tuple[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    if not MERMAID_JS.is_file():
        sys.exit(f"{MERMAID_JS.relative_to(ROOT)} is missing: run `npm ci` (or `make setup`).")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())      # nothing leaves the machine
        page.set_content(f'<!doctype html><html lang="ja"><body style="font-family:{FONT_STACK}">'
                         '</body></html>')
        page.add_script_tag(path=str(MERMAID_JS))
        for key, (source, where) in todo.items():
            try:
                svg = page.evaluate(RENDER_JS, [f"flow-{key[:12]}", source, FONT_STACK])
            except Exception as exc:   # Mermaid syntax errors arrive here
                sys.exit(f"{where}: mermaid could not render this diagram: {exc}")
            (CACHE / f"{key}.svg").write_text(svg + "\n", encoding="utf-8")
            print(f"rendered {where} -> {(CACHE / f'{key}.svg').relative_to(ROOT)}")
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="re-render every diagram")
    ap.add_argument("--check", action="store_true", help="only list missing SVGs")
    args = ap.parse_args()

    found = all_fences()
    CACHE.mkdir(parents=True, exist_ok=True)
    todo = {k: v for k, v in found.items() if args.force or not (CACHE / f"{k}.svg").is_file()}
    if args.check:
        for key, (_, where) in todo.items():
            print(f"{where}: no rendered SVG (diagrams/{key}.svg); run `make diagrams`")
        return 1 if todo else 0
    if todo:
        render(todo)
    for old in CACHE.glob("*.svg"):     # delete SVGs whose source no longer exists
        if re.fullmatch(r"[0-9a-f]{64}", old.stem) and old.stem not in found:
            old.unlink()
            print(f"removed unused {old.relative_to(ROOT)}")
    print(f"{len(found)} diagram(s), {len(todo)} rendered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
