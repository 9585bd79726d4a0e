"""Navigation: every page is in the nav (or deliberately in not_in_nav), every nav entry exists,
and no image in docs/assets/images/ is an orphan."""
from __future__ import annotations

from pathlib import Path

import pytest

from checks import nav_files, nav_problems, orphan_image_problems
from support import CONFIG, DOCS, ROOT, SNIPPETS, doc_pages, load_config, write_file

CFG = load_config()
CONFIG_TEXT = CONFIG.read_text(encoding="utf-8")
IMAGES = DOCS / "assets" / "images"


def image_reference_sources(root: Path = ROOT) -> list[Path]:
    """Where an image may be referenced: pages, snippets, templates, CSS/JS, mkdocs.yml."""
    docs, files = root / "docs", [root / "mkdocs.yml"]
    for pattern in ("*.md", "*.css", "*.js", "*.html"):
        files += sorted(p for p in docs.rglob(pattern) if "assets/images" not in p.as_posix())
    for folder in ("snippets", "overrides"):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    return files


@pytest.mark.parametrize("page", doc_pages())
def test_page_is_in_nav_or_not_in_nav(page):
    problems = nav_problems(DOCS, CFG, CONFIG_TEXT)
    assert [p for p in problems if p.startswith(f"docs/{page}:")] == []


@pytest.mark.parametrize("entry", nav_files(CFG.get("nav") or []))
def test_nav_entry_exists(entry):
    problems = nav_problems(DOCS, CFG, CONFIG_TEXT)
    assert [p for p in problems if f"nav entry '{entry}'" in p] == []


@pytest.mark.parametrize("image", sorted(p.relative_to(DOCS).as_posix() for p in IMAGES.rglob("*") if p.is_file()))
def test_image_is_used(image):
    problems = orphan_image_problems(IMAGES, image_reference_sources(), ROOT)
    assert [p for p in problems if p.startswith(f"docs/{image}:")] == []


# --- self-tests ---------------------------------------------------------------------------------

def test_selftest_page_missing_from_nav_and_missing_nav_entry_are_named(tmp_path):
    docs = tmp_path / "docs"
    for page in ("index.md", "stray.md", "drafts/print.md"):
        write_file(docs / page, "# x\n")
    config_text = "nav:\n  - はじめに: index.md\n  - 消えたページ: gone.md\nnot_in_nav: |\n  /drafts/*.md\n"
    import yaml
    cfg = yaml.safe_load(config_text)
    problems = nav_problems(docs, cfg, config_text)
    assert problems == [
        "mkdocs.yml:3: nav entry 'gone.md' does not exist in docs/ — fix the path or create the page",
        "docs/stray.md:1: page is not in the nav — add it under nav: in mkdocs.yml, "
        "or list it under not_in_nav: if that is on purpose",
    ]


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
