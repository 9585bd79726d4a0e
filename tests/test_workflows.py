"""The GitHub workflows: every action pinned by commit SHA (a moved tag cannot change what CI runs), no
`sudo make` (system packages have their own step), and a failed test run keeps its artifacts."""
from __future__ import annotations

import re
from pathlib import Path

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
#: `uses: owner/repo@<40 hex>   # vX.Y.Z`; local actions (./path) and docker:// images are not used here.
PINNED = re.compile(r"uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+)*\s*$")


def workflow_problems(path: Path) -> list[str]:
    """'file:line: problem — what to do' for each rule a workflow breaks."""
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, start=1):
        if re.search(r"\buses:", line) and not PINNED.search(line):
            problems.append(f"{path.name}:{n}: `{line.strip()}` is not pinned by commit SHA — write "
                            "owner/repo@<full 40-character SHA>   # vX.Y.Z")
        if re.search(r"\bsudo\b.*\bmake\b", line):
            problems.append(f"{path.name}:{n}: `{line.strip()}` runs make as root — install system packages "
                            "in their own step (scripts/ensure_system_deps.sh) and run make as the job's user")
    import yaml
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


def test_workflows_pin_actions_and_keep_failure_artifacts():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files, f"no workflows in {WORKFLOWS}"
    problems = [p for f in files for p in workflow_problems(f)]
    assert not problems, "\n".join(problems)


def test_selftest_workflow_checker_names_file_line_and_rule(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4\n"
                      "      - run: sudo make test\n", encoding="utf-8")
    problems = workflow_problems(broken)
    assert any(p.startswith("broken.yml:4:") and "not pinned by commit SHA" in p for p in problems), problems
    assert any(p.startswith("broken.yml:5:") and "runs make as root" in p for p in problems), problems
    assert any(p.startswith("broken.yml:0: job `test`") and "test-artifacts" in p for p in problems), problems
    good = tmp_path / "good.yml"
    good.write_text("jobs:\n  test:\n    steps:\n"
                    "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1   # v7.0.1\n"
                    "      - run: bash .ci/run\n      - name: keep\n        if: failure()\n"
                    "        uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f   # v7.0.0\n"
                    "        with:\n          path: |\n            test-artifacts/\n", encoding="utf-8")
    assert workflow_problems(good) == []
