"""Snippets: every --8<-- include resolves, every snippet is used, and each one renders cleanly
(no leftover Markdown) in every page that includes it."""
from __future__ import annotations

from pathlib import Path

import pytest

from checks import (SnippetRef, find_snippet_refs, markdown_leftover_problems, snippet_ref_problems,
                    snippet_rendered_problems, unused_snippet_problems)
from support import (CHECK_COUNTS, DOCS, ROOT, SNIPPETS, doc_pages,
                     load_config, page_html, write_file)


def snippet_config(cfg: dict) -> dict:
    extensions = cfg.get("markdown_extensions") or []
    if isinstance(extensions, dict):          # the mapping form (mkdocs.yml, so mkdocs.en.yml can override)
        return extensions.get("pymdownx.snippets") or {}
    for ext in extensions:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            return ext["pymdownx.snippets"] or {}
    return {}


def all_refs(docs: Path = DOCS, snippets: Path = SNIPPETS, root: Path = ROOT) -> list[SnippetRef]:
    files = sorted(docs.rglob("*.md")) + sorted(p for p in snippets.rglob("*") if p.is_file())
    return [ref for path in files for ref in find_snippet_refs(path, root)]


def page_snippet_pairs(refs: list[SnippetRef]) -> list[tuple[str, str, str]]:
    """(page, snippet, part) for every snippet a page includes, also through another snippet."""
    by_file: dict[str, list[SnippetRef]] = {}
    for ref in refs:
        by_file.setdefault(ref.file, []).append(ref)
    pairs = []
    for page in doc_pages():
        todo, seen = list(by_file.get(f"docs/{page}", [])), set()
        while todo:
            ref = todo.pop(0)
            if (ref.name, ref.part) in seen:
                continue
            seen.add((ref.name, ref.part))
            pairs.append((page, ref.name, ref.part))
            todo += by_file.get(f"snippets/{ref.name}", [])
    return pairs


CFG = snippet_config(load_config())
REFS = all_refs()
PAIRS = page_snippet_pairs(REFS)
CHECK_COUNTS["snippet includes"] = len(REFS)
CHECK_COUNTS["snippets"] = sum(1 for p in SNIPPETS.rglob("*") if p.is_file())


def test_snippets_config_checks_paths():
    assert CFG.get("check_paths") is True, "pymdownx.snippets: set check_paths: true (a missing file fails the build)"
    assert "snippets" in (CFG.get("base_path") or []), CFG
    assert not CFG.get("url_download"), "snippets must not download (the build runs offline)"


def test_every_include_resolves_naming_the_including_line():
    """check_paths already fails the build on a missing snippet, but its message does not say which page
    includes it; this one names the file and line of the include."""
    problems = snippet_ref_problems(REFS, SNIPPETS)
    assert problems == []


def test_every_snippet_is_used():
    problems = unused_snippet_problems(SNIPPETS, REFS, CFG.get("auto_append") or [], ROOT)
    assert problems == []


@pytest.mark.parametrize("page,snippet,part", PAIRS, ids=[f"{p}<-{s}{part}" for p, s, part in PAIRS])
def test_snippet_renders_in_page(page, snippet, part, site):
    assert snippet_rendered_problems(page_html(site, page), SNIPPETS / snippet, part, site, DOCS) == []


@pytest.mark.parametrize("page", doc_pages())
def test_page_has_no_unrendered_markdown(page, site):
    """Covers the auto-appended abbreviations and every page without includes too."""
    assert markdown_leftover_problems(page_html(site, page), site, DOCS) == []


# --- self-tests ---------------------------------------------------------------------------------

def test_selftest_include_of_missing_file_or_section_is_named(tmp_path):
    snippets = tmp_path / "snippets"
    write_file(snippets / "tip.md", "--8<-- [start:short]\n短いコツの本文です。\n--8<-- [end:short]\n")
    page = write_file(tmp_path / "docs" / "faq.md", '# FAQ\n\n--8<-- "nope.md"\n\n--8<-- "tip.md:long"\n\n'
                                                 '--8<--\ntip.md:short\n--8<--\n\n;--8<-- "escaped.md"\n')
    refs = find_snippet_refs(page, tmp_path)
    assert [(r.line, r.name, r.part) for r in refs] == [(3, "nope.md", ""), (5, "tip.md", ":long"),
                                                        (8, "tip.md", ":short")]
    problems = snippet_ref_problems(refs, snippets)
    assert problems[0].startswith("docs/faq.md:3: snippet 'nope.md' not found"), problems
    assert problems[1].startswith("docs/faq.md:5: snippet 'tip.md' has no section 'long'"), problems
    assert len(problems) == 2, problems


def test_selftest_unused_snippet_is_named_and_auto_append_counts(tmp_path):
    snippets = tmp_path / "snippets"
    for name in ("used.md", "nested.md", "orphan.md", "abbreviations.md"):
        write_file(snippets / name, "本文\n")
    write_file(snippets / "used.md", '--8<-- "nested.md"\n')
    page = write_file(tmp_path / "docs" / "index.md", '--8<-- "used.md"\n')
    refs = find_snippet_refs(page, tmp_path) + find_snippet_refs(snippets / "used.md", tmp_path)
    problems = unused_snippet_problems(snippets, refs, ["abbreviations.md"], tmp_path)
    assert problems == ["snippets/orphan.md:1: snippet is not used by any page — include it with "
                        '`--8<-- "orphan.md"` or delete it']


LEFTOVER_HTML = {
    "raw-include": ('<p>--8<-- "tip.md"</p>', "raw snippet marker"),
    "admonition": ('<p>!!! tip "コツ"\n    本文です。</p>', "literal '!!!'"),
    "link": ("<p>[手順の全体に戻る](../steps/index.md)</p>", "literal ']('"),
    "attr-list": ("<p>段落です。 { #step-3 }</p>", "attr-list leftover"),
    "abbreviation": ("<p>*[OCN]: NTTドコモのサービス</p>", "abbreviation definition"),
    "bold": ("<p>**「次へ」**を押します</p>", "literal '**'"),
    "heading": ("<p>本文\n## 手順3 次へ</p>", "literal '## '"),
}


@pytest.mark.parametrize("kind", sorted(LEFTOVER_HTML))
def test_selftest_unrendered_markdown_is_named(kind, tmp_path):
    fragment, what = LEFTOVER_HTML[kind]
    html = write_file(tmp_path / "site" / "faq" / "index.html",
                  f"<html>\n<body>\n<article>\n{fragment}\n<pre><code>--8<-- ok in code ](x) {{ #x }}</code></pre>\n"
                  "</article>\n</body>\n</html>\n")
    problems = markdown_leftover_problems(html, tmp_path / "site")
    assert len(problems) == 1 and problems[0].startswith("faq/index.html:4: ") and what in problems[0], problems


def test_selftest_snippet_swallowed_into_code_is_named(tmp_path):
    snippet = write_file(tmp_path / "snippets" / "tip.md", '!!! tip "コツ"\n    ペンと紙を電話のそばに用意します。\n')
    html = write_file(tmp_path / "site" / "a.html", "<html><body><pre><code>!!! tip \"コツ\"\n"
                                                 "    ペンと紙を電話のそばに用意します。</code></pre></body></html>")
    problems = snippet_rendered_problems(html, snippet, "", tmp_path / "site")
    assert problems and "a.html:0: text of snippet tip.md" in problems[0], problems


def test_selftest_snippet_indented_into_a_code_block_is_caught_in_a_real_build(broken_project):
    """An include indented by 4 spaces outside a list turns the whole snippet into a code block."""
    project, result = broken_project["project"], broken_project["web"]
    problems = snippet_rendered_problems(page_html(result.site, "faq.md"),
                                         project / "snippets" / "check-ocn-mail.md", "", result.site,
                                         project / "docs")
    assert any(p.startswith("faq/index.html:") and "check-ocn-mail.md" in p and "not shown as text" in p
               and "docs/faq.md" in p for p in problems), problems
