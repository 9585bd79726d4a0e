"""`make new-page` (guide/new_page.py): a page added to both editions builds strictly at once, is in both
navs, on its folder's index page and in both query files, and its translation is tracked; a help page has
the shape of one; and every stub it writes is named until a person replaces it."""
from __future__ import annotations

from guide.new_page import QUERY_STUB, STUB, new_page, stubs_left
from guide import LANGS
from guide.translations import check
from checks import build_log_problems, help_page_problems
from support import SEARCH_QUERY_FILES, build_site, copy_project

#: Where make new-page writes stubs: every page of both editions, and both query files.
STUB_FILES = [p for lang in LANGS.values() for p in sorted(lang["docs"].rglob("*.md"))] + list(SEARCH_QUERY_FILES.values())


def test_no_stub_from_make_new_page_is_left():
    problems = [problem for path in STUB_FILES for problem in stubs_left(path)]
    assert problems == []


def test_selftest_new_page_in_both_editions_builds_strictly(tmp_path):
    config = copy_project(tmp_path / "project")
    root = config.parent
    changed = new_page("troubleshooting/new-problem.md", {"ja": "新しい困りごと", "en": "A new problem"}, root=root)
    assert {"docs/troubleshooting/new-problem.md", "docs-en/troubleshooting/new-problem.md",
            "docs/troubleshooting/index.md", "docs-en/troubleshooting/index.md"} <= set(changed), changed
    for cfg, title in (("mkdocs.yml", "新しい困りごと"), ("mkdocs.en.yml", "A new problem")):
        assert f"- {title}: troubleshooting/new-problem.md" in (root / cfg).read_text(encoding="utf-8")
    for queries in ("search_queries.yml", "search_queries.en.yml"):
        assert "expect: troubleshooting/new-problem.md" in (root / "data" / queries).read_text(encoding="utf-8")
    for docs in ("docs", "docs-en"):     # listed before the closing "still stuck" section, not after it
        index = (root / docs / "troubleshooting" / "index.md").read_text(encoding="utf-8")
        assert -1 < index.find("(new-problem.md)") < index.find("{ #still-stuck }"), f"{docs}: link misplaced"
    # each stub is named with its file and line (the line holds the stub); the help page has the shape of one
    left = [p.split(": ", 1)[0].rsplit(":", 1) for path in changed for p in stubs_left(root / path, root)]
    assert sorted(f for f, _ in left) == sorted(
        ["docs/troubleshooting/index.md", "docs-en/troubleshooting/index.md", "data/search_queries.yml",
         "data/search_queries.en.yml"] + 2 * ["docs/troubleshooting/new-problem.md",
                                              "docs-en/troubleshooting/new-problem.md"]), left
    stubs = [QUERY_STUB] + [text for lang in STUB.values() for text in lang.values()]
    for f, n in left:
        line = (root / f).read_text(encoding="utf-8").splitlines()[int(n) - 1]
        assert any(stub in line for stub in stubs), f"{f}:{n} is not the stub: {line}"
    for docs in ("docs", "docs-en"):
        assert not help_page_problems(root / docs / "troubleshooting" / "new-problem.md", root)
    # (a stale page elsewhere, which make test lets through, is not this test's business)
    found = [f for f in check(root / "docs", root / "docs-en", root, history=False) if f.kind != "stale"
             or f.page in ("troubleshooting/new-problem.md", "troubleshooting/index.md")]
    assert found == [], "translation not tracked"
    problems = []
    for cfg, dest in ((config, tmp_path / "site"), (root / "mkdocs.en.yml", tmp_path / "site" / "en")):
        build = build_site(dest, cfg)
        problems += build_log_problems(build.log, build.returncode, cfg.name, root)
    assert problems == []
