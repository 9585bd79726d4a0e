"""Build code of the guide, in one importable package.

Used by the MkDocs hooks and Markdown extensions, the Makefile's scripts (`python -m guide.<name>`) and
the tests. Installed into `.venv` in editable mode by `make setup`, so nothing needs `sys.path` tricks.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
