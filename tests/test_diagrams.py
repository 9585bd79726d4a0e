"""Mermaid diagrams are drawn at build time (guide/mermaid.py, a superfences formatter; `make diagrams`):
inline SVG, no mermaid.js, on every output."""
from __future__ import annotations

import markdown
import pytest

from guide import mermaid
from support import DOCS, ROOT


def test_cached_svgs_are_accessible_images():
    for svg in sorted(mermaid.CACHE.glob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        assert 'role="img"' in text[:3000] and 'aria-label="' in text[:3000] and "<title>" in text[:3000], \
            f"{svg.relative_to(ROOT)}: no role=img/aria-label/title (re-render with make diagrams)"
        assert "<foreignObject" not in text, \
            f"{svg.relative_to(ROOT)}: HTML labels (foreignObject) do not print; render with htmlLabels false"


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [
            {"name": "mermaid", "class": "mermaid", "format": mermaid.format_mermaid}]}})


def test_formatter_inlines_the_cached_svg_even_inside_an_admonition():
    """The formatter hashes what superfences hands it; the renderer hashes the Markdown fence: same key."""
    [(key, (source, _))] = list(mermaid.all_fences([DOCS]).items())[:1]
    text = "!!! note\n\n    ```mermaid\n" + "".join(f"    {l}\n" for l in source.splitlines()) + "    ```\n"
    html = render(text)
    assert '<figure class="flow-diagram">' in html and 'class="mermaid"' not in html
    assert mermaid.find_fences(text)[0].digest == key


def test_web_build_inlines_svg_and_loads_no_mermaid(site):
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for page, html in pages.items():
        assert 'class="mermaid"' not in html, f"{page.relative_to(site)}: Material would fetch mermaid.js"
        assert "mermaid.min.js" not in html, f"{page.relative_to(site)}: loads mermaid.js"
    if mermaid.all_fences([DOCS]):
        assert any('<figure class="flow-diagram">' in html for html in pages.values())


def test_selftest_changed_diagram_without_svg_fails_the_build(tmp_path):
    """Edit a diagram, do not run make diagrams -> the build stops, naming file, line and the fix."""
    mermaid_text = "```mermaid\nflowchart LR\n    X[\"変更した図\"] --> Y\n```\n"
    with pytest.raises(Exception, match=r"make diagrams"):
        render(mermaid_text)
    assert mermaid.missing_messages([write_docs(tmp_path, mermaid_text)])[0].startswith("docs/new.md:3: ")


def write_docs(tmp_path, fence: str):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "new.md").write_text("# 新しい図\n\n" + fence, encoding="utf-8")
    return docs
