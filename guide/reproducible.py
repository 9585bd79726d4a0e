"""Build everything twice into two temporary folders and compare every file byte by byte (make reproducible).

Both builds use the same SOURCE_DATE_EPOCH (the last commit's time, guide.build.source_date_epoch) and
differ in their output folders and time zone (TZ), so a random id, an absolute path or a local time that
leaks into an output shows up as a difference. (Both run within a minute or two, so a clock time read
with a coarse resolution, e.g. today's date, would not show; grep the outputs for it if in doubt.) Compared: the web site (site/), the offline copy and the print page as built
(build/), and the zip and the PDF (dist/). Exit 1 and one line per differing file, else exit 0.
"""
from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
import time
from pathlib import Path

from guide.browser import chromium_version
from guide.build import mkdocs_env, source_date_epoch
from guide.pipeline import Folders, run


def build_all(dest: Path, env: dict[str, str]) -> None:
    """Every step of the pipeline (guide/pipeline.py, as `make build` runs it), written under dest/."""
    run(folders=Folders.under(dest), env=env, record=False, quiet=True)


def compare_trees(a: Path, b: Path) -> tuple[int, list[str]]:
    """(files compared, one line per file that differs or exists in one tree only), paths relative to a/b."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    problems = [f"{rel}: only in the first build" for rel in sorted(files_a - files_b)]
    problems += [f"{rel}: only in the second build" for rel in sorted(files_b - files_a)]
    common = sorted(files_a & files_b)
    for rel in common:
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            size_a, size_b = (a / rel).stat().st_size, (b / rel).stat().st_size
            problems.append(f"{rel}: differs ({size_a} vs {size_b} bytes)")
    return len(common), problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", action="store_true", help="keep the two build folders (printed) to diff them")
    args = ap.parse_args()
    epoch = source_date_epoch()
    env = mkdocs_env(SOURCE_DATE_EPOCH=str(epoch))
    start = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="reproducible-"))
    first, second = tmp / "first", tmp / "second"
    for dest, tz in ((first, "UTC"), (second, "Asia/Tokyo")):
        build_all(dest, {**env, "TZ": tz})
    count, problems = compare_trees(first, second)
    took = time.monotonic() - start
    if args.keep:
        print(f"builds kept in {first} and {second}")
    else:
        import shutil
        shutil.rmtree(tmp)
    if problems:
        print(f"NOT reproducible (SOURCE_DATE_EPOCH={epoch}, {chromium_version()}): {len(problems)} of {count} files differ "
              f"between two builds of the same commit:\n  " + "\n  ".join(problems)
              + "\nFind what writes a time, a random id or the build folder into them "
                "(run with --keep and diff the two copies).", file=sys.stderr)
        return 1
    print(f"reproducible: {count} files (site/, build/, dist/) byte-identical in two builds, "
          f"SOURCE_DATE_EPOCH={epoch}, PDFs printed by {chromium_version()}, {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
