"""The English edition (issue #11): built with --strict and zero warnings, the same pages and heading ids as
the Japanese one, every on-screen label the Japanese step gives, translations tracked, sources and dates
in English, the language switcher page to page, hreflang in the sitemaps, plain English prose.
(Links: test_links.py; search: test_search.py; offline zip: test_offline.py; PDF: test_pdf.py; browser
checks: the page walk covers site/en/ too.)"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks import _fm_line, build_log_problems, front_matter, meta_description_problems, page_meta_problems
from guide import LANGS, ROOT
from guide.screens import KEY
from guide.sources import EN_HEADING, EN_OFFICIAL_READ, EN_UNDATED, load_registry, read_page_sources
from guide.translations import check as translation_check, source_hash
from support import DOCS, doc_pages, page_html, write_file

EN_DOCS, EN_SNIPPETS = LANGS["en"]["docs"], LANGS["en"]["snippets"]
HEADING_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)")
QUOTE = re.compile(r"「([^」]+)」")


def test_english_build_is_strict_and_clean(built):
    assert build_log_problems(built.en.log, built.en.returncode, "mkdocs.en.yml") == []


def test_same_snippets_as_japanese():
    """(A missing or extra page is reported by test_every_japanese_page_has_a_tracked_translation.)"""
    ja = sorted(p.name for p in LANGS["ja"]["snippets"].iterdir())
    assert sorted(p.name for p in EN_SNIPPETS.iterdir()) == ja, "snippets-en/ must have the same snippet names"


def english(page: str) -> Path:
    """docs-en/<page>; a missing one skips the per-page checks: it is reported once, by
    test_every_japanese_page_has_a_tracked_translation."""
    if not (EN_DOCS / page).is_file():
        pytest.skip(f"docs-en/{page} is missing: reported once by test_every_japanese_page_has_a_tracked_translation")
    return EN_DOCS / page


@pytest.mark.parametrize("page", doc_pages())
def test_same_heading_ids(page):
    ja = HEADING_ID.findall((DOCS / page).read_text(encoding="utf-8"))
    en = HEADING_ID.findall(english(page).read_text(encoding="utf-8"))
    assert en == ja, f"docs-en/{page}: heading ids {en} differ from docs/{page} {ja} (anchors must survive)"


def sections(text: str) -> dict[str, str]:
    """'step-N' -> the text of that step section (up to the next ## heading)."""
    out, current = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            m = re.search(r"#(step-\d+)", line)
            current = m.group(1) if m else None
        if current:
            out[current] = out.get(current, "") + line + "\n"
    return out


def label_parity_problems(ja_page: Path, en_page: Path) -> list[str]:
    """Every [[key]] and 「label」 of each #step-N section of the Japanese page is in the English section."""
    ja, en = sections(ja_page.read_text(encoding="utf-8")), sections(en_page.read_text(encoding="utf-8"))
    problems = []
    for step, text in ja.items():
        other = en.get(step, "")
        for key in sorted(set(KEY.findall(text)) - set(KEY.findall(other))):
            problems.append(f"{en_page.name}#{step}: [[{key}]] of the Japanese step is missing")
        for quote in sorted(set(QUOTE.findall(text)) - set(QUOTE.findall(other))):
            problems.append(f"{en_page.name}#{step}: 「{quote}」 of the Japanese step is missing (write it in 「」 with a gloss)")
    return problems


@pytest.mark.parametrize("page", [p for p in doc_pages() if re.match(r"steps/[1-4]-", p)])
def test_step_labels_match_the_japanese_step(page):
    problems = label_parity_problems(DOCS / page, english(page))
    assert problems == []


def test_selftest_missing_label_in_a_step_is_named(tmp_path):
    ja = write_file(tmp_path / "ja.md", "## 手順1 { #step-1 }\n\n[[next]]を押し、「Enter」を押します。\n")
    en = write_file(tmp_path / "en.md", "## Step 1 { #step-1 }\n\nPress Enter.\n")
    assert label_parity_problems(ja, en) == ["en.md#step-1: [[next]] of the Japanese step is missing",
                                             "en.md#step-1: 「Enter」 of the Japanese step is missing (write it in 「」 with a gloss)"]


# --- translation tracking ------------------------------------------------------------------------------

def test_every_japanese_page_has_a_tracked_translation():
    """A missing English page or `translation_of:` fails. A stale one passes: its readers see a dated notice
    (hooks/i18n.py) and the summary of `make test` names it once (conftest.py); see CONTRIBUTING.md."""
    failing = [str(f) for f in translation_check(history=False) if f.kind != "stale"]
    assert failing == []


def test_selftest_english_page_behind_its_japanese_page_gets_a_dated_notice(tmp_path):
    from guide.translations import behind, behind_notice
    ja, en = tmp_path / "docs", tmp_path / "docs-en"
    write_file(ja / "a.md", "---\nupdated: 2026-12-02\n---\n# あ\n")
    write_file(en / "a.md", f"---\ntranslation_of: {source_hash(ja / 'a.md')}\n---\n# A\n\nText.\n")
    assert behind("a.md", ja, en) is None
    (ja / "a.md").write_text("---\nupdated: 2026-12-03\n---\n# あ（直した）\n", encoding="utf-8")
    assert behind("a.md", ja, en) == "2026-12-03"
    page = behind_notice("# A\n\nText.\n", "2026-12-03", "../../a/")
    assert page.startswith("# A\n\n??? warning translation-behind") and "(its date: 2026-12-03) has changed since" in page and 'href="../../a/"' in page
    assert page.rstrip().endswith("Text."), page
    assert "href" not in behind_notice("# A\n", "2026-12-03", None)


def test_selftest_changed_japanese_page_is_reported(tmp_path):
    ja, en = tmp_path / "docs", tmp_path / "docs-en"
    write_file(ja / "a.md", "# あ\n")
    write_file(ja / "b.md", "# い\n")
    write_file(ja / "c.md", "# う\n")
    write_file(en / "a.md", f"---\ntranslation_of: {source_hash(ja / 'a.md')}\n---\n# A\n")
    write_file(en / "b.md", "---\ndescription: x\n---\n# B\n")
    old = source_hash(ja / "a.md")
    (ja / "a.md").write_text("# あ（直した）\n", encoding="utf-8")
    found = {(f.kind, f.page): f for f in translation_check(ja, en, tmp_path, history=False)}
    assert set(found) == {("stale", "a.md"), ("missing-field", "b.md"), ("missing-page", "c.md")}
    stale = found[("stale", "a.md")]
    assert (stale.old, stale.new) == (old, source_hash(ja / "a.md"))
    assert f"docs-en/a.md: STALE — translates docs/a.md at {old}" in str(stale)


# --- front matter, sources, dates ------------------------------------------------------------------------

@pytest.mark.parametrize("page", doc_pages())
def test_front_matter_and_sources_like_the_japanese_page(page, site_en):
    en = english(page)
    problems = [p.replace("docs/", "docs-en/") for p in page_meta_problems(en, ROOT)]
    assert problems == []
    ids, ja_ids = read_page_sources(en).ids, read_page_sources(DOCS / page).ids
    missing, extra = [i for i in ja_ids if i not in ids], [i for i in ids if i not in ja_ids]
    assert ids == ja_ids, (f"docs-en/{page}:{_fm_line(en, 'sources')}: `sources:` must name the same ids as docs/{page}"
                           + (f"; missing: {', '.join(missing)}" if missing else "")
                           + (f"; not in the Japanese page: {', '.join(extra)}" if extra else "")
                           + ("; same ids in another order" if not missing and not extra else ""))
    if not ids:
        return                                  # no sources: reported once, for the Japanese page (test_sources)
    meta, _ = front_matter(en, ROOT)
    assert meta_description_problems(page_html(site_en, page), meta.get("description") or "", site_en) == []
    html = page_html(site_en, page).read_text(encoding="utf-8")
    match = re.search(r'<h2 [^>]*id="page-sources".*?(?=<h2|</article>)', html, re.S)
    assert match and EN_HEADING in match.group(0), f"docs-en/{page}: no English sources section"
    text = " ".join(re.sub(r"<[^>]+>", "", match.group(0)).split())
    sources = load_registry()
    for sid in read_page_sources(en).ids:
        assert sources[sid].title in text, f"docs-en/{page}: source '{sid}' not shown"
    assert EN_UNDATED in text and EN_OFFICIAL_READ in text, f"docs-en/{page}: the two honest dates are missing"
    assert "一般的なアドバイスです" not in html, f"docs-en/{page}: write the mark as (general advice)"
    assert '<html lang="en"' in html and "このページの更新日" not in html


def test_general_advice_marks_survive_translation():
    """Each 「一般的なアドバイスです」 of a Japanese page or snippet has a "(general advice)" in its translation."""
    problems = []
    for ja_base, en_base in ((DOCS, EN_DOCS), (LANGS["ja"]["snippets"], EN_SNIPPETS)):
        for ja in sorted(ja_base.rglob("*.md")):
            en = en_base / ja.relative_to(ja_base)
            n_ja = ja.read_text(encoding="utf-8").count("一般的なアドバイスです")
            if not en.is_file():
                continue                        # a missing page is reported once, by the translation check
            n_en = en.read_text(encoding="utf-8").lower().count("general advice")
            if n_en < n_ja:
                problems.append(f"{en.relative_to(ROOT)}: {n_en} '(general advice)' marks, the Japanese has {n_ja}")
    assert problems == []


def test_numbers_readers_act_on_come_from_sources():
    from guide.sources import guide_dates, number_problems
    from support import load_config
    sources = load_registry()
    files = sorted(EN_DOCS.rglob("*.md")) + sorted(EN_SNIPPETS.rglob("*.md"))
    allowed = guide_dates(sources, (load_config().get("extra") or {}).get("next_review"))
    problems = number_problems(sources, files, ROOT, allowed)
    assert problems == []


# --- switcher and hreflang ---------------------------------------------------------------------------------

def test_switcher_leads_to_the_same_page(site, site_en):
    for page in ("index.md", "steps/1-open.md", "troubleshooting/landline.md"):
        ja, en = page_html(site, page), page_html(site_en, page)
        for html, other, lang in ((ja, en, "en"), (en, ja, "ja")):
            m = re.search(rf'<a href="([^"]+)" hreflang="{lang}" lang="{lang}" class="md-select__link">',
                          html.read_text(encoding="utf-8"))
            assert m, f"{html.relative_to(site)}: no switcher link to {lang}"
            target = (html.parent / m.group(1)).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target == other.resolve(), f"{html.relative_to(site)}: switcher leads to {target}, not {other}"
        assert 'rel="alternate"' not in ja.read_text(encoding="utf-8"), "head alternates belong in the sitemap"


def test_hreflang_goes_into_the_sitemaps():
    from support import load_hook
    i18n = load_hook("i18n")
    xml = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/en/steps/1-open/'
           '</loc></url></urlset>')
    out = i18n.sitemap_with_hreflang(xml, "https://x.example/en/",
                                     {"ja": "https://x.example/", "en": "https://x.example/en/"})
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in out
    for lang, href in (("ja", "https://x.example/steps/1-open/"), ("en", "https://x.example/en/steps/1-open/"),
                       ("x-default", "https://x.example/steps/1-open/")):
        assert f'hreflang="{lang}" href="{href}"' in out, out


# --- English prose ------------------------------------------------------------------------------------------

def test_english_prose_has_no_textlint_problems(prose_lint):
    """textlint with write-good and alex (.textlintrc.en.json, pinned in package.json); the run is started
    early by conftest.py `prose_lint`."""
    findings, paths = prose_lint["en"]
    problems = [f"{p.relative_to(ROOT)}:{line}: {msg} [{rule}]" for p, line, _, msg, rule in findings
                if p not in paths.values()]
    assert problems == []


def test_selftest_english_prose_lint_flags_plain_english_problems(prose_lint):
    """The self-test page (conftest.py PROSE_SELFTESTS) gets write-good's "So" and "very" findings."""
    findings, paths = prose_lint["en"]
    self_test = [f for f in findings if f[0] == paths["broken.md"]]
    assert any('"So"' in f[3] for f in self_test) and any("very" in f[3] for f in self_test), self_test
