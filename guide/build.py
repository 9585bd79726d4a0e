"""What the offline and PDF builds share: their command line and the `mkdocs build` they start."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from guide import ROOT


def parse_args(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    """--build-dir (intermediate sites), --dist-dir (the outputs), --site-dir (the edition's built web
    site, for outputs printed from it), --config (mkdocs.yml = Japanese, mkdocs.en.yml = English).
    `args.out` is every output path of the edition (guide.pipeline.outputs), as the pipeline names them."""
    from guide.pipeline import Folders, outputs
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--build-dir", type=Path, default=Folders.build)
    ap.add_argument("--dist-dir", type=Path, default=Folders.dist)
    ap.add_argument("--site-dir", type=Path, default=None)
    ap.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = ap.parse_args(argv)
    args.config = args.config if args.config.is_absolute() else ROOT / args.config
    args.lang = config_language(args.config)
    args.out = outputs(args.lang, Folders(build=args.build_dir, dist=args.dist_dir))
    args.site_dir = args.site_dir or args.out["site"]
    return args


def load_config(config: Path) -> dict:
    """The config as MkDocs reads it, with its INHERIT resolved."""
    from mkdocs.utils.yaml import yaml_load
    with open(config, "rb") as fh:
        return yaml_load(fh)


def config_language(config: Path) -> str:
    return (load_config(config).get("theme") or {}).get("language") or "ja"


def mkdocs_command(config: Path, site: Path) -> list[str]:
    """The one build command of every output: `mkdocs build --strict --clean` of `config` into `site`.
    Run it in mkdocs_env()."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config),
            "--site-dir", str(site)]


MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}       # MkDocs 1.6 warns on every build about a MkDocs 2.0


def mkdocs_env(**env: str) -> dict[str, str]:
    """The environment of every `mkdocs build`: this one, MKDOCS_ENV, the build date (SOURCE_DATE_EPOCH:
    MkDocs' build date, sitemap.xml.gz), then `env` (OFFLINE, PRINT)."""
    return {**os.environ, **MKDOCS_ENV, "SOURCE_DATE_EPOCH": str(source_date_epoch()), **env}


def mkdocs_build(site: Path, what: str, config: Path = ROOT / "mkdocs.yml", **env: str) -> None:
    """`mkdocs build --strict` of `config` into a fresh `site` folder, with `env` set (OFFLINE, PRINT).
    Exits, naming `what` and the command, if the build fails."""
    if site.exists():
        shutil.rmtree(site)
    run_env = mkdocs_env(**env)
    cmd = mkdocs_command(config, site)
    proc = subprocess.run(cmd, cwd=ROOT, env=run_env)
    if proc.returncode:
        sys.exit(f"{what} build failed (exit {proc.returncode}): {' '.join(cmd)}")


#: Used when neither SOURCE_DATE_EPOCH nor git can give a date (a source tarball without .git).
FALLBACK_EPOCH = 1767225600          # 2026-01-01T00:00:00Z


def source_date_epoch() -> int:
    """The build's one timestamp, for reproducible outputs: $SOURCE_DATE_EPOCH (the Makefile sets it to the
    last commit's time), else the last commit's time from git, else FALLBACK_EPOCH."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                             timeout=10).stdout.strip()
        if out.isdigit():
            return int(out)
    except (OSError, subprocess.SubprocessError):
        pass
    return FALLBACK_EPOCH
