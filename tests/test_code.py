"""The build, hook and test code has no unused import, undefined name or unused variable: ruff's pyflakes
rules (F, pinned in requirements.txt), so dead code does not pile up unseen."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import ROOT

RUFF = [str(Path(sys.executable).parent / "ruff"), "check", "--isolated", "--select", "F", "--output-format", "concise",
        "--no-cache"]


def ruff(*paths: Path) -> list[str]:
    """'file:line:col: code message' for each finding."""
    proc = subprocess.run([*RUFF, *map(str, paths)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return [line for line in proc.stdout.splitlines() if line.count(":") >= 3]


def test_code_has_no_unused_import_or_undefined_name():
    found = ruff(ROOT / "guide", ROOT / "hooks", ROOT / "tests")
    assert not found, ("ruff (pyflakes rules) found, file:line:col — remove the unused name, or define it:\n"
                       + "\n".join(found))


def test_selftest_an_unused_import_is_named(tmp_path):
    module = tmp_path / "broken.py"
    module.write_text("import os\n\n\ndef f():\n    return undefined_name\n", encoding="utf-8")
    found = ruff(module)
    assert any(":1:8: F401" in line and "`os` imported but unused" in line for line in found), found
    assert any(":5:12: F821" in line and "undefined_name" in line for line in found), found
