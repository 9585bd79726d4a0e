"""Mermaid diagrams are drawn at build time (hooks/mermaid_svg.py, `make diagrams`): inline SVG, no mermaid.js."""
from __future__ import annotations

import markdown
import pytest

from support import DOCS, ROOT, SNIPPETS, build_site, copy_project, load_hook

hook = load_hook("mermaid_svg")


def test_every_diagram_has_its_svg():
    problems = []
    for base in (DOCS, SNIPPETS):
        for md in sorted(base.rglob("*.md")):
            problems += hook.missing_messages(md.relative_to(ROOT).as_posix(), md.read_text(encoding="utf-8"), DOCS)
    assert not problems, "\n".join(problems)


def test_cached_svgs_are_accessible_images():
    svgs = sorted((DOCS / hook.CACHE_DIR).glob("*.svg"))
    for svg in svgs:
        head = svg.read_text(encoding="utf-8")[:3000]
        assert 'role="img"' in head and 'aria-label="' in head and "<title>" in head, \
            f"{svg.relative_to(ROOT)}: no role=img/aria-label/title (re-render with make diagrams)"
        assert "<foreignObject" not in svg.read_text(encoding="utf-8"), \
            f"{svg.relative_to(ROOT)}: HTML labels (foreignObject) do not print; render with htmlLabels false"


def test_hash_of_markdown_fence_equals_hash_of_rendered_html():
    """The hook hashes the fence in the Markdown (to name file:line) and the HTML superfences emits."""
    from pymdownx.superfences import fence_code_format
    src = 'flowchart TD\n    A["はがき & <b>"] --> B["s.ocn.jp"]\n    B -- "はい" --> C'
    text = f"!!! note\n\n    ```mermaid\n" + "".join(f"    {l}\n" for l in src.splitlines()) + "    ```\n"
    html = markdown.markdown(text, extensions=["admonition", "pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]}})
    import html as htmllib
    rendered = htmllib.unescape(hook.RENDERED.search(html).group("src"))
    [fence] = hook.find_fences(text)
    assert fence.line == 3
    assert hook.digest(rendered) == fence.digest == hook.digest(src)


def test_web_build_inlines_svg_and_loads_no_mermaid(built):
    assert built.returncode == 0, built.log
    site = built.site
    assert not (site / hook.CACHE_DIR).exists(), "the SVG cache was copied into the site"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html, f"{page.relative_to(site)}: Material would fetch mermaid.js"
        assert "mermaid.min.js" not in html, f"{page.relative_to(site)}: loads mermaid.js"
    if any(hook.find_fences(p.read_text(encoding="utf-8")) for p in DOCS.rglob("*.md")):
        assert '<figure class="flow-diagram">' in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_changed_diagram_without_svg_fails_the_build(tmp_path):
    """Self-test: edit a diagram, do not run make diagrams -> the build names file, line and the fix."""
    config = copy_project(tmp_path / "proj")
    page = tmp_path / "proj" / "docs" / "glossary.md"
    text = page.read_text(encoding="utf-8")
    text += "\n\n```mermaid\nflowchart LR\n    X[\"変更した図\"] --> Y\n```\n"
    page.write_text(text, encoding="utf-8")
    line = hook.find_fences(text)[-1].line
    result = build_site(tmp_path / "site", config=config)
    assert result.returncode != 0, "the build passed with an unrendered diagram"
    assert f"docs/glossary.md:{line}:" in result.log, result.log[-2000:]
    assert "make diagrams" in result.log, result.log[-2000:]
