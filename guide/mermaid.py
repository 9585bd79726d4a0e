"""```mermaid fences as pre-rendered, accessible inline SVG: a pymdownx.superfences custom formatter.

Why: mermaid.js weighs ~3.5 MB (the page-weight budget is 100 KiB) and the PDF would need JavaScript to
draw it. The Mermaid source stays in the Markdown; `make diagrams` (guide/diagrams.py) renders it once
in headless Chromium into diagrams/<sha256 of the source>.svg, which is committed. The build only reads
that cache: no browser, no network. As a superfences formatter (not a hook) it runs wherever Markdown is
rendered: web pages, offline copy, print page, any later edition.

- A fence without a cached SVG stops the build, naming the Markdown file and line and `make diagrams`.
- The output is <figure class="flow-diagram"><svg role="img" aria-label=...>. It never keeps class
  "mermaid": Material's JavaScript would otherwise load mermaid from unpkg.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from guide import DOCS, ROOT

CACHE = ROOT / "diagrams"
SOURCES = [DOCS, ROOT / "snippets", ROOT / "docs-en", ROOT / "snippets-en"]
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid\b.*$")


@dataclass(frozen=True)
class Fence:
    line: int        # 1-based line of the opening fence in the source file
    source: str      # canonical Mermaid source

    @property
    def digest(self) -> str:
        return digest(self.source)


def canonical(source: str) -> str:
    """The form that is hashed: no surrounding blank lines, no trailing spaces."""
    return "\n".join(line.rstrip() for line in source.strip("\n").splitlines())


def digest(source: str) -> str:
    return hashlib.sha256(canonical(source).encode("utf-8")).hexdigest()


def find_fences(text: str) -> list[Fence]:
    """Every ```mermaid fence in a Markdown text (also indented ones, e.g. in admonitions)."""
    lines = text.splitlines()
    fences, i = [], 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        indent, mark = m.group("indent"), m.group("fence")
        body, j = [], i + 1
        close = re.compile(r"^[ \t]*" + re.escape(mark[0]) + "{%d,}[ \t]*$" % len(mark))
        while j < len(lines) and not close.match(lines[j]):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        fences.append(Fence(line=i + 1, source=canonical("\n".join(body))))
        i = j + 1
    return fences


def cache_path(source: str, cache: Path = CACHE) -> Path:
    return cache / f"{digest(source)}.svg"


def all_fences(bases: list[Path] = SOURCES) -> dict[str, tuple[str, str]]:
    """digest -> (source, "file:line") for every fence in docs/, snippets/ and their English editions."""
    found: dict[str, tuple[str, str]] = {}
    for base in bases:
        for md in sorted(base.rglob("*.md")):
            for fence in find_fences(md.read_text(encoding="utf-8")):
                where = f"{md.relative_to(base.parent).as_posix()}:{fence.line}"
                found.setdefault(fence.digest, (fence.source, where))
    return found


def missing_messages(bases: list[Path] = SOURCES, cache: Path = CACHE) -> list[str]:
    """One message per fence whose SVG is not in the cache, naming the Markdown file and line."""
    return [f"{where}: the mermaid diagram has no rendered SVG (diagrams/{key}.svg is missing; the source is "
            "new or was changed). Run `make diagrams` and commit diagrams/."
            for key, (_, where) in all_fences(bases).items() if not (cache / f"{key}.svg").is_file()]


def figure(svg: str) -> str:
    return f'<figure class="flow-diagram">\n{svg.strip()}\n</figure>'


def format_mermaid(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences `format` for the `mermaid` fence: the cached SVG, or a clear build error."""
    from pymdownx.superfences import SuperFencesException
    path = cache_path(source)
    if not path.is_file():
        key = digest(source)
        where = all_fences().get(key, (None, "a ```mermaid fence (in a snippet or a test page)"))[1]
        raise SuperFencesException(
            f"{where}: the mermaid diagram has no rendered SVG (diagrams/{key}.svg is missing; the source is new "
            "or was changed). Run `make diagrams` and commit diagrams/.")
    return figure(path.read_text(encoding="utf-8"))
