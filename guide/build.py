"""What the offline and PDF builds share: their command line and the `mkdocs build` they start."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from guide import ROOT


def parse_args(description: str) -> argparse.Namespace:
    """--name (file names in dist/), --build-dir (intermediate sites), --dist-dir (the outputs)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--name", default="ocn-d-account-guide")
    ap.add_argument("--build-dir", type=Path, default=ROOT / "build")
    ap.add_argument("--dist-dir", type=Path, default=ROOT / "dist")
    return ap.parse_args()


def mkdocs_build(site: Path, what: str, **env: str) -> None:
    """`mkdocs build --strict` of mkdocs.yml into a fresh `site` folder, with `env` set (OFFLINE, PRINT).
    Exits, naming `what` and the command, if the build fails."""
    if site.exists():
        shutil.rmtree(site)
    run_env = {**os.environ, **env, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)]
    proc = subprocess.run(cmd, cwd=ROOT, env=run_env)
    if proc.returncode:
        sys.exit(f"{what} build failed (exit {proc.returncode}): {' '.join(cmd)}")
