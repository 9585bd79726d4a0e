"""How long the whole test suite takes: `make bench-suite` (after `make build`, as in `make test`).

Runs the suite's pytest command (the one `make test` runs) --runs times and prints, per run and as the
median: the wall time, the test counts, and how busy the machine's cores were (from /proc/stat: busy
core-seconds against idle ones, to tell work that could be cut from waiting that could be overlapped).
A benchmark, not a test: the target (60 s on the 2-core machine) is reported, never asserted.

--cold deletes textlint's record of clean pages (.cache/textlint-*) before each run, as on a fresh clone or
in CI: textlint then lints every page again (~10 core-seconds more); otherwise only the first run is cold.
`make bench-check` runs it with the quick check's marks (`make check`, target 10 s). It first prints the
lines of build, hook and test code (guide/, hooks/, tests/: every tracked file), the issue #19 figure.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from guide import ROOT

TARGET_S = 60.0
CODE_FOLDERS = ("guide", "hooks", "tests")
SUMMARY = re.compile(r"(\d+) passed(?:, (\d+) skipped)?(?:, (\d+) deselected)?.* in ([\d.]+)s")


def cpu_times() -> tuple[float, float] | None:
    """(busy, idle) core-seconds of the whole machine since boot, or None where /proc/stat is missing."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    hz = os.sysconf("SC_CLK_TCK")
    user, nice, system, idle, iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / hz, (idle + iowait) / hz


def code_lines() -> dict[str, int]:
    """Lines of every file git tracks in each of CODE_FOLDERS (as `git ls-files FOLDER | xargs wc -l`)."""
    out = subprocess.run(["git", "ls-files", "-z", *CODE_FOLDERS], cwd=ROOT, capture_output=True, check=True).stdout
    lines = dict.fromkeys(CODE_FOLDERS, 0)
    for name in filter(None, out.decode().split("\0")):
        lines[name.split("/", 1)[0]] += (ROOT / name).read_bytes().count(b"\n")
    return lines


def run_once(pytest_args: list[str], cold: bool = False) -> dict:
    if cold:
        import shutil
        for cache in (ROOT / ".cache").glob("textlint-*"):
            shutil.rmtree(cache) if cache.is_dir() else cache.unlink()
    before, start = cpu_times(), time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                          cwd=ROOT, capture_output=True, text=True)
    wall, after = time.monotonic() - start, cpu_times()
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    match = SUMMARY.search(tail)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"the suite did not pass (exit {proc.returncode}); its last lines:\n"
                         + "\n".join(proc.stdout.strip().splitlines()[-15:]) + proc.stderr[-2000:])
    result = {"wall": wall, "pytest": float(match.group(4)), "passed": int(match.group(1)),
              "skipped": int(match.group(2) or 0)}
    if before and after:
        result["busy"], result["idle"] = after[0] - before[0], after[1] - before[1]
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="delete textlint's record before each run (a fresh clone, CI)")
    ap.add_argument("--target", type=float, default=TARGET_S, help="the target in seconds (reported, not asserted)")
    ap.add_argument("pytest_args", nargs="*", help="extra pytest arguments (default: the whole suite)")
    args = ap.parse_args(argv)
    lines = code_lines()
    print("lines of code: " + ", ".join(f"{k}/ {v:,}" for k, v in lines.items()) + f"; {sum(lines.values()):,} in all")
    what = f"pytest {' '.join(args.pytest_args)}" if args.pytest_args else "whole test suite"
    print(f"{what}, {args.runs} runs{' with no textlint record' if args.cold else ''}, {os.cpu_count()} cores "
          f"(target: pytest <= {args.target:.0f} s)")
    print("| run | pytest (s) | wall (s) | passed | skipped | busy core-s | idle core-s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    runs = []
    for n in range(1, args.runs + 1):
        r = run_once(args.pytest_args, cold=args.cold)
        runs.append(r)
        print(f"| {n} | {r['pytest']:.1f} | {r['wall']:.1f} | {r['passed']} | {r['skipped']} | "
              f"{r.get('busy', float('nan')):.0f} | {r.get('idle', float('nan')):.0f} |", flush=True)
    median = statistics.median(r["pytest"] for r in runs)
    print(f"median pytest time: {median:.1f} s ({'within' if median <= args.target else 'over'} the "
          f"{args.target:.0f} s target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
