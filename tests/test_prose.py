"""Japanese prose lint: textlint (ja-technical-writing + prh terms, .textlintrc.json / prh.yml) over
docs/ and snippets/ finds zero problems. The rules and why any is tuned are in .textlintrc.json."""
from __future__ import annotations

import pytest

from support import ROOT


def lines(findings) -> list[str]:
    """'file:line:col: message [rule]', paths relative to the project."""
    return [f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}:{line}:{col}: {msg} [{rule}]"
            for p, line, col, msg, rule in findings]


@pytest.fixture(scope="module")
def lint(prose_lint):
    """ONE textlint run (started early, conftest.py `prose_lint`) over the guide and the self-test pages."""
    findings, paths = prose_lint["ja"]
    broken, syntax = paths.get("broken.md"), paths.get("syntax.md")
    return {"guide": lines(f for f in findings if f[0] not in (broken, syntax)),
            "broken": lines(f for f in findings if f[0] == broken), "broken_path": broken,
            "syntax": lines(f for f in findings if f[0] == syntax)}


def test_prose_has_no_textlint_problems(lint):
    problems = lint["guide"]
    assert problems == [], "fix the prose (`npx textlint docs snippets` shows the problems, `--fix` fixes prh terms)"


def test_selftest_textlint_reports_file_line_and_rule(lint):
    """Self-test: wrong terms, a mouse-only verb and a plain-form body sentence are reported with file:line."""
    page, problems = lint["broken_path"], lint["broken"]
    text = "\n".join(problems)
    assert f"{page}:6:1: Dアカウント => dアカウント [prh]" in text, text
    assert any(p.startswith(f"{page}:6:") and "クリック => 選択" in p for p in problems), text
    assert f"{page}:7:1: 二段階認証 => 2段階認証 [prh]" in text, text
    assert any(p.startswith(f"{page}:9:") and "no-mix-dearu-desumasu" in p for p in problems), text
    assert not any(f"{page}:3:" in p for p in problems), "admonition syntax should be filtered:\n" + text


def test_selftest_extension_syntax_is_not_linted_as_prose(lint):
    """attr lists, admonition headers, abbreviation lines and snippet markers are Markdown, not Japanese."""
    assert lint["syntax"] == []
