"""The pages of the guide, as paths relative to docs/."""
from __future__ import annotations

from pathlib import Path

from guide import DOCS


def doc_pages(docs: Path = DOCS) -> list[str]:
    """Every Markdown page in docs/, as a path relative to docs/ (e.g. 'steps/1-open.md')."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
