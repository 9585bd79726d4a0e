"""Helpers shared by the tests: paths, building the site, reading pages."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
CONFIG = ROOT / "mkdocs.yml"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@dataclass
class Build:
    site: Path
    log: str
    returncode: int


def build_site(dest: Path, config: Path = CONFIG, env: dict | None = None) -> Build:
    """Run `mkdocs build --strict` and keep its log, so tests can show every warning."""
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(config), "--site-dir", str(dest)],
        cwd=config.parent, env=run_env, capture_output=True, text=True,
    )
    return Build(site=dest, log=proc.stdout + proc.stderr, returncode=proc.returncode)


# --- link/snippet/content checks (test engineer) ------------------------------------------
#: Counts that the checks report; conftest prints them at the end of the run.
CHECK_COUNTS: dict[str, int] = {}


def load_config(config: Path = CONFIG) -> dict:
    """mkdocs.yml as MkDocs reads it (its own loader understands !ENV and !!python/name)."""
    from mkdocs.utils.yaml import yaml_load
    with open(config, encoding="utf-8") as fh:
        return yaml_load(fh)


def doc_pages(docs: Path = DOCS) -> list[str]:
    """Every Markdown page in docs/, as a path relative to docs/ (e.g. 'steps/1-open.md')."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def page_html(site: Path, md_rel: str) -> Path:
    """The built HTML file of a page, for directory URLs (web) and flat .html files (offline)."""
    stem = md_rel[:-3]
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        candidates = [site / (stem[: -len(name)] + "index.html")]
    else:
        candidates = [site / stem / "index.html", site / (stem + ".html")]
    return next((c for c in candidates if c.exists()), candidates[0])


def copy_project(dest: Path) -> Path:
    """A throw-away copy of everything a build reads, for tests that break things on purpose."""
    import shutil
    for name in ("docs", "snippets", "overrides", "data", "hooks"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(CONFIG, dest / "mkdocs.yml")
    if (ROOT / "node_modules").exists():          # vendored JS the offline build copies in
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest / "mkdocs.yml"
