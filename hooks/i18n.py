"""MkDocs hook: what the language editions need beyond their config (mkdocs.yml = Japanese, mkdocs.en.yml).

One build per language (FastAPI style): mkdocs.en.yml has `INHERIT: mkdocs.yml` and its own docs_dir
(docs-en/), snippets (snippets-en/), search language and wording. This hook does the rest:

- Shared assets: the English pages use the images, stylesheets and favicon of docs/assets/. They are not
  copied in git: `on_files` adds docs/assets/** to an edition whose docs_dir is not docs/, so links to
  `../assets/images/x.svg` validate in the strict build and the files land in site/en/assets/.
- The edition's address: `site_url` (SITE_URL) is the address of the whole site, i.e. of the Japanese
  root; an edition whose `extra.alternate` entry for its own language has a folder (`en/`) lives below it,
  so its site_url becomes <SITE_URL>en/ (canonical links, sitemap).
- The language switcher (overrides/partials/alternate.html) links each page to the SAME page of the other
  edition, relatively (`extra.alternate[].link` is the other edition's root seen from this one). In the
  offline copy (a zip per language) the other edition is not on disk: the switcher then points to the
  other edition's online page when site_url is set (`absolute: true`), and is hidden when it is not.
- hreflang: Material's own <link rel="alternate"> tags in <head> point at the language ROOTS, and its
  script fetches <link>/sitemap.xml for each of them; page-level tags there would make it fetch a missing
  sitemap on every page. So the page-level hreflang annotations (ja, en, x-default = ja) go into each
  edition's sitemap.xml (Google's documented equivalent), written here when site_url is set; the head
  tags are left out (overrides/main.html).
- A translation that is behind: an English page whose Japanese page changed since it was translated
  (guide.translations) gets a dated notice under its title, with a link to the Japanese page. A hook, not
  an extension: it needs the page's path and the other edition's address, which Markdown never sees.
"""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "docs"
ASSETS = "assets"
DEFAULT_LANG = "ja"
_state: dict = {}


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def _lang(config) -> str:
    return config.theme.get("language") or DEFAULT_LANG


def on_config(config):
    alternate = [dict(a) for a in config.extra.get("alternate") or []]
    own = next((a for a in alternate if a.get("lang") == _lang(config)), {})
    site_root = config.site_url            # SITE_URL: the address of the Japanese root (the whole site)
    if site_root and not site_root.endswith("/"):
        site_root += "/"
    _state.update(site_root=site_root, roots={}, lang=_lang(config))
    if site_root:
        _state["roots"] = {a["lang"]: urljoin(urljoin(site_root, own.get("path", "")), a["link"]) for a in alternate}
        config.site_url = urljoin(site_root, own.get("path", ""))
    if _offline(config):
        if site_root:       # the other edition is online only: absolute links to it, own edition stays local
            alternate = [a if a["lang"] == _lang(config) else {**a, "link": _state["roots"][a["lang"]], "absolute": True}
                         for a in alternate]
        else:               # nowhere to link to: no switcher in this offline copy
            alternate = []
    config.extra["alternate"] = alternate
    return config


def on_page_markdown(markdown, page, config, files):
    """An English page that may be behind its Japanese page says so (guide.translations.behind_notice)."""
    from guide.translations import behind, behind_notice
    if _lang(config) == DEFAULT_LANG or not page.file.abs_src_path:
        return markdown
    updated = behind(page.file.src_uri, Path(config.config_file_path).parent / "docs", Path(config.docs_dir))
    if updated is None:
        return markdown
    ja = next((a for a in config.extra.get("alternate") or [] if a["lang"] == DEFAULT_LANG), None)
    printing = os.environ.get("PRINT") == "true"          # guide/pdf.py: the print page (a PDF has no relative links)
    href = None
    if _state.get("roots"):                    # the site's address is known: the online Japanese page
        href = _state["roots"][DEFAULT_LANG] + page.url
    elif ja and not ja.get("absolute") and not _offline(config) and not printing:
        href = "../" * page.url.count("/") + ja["link"] + page.url      # the Japanese page beside this edition
    return behind_notice(markdown, updated, href)


def on_files(files, config):
    docs_dir = Path(config.docs_dir).resolve()
    if docs_dir == SHARED.resolve():
        return files
    for path in sorted((SHARED / ASSETS).rglob("*")):
        rel = path.relative_to(SHARED).as_posix()
        if path.is_file() and files.get_file_from_path(rel) is None:
            files.append(File(rel, str(SHARED), config.site_dir, config.use_directory_urls))
    return files


LOC = re.compile(r"<loc>([^<]+)</loc>")


def sitemap_with_hreflang(xml: str, own_root: str, roots: dict[str, str]) -> str:
    """Each <url> of an edition's sitemap gets <xhtml:link rel="alternate" hreflang> for every edition and
    x-default (the Japanese original): the same relative path under each edition's root."""
    def links(m: re.Match) -> str:
        loc = m.group(1)
        rel = loc[len(own_root):] if loc.startswith(own_root) else None
        if rel is None:
            return m.group(0)
        alts = [(lang, root + rel) for lang, root in roots.items()]
        alts.append(("x-default", roots.get(DEFAULT_LANG, own_root) + rel))
        return m.group(0) + "".join(f'\n         <xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>'
                                    for lang, href in alts)
    xml = LOC.sub(links, xml)
    if "xmlns:xhtml" not in xml:
        xml = xml.replace('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
                          'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                          'xmlns:xhtml="http://www.w3.org/1999/xhtml"', 1)
    return xml


def on_post_build(config):
    if not _state.get("roots") or _offline(config):
        return
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return
    xml = sitemap_with_hreflang(sitemap.read_text(encoding="utf-8"), config.site_url, _state["roots"])
    sitemap.write_text(xml, encoding="utf-8")
    with gzip.GzipFile(Path(config.site_dir) / "sitemap.xml.gz", "wb", mtime=0) as fh:
        fh.write(xml.encode("utf-8"))
