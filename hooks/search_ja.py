"""MkDocs hook: Japanese search that finds what readers type (issue #10).

One tokenizer, hooks/search_ja.js, for the pages and the query, inside Material's search worker: this hook
puts it into the worker verbatim (after its "use strict") and replaces two call sites of the minified
worker (PAGE_ORIGINAL -> PAGE_PATCHED, ORIGINAL -> PATCHED; the build fails if an upgraded Material lacks
one). At build time it also sets the index's title weight (TITLE_BOOST) and rewrites the index as UTF-8.
Why this design, what was tried and the measurements: maintainers/search.md.
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
