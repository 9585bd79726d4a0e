"""Page-speed fixes stay in place in the built site (the full Lighthouse run is `make bench`, not a test):
Material's bundle is deferred, only main.css is a render-blocking stylesheet, the search index is UTF-8."""
from __future__ import annotations

import re

import pytest

from support import doc_pages, load_hook, page_html

inline_small_css = load_hook("inline_small_css")


@pytest.fixture(scope="module")
def pages(site):
    return {md: page_html(site, md).read_text(encoding="utf-8") for md in doc_pages()}


def render_blocking(html: str) -> list[str]:
    """Stylesheet links and scripts in <head>/<body> that block the first paint (no defer/async/module)."""
    found = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    found += [src for attrs, src in re.findall(r'<script([^>]*?)src="([^"]+)"', html)
              if not re.search(r"\b(defer|async)\b|type=\"module\"", attrs)]
    return found


def test_only_main_css_blocks_the_first_paint(pages):
    problems = [f"{md}: render-blocking {url}" for md, html in pages.items() for url in render_blocking(html)
                if not re.search(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", url)]
    assert not problems, ("inline small CSS (hooks/inline_small_css.py) and defer scripts "
                          "(overrides/main.html):\n" + "\n".join(problems))


def test_render_blocking_checker_reports_scripts_and_styles():
    html = ('<link rel="stylesheet" href="assets/stylesheets/extra.css">'
            '<script src="assets/javascripts/bundle.js"></script><script defer src="ok.js"></script>')
    assert render_blocking(html) == ["assets/stylesheets/extra.css", "assets/javascripts/bundle.js"]


def test_search_index_is_utf8_not_escaped(site):
    text = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u30" not in text[:5000], "search_index.json escapes Japanese as \\uXXXX (hooks/search_ja.py)"


def test_css_with_relative_urls_is_not_inlined(tmp_path):
    """Self-test of the hook: a stylesheet with url(...) stays a link, a small plain one is inlined."""
    class F:  # the two File attributes the hook reads
        def __init__(self, path, dest):
            self.abs_src_path, self.dest_uri, self.src_uri = str(path), dest, dest

    class Page:
        class file:
            dest_uri = "steps/1-open/index.html"
    (tmp_path / "a.css").write_text("p{color:red}", encoding="utf-8")
    (tmp_path / "b.css").write_text("p{background:url(x.png)}", encoding="utf-8")
    inline_small_css._files.clear()
    inline_small_css._files.update({"assets/a.css": F(tmp_path / "a.css", "assets/a.css"),
                                    "assets/b.css": F(tmp_path / "b.css", "assets/b.css")})
    html = ('<link rel="stylesheet" href="../../assets/a.css">'
            '<link rel="stylesheet" href="../../assets/b.css">')
    out = inline_small_css.LINK.sub(lambda m: inline_small_css._inline(m, Page), html)
    assert "<style>/* assets/a.css */\np{color:red}</style>" in out
    assert '<link rel="stylesheet" href="../../assets/b.css">' in out
