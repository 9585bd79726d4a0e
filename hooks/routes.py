"""MkDocs hook: the route finder's pages (route/ in each edition), generated from data/routes.yml and
data/screens.yml by guide/routes.py.

Why a hook: the pages are not files in docs/; MkDocs must know them before it builds the nav and checks
links, and only a hook can add files to a build (on_files, MkDocs 1.6's File.generated, as the
mkdocs-gen-files plugin does; that plugin was not used because it runs a script per build that would only
call guide/routes.py). The Markdown is written by guide/routes.py, so the pages go through every
Markdown extension like any other page; a move to a builder without hooks writes them into the docs
folder before the build instead (`python -m guide.routes --write DIR`).
"""
from __future__ import annotations

from mkdocs.structure.files import File

from guide.routes import current_routes


def on_files(files, config):
    lang = config.theme.get("language", "ja")
    for uri, markdown in current_routes().pages(lang).items():
        files.append(File.generated(config, uri, content=markdown))
    return files
