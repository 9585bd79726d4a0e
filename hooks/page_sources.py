"""MkDocs hook: end every page with 「このページの出典」, made from its front matter `sources:`.

Why a hook and not a Markdown extension: the list comes from the page's front matter, which MkDocs
reads and strips before Markdown runs, so an extension never sees it. The hook only appends Markdown
(on_page_markdown), so every output gets the section as ordinary page text: the web site, the offline
copy and the print page that becomes the PDF. The registry and the text are in guide/sources.py.
An unknown id fails the build with the file and line; tests/test_sources.py checks the rest
(pages without sources, unused sources, addresses, dates).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.sources import load_registry, official_read_date, read_page_sources, render_page_sources

_registry: dict = {}
_lang = {"value": "ja"}


def on_config(config):
    _registry.clear()
    _registry.update(load_registry())
    # The edition's language (theme.language: ja for mkdocs.yml, en for mkdocs.en.yml) picks the wording.
    _lang["value"] = config.theme.get("language") or "ja"
    # For the templates (page footer, PDF cover): the latest date an official page was read.
    config.extra["official_pages_read"] = official_read_date(_registry)
    return config


def on_page_markdown(markdown, page, config, files):
    if not page.file.abs_src_path:
        return markdown
    declared = read_page_sources(Path(page.file.abs_src_path))
    unknown = [sid for sid in declared.ids if sid not in _registry]
    if unknown:
        raise PluginError(f"{Path(config['docs_dir']).name if config else 'docs'}/{page.file.src_uri}:{declared.line}: unknown source id(s) {unknown}: "
                          "use ids from data/sources.yml or add the source there")
    if not declared.ids:
        return markdown
    return markdown.rstrip("\n") + render_page_sources(declared.ids, _registry, _lang["value"])
