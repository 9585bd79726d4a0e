"""Search finds what readers type: each query in data/search_queries.yml finds its page in the top 3, ranked
by the built site's own worker in Node (in seconds, `make check`); a sample typed into the served site's
search box finds its page and ranks as Node does; in the offline copy opened from file:// (iframe-worker), a
sample finds its page, and the copy searches the same index with the same worker.

Japanese queries need hooks/search_ja.py and hooks/search_ja.js (see there why): one tokenizer, run on the
pages and on the query, normalising both the same way (test_normalisation_gives_the_same_tokens)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import (DESKTOP, DOCS, SEARCH_QUERY_FILES, load_hook, load_search_queries,
                     search_misses, url_to_doc, write_file)

QUERIES = load_search_queries()
#: Per edition: (query file, queries, folder of the edition in the site, minimum number of queries).
EDITION_QUERIES = {"ja": (SEARCH_QUERY_FILES["ja"], QUERIES, "", 80),
                   "en": (SEARCH_QUERY_FILES["en"], load_search_queries(SEARCH_QUERY_FILES["en"]), "en/", 40)}


@pytest.mark.parametrize("lang", sorted(EDITION_QUERIES))
def test_query_list_is_complete_and_points_at_real_pages(lang):
    source, queries, _, minimum = EDITION_QUERIES[lang]
    assert len(queries) >= minimum, f"{source.name}: only {len(queries)} queries, want at least {minimum}"
    problems = [f"{source.name}: 「{q.get('query')}」: no page docs/{q.get('expect')}"
                for q in queries if not (DOCS / str(q.get("expect"))).is_file()]
    seen: set[str] = set()
    for q in queries:
        if q["query"] in seen:
            problems.append(f"{source.name}: 「{q['query']}」 is listed twice")
        seen.add(q["query"])
    problems += quoted_label_problems(source, queries)
    assert problems == []


def quoted_label_problems(path: Path, queries: list[dict]) -> list[str]:
    """A query that quotes a label in 「」 (copied from a screen) must quote a label data/screens.yml has:
    when a label is renamed there, the queries that copied the old words are named, with their line."""
    from guide.schema import shown_path
    from guide.screens import current
    labels = {label.ja for label in current().labels.values()}
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [f"{shown_path(path)}:{next((n for n, line in enumerate(lines, 1) if q['query'] in line), 1)}: the query "
            f"{q['query']} quotes 「{quoted}」, which is no label in data/screens.yml: write the screen's current words"
            for q in queries for quoted in re.findall(r"「([^」]+)」", q["query"]) if quoted not in labels]


def test_selftest_query_quoting_a_renamed_label_is_named(tmp_path):
    queries = [{"query": "「規約に同意して送信」", "expect": "steps/3-link-contract.md"},
               {"query": "「dアカウント連携をはじめる」", "expect": "steps/1-open.md"}]
    path = write_file(tmp_path / "search_queries.yml", "".join(f"- {{query: {q['query']}}}\n" for q in queries))
    assert quoted_label_problems(path, queries) == [
        "search_queries.yml:1: the query 「規約に同意して送信」 quotes 「規約に同意して送信」, which is no label in "
        "data/screens.yml: write the screen's current words"]


@pytest.mark.parametrize("lang", sorted(EDITION_QUERIES))
def test_queries_find_their_page_without_a_browser(site, lang):
    """The quick check's ranking: the site's own search worker and tokenizer, run by Node on the built index
    (guide/search_rank.js), so a page that pushes a query out of the top 3 fails `make check` in seconds."""
    from guide.search_check import rank_without_browser, top_misses
    source, queries, folder, _ = EDITION_QUERIES[lang]
    misses = top_misses(queries, rank_without_browser(site / folder, [q["query"] for q in queries]), source)
    print(f"search (no browser, {lang}): {len(queries) - len(misses)}/{len(queries)} queries find their page in the top 3")
    assert misses == []


def test_selftest_ranking_without_a_browser_reports_a_miss(site):
    from guide.search_check import rank_without_browser, top_misses
    query = QUERIES[0]
    wrong = [{"query": query["query"], "expect": "no-such-page.md"}, query]
    misses = top_misses(wrong, rank_without_browser(site, [q["query"] for q in wrong]), SEARCH_QUERY_FILES["ja"])
    assert len(misses) == 1 and misses[0].startswith(f"search_queries.yml: 「{query['query']}」 should find "
                                                     "no-such-page.md in the top 3, got ["), misses


def test_selftest_ranking_comparison_names_a_query_ranked_differently():
    from guide.search_check import ranking_differences
    box, node = [["faq.md", "glossary.md"], ["index.md"]], [["glossary.md", "faq.md"], ["index.md", "about.md"]]
    assert ranking_differences(["コード", "手順"], box, node) == [
        "「コード」: the search box lists ['faq.md', 'glossary.md'], the Node ranking ['glossary.md', 'faq.md']",
        "「手順」: the search box lists ['index.md'], the Node ranking ['index.md', 'about.md']"]


def test_url_to_doc_maps_web_and_offline_urls():
    web, off = "http://127.0.0.1:8000/", "file:///tmp/x/guide-offline/"
    assert url_to_doc(web + "steps/2-issue-account/?h=a#step-5", web) == "steps/2-issue-account.md"
    assert url_to_doc(web + "troubleshooting/", web) == "troubleshooting/index.md"
    assert url_to_doc(web + "?h=x", web) == "index.md"
    assert url_to_doc(off + "steps/2-issue-account.html#step-5", off) == "steps/2-issue-account.md"
    assert url_to_doc(off + "troubleshooting/index.html", off) == "troubleshooting/index.md"
    assert url_to_doc(off + "index.html", off) == "index.md"


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    base, _ = served_site
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    page.goto(base)
    yield page, base
    context.close()


@pytest.mark.browser
def test_queries_find_their_page_on_the_served_site(served_search):
    """A sample of the list typed into the search box (conftest.py `served_search`) finds its page and ranks as
    Node ranks it, so the rest, ranked by Node, find there what they find without a browser."""
    lang, sample, misses, differences = served_search
    print(f"search (served, {lang}): {len(sample) - len(misses)}/{len(sample)} sampled queries find their page in the top 3")
    assert misses == [], f"{len(misses)} of {len(sample)} queries miss:\n"
    assert differences == [], "the search box ranks differently from guide/search_rank.js:\n"


@pytest.mark.browser
def test_search_checker_reports_a_miss(search_page):
    """Self-test: a query that cannot find its page is reported with the query and the page."""
    page, base = search_page
    page.goto(base)
    misses = search_misses(page, base, [
        {"query": "ワンタイムキー", "expect": "about.md"},             # found, but not this page
        {"query": "ぴよぴよ", "expect": "index.md"},                    # finds nothing
    ])
    assert len(misses) == 2, misses
    assert "「ワンタイムキー」 should find about.md" in misses[0] and "search_queries.yml" in misses[0]
    assert "「ぴよぴよ」 should find index.md" in misses[1] and "no results" in misses[1]


#: Every OFFLINE_SAMPLE-th query of the list runs in the offline copy too (why a sample: see the next test).
OFFLINE_SAMPLE = 6


def index_by_page(index: dict, base: str) -> dict:
    """A search index with each document's location as (source page, section): the same for both URL layouts."""
    docs = {}
    for doc in index["docs"]:
        path, _, section = doc["location"].partition("#")
        docs[(url_to_doc(base + path, base), section)] = (doc["title"], doc["text"])
    return {"config": index["config"], "docs": docs, "count": len(index["docs"])}


def index_problems(site: Path, offline: Path) -> list[str]:
    """How the offline copy's search differs from the served site's: its worker files, its index."""
    import json
    problems = []
    workers = {f.name: f.read_bytes() for f in (site / "assets/javascripts/workers").glob("*.js")}
    offline_workers = {f.name: f.read_bytes() for f in (offline / "assets/javascripts/workers").glob("*.js")}
    if not workers or workers != offline_workers:
        problems.append(f"the search worker differs: site has {sorted(workers)}, the offline copy {sorted(offline_workers)}"
                        " (same names, same bytes expected)")
    served = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    script = (offline / "search/search_index.js").read_text(encoding="utf-8")
    offline_index = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    a, b = index_by_page(served, "http://x/"), index_by_page(offline_index, "file:///x/")
    if a["config"] != b["config"]:
        problems.append(f"index config differs: site {a['config']}, offline {b['config']}")
    if a["count"] != b["count"] or a["docs"] != b["docs"]:
        only = sorted(set(a["docs"]) ^ set(b["docs"]))[:5]
        changed = sorted(k for k in set(a["docs"]) & set(b["docs"]) if a["docs"][k] != b["docs"][k])[:5]
        problems.append(f"index documents differ ({a['count']} served, {b['count']} offline): "
                        f"in one only {only}, different title or text {changed}")
    return problems


@pytest.mark.dist
@pytest.mark.parametrize("lang", sorted(EDITION_QUERIES))
def test_offline_copy_searches_the_served_index_with_the_served_worker(site, offline_copies, lang):
    """Why a sample of the queries is enough offline: what a query finds depends only on the index and the
    worker's code. The offline copy has the served site's worker, byte for byte, and its index (same
    config; the same documents, titles and texts, at the same pages and sections in the other URL layout).
    So every query finds offline what it finds on the served site, where all of them run; the sample
    checks what is different offline: the search box working from file:// through iframe-worker."""
    folder = EDITION_QUERIES[lang][2]
    problems = index_problems(site / folder, offline_copies[lang])
    assert problems == [], f"offline copy ({lang}) searches differently:\n"


def test_selftest_index_comparison_reports_a_changed_page(tmp_path):
    """Self-test: a different worker, and a page whose text changed, are reported."""
    import json
    import shutil
    site, offline = tmp_path / "site", tmp_path / "offline"
    for root in (site, offline):
        (root / "assets/javascripts/workers").mkdir(parents=True)
        (root / "search").mkdir()
    (site / "assets/javascripts/workers/search.js").write_text("worker();", encoding="utf-8")
    (offline / "assets/javascripts/workers/search.js").write_text("worker(); other();", encoding="utf-8")
    index = {"config": {"lang": ["ja"]}, "docs": [{"location": "faq/#a", "title": "よくある質問", "text": "本文"}]}
    (site / "search/search_index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    index["docs"][0].update(location="faq.html#a", text="変わった本文")
    (offline / "search/search_index.js").write_text(f"var __index = {json.dumps(index, ensure_ascii=False)};",
                                                    encoding="utf-8")
    problems = index_problems(site, offline)
    assert any("search worker differs" in p for p in problems), problems
    assert any("different title or text [('faq.md', 'a')]" in p for p in problems), problems
    index["docs"][0]["text"] = "本文"
    (offline / "search/search_index.js").write_text(f"var __index = {json.dumps(index, ensure_ascii=False)};",
                                                    encoding="utf-8")
    shutil.copy2(site / "assets/javascripts/workers/search.js", offline / "assets/javascripts/workers/search.js")
    assert index_problems(site, offline) == []       # same index in the other URL layout: no problem


@pytest.mark.browser
@pytest.mark.dist
@pytest.mark.parametrize("lang", sorted(EDITION_QUERIES))
def test_queries_find_their_page_in_the_offline_copy(browser, offline_copies, lang):
    """Every OFFLINE_SAMPLE-th query, typed into the offline copy's search box (file://, iframe-worker)."""
    source, queries, _, _ = EDITION_QUERIES[lang]
    sample = queries[::OFFLINE_SAMPLE]
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    base = (offline_copies[lang] / "index.html").as_uri().rsplit("/", 1)[0] + "/"
    page.goto(base + "index.html")
    misses = search_misses(page, base, sample, source=source)
    context.close()
    print(f"search (offline, {lang}): {len(sample) - len(misses)}/{len(sample)} sampled queries find their page in the top 3")
    assert misses == [], f"{len(misses)} of {len(sample)} queries miss in the offline copy:\n"


def test_search_hook_only_acts_for_japanese_and_english_search():
    """hooks/search_ja.py patches the worker only when the search language is ja or en (the English build
    gets the query rewrite only, see test_english_query_adds_the_pages_verb_forms)."""
    search_ja = load_hook("search_ja")

    class Search:
        def __init__(self, lang):
            self.config = type("C", (), {"lang": lang})()

    class Config:
        def __init__(self, lang):
            self.plugins = {"search": Search(lang)}

    files = object()     # untouched when the hook does nothing
    assert search_ja.on_files(files, Config(["de"])) is files


def test_search_hook_patches_material_worker_or_fails_loudly():
    """hooks/search_ja.py patches exactly two expressions; a different Material build stops the build."""
    from mkdocs.exceptions import PluginError
    search_ja = load_hook("search_ja")
    import material
    from pathlib import Path
    workers = list((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))
    assert len(workers) == 1, workers
    patched = search_ja.patch_worker(workers[0].read_text(encoding="utf-8"))
    assert search_ja.PAGE_PATCHED in patched and search_ja.PATCHED in patched
    assert search_ja.ORIGINAL not in patched and search_ja.PAGE_ORIGINAL not in patched
    assert patched.startswith('"use strict";\n/* Japanese search') and "var searchJa" in patched
    english = search_ja.patch_worker(workers[0].read_text(encoding="utf-8"), english=True)
    assert search_ja.PATCHED_EN in english and search_ja.PAGE_ORIGINAL in english    # lunr's English tokenizer stays
    assert search_ja.PAGE_PATCHED not in english and "var searchJa" in english
    with pytest.raises(PluginError, match="hooks/search_ja.py: the search worker"):
        search_ja.patch_worker('"use strict";search(e){if(e=e.replace(/other/,x=>x),e=ce(e),!e)return{items:[]}}')


# hooks/search_ja.js run by node, as the worker runs it (the worker contains the file verbatim).
_NODE_JS = """const ja = require(process.argv[1]);
const out = {};
for (const q of JSON.parse(process.argv[2])) {
  const tokens = []; ja.tokens(q, (start, length, token) => tokens.push([start, length, token]));
  out[q] = {query: ja.query(q), tokens};
}
console.log(JSON.stringify(out));"""


def run_tokenizer(texts: list[str]) -> dict:
    import json
    import shutil
    import subprocess
    from support import ROOT
    node = shutil.which("node")
    assert node, "node is needed (it runs textlint too): install Node.js 20"
    proc = subprocess.run([node, "-e", _NODE_JS, str(ROOT / "hooks" / "search_ja.js"), json.dumps(texts)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_normalisation_gives_the_same_tokens():
    """What readers type in other forms gives the tokens of the page's form, on both sides."""
    same = [["6桁", "６桁", "六桁", "6けた", "６ケタ"], ["2段階認証", "二段階認証", "２段階認証"],
            ["10桁", "十桁", "１０桁"], ["OCN", "ＯＣＮ", "ocn"], ["dアカウント", "ｄアカウント", "ｄｱｶｳﾝﾄ"],
            ["SMS", "ＳＭＳ", "ショートメール"], ["ワンタイムキー", "ﾜﾝﾀｲﾑｷｰ"], ["パスワード", "パスワ-ド", "パスワ－ド"],
            ["お客さま番号", "お客様番号"], ["はがき", "ハガキ", "葉書"], ["問い合わせ", "問合せ", "問い合せ"],
            ["「規約に同意し、認証コード送信」", "規約に同意し 認証コード送信", "規約に同意し、認証コード送信"],
            ["メールが届かない", "メールが来ない"], ["届きません", "来ません"]]
    result = run_tokenizer([t for group in same for t in group])
    for group in same:
        queries = {t: result[t]["query"] for t in group}
        assert len(set(queries.values())) == 1, f"different query tokens: {queries}"
        pages = {t: [tok for _, _, tok in result[t]["tokens"]] for t in group}
        assert len({tuple(v) for v in pages.values()}) == 1, f"different page tokens: {pages}"
    assert result["6桁"]["query"] == "6桁^2"           # one pair, weighted as a content pair
    # punctuation only separates: the copied phrase has the pairs of the typed one, less the one across 、
    typed = set(run_tokenizer(["規約に同意し認証コード送信"])["規約に同意し認証コード送信"]["query"].split())
    assert set(result["「規約に同意し、認証コード送信」"]["query"].split()) == typed - {"し認"}


def test_deki_nai_is_not_a_mail_that_did_not_come():
    """来ない is rewritten to 届かない (both sides), but not inside 出来ない (= できない)."""
    got = run_tokenizer(["出来ない"])["出来ない"]["query"]
    assert "出来^2" in got.split() and "届か" not in got, got


_NODE_EN_JS = """const ja = require(process.argv[1]);
const [q, index] = JSON.parse(process.argv[2]);
console.log(JSON.stringify(ja.english(q, index)));"""


def english_query(query: str, index_terms: list[str]) -> list[str]:
    import json
    import shutil
    import subprocess
    from support import ROOT
    proc = subprocess.run([shutil.which("node"), "-e", _NODE_EN_JS, str(ROOT / "hooks" / "search_ja.js"),
                           json.dumps([query, {t: {} for t in index_terms}])], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout).split()


def test_english_query_adds_the_pages_verb_forms():
    """English edition: the reader's words stay, the pages' forms of the verb are added (exact, "^1": no
    Material "*"), and each word once more exact ("^2", so "send" outranks titles that say "sender")."""
    got = english_query("resend the code", ["send", "code"])
    assert got[:3] == ["resend", "the", "code"] and "send^1" in got and "resend^2" in got and "code^2" in got
    assert "set^1" not in english_query("reset password", ["reset", "set", "password"])  # a page says reset
    assert {"forgot^1", "forgotten^1"} <= set(english_query("forget password", []))
    assert "verification^1" in english_query("verify by phone", [])
    assert all("*" not in t for t in english_query("resend the code", ["send"]))


def test_tokenizer_keeps_highlights_in_the_text():
    """Page side: every token's range lies in the text and ranges never overlap (Material inserts <mark>
    tags at these offsets; overlapping ranges would break the result's HTML)."""
    texts = ["OCNお客様番号は、Nから始まる１０桁の番号です。", "「規約に同意し、認証コード送信」を押します",
             "https://s.ocn.jp/ocndm と ﾜﾝﾀｲﾑｷｰ", "二段階認証で６桁のコード"]
    for text, got in run_tokenizer(texts).items():
        end = 0
        for start, length, token in got["tokens"]:
            assert start >= end and start + length <= len(text), (text, start, length, token)
            end = start + length
        assert "".join(text[s:s + n] for s, n, _ in got["tokens"]).strip(), text


def test_compound_and_screen_phrase_share_the_pages_tokens():
    """A compound typed without its particle, or a phrase copied from the screen, shares most of its
    tokens with the page's wording (so it ranks that page, see data/search_queries.yml)."""
    got = run_tokenizer(["迷惑メールフォルダ", "迷惑メールのフォルダー"])
    query = {t.split("^")[0] for t in got["迷惑メールフォルダ"]["query"].split()}
    page = {tok for _, _, tok in got["迷惑メールのフォルダー"]["tokens"]}
    assert len(query & page) / len(query) >= 0.8, (query, page)


@pytest.mark.browser
def test_index_loads_only_for_search_and_highlight(browser, served_site):
    """hooks/search_lazy.py: no index on a plain visit; opening search or a result link (?h=) loads it."""
    base, _ = served_site
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url or "/workers/" in r.url else None)
    page.goto(base + "faq/", wait_until="load")
    page.wait_for_timeout(300)
    plain = list(fetched)
    page.goto(base + "steps/2-issue-account/?h=ワンタイムキー", wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('article mark').length > 0", timeout=5000)
    context.close()
    assert not plain, f"a plain page view loaded the search index or worker: {plain}"
    assert any("/workers/" in url for url in fetched) and any("search_index" in url for url in fetched), \
        f"opening a result link did not load the worker and the index: {fetched}"


def test_lazy_index_hook_patches_material_bundle_or_fails_loudly():
    from pathlib import Path
    import material
    from mkdocs.exceptions import PluginError
    search_lazy = load_hook("search_lazy")
    bundles = list((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, bundles
    patched = search_lazy.patch_bundle(bundles[0].read_text(encoding="utf-8"))
    assert search_lazy.PATCHED in patched and search_lazy.WORKER_PATCHED in patched
    with pytest.raises(PluginError, match="hooks/search_lazy.py"):
        search_lazy.patch_bundle('function ks(){return fetch("search/search_index.json")}')
