"""The web site as deployed: both editions built with --strict into site/ (Japanese) and site/en/.

`python -m guide.site` is `make site`, step 1 of the pipeline (guide/pipeline.py). It records what it
built in build/site-build.json: the build logs and exit codes, a fingerprint of everything the build
reads, and one of what it wrote. The tests check that same site (tests/conftest.py `built`): they reuse
the record when both fingerprints still match, so `make test` does not build the site a second time,
and build it again when anything changed. Reuse is safe because the build is reproducible
(`make reproducible`): the same inputs give the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from guide import LANGS, ROOT
from guide.build import mkdocs_command, mkdocs_env, source_date_epoch

#: What the site is made from: an edit to any of these means a new build (the outputs in dist/ too).
BUILD_INPUTS = ("docs", "snippets", "docs-en", "snippets-en", "data", "overrides", "hooks", "guide", "diagrams",
                "mkdocs.yml", "mkdocs.en.yml", "requirements.txt", "package-lock.json")
RECORD = ROOT / "build" / "site-build.json"


@dataclass
class Build:
    site: Path
    log: str
    returncode: int
    en: "Build | None" = None      # the English edition, built into <site>/en/ beside the Japanese one


def start_build(dest: Path, config: Path, env: dict | None = None) -> subprocess.Popen:
    """`mkdocs build --strict` of `config` into `dest`, in the background, its log on stdout."""
    return subprocess.Popen(mkdocs_command(config, dest), cwd=config.parent,
                            env=mkdocs_env(**(env or {})),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def build_editions(dest: Path) -> Build:
    """The Japanese build into dest/ and the English edition into dest/en/, side by side (two cores):
    English into a folder beside dest/ (the Japanese build's --clean empties dest/), moved to dest/en/
    when both are done. Returns the Japanese Build; `.en` is the English."""
    tmp = dest.parent / f".{dest.name}-en-building"
    shutil.rmtree(tmp, ignore_errors=True)
    english = start_build(tmp, LANGS["en"]["config"])
    japanese = start_build(dest, LANGS["ja"]["config"])
    ja_log, _ = japanese.communicate()
    en_log, _ = english.communicate()
    if (dest / "en").exists():
        shutil.rmtree(dest / "en")
    if tmp.exists():
        shutil.move(str(tmp), str(dest / "en"))
    build = Build(site=dest, log=ja_log, returncode=japanese.returncode)
    build.en = Build(site=dest / "en", log=en_log, returncode=english.returncode)
    return build


def _fingerprint(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def inputs_fingerprint(root: Path = ROOT) -> str:
    """Every input file's path and content, and the build date (SOURCE_DATE_EPOCH, else the last commit's)."""
    files = []
    for name in BUILD_INPUTS:
        base = root / name
        files += [base] if base.is_file() else [p for p in base.rglob("*") if p.is_file()
                                                  and "__pycache__" not in p.parts] if base.is_dir() else []
    return _fingerprint(files) + ":" + str(source_date_epoch())    # as every build takes it, set or not


def outputs_fingerprint(site: Path) -> str:
    """Every file of the built site: its path, size and modification time (a file touched since the
    build, added or removed changes it)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(site)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def build_and_record(dest: Path = ROOT / "site", record: Path = RECORD) -> Build:
    """Build both editions and record the logs and fingerprints for reuse."""
    inputs = inputs_fingerprint()          # before the build: an edit during the build makes the record stale
    build = build_editions(dest)
    write_record(build, inputs, record)
    return build


def write_record(build: Build, inputs: str, record: Path = RECORD) -> None:
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({
        "site": str(build.site.resolve()), "inputs": inputs, "outputs": outputs_fingerprint(build.site),
        "ja": {"log": build.log, "returncode": build.returncode},
        "en": {"log": build.en.log, "returncode": build.en.returncode}}, ensure_ascii=False), encoding="utf-8")


def recorded_build(dest: Path = ROOT / "site", record: Path = RECORD, root: Path = ROOT) -> Build | None:
    """The recorded build of `dest`, if nothing it read (under `root`) or wrote has changed since; else None."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (data.get("site") != str(dest.resolve()) or not (dest / "index.html").is_file()
            or data.get("inputs") != inputs_fingerprint(root) or data.get("outputs") != outputs_fingerprint(dest)):
        return None
    build = Build(site=dest, log=data["ja"]["log"], returncode=data["ja"]["returncode"])
    build.en = Build(site=dest / "en", log=data["en"]["log"], returncode=data["en"]["returncode"])
    return build


def site(dest: Path = ROOT / "site") -> Build:
    """The built site: the recorded build if it is current, else a new one (recorded)."""
    return recorded_build(dest) or build_and_record(dest)


def main(argv: list[str] | None = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(description="both editions built with --strict (step 1 of guide/pipeline.py)")
    ap.add_argument("--site-dir", type=Path, default=ROOT / "site")
    ap.add_argument("--no-record", action="store_true", help="do not record the build for the tests to reuse")
    args = ap.parse_args(argv)
    build = build_editions(args.site_dir) if args.no_record else build_and_record(args.site_dir)
    for edition in (build, build.en):
        sys.stdout.write(edition.log)
        if edition.returncode:
            print(f"make site: the build of {edition.site} failed (exit {edition.returncode}); "
                  "the log above names the file and line", file=sys.stderr)
    return 1 if build.returncode or build.en.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
