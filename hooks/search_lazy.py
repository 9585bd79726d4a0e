"""MkDocs hook (page weight): load the search index only when the reader opens search.

Material 9.8 fetches search/search_index.json on every page load, and the search worker then loads
TinySegmenter and lunr's Japanese support: ~30 KiB gzipped of a ~100 KiB first visit, parsed on the
main thread during start-up (Lighthouse: total byte weight and total blocking time), for readers who
mostly follow the steps and never search. Material already waits for the search box on file://
(the offline copy); there is no setting to do the same over HTTP.

The fix: serve the theme's bundle with ONE expression replaced (`fetchSearchIndex` for http(s)): the
index request waits until the search toggle is on (the reader clicks the search icon, focuses the box
or presses the keyboard shortcut), or the page was opened from a search result (`?h=`, for
search.highlight). Nothing else changes; the first search waits for the index (~20 KiB).
Like hooks/search_ja.py: the pinned Material 9.8.2 is in maintenance until its end of life, and if the
expression is not found (upgrade) the build fails loudly. Checked by tests/test_search.py (real
searches) and tests/test_privacy.py (a search loads everything from the site's own host).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

BUNDLE_DIR = "assets/javascripts/"

# Material 9.8.2, bundle.ts fetchSearchIndex(), http(s) branch. ze = requestJSON, Or = config.
ORIGINAL = 'ze(new URL("search/search_index.json",Or.base))'
# Je = watchToggle, Re = first, b = switchMap, Z = shareReplay (the names the same bundle uses for them).
PATCHED = ('Je("search").pipe(Re(o=>o||new URL(location.href).searchParams.has("h")),'
           'b(()=>' + ORIGINAL + '),Z(1))')
# The helper names must mean what PATCHED assumes: check their definitions in the same bundle.
EXPECTED = ['function Je(e){let t=yr[e];return h(t,"change")',
            'L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))',
            'm(()=>__index),Z(1)']


# The search worker too (first visit: page weight): Material creates it at start-up (`new Worker(url)` in
# the default argument of its worker setup), so the worker script (~16 KiB gzipped with the Japanese
# tokenizer) was fetched on every first visit. It is replaced by a stand-in that records the message
# listeners and creates the real Worker on the first postMessage, which Material sends only once the index
# is there (after the reader opens search, see above). Offline, `Worker` is the iframe-worker shim: the
# stand-in creates that instead, so both routes stay the same.
WORKER_ORIGINAL = "function Mn(e,t=new Worker(e)){"
WORKER_PATCHED = ("function Mn(e,t=((u)=>{let w=null,l=[];return{"
                  "addEventListener(...a){w?w.addEventListener(...a):l.push(a)},"
                  "removeEventListener(...a){w?w.removeEventListener(...a):l=l.filter(x=>x[0]!==a[0]||x[1]!==a[1])},"
                  "postMessage(m){if(!w){w=new Worker(u);l.forEach(a=>w.addEventListener(...a))}w.postMessage(m)}}})(e)){")


def patch_bundle(source: str) -> str:
    """The bundle with a lazy search index and a lazy search worker; raises if Material's code is not the
    expected one."""
    missing = [s for s in [ORIGINAL, WORKER_ORIGINAL, *EXPECTED] if s not in source]
    if missing or source.count(ORIGINAL) != 1 or source.count(WORKER_ORIGINAL) != 1:
        raise PluginError(
            "hooks/search_lazy.py: Material's bundle does not contain the code it patches "
            f"(Material upgraded?): {missing or [ORIGINAL, WORKER_ORIGINAL]}. Update or remove the hook.")
    return source.replace(ORIGINAL, PATCHED).replace(WORKER_ORIGINAL, WORKER_PATCHED)


def on_files(files, config):
    bundles = [f for f in files if f.src_uri.startswith(BUNDLE_DIR + "bundle.") and f.src_uri.endswith(".min.js")]
    if len(bundles) != 1:
        raise PluginError(f"hooks/search_lazy.py: expected one Material bundle, found {[f.src_uri for f in bundles]}")
    bundle = bundles[0]
    source = Path(bundle.abs_src_path).read_text(encoding="utf-8")
    files.remove(bundle)
    files.append(File.generated(config, bundle.src_uri, content=patch_bundle(source)))
    return files
