"""Sources: every page declares where its statements come from, and the registry is sound.

The registry is data/sources.yml (guide/sources.py loads and checks it); the build appends a
「このページの出典」 section to every page (hooks/page_sources.py). Each checker has a self-test that
feeds it the broken input it exists for and expects the file, the line and what to do.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from guide.sources import (REGISTRY, check_pages, check_registry, load_registry, read_page_sources)
from support import DOCS, doc_pages, page_html, write_file

TODAY = dt.date(2026, 11, 26)


def test_registry_is_sound():
    problems = check_registry(load_registry())
    assert problems == []


def test_every_page_declares_known_sources_and_every_source_is_used():
    problems = check_pages(load_registry())
    assert problems == []


@pytest.mark.parametrize("md", doc_pages())
def test_page_shows_its_sources_and_both_dates(site, md):
    """What readers see: the section lists each declared source, and says where the screens come from."""
    declared = read_page_sources(DOCS / md).ids
    if not declared:            # reported once, with the fix, by the test above (check_pages)
        return
    html = page_html(site, md).read_text(encoding="utf-8")
    match = re.search(r'<h2 [^>]*id="page-sources".*?(?=<h2|</article>)', html, re.S)
    assert match, f"docs/{md}: the built page has no 「このページの出典」 section (hooks/page_sources.py)"
    section = " ".join(re.sub(r"<[^>]+>", "", match.group(0)).split())     # text as read (abbr tags gone)
    sources = load_registry()
    for sid in declared:
        assert sources[sid].title in section, f"docs/{md}: source '{sid}' is declared but not shown"
    assert "日付の記載なし" in section and "公式ページを最後に読んだ日" in section, (
        f"docs/{md}: the section lacks the two honest dates")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_about_page_lists_every_official_source_with_its_read_date(site, site_en, lang):
    """The about page's lists come from data/sources.yml (guide.mdx.source_list), never a copy: each official
    and news source is shown with the date it was read, in the edition's language."""
    text = " ".join(re.sub(r"<[^>]+>", "", ((site_en if lang == "en" else site) / "about" / "index.html").read_text(encoding="utf-8")).split())
    missing = [f"{s.id} ({s.read})" for s in load_registry().values() if s.kind in ("official", "news")
               and (s.title not in text or (s.read_label_en if lang == "en" else s.read_label) not in text)]
    assert not missing, (f"{'docs-en' if lang == 'en' else 'docs'}/about.md: sources of data/sources.yml not "
                         f"listed with their read date: {missing} — keep [[sources:official]] and [[sources:news]] in the page")


def test_numbers_readers_act_on_come_from_sources():
    from guide.sources import guide_dates, number_problems
    from support import SNIPPETS, load_config
    sources = load_registry()
    files = sorted(DOCS.rglob("*.md")) + sorted(SNIPPETS.rglob("*.md")) + [DOCS.parent / "data" / "routes.yml"]
    allowed = guide_dates(sources, (load_config().get("extra") or {}).get("next_review"))
    problems = number_problems(sources, files, DOCS.parent, allowed)
    assert problems == []


def test_kinds_of_the_schema_are_the_kinds_pages_can_show():
    """data/schema/sources.yml's kinds and guide.sources' labels for them (ja, en) are one list."""
    from guide.schema import validator
    from guide.sources import KINDS, KINDS_EN
    kinds = validator("sources").schema["properties"]["sources"]["additionalProperties"]["properties"]["kind"]["enum"]
    assert sorted(kinds) == sorted(KINDS) == sorted(KINDS_EN)


def test_selftest_made_up_phone_number_hour_or_cost_is_named(tmp_path):
    from guide.sources import number_problems
    reg = write_file(tmp_path / "data" / "sources.yml", "sources:\n" + GOOD + '    numbers: [0120-208-360, 6桁, "9:00"]\n')
    page = write_file(tmp_path / "docs" / "help.md", "# 窓口（19時まで）\n\n電話は０１２０－２０８－３６０です。\n"
                                                     "窓口は 0120-111-222 です。コードは6桁、番号は10桁です。\n"
                                                     "受付は9時から18時まで、費用は500円、30分かかります。\n")
    en = write_file(tmp_path / "docs-en" / "help.md", "Open 9:00 to 18:00, 24 hours at weekends, 500 yen, 30 minutes.\n"
                    "Not numbers readers act on: 127.0.0.1:8000, step 9, 1/3.\n")
    near = write_file(tmp_path / "docs" / "near.md", "3分の1、その時点で、手順9、127.0.0.1:8000。\n")
    data = write_file(tmp_path / "data" / "routes.yml", "# 18時 in a comment\n- {ja: 9時から18時, en: until 6 pm}\n")
    problems = [f"{p.path.name}:{p.line}: {p.message}"
                for p in number_problems(load_registry(reg), [page, en, near, data], tmp_path)]
    assert [p.split(" is not")[0] for p in problems] == [
        "help.md:1: 「19時」", "help.md:4: 「0120-111-222」", "help.md:4: 「10桁」", "help.md:5: 「18時」", "help.md:5: 「500円」", "help.md:5: 「30分」",
        "help.md:1: 「18:00」", "help.md:1: 「24 hours」", "help.md:1: 「500 yen」", "help.md:1: 「30 minutes」",
        "routes.yml:2: 「18時」", "routes.yml:2: 「6 pm」"], problems
    write_file(tmp_path / "data" / "sources.yml", "sources:\n" + GOOD + "  other:\n" + GOOD.split("\n", 1)[1]
               + "    numbers: [0120-208-360]\n")
    page = write_file(tmp_path / "docs" / "own.md", "---\nsources: [good]\n---\n\n電話は 0120-208-360 です。\n")
    problems = [f"{p.path.name}:{p.line}: {p.message}"
                for p in number_problems(load_registry(tmp_path / "data" / "sources.yml"), [page], tmp_path)]
    assert problems == ["own.md:5: 「0120-208-360」 is stated by other, not by the page's sources (good): add that "
                        "source to the page's `sources:`"]


# --- self-tests: the broken input each check exists for ----------------------------------------------

HOSTS = """hosts:
  www.ocn.ne.jp: OCN
news_hosts:
  news.example.jp: news
"""
GOOD = """  good:
    title: OCNの公式ページ
    publisher: OCN
    kind: official
    url: https://www.ocn.ne.jp/login/otp/
    read: 2026-11-25
    phrases: [ワンタイムパスワード]
"""


def registry_problems(tmp_path, entry: str) -> list[str]:
    reg = write_file(tmp_path / "data" / "sources.yml", "sources:\n" + GOOD + entry)
    hosts = write_file(tmp_path / "data" / "official_hosts.yml", HOSTS)
    return [f"{p.path.name}:{p.line}: {p.message}"
            for p in check_registry(load_registry(reg), reg, hosts, today=TODAY)]


@pytest.mark.parametrize("entry,expected", [
    ("  plain:\n    title: t\n    publisher: p\n    kind: official\n    url: http://www.ocn.ne.jp/x\n"
     "    read: 2026-11-25\n    phrases: [x]\n",
     "sources.yml:13: source 'plain': url 'http://www.ocn.ne.jp/x' is not https"),
    ("  lookalike:\n    title: t\n    publisher: p\n    kind: official\n    url: https://www.ocn-ne.jp/x\n"
     "    read: 2026-11-25\n    phrases: [x]\n",
     "sources.yml:13: source 'lookalike': host 'www.ocn-ne.jp' is not on official_hosts.yml"),
    ("  press:\n    title: t\n    publisher: p\n    kind: news\n    url: https://www.ocn.ne.jp/x\n"
     "    read: 2026-11-25\n    phrases: [x]\n",
     "sources.yml:13: source 'press': host 'www.ocn.ne.jp' is not under news_hosts"),
    ("  undated:\n    title: t\n    publisher: p\n    kind: official\n    url: https://www.ocn.ne.jp/x\n"
     "    phrases: [x]\n",
     "sources.yml:9: source 'undated': `read` (the date the source was last read) is missing"),
    ("  later:\n    title: t\n    publisher: p\n    kind: official\n    url: https://www.ocn.ne.jp/x\n"
     "    read: 2027-01-05\n    phrases: [x]\n",
     "sources.yml:14: source 'later': `read: 2027-01-05` is in the future (today is 2026-11-26)"),
    ("  later-month:\n    title: t\n    publisher: p\n    kind: news\n    url: https://news.example.jp/x\n"
     "    read: 2026-12\n    phrases: [x]\n",
     "sources.yml:14: source 'later-month': `read: 2026-12` is in the future"),
    ("  nourl:\n    title: t\n    publisher: p\n    kind: official\n    read: 2026-11-25\n",
     "sources.yml:9: source 'nourl': `url` is missing"),
    ("  mute:\n    title: t\n    publisher: p\n    kind: official\n    url: https://www.ocn.ne.jp/x\n"
     "    read: 2026-11-25\n",
     "sources.yml:9: source 'mute': no `phrases`"),
])
def test_selftest_registry_defect_is_named(tmp_path, entry, expected):
    problems = registry_problems(tmp_path, entry)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize("entry,expected", [
    ("  odd:\n    title: t\n    publisher: p\n    kind: blog\n    read: 2026-11-25\n",
     "sources.yml:12: sources/odd/kind: 'blog' is not one of ['record', 'official', 'news', 'advice']"),
    ("  typo:\n    title: t\n    publisher: p\n    kind: official\n    url: https://www.ocn.ne.jp/x\n"
     "    read: 2026-11-25\n    phrase: [x]\n", "sources.yml:15: sources/typo: unknown key 'phrase'; did you mean 'phrases'?"),
    ("  desk:\n    title: t\n    publisher: p\n    kind: advice\n    number: [0120-208-360]\n",
     "sources.yml:13: sources/desk: unknown key 'number'; did you mean 'numbers'?"),
    ("  untitled:\n    publisher: p\n    kind: advice\n", "sources.yml:10: sources/untitled: 'title' is a required property"),
    ("  on:\n    title: t\n    publisher: p\n    kind: advice\n", "sources.yml:9: the id 'on' is read by YAML as a bool"),
    ("  dmy:\n    title: t\n    publisher: p\n    kind: news\n    url: https://news.example.jp/x\n    read: 25/11/2026\n",
     "sources.yml:14: sources/dmy/read: '25/11/2026' does not match"),
    ("  late:\n    title: t\n    publisher: p\n    kind: advice\n    numbers: [20:00]\n",
     "sources.yml:13: sources/late/numbers/0: 1200 is not of type 'string'; give a value of the type named (quote"),
])
def test_selftest_registry_shape_is_named_with_its_line(tmp_path, entry, expected):
    """data/schema/sources.yml: a misspelt key, a missing field or an unknown kind stops load_registry with
    the key's line and the fix, before any page is blamed for it."""
    from guide.sources import SourcesError
    with pytest.raises(SourcesError) as err:
        load_registry(write_file(tmp_path / "data" / "sources.yml", "sources:\n" + GOOD + entry))
    assert str(err.value).startswith(expected), err.value


def test_selftest_good_registry_passes(tmp_path):
    assert registry_problems(tmp_path, "") == []


def pages_problems(tmp_path, pages: dict[str, str]) -> list[str]:
    reg = write_file(tmp_path / "data" / "sources.yml", "sources:\n" + GOOD)
    for name, text in pages.items():
        write_file(tmp_path / "docs" / name, text)
    return [f"{p.path.relative_to(tmp_path).as_posix()}:{p.line}: {p.message}"
            for p in check_pages(load_registry(reg), tmp_path / "docs", reg)]


def test_selftest_unknown_source_id_is_named(tmp_path):
    problems = pages_problems(tmp_path, {"a.md": "---\ndescription: x\nsources: [good, gone]\n---\n# a\n"})
    assert problems == ["docs/a.md:3: unknown source id 'gone'; use an id from sources.yml or add it there"]


def test_selftest_page_without_sources_is_named(tmp_path):
    problems = pages_problems(tmp_path, {"a.md": "---\nsources: [good]\n---\n# a\n",
                                         "b.md": "---\ndescription: x\n---\n# b\n"})
    assert problems == ["docs/b.md:1: the page declares no sources; add `sources: [id, ...]` to its "
                        "front matter (ids from sources.yml)"]


def test_selftest_unused_source_is_named(tmp_path):
    problems = pages_problems(tmp_path, {"a.md": "# a\n"})
    assert "data/sources.yml:2: source 'good' is used by no page; name it in a page's `sources:` or remove it" \
        in problems


def test_selftest_build_fails_on_unknown_id(tmp_path):
    """The hook stops the build (not only the test) and names the Markdown file and line."""
    from mkdocs.exceptions import PluginError
    from support import load_hook
    hook = load_hook("page_sources")
    page_file = write_file(tmp_path / "x.md", "---\ntitle: x\nsources: [nope]\n---\n# x\n")

    class File:
        abs_src_path = str(page_file)
        src_uri = "x.md"

    class Page:
        file = File()

    hook._registry.clear()
    hook._registry.update(load_registry(REGISTRY))
    with pytest.raises(PluginError, match=r"docs/x\.md:3: unknown source id\(s\) \['nope'\]"):
        hook.on_page_markdown("# x", Page(), {}, None)
