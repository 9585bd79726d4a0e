"""Build code of the guide, in one importable package.

Used by the MkDocs hooks and Markdown extensions, the Makefile's scripts (`python -m guide.<name>`) and
the tests. Installed into `.venv` in editable mode by `make setup`, so nothing needs `sys.path` tricks.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"

#: The editions: language -> config file, docs folder, snippets folder, folder under site/, search queries.
#: Japanese is the original; the English edition (issue #11) has the same file names and heading ids.
LANGS = {
    "ja": {"config": ROOT / "mkdocs.yml", "docs": DOCS, "snippets": ROOT / "snippets", "site": "",
           "queries": DATA / "search_queries.yml"},
    "en": {"config": ROOT / "mkdocs.en.yml", "docs": ROOT / "docs-en", "snippets": ROOT / "snippets-en",
           "site": "en", "queries": DATA / "search_queries.en.yml"},
}
