"""Japanese prose lint: textlint (ja-technical-writing + prh terms, .textlintrc.json / prh.yml) over
docs/ and snippets/ finds zero problems. The rules and why any is tuned are in .textlintrc.json."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support import ROOT

TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"
CONFIG = ROOT / ".textlintrc.json"


def textlint(*paths: Path) -> list[str]:
    """textlint's findings as 'file:line:col: message [rule]' lines (paths relative to the project)."""
    if not TEXTLINT.exists():
        pytest.fail("node_modules/.bin/textlint is missing: run `npm ci` (or `make setup`)")
    # --cache: files unchanged since a clean run are skipped (the quick check while editing). The cache
    # folder is named after the rules (.textlintrc.json + prh.yml), so a rule change lints everything again.
    import hashlib
    rules = hashlib.sha256(CONFIG.read_bytes() + (ROOT / "prh.yml").read_bytes()).hexdigest()[:12]
    proc = subprocess.run(
        [str(TEXTLINT), "--config", str(CONFIG), "--format", "json",
         "--cache", "--cache-location", str(ROOT / ".cache" / f"textlint-{rules}"), *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1) or not proc.stdout.strip().startswith("["):
        pytest.fail(f"textlint did not run (exit {proc.returncode}):\n{proc.stderr or proc.stdout}")
    lines = []
    for result in json.loads(proc.stdout):
        path = Path(result["filePath"])
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for m in result["messages"]:
            message = " ".join(m["message"].split())  # some rules write several lines
            lines.append(f"{name}:{m['line']}:{m['column']}: {message} [{m['ruleId']}]")
    return lines


BROKEN = ("# 見出し\n\n!!! note \"メモ\"\n    ここは正しい文です。\n\n"
          "Dアカウントのボタンをクリックしてください。\n"
          "二段階認証の画面が出ます。\n\nこれは大事な画面である。\n")
SYNTAX = ("# 手順4 メールアドレスを登録する { #step-4 }\n\n"
          "!!! warning \"コードは教えないでください\"\n    本文です。\n\n"
          "??? tip\n    本文です。\n\n"
          "[次へ](next.md){ .md-button }\n\n"
          "*[OCN]: NTTドコモのインターネット接続サービス\n")


@pytest.fixture(scope="module")
def lint(tmp_path_factory):
    """ONE textlint run (node starts once, ~3 s) over the guide and the two self-test pages."""
    fixtures = tmp_path_factory.mktemp("prose")
    broken, syntax = fixtures / "broken.md", fixtures / "syntax.md"
    broken.write_text(BROKEN, encoding="utf-8")
    syntax.write_text(SYNTAX, encoding="utf-8")
    problems = textlint(ROOT / "docs", ROOT / "snippets", broken, syntax)
    return {"guide": [p for p in problems if not p.startswith(str(fixtures))],
            "broken": [p for p in problems if p.startswith(str(broken))], "broken_path": broken,
            "syntax": [p for p in problems if p.startswith(str(syntax))]}


def test_prose_has_no_textlint_problems(lint):
    problems = lint["guide"]
    assert not problems, (f"textlint found {len(problems)} problems (fix the prose; `npx textlint docs snippets` "
                          "shows them, `--fix` fixes the prh terms):\n" + "\n".join(problems))


def test_textlint_reports_file_line_and_rule(lint):
    """Self-test: wrong terms, a mouse-only verb and a plain-form body sentence are reported with file:line."""
    page, problems = lint["broken_path"], lint["broken"]
    text = "\n".join(problems)
    assert f"{page}:6:1: Dアカウント => dアカウント [prh]" in text, text
    assert any(p.startswith(f"{page}:6:") and "クリック => 選択" in p for p in problems), text
    assert f"{page}:7:1: 二段階認証 => 2段階認証 [prh]" in text, text
    assert any(p.startswith(f"{page}:9:") and "no-mix-dearu-desumasu" in p for p in problems), text
    assert not any(f"{page}:3:" in p for p in problems), "admonition syntax should be filtered:\n" + text


def test_extension_syntax_is_not_linted_as_prose(lint):
    """attr lists, admonition headers, abbreviation lines and snippet markers are Markdown, not Japanese."""
    assert lint["syntax"] == []
