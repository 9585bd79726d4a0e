"""MkDocs hook: show each ```mermaid fence as a pre-rendered, accessible inline SVG.

Why: mermaid.js weighs ~3.5 MB (page-weight budget is 100 KiB) and the PDF would need
JavaScript to draw it. The Mermaid source stays in the Markdown; `make diagrams`
(scripts/render_diagrams.py) renders it once in headless Chromium into
docs/assets/diagrams/<sha256 of the source>.svg, which is committed. The build only
reads that cache, so it needs no browser and no network.

- A fence without a cached SVG fails the build, naming the file and line and saying
  to run `make diagrams`.
- The output is <figure class="flow-diagram"><svg role="img" aria-label=...>. It never
  keeps class "mermaid": Material's JavaScript would otherwise load mermaid from unpkg.
- The cache folder is removed from the built site (the SVGs are inlined).
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

CACHE_DIR = "assets/diagrams"          # inside docs_dir
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid\b.*$")
# What pymdownx.superfences emits for the `mermaid` custom fence (fence_code_format).
RENDERED = re.compile(r'<pre class="mermaid"><code>(?P<src>.*?)</code></pre>', re.S)


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


def cache_path(docs_dir: str | Path, source: str) -> Path:
    return Path(docs_dir) / CACHE_DIR / f"{digest(source)}.svg"


def missing_messages(path_label: str, text: str, docs_dir: str | Path) -> list[str]:
    """One message per fence in `text` whose SVG is not in the cache."""
    return [
        f"{path_label}:{f.line}: the mermaid diagram has no rendered SVG "
        f"({CACHE_DIR}/{f.digest}.svg is missing; the source is new or was changed). "
        f"Run `make diagrams` and commit docs/{CACHE_DIR}/."
        for f in find_fences(text) if not cache_path(docs_dir, f.source).is_file()
    ]


def figure(svg: str) -> str:
    return f'<figure class="flow-diagram">\n{svg.strip()}\n</figure>'


# --- MkDocs events -----------------------------------------------------------------

def on_files(files, config):
    """The SVGs are inlined into the pages: do not copy the cache into the site."""
    for f in [f for f in files if f.src_uri.startswith(CACHE_DIR + "/")]:
        files.remove(f)
    return files


def on_page_markdown(markdown, page, config, files):
    """Fail early, with file and line, when a diagram has not been rendered."""
    src = Path(page.file.abs_src_path)
    text = src.read_text(encoding="utf-8")          # the whole file, so line numbers match
    problems = missing_messages(f"docs/{page.file.src_uri}", text, config["docs_dir"])
    if problems:
        raise PluginError("\n".join(problems))
    return markdown


@event_priority(50)   # before other plugins (print-site keeps a copy of each page's HTML)
def on_page_content(html_text, page, config, files):
    def replace(m: re.Match) -> str:
        source = html.unescape(m.group("src"))
        path = cache_path(config["docs_dir"], source)
        if not path.is_file():
            raise PluginError(
                f"docs/{page.file.src_uri}: a mermaid diagram (perhaps from a snippet) has no "
                f"rendered SVG ({CACHE_DIR}/{path.name}). Run `make diagrams`.")
        return figure(path.read_text(encoding="utf-8"))

    out = RENDERED.sub(replace, html_text)
    if 'class="mermaid"' in out:
        raise PluginError(f"docs/{page.file.src_uri}: an element with class \"mermaid\" is left; "
                          "Material would load mermaid.js from the network.")
    return out
