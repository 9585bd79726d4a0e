"""The build, top to bottom: the one ordered pipeline that `make build`, `make reproducible` and the tests run.

    python -m guide.pipeline              every step, in this order
    python -m guide.pipeline site pdf     only these steps (still in this order)

For each edition (guide.LANGS: mkdocs.yml is the Japanese edition; mkdocs.en.yml, the English one,
inherits it):

  1. site       `mkdocs build --strict`, both editions side by side     site/ and site/en/   guide/site.py
                (recorded in build/site-build.json, so the tests reuse it while nothing changed)
  2. offline    a build for file:// (OFFLINE=true), zipped               dist/<name>-offline.zip   guide/offline.py
  3. pdf        a build of the print page (PRINT=true), printed by       dist/<name>.pdf           guide/pdf.py
                Chromium, tagged and dated by pikepdf
  4. checklist  site/checklist/ printed on one A4 sheet                  dist/<name>-checklist.pdf guide/checklist.py

<name> is NAME for Japanese and NAME-en for English (`outputs`). Inside each `mkdocs build` the Markdown
extensions (guide/mdx/) and the hooks (hooks/, listed in mkdocs.yml in the order they run) do the rest.
Every step is a `python -m guide.<step>` process, so a failed step names itself and stops the line.

A step whose inputs (guide.site.BUILD_INPUTS, by content, and the build date) and outputs have not changed
since it last ran is skipped: its stamp, build/pipeline-<step>.json (the site's: build/site-build.json), says
so. So `make test` right after `make build` builds nothing again, and the tests judge dist/ current the same
way (`is_current`). The builds are reproducible (`make reproducible`): the same inputs give the same outputs.
`--force` builds every step anyway.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from guide import LANGS, ROOT

#: The base of every file name in dist/ and build/ (the English edition adds "-en").
NAME = "ocn-d-account-guide"
STEPS = ("site", "offline", "pdf", "checklist")


@dataclass(frozen=True)
class Folders:
    """Where the pipeline writes: the web site, the intermediate sites, the files readers download."""
    site: Path = ROOT / "site"
    build: Path = ROOT / "build"
    dist: Path = ROOT / "dist"

    @classmethod
    def under(cls, root: Path) -> "Folders":
        return cls(root / "site", root / "build", root / "dist")


def edition_name(lang: str) -> str:
    """ocn-d-account-guide (ja) / ocn-d-account-guide-en (en)."""
    return NAME if lang == "ja" else f"{NAME}-{lang}"


def outputs(lang: str, folders: Folders = Folders()) -> dict[str, Path]:
    """Every file and folder the pipeline makes for one edition, by name: the one place they are named."""
    name = edition_name(lang)
    return {"site": folders.site / LANGS[lang]["site"],
            "offline_site": folders.build / f"{name}-offline", "offline": folders.dist / f"{name}-offline.zip",
            "print_site": folders.build / f"{name}-print", "pdf": folders.dist / f"{name}.pdf",
            "checklist": folders.dist / f"{name}-checklist.pdf"}


def step_outputs(step: str, folders: Folders = Folders()) -> list[Path]:
    """What `step` makes, for both editions (the intermediate sites of offline and pdf included)."""
    if step == "site":
        return [folders.site]
    names = {"offline": ("offline_site", "offline"), "pdf": ("print_site", "pdf"), "checklist": ("checklist",)}
    return [outputs(lang, folders)[name] for lang in LANGS for name in names[step]]


def _state(step: str, folders: Folders, inputs: str) -> dict:
    """The inputs' fingerprint and, for each output, its files' sizes and modification times (None: missing)."""
    from guide.site import outputs_fingerprint
    return {"inputs": inputs, "outputs": {
        str(path): outputs_fingerprint(path) if path.is_dir() else
        (f"{path.stat().st_size}:{path.stat().st_mtime_ns}" if path.is_file() else None)
        for path in step_outputs(step, folders)}}


def _stamp(step: str, folders: Folders) -> Path:
    return folders.build / f"pipeline-{step}.json"


def is_current(step: str, folders: Folders = Folders(), inputs: str | None = None) -> bool:
    """True if `step` last ran on these inputs and its outputs are still as it left them. The site step's
    stamp is guide/site.py's record of the build, which the tests reuse too (with its logs)."""
    from guide.site import inputs_fingerprint, recorded_build
    if step == "site":
        build = recorded_build(folders.site, folders.build / "site-build.json")
        return bool(build) and not build.returncode and not build.en.returncode
    try:
        stamp = json.loads(_stamp(step, folders).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    state = _state(step, folders, inputs or inputs_fingerprint())
    return stamp == state and None not in state["outputs"].values()


def commands(steps=STEPS, folders: Folders = Folders(), record: bool = True) -> list[list[str]]:
    """The processes of `steps`, in pipeline order."""
    python = [sys.executable, "-m"]
    out = []
    for step in STEPS:
        if step not in steps:
            continue
        if step == "site":
            out.append(python + ["guide.site", "--site-dir", str(folders.site)] + ([] if record else ["--no-record"]))
            continue
        for lang in LANGS:
            out.append(python + [f"guide.{step}", "--config", str(LANGS[lang]["config"]),
                                 "--site-dir", str(outputs(lang, folders)["site"]),
                                 "--build-dir", str(folders.build), "--dist-dir", str(folders.dist)])
    return out


def run(steps=STEPS, folders: Folders = Folders(), env: dict | None = None, record: bool = True,
        quiet: bool = False, force: bool = False) -> None:
    """Run `steps` in order; exit at the first that fails, naming it (with its output's end when `quiet`).
    With `record`, a step that is current (`is_current`) is skipped, and each step that ran is stamped."""
    from guide.site import inputs_fingerprint
    inputs = inputs_fingerprint()            # before the build: an edit during the build makes the stamps stale
    for step in (step for step in STEPS if step in steps):
        if record and not force and is_current(step, folders, inputs):
            print(f"{step}: up to date (nothing it reads or wrote changed since it was built)")
            continue
        for cmd in commands([step], folders, record):
            proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, text=True,
                                  capture_output=quiet)
            if proc.returncode:
                tail = f"\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}" if quiet else ""
                sys.exit(f"build step failed (exit {proc.returncode}): {' '.join(cmd[1:])}{tail}")
        if record and step != "site":             # guide.site records its own build
            _stamp(step, folders).parent.mkdir(parents=True, exist_ok=True)
            _stamp(step, folders).write_text(json.dumps(_state(step, folders, inputs), indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("steps", nargs="*", metavar="step", help=f"of {', '.join(STEPS)} (default: all)")
    ap.add_argument("--force", action="store_true", help="build the steps even if they are up to date")
    args = ap.parse_args(argv)
    unknown = [step for step in args.steps if step not in STEPS]
    if unknown:
        ap.error(f"no step {', '.join(unknown)}: the steps are {', '.join(STEPS)}")
    run(args.steps or STEPS, force=args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
