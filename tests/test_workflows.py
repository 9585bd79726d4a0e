"""The GitHub workflows: zizmor (the GitHub Actions security audit, pinned in requirements.txt, run offline)
finds nothing, with every action pinned by commit SHA (.github/zizmor.yml) and least privilege per job;
no `sudo make` (system packages have their own step); a failed test run keeps its artifacts."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = [str(Path(sys.executable).parent / "zizmor"), "--offline", "--no-progress", "--format", "plain", "--color", "never",
          "--config", str(ROOT / ".github" / "zizmor.yml")]


def zizmor(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*ZIZMOR, *map(str, files)], capture_output=True, text=True, timeout=120)


def workflow_problems(path: Path) -> list[str]:
    """'file:line: problem — what to do' for each project rule (beyond zizmor's) that a workflow breaks."""
    import yaml
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, start=1):
        if re.search(r"\bsudo\b.*\bmake\b", line):
            problems.append(f"{path.name}:{n}: `{line.strip()}` runs make as root — install system packages "
                            "in their own step (scripts/ensure_system_deps.sh) and run make as the job's user")
    jobs = (yaml.safe_load("\n".join(lines)) or {}).get("jobs") or {}
    for name, job in jobs.items():
        steps = job.get("steps") or []
        tests = any(re.search(r"\b(make test|\.ci/run)\b", str(step.get("run", ""))) for step in steps)
        keeps = any("failure()" in str(step.get("if", "")) and str(step.get("uses", "")).startswith("actions/upload-artifact@")
                    and "test-artifacts/" in str((step.get("with") or {}).get("path", "")) for step in steps)
        if tests and not keeps:
            problems.append(f"{path.name}:0: job `{name}` runs the tests but does not upload test-artifacts/ when "
                            "they fail — add an `if: failure()` step with actions/upload-artifact")
    return problems


def test_zizmor_finds_nothing():
    run = zizmor(*sorted(WORKFLOWS.glob("*.yml")))
    assert run.returncode == 0, (f"zizmor found problems in .github/workflows/ (fix each; its help line links the "
                                 f"audit's documentation):\n{run.stdout}{run.stderr[-2000:]}")


def test_workflows_keep_failure_artifacts_and_no_sudo_make():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files, f"no workflows in {WORKFLOWS}"
    problems = [p for f in files for p in workflow_problems(f)]
    assert problems == []


def test_selftest_zizmor_names_broad_permissions_kept_credentials_and_an_unpinned_action(tmp_path):
    broken = tmp_path / "broken.yml"             # the defects zizmor found here once (issue 19)
    broken.write_text("on: push\npermissions:\n  contents: read\n  pages: write\n  id-token: write\njobs:\n"
                      "  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n"
                      "  deploy:\n    needs: build\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n",
                      encoding="utf-8")
    run = zizmor(broken)
    found = set(re.findall(r"^(?:error|warning)\[([\w-]+)\][^\n]*\n\s*--> [^\n]*broken\.yml:(\d+)", run.stdout, re.M))
    assert run.returncode != 0 and {("excessive-permissions", "4"), ("excessive-permissions", "5"),
                                    ("artipacked", "10"), ("unpinned-uses", "10")} <= found, run.stdout


def test_selftest_workflow_checker_names_file_line_and_rule(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("jobs:\n  test:\n    steps:\n      - run: sudo make test\n", encoding="utf-8")
    problems = workflow_problems(broken)
    assert any(p.startswith("broken.yml:4:") and "runs make as root" in p for p in problems), problems
    assert any(p.startswith("broken.yml:0: job `test`") and "test-artifacts" in p for p in problems), problems
    good = tmp_path / "good.yml"
    good.write_text("jobs:\n  test:\n    steps:\n      - run: bash .ci/run\n      - name: keep\n        if: failure()\n"
                    "        uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f   # v7.0.0\n"
                    "        with:\n          path: |\n            test-artifacts/\n", encoding="utf-8")
    assert workflow_problems(good) == []
