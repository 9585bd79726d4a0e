"""The reader's first action on the first screen of a phone (issue #17): where it is, and a figure.

On every step page, help page and route page, the first item of the first numbered list of the article
(the step navigation aside) is the reader's first action; at 390×844 its first line must be on the first
screen, without scrolling. The browser walk (tests/support.py PageWalk) measures it with FIRST_ACTION_JS
on each page; `python -m guide.first_screen` prints the figure for both editions of a built site.
"""
from __future__ import annotations

import re

#: The phone screen the figure is for (CSS pixels): an iPhone 12-15 in portrait.
SCREEN = {"width": 390, "height": 844}

#: The step pages and the help pages (not their index), in either edition.
STEP_OR_HELP = re.compile(r"^(?:en/)?(?:steps/\d-[a-z-]+|troubleshooting/(?!index\.md)[a-z-]+)\.md$")

#: The bottom of the first line of the first action, in CSS pixels from the top of the page (null: the
#: page has no numbered list). Route question pages have no numbered list: their answers are links.
FIRST_ACTION_JS = """() => {
  const lists = [...document.querySelectorAll('article ol')].filter(ol => !ol.closest('.step-nav, nav'));
  const li = lists.length ? lists[0].querySelector('li') : null;
  if (!li) return null;
  const range = document.createRange();
  range.selectNodeContents(li);
  const rects = [...range.getClientRects()].filter(r => r.height > 0);
  const first = rects.length ? rects[0] : li.getBoundingClientRect();
  return Math.round(first.bottom + window.scrollY);
}"""


def must_show(page: str) -> bool:
    """Whether `page` (e.g. 'en/troubleshooting/landline.md') must show its first action on the first
    screen: a step page, a help page, or a route page of the route finder (not its question pages)."""
    from guide.routes import current_routes
    routes = current_routes()
    results = {routes.uri(path) for path, question in routes.tree() if question is None}
    return bool(STEP_OR_HELP.match(page)) or page.removeprefix("en/") in results


def main() -> int:
    """Print, for every page of both editions of site/, where its first action is at 390×844."""
    from playwright.sync_api import sync_playwright

    from guide import ROOT
    from guide.browser import launch_chromium
    from guide.serve import StaticServer, site_urls

    site = ROOT / "site"
    server = StaticServer(site)
    rows, shown, total = [], 0, 0
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=SCREEN)
        for folder in ("", "en/"):
            for md, url in site_urls(server.url + folder, site).items():
                name = folder + md
                if not must_show(name):
                    continue
                page.goto(url, wait_until="load")
                bottom = page.evaluate(FIRST_ACTION_JS)
                total += 1
                ok = bottom is not None and bottom <= SCREEN["height"]
                shown += ok
                rows.append(f"| {name} | {bottom if bottom is not None else 'no numbered list'} | {'yes' if ok else 'NO'} |")
        browser.close()
    server.close()
    print(f"First action on the first screen at {SCREEN['width']}x{SCREEN['height']}: {shown} of {total} pages\n")
    print("| page | first action's first line ends at (px) | on the first screen |\n| --- | ---: | --- |")
    print("\n".join(rows))
    return 0 if shown == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
