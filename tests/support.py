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
