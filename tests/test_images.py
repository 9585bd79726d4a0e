"""Images: every <img> in the built pages has alt text and an existing file; every SVG has a <title>; no image
in docs/assets/images/ is an orphan. (Pages missing from the nav and nav entries that do not exist are
failed by the strict build: validation.omitted_files / nav.not_found, see test_build.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from checks import img_problems, orphan_image_problems, svg_title_problems
from support import CONFIG, DOCS, ROOT, SNIPPETS, doc_pages, page_html, write_file

IMAGES = DOCS / "assets" / "images"


def image_reference_sources(root: Path = ROOT) -> list[Path]:
    """Where an image may be referenced: pages, snippets, templates, CSS/JS, mkdocs.yml."""
    docs, files = root / "docs", [root / "mkdocs.yml"]
    for pattern in ("*.md", "*.css", "*.js", "*.html"):
        files += sorted(p for p in docs.rglob(pattern) if "assets/images" not in p.as_posix())
    for folder in ("snippets", "overrides"):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    return files


def test_no_orphan_image():
    problems = orphan_image_problems(IMAGES, image_reference_sources(), ROOT)
    assert problems == []


@pytest.mark.parametrize("page", doc_pages())
def test_images_have_alt_text_and_exist(page, site):
    assert img_problems(page_html(site, page), site, DOCS) == []


@pytest.mark.parametrize("svg", sorted(p.relative_to(ROOT).as_posix() for p in DOCS.rglob("*.svg")))
def test_svg_has_title(svg):
    assert svg_title_problems(ROOT / svg, ROOT) == []


# --- self-tests ---------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["steps/1-open/index.html", "steps/1-open.html"])
def test_selftest_img_without_alt_or_src_is_named(tmp_path, layout):
    site = tmp_path / "site"
    up = "../../" if layout.endswith("/index.html") else "../"
    write_file(site / "assets" / "images" / "ok.png", "x")
    page = write_file(site / layout, f'<html><body>\n<img src="{up}assets/images/ok.png" alt="はがきの表">\n'
                                 f'<img src="{up}assets/images/ok.png" alt=" ">\n'
                                 '<img alt="画面">\n</body></html>\n')
    problems = img_problems(page, site)
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{layout}:3: <img src=\"{up}assets/images/ok.png\"> has no alt text"), problems
    assert problems[1].startswith(f"{layout}:4: <img> without src"), problems


def test_selftest_svg_without_title_is_named(tmp_path):
    bad = write_file(tmp_path / "docs" / "flow.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<rect/></svg>')
    empty = write_file(tmp_path / "docs" / "empty.svg", '<svg xmlns="http://www.w3.org/2000/svg"><title> </title></svg>')
    broken = write_file(tmp_path / "docs" / "broken.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<rect></svg>')
    good = write_file(tmp_path / "docs" / "ok.svg", '<svg xmlns="http://www.w3.org/2000/svg"><title>流れ</title></svg>')
    assert svg_title_problems(bad, tmp_path) == [
        "docs/flow.svg:1: SVG has no <title> — add <title>what it shows</title> as the first child of <svg>"]
    assert "docs/empty.svg:1: SVG has no <title>" in svg_title_problems(empty, tmp_path)[0]
    assert svg_title_problems(broken, tmp_path)[0].startswith("docs/broken.svg:2: SVG is not valid XML")
    assert svg_title_problems(good, tmp_path) == []


def test_selftest_orphan_image_is_named(tmp_path):
    images = tmp_path / "docs" / "assets" / "images"
    for name in ("favicon.svg", "step-1.png", "orphan.png"):
        write_file(images / name, "x")
    config = write_file(tmp_path / "mkdocs.yml", "theme:\n  favicon: assets/images/favicon.svg\n")
    page = write_file(tmp_path / "docs" / "steps" / "1-open.md", "![はがき](../assets/images/step-1.png)\n")
    problems = orphan_image_problems(images, [config, page], tmp_path)
    assert problems == ["docs/assets/images/orphan.png:1: image is not used by any page or mkdocs.yml "
                        "— use it or delete it"]


def test_selftest_reference_sources_include_config_pages_and_snippets():
    sources = image_reference_sources()
    assert CONFIG in sources and DOCS / "index.md" in sources
    assert not SNIPPETS.exists() or any(SNIPPETS in p.parents for p in sources)
