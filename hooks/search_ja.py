"""MkDocs hook: Japanese search that finds what readers type, particles and all.

The problem (Material 9.8, `search: lang: ja`; Material issues #3112, #2270):
the search worker splits PAGE text into words with TinySegmenter (「ワンタイムキーが届かない」 ->
ワンタイムキー / が / 届か / ない), but splits the QUERY only at `separator` (spaces, 、。) and, for
kanji runs, with a greedy matcher `segment()` that drops the last word of the run (「必要」 -> 「必」).
So a query with particles stays one long term that matches no indexed word: 「ワンタイムキーが届かない」,
「固定電話しかない」, 「名義が違う」 all returned 0 results (6 of 36 queries in data/search_queries.yml
found their page).

Configuration first: `separator` is the only setting that reaches the query side. A separator that
also splits where the script changes (kanji/hiragana/katakana/latin) got 30/36, but it cannot split
a run of one script (「うまくいかない」, 「何が必要」), and the broken kanji `segment()` still runs.
No setting can make the query use TinySegmenter, and there is no Japanese build-time segmentation
(only jieba for Chinese). Hence this hook.

The fix: serve the theme's search worker with ONE expression replaced (the query pre-processing in
`Search.search`): when TinySegmenter is loaded (lang: ja), each query word is split as the worker
splits page text (at the separator, then by TinySegmenter), and particles (1-2 hiragana, e.g. が, の, を, しか) and lone
punctuation are dropped, so they do not rank every page. Queries with search syntax (+ - : ~ ^ * ")
are left as they were. Without TinySegmenter the original code runs. Result: 34/36 (the two misses
were pages that did not use the reader's words; fixed in the pages, not in the search).

Why patch instead of a copied worker in overrides/: the patch is 1 expression, applied to the file
of the installed (pinned) Material; Material 9.x is in maintenance until its end of life (2027-05),
so the bundle will not change under us, and if it does (upgrade, move to Zensical) the expression is
not found and the build fails loudly instead of silently shipping the broken search.

Also (page weight): Material writes search_index.json with every Japanese character as a \\uXXXX
escape (6 bytes). on_post_build rewrites it as UTF-8: same data, 180 -> 100 KB, 20.4 -> 17.7 KB gzipped
(loaded when the reader opens search, see hooks/search_lazy.py). It runs after the search plugin wrote the file and before the offline
plugin copies it into search_index.js.

The patched worker is a normal build file: mkdocs serve, the web site and the offline copy
(file://, iframe-worker) all use it. tests/test_search.py checks the result with real queries.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

WORKER_DIR = "assets/javascripts/workers/"

# Material 9.8.2's minified query pre-processing (Search.search): segment kanji runs greedily.
ORIGINAL = ('e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),'
            's=>[...fe(s,this.index.invertedIndex)].join("* "))')

# Same variable names; `w` = one whitespace-separated query word.
JA_WORD = r"/[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/"
PARTICLE = r"/^[\u3041-\u309f]{1,2}$/"
PUNCT = r"/^[^0-9A-Za-z\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff\uff10-\uff5a]+$/"
PATCHED = (
    'e=typeof lunr.segmenter!="undefined"'
    '?e.split(/(\\s+)/).map(w=>/^[+\\-]|[:~^*"]/.test(w)||!' + JA_WORD + '.test(w)?w:'
    '(k=>k.length?k.join(" "):w)(w.split(lunr.tokenizer.separator).filter(p=>p)'
    '.flatMap(p=>/^[MHIK]$/.test(lunr.segmenter.ctype_(p))?lunr.segmenter.segment(p):[p])'
    '.filter(t=>!' + PARTICLE + '.test(t)&&!' + PUNCT + '.test(t)))).join("")'
    ':' + ORIGINAL[2:]
)


def patch_worker(source: str) -> str:
    """The worker source with Japanese query segmentation; raises if Material's code has changed."""
    if source.count(ORIGINAL) != 1:
        raise PluginError(
            "hooks/search_ja.py: the search worker of this Material version does not contain the "
            "expression it patches (Material upgraded?). Check Japanese search (tests/test_search.py) "
            "and update ORIGINAL/PATCHED in hooks/search_ja.py, or remove the hook.")
    return source.replace(ORIGINAL, PATCHED)


def on_files(files, config):
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if not search or "ja" not in (search.config.lang or []):
        return files
    workers = [f for f in files if f.src_uri.startswith(WORKER_DIR) and f.src_uri.endswith(".min.js")]
    if len(workers) != 1:
        raise PluginError(f"hooks/search_ja.py: expected one search worker in {WORKER_DIR}, "
                          f"found {[f.src_uri for f in workers]}")
    worker = workers[0]
    source = Path(worker.abs_src_path).read_text(encoding="utf-8")
    files.remove(worker)
    files.append(File.generated(config, worker.src_uri, content=patch_worker(source)))
    return files


@event_priority(-50)   # after the search plugin (0) wrote the index, before material/offline (-100) reads it
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
