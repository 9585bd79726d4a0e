"""The site builds with --strict and zero warnings, and MkDocs' own link validation is switched on."""
from __future__ import annotations

import pytest

from checks import build_log_problems, validation_config_problems
from support import build_site, copy_project, load_config


def test_validation_is_strict():
    assert validation_config_problems(load_config()) == []


def test_build_is_strict_and_clean(built):
    assert build_log_problems(built.log, built.returncode) == [], built.log


# --- self-tests: each kind of breakage fails the build, and the message names file and problem ----

def test_selftest_validation_config_names_the_loose_switch():
    cfg = load_config()
    cfg["validation"]["links"]["anchors"] = "info"
    cfg["strict"] = False
    problems = validation_config_problems(cfg)
    assert any("validation.links.anchors is 'info'" in p for p in problems), problems
    assert any("strict is not true" in p for p in problems), problems


# (what to add to docs/faq.md or mkdocs.yml, what the build log must say)
BREAKAGES = {
    "missing-page": ("\n[壊れたリンク](no-such-page.md)\n", ["faq.md", "no-such-page.md"]),
    "missing-anchor": ("\n[壊れたアンカー](steps/1-open.md#no-such-anchor)\n", ["faq.md", "#no-such-anchor"]),
    "absolute-link": ("\n[絶対リンク](/steps/1-open/)\n", ["faq.md", "/steps/1-open/"]),
    "unrecognized-link": ("\n[フォルダーへのリンク](steps/)\n", ["faq.md", "steps/"]),
    "missing-snippet": ('\n--8<-- "no-such-snippet.md"\n', ["no-such-snippet.md"]),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_selftest_strict_build_fails_on(kind, tmp_path):
    config = copy_project(tmp_path / "project")
    addition, must_name = BREAKAGES[kind]
    faq = config.parent / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + addition, encoding="utf-8")
    result = build_site(tmp_path / "site", config=config)
    problems = build_log_problems(result.log, result.returncode)
    assert result.returncode != 0, result.log
    assert any(all(word in p for word in must_name) for p in problems), problems


def test_selftest_strict_build_fails_on_omitted_page_and_missing_nav_entry(tmp_path):
    config = copy_project(tmp_path / "project")
    (config.parent / "docs" / "stray-page.md").write_text("# 迷子のページ\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - このガイドについて: about.md",
                                   "  - このガイドについて: about.md\n  - 存在しない: no-such-nav-page.md"),
                      encoding="utf-8")
    result = build_site(tmp_path / "site", config=config)
    problems = build_log_problems(result.log, result.returncode)
    assert result.returncode != 0
    assert any("stray-page.md" in p for p in problems), problems
    assert any("no-such-nav-page.md" in p for p in problems), problems
