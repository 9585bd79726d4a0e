"""MkDocs hook: Japanese search that finds what readers type (issue #10).

The problem (Material 9.8, `search: lang: ja`; Material issues #3112, #2270): the search worker splits
PAGE text with TinySegmenter but the QUERY only at `separator` plus a greedy kanji matcher. A first fix
(this hook until 2026-11) ran TinySegmenter on the query too, but TinySegmenter cuts the same characters
differently in different contexts, so 「6桁」「5桁」 found nothing, 「迷惑メールフォルダ」 (the page says
「迷惑メールのフォルダー」) found nothing, and ＯＣＮ, ６桁, 六桁, ﾜﾝﾀｲﾑｷｰ, お客様 never matched the pages'
OCN, 6桁, ワンタイムキー, お客さま. On 109 readers' queries: 88 found their page in the top 3, 69 first.

The design: ONE tokenizer, hooks/search_ja.js, for the pages and the query, in the worker:
- normalisation (NFKC, lower case, kanji numerals before a counter, 6けた, パスワ-ド, a few spelling
  variants) and character bigrams for Japanese (latin words and numbers stay whole). Both sides run
  the same code, so they cannot disagree; bigrams need no dictionary and match compounds, phrases
  copied from a screen (with 「」 and 、) and words typed without their particles.
- Why not build-time segmentation (Janome, SudachiPy): the query is split in the browser, where
  no such dictionary exists; a different splitter there would disagree with the index again. And the
  worker builds its lunr index from search_index.json in the browser anyway, so bigrams there cost no
  index bytes (pre-split text in the JSON would have roughly doubled it).
- Query weights: a pair without hiragana (紛失, 6桁, メー) counts double (lunr `^2`); hiragana pairs
  (ない, した) are mostly grammar. Search syntax (+ - : ~ ^ ") is not kept (readers paste punctuation).
- At build time (on_post_build): the title weight goes from Material's 1000 to 10 (TITLE_BOOST, with the
  measurements), and the file is rewritten as UTF-8 (Material writes every Japanese character as a
  6-byte \\uXXXX escape; UTF-8 is about 40 % smaller raw, 10-15 % gzipped).
  The offline plugin (-100) inlines it afterwards as search_index.js.
- The worker's "missing terms" line would list bigrams; extra.css hides it.
Result on the same 109 queries: every query's page in the top 3 and 81 first, served and offline
(`make bench-search`).

English edition (`search: lang: en`, issue #18 §5): the page side stays lunr's (English tokenizer, Porter
stemmer); only the query gets searchJa.english after Material's own step (PATCHED_EN): the pages' forms of
the reader's verb and each word once more exact (reasons in hooks/search_ja.js). On 65 English queries:
63 in the top 3 before, 65 after ("send the code again", "the code was sent twice" ranked titles saying
"sender" first).

How it patches: hooks/search_ja.js goes verbatim after the worker's "use strict"; two call sites of the
minified worker are replaced by calls into it (PAGE_ORIGINAL -> PAGE_PATCHED, ORIGINAL -> PATCHED).
Material 9.x is in maintenance until its end of life (2027-05), so the bundle will not change under us;
if it does (upgrade, move to Zensical) an expression is not found and the build fails loudly instead of
shipping a broken search. The patched worker is a normal build file: mkdocs serve, the web site and the
offline copy (file://, iframe-worker) all use it. tests/test_search.py runs the tokenizer in node
(normalisation self-tests) and real queries in Chromium, served and offline.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

WORKER_DIR = "assets/javascripts/workers/"
#: The tokenizer both sides use (readable source; the worker gets it verbatim, tests/ run it in node).
SEARCH_JA_JS = Path(__file__).with_name("search_ja.js")

# Material 9.8.2's minified worker, two call sites. Each must occur exactly once.
# 1. Page side (function `ae`, the tokenizer of the lunr index): split a text run at the separator, then
#    with TinySegmenter. i[o] = highlight table of this block, u = offset of the run, a = block type.
PAGE_ORIGINAL = (
    'H(g,lunr.tokenizer.separator,(l,m)=>{if(typeof lunr.segmenter!="undefined"){let x=g.slice(l,m);'
    'if(/^[MHIK]$/.test(lunr.segmenter.ctype_(x))){let v=lunr.segmenter.segment(x);'
    'for(let d=0,y=0;d<v.length;d++)i[o]||(i[o]=[]),i[o].push(u+l+y<<12|v[d].length<<2|a),'
    'e.push(new lunr.Token(v[d].toLowerCase(),{position:o<<20|i[o].length-1})),y+=v[d].length;return}}'
    'i[o].push(u+l<<12|m-l<<2|a),e.push(new lunr.Token(g.slice(l,m).toLowerCase(),'
    '{position:o<<20|i[o].length-1}))})')
PAGE_PATCHED = ('searchJa.tokens(g,(l,n,t)=>{i[o].push(u+l<<12|n<<2|a),'
                'e.push(new lunr.Token(t,{position:o<<20|i[o].length-1}))})')
# 2. Query side (Search.search): segment kanji runs greedily against the index (drops the last word).
ORIGINAL = ('e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),'
            's=>[...fe(s,this.index.invertedIndex)].join("* "))')
PATCHED = 'e=searchJa.query(e)'
# English edition: lunr's English tokenizer stays on both sides; only verbs are added to the query
# (searchJa.english, see hooks/search_ja.js: resend -> send, verify -> verification, forget -> forgot).
PATCHED_EN = ORIGINAL + ',e=searchJa.english(e,this.index.invertedIndex)'
STRICT = '"use strict";'


def patch_worker(source: str, english: bool = False) -> str:
    """The worker with hooks/search_ja.js inside it and both call sites using it; raises if Material's
    code is not the code this hook was written for. english=True (the English edition): lunr's English
    tokenizer stays on the pages; only the query gets searchJa.english (verb forms) after Material's own step."""
    missing = [name for name, text in [("page tokenizer", PAGE_ORIGINAL), ("query pre-processing", ORIGINAL)]
               if source.count(text) != 1]
    if missing or not source.startswith(STRICT):
        raise PluginError(
            "hooks/search_ja.py: the search worker of this Material version does not contain the "
            f"expressions it patches ({', '.join(missing) or 'use strict'}; Material upgraded?). Check "
            "Japanese search (tests/test_search.py) and update the hook, or remove it.")
    tokenizer = SEARCH_JA_JS.read_text(encoding="utf-8")
    if english:
        source = source.replace(ORIGINAL, PATCHED_EN)
    else:
        source = source.replace(PAGE_ORIGINAL, PAGE_PATCHED).replace(ORIGINAL, PATCHED)
    # After the directive, so the worker (and the tokenizer) stay in strict mode.
    return STRICT + "\n" + tokenizer + "\n" + source[len(STRICT):]


def on_files(files, config):
    search = config.plugins.get("search") or config.plugins.get("material/search")
    lang = (search.config.lang or []) if search else []
    if "ja" not in lang and "en" not in lang:
        return files
    workers = [f for f in files if f.src_uri.startswith(WORKER_DIR) and f.src_uri.endswith(".min.js")]
    if len(workers) != 1:
        raise PluginError(f"hooks/search_ja.py: expected one search worker in {WORKER_DIR}, "
                          f"found {[f.src_uri for f in workers]}")
    worker = workers[0]
    source = Path(worker.abs_src_path).read_text(encoding="utf-8")
    files.remove(worker)
    files.append(File.generated(config, worker.src_uri, content=patch_worker(source, english="ja" not in lang)))
    return files


#: Field weights of the lunr index. Material's title boost (1000) made any shared character pair in a
#: section title outrank a section whose text says what the reader typed; 10 ranked best on
#: data/search_queries.yml (tried 1000, 100, 30, 10, 5, 3: top 3 96, 97, 98, 101, 101, 100 of 109).
TITLE_BOOST = 10.0


def rewrite_index(data: dict) -> dict:
    """search_index.json as this site wants it: the title weight above (text and tags keep theirs)."""
    data["config"]["fields"]["title"]["boost"] = TITLE_BOOST
    return data


@event_priority(-50)   # after the search plugin (0) wrote the index, before material/offline (-100) reads it
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = rewrite_index(json.loads(index.read_text(encoding="utf-8")))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
