"""The pages of the guide, as paths relative to docs/."""
from __future__ import annotations

from pathlib import Path

from guide import DOCS


def doc_pages(docs: Path = DOCS) -> list[str]:
    """Every Markdown page in docs/, as a path relative to docs/ (e.g. 'steps/1-open.md')."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def site_pages(docs: Path = DOCS) -> list[str]:
    """The pages a reader opens that the browser checks walk: every page of docs/, and a sample of the
    route finder's generated pages (guide/routes.py: the first two questions and one route of each kind)."""
    from guide.routes import current_routes
    return doc_pages(docs) + current_routes().sample()
