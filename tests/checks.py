"""Checkers for links, snippets, navigation, images and content rules.

Every checker is a plain function that returns a list of problem strings of the form
    'path:line: problem — what to do'
The tests assert that the list is empty; the self-tests feed broken input and assert that the
list names the file and the defect.

Why some of this is hand-written:
- MkDocs' own validation (links, anchors, nav, omitted files) runs in the build (tests/test_build.py),
  but it does not look at raw-HTML <a href>, template/nav links, <img>/<link>/<script> assets, nor
  at anchors inside links written in raw HTML. mkdocs-htmlproofer-plugin and pytest-check-links do,
  but the first adds work to every build (and only reports "file: url", no line), the second needs
  a server-ish setup and reports one failure per file. `check_internal_links` below is ~80 lines of
  BeautifulSoup over the built HTML: offline, both URL layouts (web `x/` and offline `x.html`),
  file:line messages, and the counts we print.
- No library checks links against an allowlist of hosts, nor our content rules (step numbering,
  dates, button labels), nor that every snippet is used.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

from guide import LANGS


def _rel(path: Path, root: Path | None) -> str:
    path = Path(path)
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def per_file_content(maxsize: int):
    """Decorate a function of one file so that it reads each file once per content for the whole session:
    the cache key is the resolved path, the modification time and the size (a file written again is read
    again). Every caller gets the same result object: treat it as read-only."""
    def decorate(read):
        @functools.lru_cache(maxsize=maxsize)
        def cached(path: Path, mtime_ns: int, size: int):
            return read(path)

        @functools.wraps(read)
        def wrapper(path):
            path = Path(path).resolve()
            stat = path.stat()
            return cached(path, stat.st_mtime_ns, stat.st_size)
        return wrapper
    return decorate


@per_file_content(maxsize=256)
def soup_of(path: Path) -> BeautifulSoup:
    """The parsed HTML file, shared by every check that reads it: treat it as read-only.

    html.parser (not lxml) because it records `sourceline` for every tag: messages get line numbers. It is
    the slow one, and several checks read each page, so each file is parsed once per content."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- build ------------------------------------------------------------------------------------

_DOC_LINK = re.compile(r"Doc file '(?P<doc>[^']+)' contains (?:a|an \w+) link '(?P<target>[^']+)'")
_NAV_TARGET = re.compile(r"'(?P<target>[^']+)' is included in the 'nav' configuration")


def _line_of(path: Path, needle: str) -> int:
    """The first line of `path` that contains `needle` (1 when not found), to point at the source."""
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return n
    except OSError:
        pass
    return 1


def _nearest_target(doc: Path, target: str, docs: Path) -> str | None:
    """'did you mean …?' for a link whose page or anchor is not found: the nearest page (as written from
    `doc`) or heading id (`{ #id }` of the target page), by difflib."""
    page, _, anchor = target.partition("#")
    pages = {os.path.relpath(p, doc.parent).replace(os.sep, "/"): p for p in docs.rglob("*.md")}
    if page and page not in pages:
        near = difflib.get_close_matches(page, pages, n=1, cutoff=0.6)
        return f"did you mean '{near[0]}'?" if near else None
    target_page = pages.get(page) or doc
    text = target_page.read_text(encoding="utf-8") if target_page.is_file() else ""
    near = difflib.get_close_matches(anchor, re.findall(r"\{[^}]*#([\w-]+)", text), n=1, cutoff=0.6)
    return f"did you mean '{page}#{near[0]}'?" if anchor and near else None


def build_log_problems(log: str, returncode: int, config_name: str = "mkdocs.yml",
                       root: Path | None = None) -> list[str]:
    """Every WARNING/ERROR of `mkdocs build --strict` (with its continuation lines), each pointed at the
    Markdown file and line it is about where the message names one, and a non-zero exit."""
    root = root or Path(config_name).resolve().parent
    docs = next((e["docs"].name for e in LANGS.values() if e["config"].name == config_name), "docs")
    messages: list[str] = []
    for line in log.splitlines():
        if re.match(r"^\s*(WARNING|ERROR)\b", line):
            messages.append(line.strip())
        elif messages and re.match(r"^\s+- \S", line):          # e.g. the list of pages not in nav
            messages[-1] += " " + line.strip()
    problems = []
    for message in messages:
        where = f"{config_name}:0"
        link = _DOC_LINK.search(message)
        omitted = re.findall(r" - (\S+\.md)", message) if "not included in the \"nav\"" in message else []
        nav = _NAV_TARGET.search(message)
        fix = "fix what it names (the page, the link or nav:)"
        if link:
            doc = root / docs / link.group("doc")
            where = f"{docs}/{link.group('doc')}:{_line_of(doc, link.group('target'))}"
            fix = _nearest_target(doc, link.group("target"), root / docs) or fix
        elif omitted:
            where = f"{docs}/{omitted[0]}:1"
        elif nav:
            where = f"{config_name}:{_line_of(root / config_name, nav.group('target'))}"
        problems.append(f"{where}: build says: {message} — {fix}")
    # a strict build that stopped on the warnings above says no more; any other failure adds why it stopped
    if returncode != 0 and not (problems and re.search(r"Aborted with \d+ warnings? in strict mode", log)):
        tail = " | ".join(log.strip().splitlines()[-3:])
        problems.append(f"{config_name}:0: mkdocs build --strict exited with {returncode} ({tail}) "
                        "— run `make check` (or `.venv/bin/mkdocs build --strict`) and fix what it reports")
    return problems


VALIDATION_KEYS = {
    "": ["omitted_files", "absolute_links", "unrecognized_links", "anchors"],
    "nav": ["omitted_files", "not_found", "absolute_links"],
    "links": ["not_found", "absolute_links", "unrecognized_links", "anchors"],
}


def validation_config_problems(cfg: dict, config_name: str = "mkdocs.yml") -> list[str]:
    """strict: true, and every MkDocs 1.6 validation switch set to warn (strict turns warn into fail)."""
    problems = []
    if cfg.get("strict") is not True:
        problems.append(f"{config_name}:0: strict is not true — set `strict: true` so warnings fail the build")
    validation = cfg.get("validation") or {}
    for section, keys in VALIDATION_KEYS.items():
        block = validation.get(section) if section else validation
        for key in keys:
            value = (block or {}).get(key)
            name = f"validation.{section + '.' if section else ''}{key}"
            # /page.md links in pages (glossary terms) are resolved from docs/ and checked like relative
            # links: MkDocs 1.6's relative_to_docs, as strict as warn for a broken one.
            allowed = {"warn", "relative_to_docs"} if (section, key) == ("links", "absolute_links") else {"warn"}
            if value not in allowed:
                problems.append(f"{config_name}:0: {name} is {value!r} — set it to warn "
                                "(with strict: true a warning fails the build)")
    return problems


# --- internal links in the built HTML ------------------------------------------------------------

LINK_ATTRS = ("href", "src")


def _detect_base_path(site: Path) -> str:
    """The URL path the site is served under (from <link rel=canonical>), e.g. '/ocn-d-account-guide/'."""
    index = site / "index.html"
    if index.exists():
        canonical = soup_of(index).find("link", rel="canonical")
        if canonical and canonical.get("href"):
            path = urlsplit(canonical["href"]).path or "/"
            return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"   # offline: …/index.html
    return "/"


def _ids(soup: BeautifulSoup) -> set[str]:
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return ids


def source_of(html_rel: str, docs: Path | None) -> str:
    """Best guess of the Markdown page a built file came from, for messages."""
    if docs is None:
        return ""
    stem = html_rel[: -len(".html")]
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")].rstrip("/")
        candidates = [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]
    else:
        candidates = [f"{stem}.md"]
    for cand in candidates:
        if (docs / cand).exists():
            return f" (source: {_rel(docs / cand, docs.parent)})"
    return ""


def check_internal_links(site_dir: Path, docs: Path | None = None,
                         only: str | None = None) -> tuple[list[str], Counter]:
    """Every internal href/src in every built HTML file points to an existing file and #anchor.

    Works on the web layout (`steps/1-open/` → `steps/1-open/index.html`) and on the offline
    layout (`steps/1-open.html`). Covers Markdown links, raw HTML, snippets, navigation, toc,
    and assets (img, link, script, source…). Returns (problems, counts). `only` (a self-test that
    broke one page): check the links of the pages whose path starts with it; targets are read as needed.
    """
    site = Path(site_dir)
    base = _detect_base_path(site)
    pages = sorted(p for p in site.rglob("*.html") if only is None or _rel(p, site).startswith(only))
    soups = {page: soup_of(page) for page in pages}
    id_cache: dict[Path, set[str]] = {page: _ids(s) for page, s in soups.items()}
    counts: Counter = Counter(pages=len(pages))
    problems: list[str] = []
    if not pages:
        problems.append(f"{site}:0: no HTML pages found — the build failed or wrote somewhere else")
    for page, soup in soups.items():
        rel = _rel(page, site)
        where = source_of(rel, docs)
        for tag in soup.find_all(lambda t: any(t.has_attr(a) for a in LINK_ATTRS)):
            for attr in LINK_ATTRS:
                url = tag.get(attr)
                if url is None:
                    continue
                line = tag.sourceline or 0
                parts = urlsplit(url.strip())
                if parts.scheme or parts.netloc:      # http(s), mailto, tel, data: checked elsewhere
                    continue
                if not url.strip():
                    problems.append(f"{rel}:{line}: <{tag.name} {attr}=\"\"> is empty{where} "
                                    "— give the link a target or remove it")
                    continue
                counts["internal links"] += 1
                path = unquote(parts.path)
                if path.startswith("/"):
                    if not path.startswith(base):
                        problems.append(f"{rel}:{line}: absolute link '{url}' is outside the site "
                                        f"(served under {base}){where} — use a relative link to the .md file")
                        continue
                    target = site / path[len(base):]
                elif path:
                    target = page.parent / path
                else:
                    target = page
                target = Path(os.path.normpath(target))
                if target != site and site not in target.parents:
                    problems.append(f"{rel}:{line}: link '{url}' leaves the site folder{where} "
                                    "— link to a page or file inside docs/")
                    continue
                if target.is_dir() or path.endswith("/"):
                    target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{rel}:{line}: broken link '{url}' — {_rel(target, site)} does not "
                                    f"exist{where}; fix the path (link to the .md file) or add the file")
                    continue
                if parts.fragment:
                    counts["anchors"] += 1
                    if target.suffix != ".html":
                        continue
                    ids = id_cache.get(target)
                    if ids is None:
                        ids = id_cache[target] = _ids(soup_of(target))
                    frag = unquote(parts.fragment)
                    if frag not in ids:
                        problems.append(f"{rel}:{line}: link '{url}' points to missing anchor #{frag} in "
                                        f"{_rel(target, site)}{where} — fix the link or add "
                                        f"{{ #{frag} }} to the heading")
    return problems, counts


# --- external links in the sources ---------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    file: str
    line: int
    url: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.url}"


# Anything that looks like a scheme followed by a slash: https://…, http://…, but also typos
# such as htps://…, https:/… or hxxp://… (MkDocs renders those silently as relative links).
_URL_RE = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):/+[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*")
# Protocol-relative links ('//host/…') in href/src or Markdown link targets.
_PROTO_REL_RE = re.compile(r"""(?:(?<=href=["'])|(?<=src=["'])|(?<=\]\())//[A-Za-z0-9.-]+[^\s"')]*""")
# mkdocs.yml keys whose URL is the site's own address, not a link a reader follows.
_CONFIG_SELF_KEYS = re.compile(r"^\s*site_url\s*:")


def find_external_links(files: list[Path], root: Path) -> list[Link]:
    links = []
    for path in files:
        rel = _rel(path, root)
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if path.name == "mkdocs.yml" and _CONFIG_SELF_KEYS.match(line):
                continue
            for match in _URL_RE.finditer(line):
                url = match.group(0).rstrip(".,;:!?")
                if re.fullmatch(r"[A-Za-z]+:/+", url):   # a bare `https://` names the scheme, not a link
                    continue
                links.append(Link(rel, number, url))
            for match in _PROTO_REL_RE.finditer(line):
                links.append(Link(rel, number, match.group(0)))
    return list(dict.fromkeys(links))         # the same URL twice on a line is one test


def load_allowlist(path: Path) -> dict[str, str]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {host.lower(): who for host, who in (data.get("hosts") or {}).items()}


def external_link_problems(link: Link, allowed: dict[str, str]) -> list[str]:
    """An external link must be https:// and its host must be on data/official_hosts.yml."""
    where = f"{link.file}:{link.line}"
    parts = urlsplit(link.url)
    scheme = parts.scheme.lower()
    if not link.url.startswith("//") and not re.match(r"^https?://[^/]", link.url, re.I):
        return [f"{where}: malformed link '{link.url}' (scheme '{scheme}') — write it as https://host/path"]
    host = (parts.hostname or "").lower()
    problems = []
    if scheme == "http":
        problems.append(f"{where}: plain http:// link '{link.url}' to host '{host}' — use https://")
    elif scheme != "https":
        problems.append(f"{where}: link '{link.url}' to host '{host}' has no https:// scheme — write https://")
    if host not in allowed:
        guess = difflib.get_close_matches(host, list(allowed), n=1, cutoff=0.75)
        hint = f" (looks like '{guess[0]}' — typo or lookalike?)" if guess else ""
        problems.append(f"{where}: host '{host}' is not on the allowlist{hint} in '{link.url}' — link only "
                        "to official hosts in data/official_hosts.yml (add a host there only if OCN/docomo runs it)")
    return problems


# --- snippets ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SnippetRef:
    file: str        # the page or snippet that includes it
    line: int
    name: str        # file name relative to the snippets base path
    part: str        # '' | ':section' | ':a:b' line range


# pymdownx.snippets syntax: single line `--8<-- "name"` (quotes optional) or a block
#   --8<--
#   name
#   --8<--
# A leading ';' escapes it. Section (`name:section`) and line (`name:1:3`) selectors are allowed.
_SNIP_LINE_RE = re.compile(r"""^\s*(?<!;)-{1,}8<-{1,}[ \t]+(['"]?)([^'"\s]+)\1\s*$""")
_SNIP_BLOCK_RE = re.compile(r"^\s*(?<!;)-{1,}8<-{1,}\s*$")


def _split_name(raw: str) -> tuple[str, str]:
    # 'a.md:sec' → ('a.md', ':sec'); 'a.md:1:3' → ('a.md', ':1:3')
    m = re.match(r"^(.+?\.[A-Za-z0-9]+)(:.*)?$", raw)
    return (m.group(1), m.group(2) or "") if m else (raw, "")


def find_snippet_refs(path: Path, root: Path) -> list[SnippetRef]:
    rel = _rel(path, root)
    refs, in_block = [], False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        m = _SNIP_LINE_RE.match(line)
        if m and not in_block:
            name, part = _split_name(m.group(2))
            refs.append(SnippetRef(rel, number, name, part))
            continue
        if _SNIP_BLOCK_RE.match(line):
            in_block = not in_block
            continue
        if in_block and line.strip() and not line.strip().startswith(";"):
            name, part = _split_name(line.strip())
            refs.append(SnippetRef(rel, number, name, part))
    return refs


def snippet_ref_problems(refs: list[SnippetRef], base: Path) -> list[str]:
    """Every include names an existing snippet (and an existing section, if it selects one)."""
    problems = []
    for ref in refs:
        target = base / ref.name
        if not target.is_file():
            problems.append(f"{ref.file}:{ref.line}: snippet '{ref.name}' not found in {base.name}/ "
                            "— fix the name or add the file")
            continue
        section = ref.part[1:]
        if section and not section[0].isdigit() and f"[start:{section}]" not in target.read_text(encoding="utf-8"):
            problems.append(f"{ref.file}:{ref.line}: snippet '{ref.name}' has no section '{section}' "
                            "— add `--8<-- [start:…]`/`[end:…]` markers or fix the name")
    return problems


def unused_snippet_problems(base: Path, refs: list[SnippetRef], auto_append: list[str],
                            root: Path) -> list[str]:
    """Every file in snippets/ is included by some page (directly, via another snippet, or auto_append)."""
    used = {r.name for r in refs} | set(auto_append or [])
    problems = []
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        name = path.relative_to(base).as_posix()
        if name not in used:
            problems.append(f"{_rel(path, root)}:1: snippet is not used by any page — include it with "
                            f'`--8<-- "{name}"` or delete it')
    return problems


def snippet_text(path: Path, part: str = "") -> str:
    """The part of a snippet a page actually includes (whole file, a section, or a line range)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    sel = part[1:]
    if sel and not sel[0].isdigit():
        out, inside = [], False
        for line in lines:
            if f"[start:{sel}]" in line:
                inside = True
                continue
            if f"[end:{sel}]" in line:
                inside = False
            elif inside:
                out.append(line)
        return "\n".join(out)
    if sel:
        bits = (sel.split(":") + [""])[:2]
        start = int(bits[0] or 1)
        end = int(bits[1] or len(lines))
        return "\n".join(lines[start - 1:end])
    return "\n".join(lines)


def snippet_signature(text: str) -> str | None:
    """A run of plain Japanese text from the snippet that must show up as text in the page."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    for line in text.splitlines():
        if re.match(r"^\s*\*\[", line):        # abbreviation definitions render as <abbr title>
            continue
        m = re.search(r"[^\x00-\x7F「」（）()、。・：]{8,}", line)
        if m:
            return m.group(0)
    return None


# Text that Markdown should have consumed. Seen in built HTML outside code, it means a snippet or
# page did not render (wrong indentation, missing blank line, extension not enabled…).
LEFTOVERS = [
    (re.compile(r"-{1,}8<-{1,}"), "raw snippet marker '--8<--' (include not processed)"),
    (re.compile(r"!!!|\?\?\?\+?"), "literal '!!!'/'???' (admonition not rendered — check indentation/blank lines)"),
    (re.compile(r"\]\("), "literal '](' (Markdown link not rendered)"),
    (re.compile(r"\{\s*[#.:][^}]*\}?"), "attr-list leftover like '{ #id }' (not attached to a heading/element)"),
    (re.compile(r"\*\[[^\]]+\]:"), "abbreviation definition '*[…]:' shown as text"),
    (re.compile(r"\*\*"), "literal '**' (bold not rendered)"),
    (re.compile(r"(?m)^\s*#{2,6}\s"), "literal '## ' (heading not rendered — needs a blank line before it)"),
    (re.compile(r"\{\{|\{%"), "template syntax '{{'/'{%' left in the page"),
]
_SKIP_TEXT_IN = {"script", "style", "pre", "code", "kbd", "textarea", "template"}


def _visible_texts(soup: BeautifulSoup):
    root = soup.body or soup
    for node in root.find_all(string=True):
        if node.__class__.__name__ in ("Comment", "Doctype", "Declaration", "CData", "ProcessingInstruction"):
            continue
        if any(parent.name in _SKIP_TEXT_IN for parent in node.parents):
            continue
        yield node


def markdown_leftover_problems(html: Path, site: Path | None = None, docs: Path | None = None) -> list[str]:
    """No unrendered Markdown/snippet syntax in the page's visible text (code blocks excepted)."""
    soup = soup_of(html)
    rel = _rel(html, site)
    where = source_of(rel, docs) if site else ""
    problems = []
    for node in _visible_texts(soup):
        for pattern, what in LEFTOVERS:
            m = pattern.search(str(node))
            if m:
                line = getattr(node.parent, "sourceline", 0) or 0
                problems.append(f"{rel}:{line}: {what}: '{str(node).strip()[:60]}'{where} "
                                "— fix the Markdown in the page or snippet")
    return problems


def snippet_rendered_problems(html: Path, snippet: Path, part: str = "", site: Path | None = None,
                              docs: Path | None = None) -> list[str]:
    """The snippet's text shows up in the page as text (not swallowed into a code block or lost). Markdown
    left unrendered in the page is markdown_leftover_problems', run on every page."""
    rel = _rel(html, site)
    where = source_of(rel, docs) if site else ""
    problems = []
    signature = snippet_signature(snippet_text(snippet, part))
    if signature:
        visible = "".join(str(n) for n in _visible_texts(soup_of(html)))
        if signature not in re.sub(r"\s+", "", visible) and signature not in visible:
            problems.append(f"{rel}:0: text of snippet {snippet.name} ('{signature[:20]}…') is not shown as text"
                            f"{where} — it is missing or rendered as code (check the include's indentation)")
    return problems


# --- images --------------------------------------------------------------------

def orphan_image_problems(images: Path, sources: list[Path], root: Path) -> list[str]:
    """Every file in the images folder is referenced by some page, snippet, template, CSS or mkdocs.yml."""
    text = "\n".join(Path(p).read_text(encoding="utf-8", errors="replace") for p in sources)
    problems = []
    for img in sorted(p for p in images.rglob("*") if p.is_file()):
        if img.name not in text:
            problems.append(f"{_rel(img, root)}:1: image is not used by any page or mkdocs.yml "
                            "— use it or delete it")
    return problems


def img_problems(html: Path, site: Path, docs: Path | None = None) -> list[str]:
    """Every <img> in the page has non-empty alt text and a src (that the file exists is check_internal_links')."""
    rel = _rel(html, site)
    where = source_of(rel, docs)
    problems = []
    for img in soup_of(html).find_all("img"):
        line = img.sourceline or 0
        src = img.get("src", "")
        if not (img.get("alt") or "").strip():
            problems.append(f"{rel}:{line}: <img src=\"{src}\"> has no alt text{where} — describe the image "
                            "in ![alt](…) (what the reader sees on the screen)")
        if not src:
            problems.append(f"{rel}:{line}: <img> without src{where} — add the image path")
    return problems


def svg_title_problems(svg: Path, root: Path | None = None) -> list[str]:
    """An SVG has a non-empty <title> as a child of its root <svg> (its accessible name)."""
    from lxml import etree
    rel = _rel(svg, root)
    try:
        tree = etree.parse(str(svg))
    except etree.XMLSyntaxError as exc:
        return [f"{rel}:{exc.lineno}: SVG is not valid XML ({exc.msg}) — fix the file"]
    titles = [el for el in tree.getroot() if isinstance(el.tag, str) and etree.QName(el).localname == "title"]
    if not titles or not (titles[0].text or "").strip():
        return [f"{rel}:{tree.getroot().sourceline}: SVG has no <title> — add <title>what it shows</title> "
                "as the first child of <svg>"]
    return []


# --- content rules ------------------------------------------------------------------------------

class _TextDateLoader(yaml.SafeLoader):
    """Keeps dates as text, so `updated: 2026-13-01` is reported instead of raising ValueError."""


_TextDateLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)

def front_matter(path: Path, root: Path | None = None) -> tuple[dict, list[str]]:
    """The YAML front matter of a page and the problems parsing it. The block is found as MkDocs finds it
    (its YAML_RE); MkDocs' get_data() is not used, as it drops a YAML error silently (an empty dict)."""
    from mkdocs.utils.meta import YAML_RE
    rel = _rel(path, root)
    text = Path(path).read_text(encoding="utf-8")
    m = YAML_RE.match(text)
    if not m:
        return {}, [f"{rel}:1: no front matter — start the page with ---, description:, updated:, ---"]
    try:
        data = yaml.load(m.group(1), Loader=_TextDateLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        return {}, [f"{rel}:{line}: front matter is not valid YAML ({str(exc).splitlines()[0]}) — fix the YAML"]
    if not isinstance(data, dict):
        return {}, [f"{rel}:2: front matter is not a mapping — write `key: value` lines"]
    return data, []


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _fm_line(path: Path, key: str) -> int:
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


#: Front-matter keys a page may have: this project's, then Material's own (title, hide, search, status, …).
FRONT_MATTER_KEYS = ("description", "updated", "sources", "translation_of",
                     "title", "hide", "search", "status", "icon", "template", "tags")


def page_meta_problems(path: Path, root: Path | None = None, today: dt.date | None = None) -> list[str]:
    """Front matter is valid YAML with known keys, a non-empty description and an ISO `updated` date not in
    the future. A misspelt key is named once, with the key it most likely means."""
    import difflib
    today = today or dt.date.today()
    rel = _rel(path, root)
    meta, problems = front_matter(path, root)
    if problems:
        return problems
    meant = set()
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            near = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=0.6)
            meant.update(near)
            problems.append(f"{rel}:{_fm_line(path, key)}: unknown front-matter key `{key}:`"
                            + (f" — did you mean `{near[0]}:`?" if near else
                               f" — use one of {', '.join(FRONT_MATTER_KEYS)}"))
    desc = meta.get("description")
    if "description" in meant and desc is None:
        pass
    elif not isinstance(desc, str) or not desc.strip():
        problems.append(f"{rel}:{_fm_line(path, 'description')}: front matter description: is missing or empty "
                        "— add one plain sentence (it becomes <meta name=\"description\">)")
    updated = meta.get("updated")
    date = _as_date(updated)
    if date is None and "updated" in meant and updated is None:
        pass
    elif date is None:
        problems.append(f"{rel}:{_fm_line(path, 'updated')}: updated: {updated!r} is not an ISO date "
                        "— write updated: YYYY-MM-DD")
    elif date > today:
        problems.append(f"{rel}:{_fm_line(path, 'updated')}: updated: {date} is in the future (today {today}) "
                        "— use the date of the last real change")
    return problems


def meta_description_problems(html: Path, expected: str, site: Path | None = None) -> list[str]:
    rel = _rel(html, site)
    tag = soup_of(html).find("meta", attrs={"name": "description"})
    if tag is None or not (tag.get("content") or "").strip():
        return [f"{rel}:0: no <meta name=\"description\"> in the built page — set description: in the front matter"]
    if expected and tag["content"].strip() != str(expected).strip():
        return [f"{rel}:{tag.sourceline}: <meta name=\"description\"> is '{tag['content'][:40]}', not the page's "
                f"description: '{str(expected)[:40]}' — check the theme/override"]
    return []


def review_date_problems(extra: dict, about: Path, official_read: str, config_name: str = "mkdocs.yml",
                         root: Path | None = None, today: dt.date | None = None) -> list[str]:
    """extra.next_review is a date after the day the official pages were last read (data/sources.yml),
    and about.md states it, so readers see it (the read dates come from the data: guide.mdx.source_list)."""
    today = today or dt.date.today()
    problems = []
    read = _as_date(official_read)
    nxt = _as_date((extra or {}).get("next_review"))
    if read is None:
        problems.append(f"data/sources.yml:0: no official source has a full `read:` date ({official_read!r}) "
                        "— give the day the official pages were last read")
    if nxt is None:
        problems.append(f"{config_name}:0: extra.next_review is {(extra or {}).get('next_review')!r}, "
                        "not a YYYY-MM-DD date — fix it")
    if read and read > today:
        problems.append(f"data/sources.yml:0: official pages last read {read} is in the future — use the real date")
    if read and nxt and nxt <= read:
        problems.append(f"{config_name}:0: extra.next_review {nxt} is not after the official pages were last "
                        f"read ({read}) — fix the dates")
    text = Path(about).read_text(encoding="utf-8")
    for key, date in (("extra.next_review", nxt),):
        if date is None:
            continue
        forms = [date.isoformat(), f"{date.year}年{date.month}月{date.day}日"]
        if not any(form in text for form in forms):
            problems.append(f"{_rel(about, root)}:0: does not mention {key} ({forms[0]} or {forms[1]}) "
                            "— write the date in the page so readers see it")
    return problems


# --- link text that names a step ----------------------------------------------------------------------

_MD_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<href>[^)\s]+)\)|<a\b[^>]*\bhref=\"(?P<rhref>[^\"]+)\"[^>]*>(?P<rtext>.*?)</a>")
_STEP_IN_TEXT = re.compile(r"手順\s*(?P<n>\d+)(?!\s*[〜~\-–－から]\s*\d|\d)")
_STEP_ANCHOR = re.compile(r"#step-(?P<n>\d+)$")


def step_link_problems(path: Path, root: Path) -> list[str]:
    """A link whose text names one step (「手順14」) must lead to that step: `#step-14`, or a page that has
    it when there is no anchor. Ranges (「手順4〜9」) are not checked."""
    problems = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        for m in _MD_LINK.finditer(line):
            label, href = (m.group("text"), m.group("href")) if m.group("href") else (m.group("rtext"), m.group("rhref"))
            named = {int(s.group("n")) for s in _STEP_IN_TEXT.finditer(label or "")}
            if len(named) != 1 or "手順" in _STEP_IN_TEXT.sub("", label or ""):
                continue
            [want] = named
            anchor = _STEP_ANCHOR.search(href)
            if anchor and int(anchor.group("n")) != want:
                problems.append(f"{_rel(path, root)}:{number}: link text 「{label}」 names 手順{want} but points at "
                                f"#step-{anchor.group('n')} — point it at #step-{want} or fix the text")
            elif not anchor and not href.startswith(("http:", "https:", "mailto:")):
                target = (path.parent / href.split("#")[0]).resolve() if href.split("#")[0] else path
                page = target.read_text(encoding="utf-8") if target.is_file() else ""
                if f"#step-{want} " not in page and f"#step-{want}}}" not in page:
                    problems.append(f"{_rel(path, root)}:{number}: link text 「{label}」 names 手順{want} but "
                                    f"{href} has no step {want} — link to the page of 手順{want} with #step-{want}")
    return problems


# --- screens: steps and on-screen labels against data/screens.yml -------------------------------------

_STEP_HEADING = re.compile(r"^## 手順(?P<n>\d+) (?P<title>.*?) \{ #step-(?P<anchor>\d+) \}\s*$")
_QUOTE = re.compile(r"「([^」\n]+)」")
_USED_KEY = re.compile(r"\[\[([a-z0-9-]+)\]\]")


def _body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the Markdown body: front matter and image alt text are not page text."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0] == "---":
        start = next((i + 1 for i, l in enumerate(lines[1:], start=1) if l == "---"), 0)
    return [(n, re.sub(r"!\[[^\]]*\]", "![]", line)) for n, line in enumerate(lines, start=1) if n > start]


def label_text_problems(path: Path, screens, root: Path) -> list[str]:
    """Anywhere in a page or snippet: a known label written as plain 「…」 (a rename would miss it), and
    [[key]] with an unknown key."""
    by_ja = {label.ja: key for key, label in screens.labels.items()}
    problems = []
    for number, line in _body_lines(path.read_text(encoding="utf-8")):
        for quoted in _QUOTE.findall(line):
            if quoted in by_ja:
                problems.append(f"{_rel(path, root)}:{number}: 「{quoted}」 is an on-screen label: write "
                                f"[[{by_ja[quoted]}]] so a renamed label is one edit in data/screens.yml (if "
                                "the line quotes the guide's own words, not the screen, reword it without 「」)")
        if line.strip() == "[[steps-checklist]]":      # the block macro: the table of all steps
            continue
        for key in _USED_KEY.findall(line):
            if key not in screens.labels:
                problems.append(f"{_rel(path, root)}:{number}: [[{key}]] is not a label in data/screens.yml — "
                                "fix the key or add the label there")
    return problems


def step_page_problems(path: Path, phase: dict, screens, root: Path) -> list[str]:
    """A step page has exactly the steps data/screens.yml gives its phase, in order, each heading reading
    '## 手順N <title from data> { #step-N }'; inside a step only that step's labels and quotes appear."""
    rel = _rel(path, root)
    problems, seen, current, shown, started = [], [], None, 0, 0

    def close_step():
        if current is not None and not shown:
            problems.append(f"{rel}:{started}: 手順{current.number} shows no on-screen label — write what the "
                            "reader sees or presses as [[key]] (e.g. [[next-proceed]])")

    for number, line in _body_lines(path.read_text(encoding="utf-8")):
        if line.startswith("## ") or line.startswith("# "):
            close_step()
            current, shown, started = None, 0, number
            m = _STEP_HEADING.match(line)
            if line.startswith("## 手順") and not m:
                problems.append(f"{rel}:{number}: step heading {line!r} does not read "
                                "'## 手順N title { #step-N }'")
                continue
            if not m:
                continue
            n, anchor = int(m.group("n")), int(m.group("anchor"))
            seen.append(n)
            if n != anchor:
                problems.append(f"{rel}:{number}: heading 手順{n} has anchor #step-{anchor} — make them equal")
            step = screens.steps.get(n)
            if step is None:
                problems.append(f"{rel}:{number}: 手順{n} is not a step in data/screens.yml")
                continue
            if m.group("title") != step.title:
                problems.append(f"{rel}:{number}: 手順{n} title {m.group('title')!r} differs from data/screens.yml "
                                f"({step.title!r}) — change one of them so they agree")
            current = step
            continue
        if current is None:
            continue
        shown += len(_USED_KEY.findall(line))
        for key in _USED_KEY.findall(line):
            if key in screens.labels and key not in current.keys():
                problems.append(f"{rel}:{number}: [[{key}]] is not on the screen of 手順{current.number} in "
                                f"data/screens.yml — add it to that step's labels, or use the right step")
        for quoted in _QUOTE.findall(line):
            if quoted not in current.quotes and quoted not in {l.ja for l in screens.labels.values()}:
                problems.append(f"{rel}:{number}: 「{quoted}」 in 手順{current.number} is not a known label of "
                                "that screen — add it to data/screens.yml (labels: and the step), then write [[key]]")
    close_step()
    if seen != list(phase["steps"]):
        problems.append(f"{rel}:1: has steps {seen}, data/screens.yml gives this page {phase['steps']} — "
                        "make the page and the data agree")
    return problems


# --- the route finder (guide/routes.py) -----------------------------------------------------------

def route_page_problems(html: Path, route, skipped: set[int], site: Path) -> list[str]:
    """A built route page against its route (from data/routes.yml): the steps it links in its list of what
    to do are exactly the route's, in order, none that the reader must skip; a route that stops links
    no step at all and names the page that helps."""
    soup = soup_of(html)
    name = _rel(html, site)
    todo = soup.select_one("#what-to-do")
    if todo is None:
        return [f"{name}:1: no 'what to do' section (#what-to-do): the route page lists the reader's steps there"]
    listed = todo.find_next("ol")
    items = listed.find_all("li", recursive=False) if listed else []
    numbers, problems = [], []
    for li in items:
        first = li.find("a", href=re.compile(r"#step-\d+$"))
        if first is not None:
            numbers.append((int(first["href"].rsplit("-", 1)[1]), li.sourceline))
    shown = [n for n, _ in numbers]
    for (n, line), (m, _) in zip(numbers[1:], numbers):
        if n <= m:
            problems.append(f"{name}:{line}: step {n} comes after step {m}: a route lists its steps in order")
    for n, line in numbers:
        if n in skipped:
            problems.append(f"{name}:{line}: step {n} is listed, but this reader skips it (data/routes.yml skip:)")
    if route.stop:
        if shown:
            problems.append(f"{name}:1: steps {shown} are listed, but this route stops before step 1: "
                            "say what cannot be done and what to do instead")
        page, _, anchor = route.stop["link"].partition("#")
        target = re.escape(page.rsplit("/", 1)[1][:-3]) + (f"[^#]*#{re.escape(anchor)}$" if anchor else "")
        if not todo.find_next("a", href=re.compile(target)):
            problems.append(f"{name}:1: the route stops, but does not link {route.stop['link']}")
    elif shown != route.step_numbers():
        problems.append(f"{name}:1: lists steps {shown}; the route (data/routes.yml + data/screens.yml) has "
                        f"{route.step_numbers()}: the page was not made from the data")
    return problems


# --- help pages: what to do first, a next step last (issue #17) ----------------------------------

#: A link to a step (steps/N-….md#step-N), the confirmation page (steps/5-confirm.md#…) or the route finder.
STEP_OR_ROUTE = re.compile(r"\((?:\.\./)?(?:steps/[0-9a-z-]+\.md#(?:step-\d+|[a-z0-9-]+)|route/[a-z0-9-]+\.md)\)")


def help_page_problems(path: Path, root: Path) -> list[str]:
    """A help page (troubleshooting/*.md) starts with what to do, as numbered steps, right after its title
    (at most one sentence before), and ends with a next step: its last h2 is `#next` and links a step
    (steps/….md#step-N) or the route finder (route/….md)."""
    name = _rel(path, root)
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        body = [""] * (end + 1) + lines[end + 1:]
    h1 = next((i for i, line in enumerate(body) if line.startswith("# ")), None)
    h2s = [(i, line) for i, line in enumerate(body) if line.startswith("## ")]
    problems = []
    if h1 is None:
        return [f"{name}:1: no title (# …)"]
    if not h2s or "{ #what-to-do }" not in h2s[0][1]:
        at = h2s[0][0] + 1 if h2s else h1 + 1
        problems.append(f"{name}:{at}: the first section must be '## … {{ #what-to-do }}' with numbered steps: "
                        "what to do comes before why")
    else:
        before = [line for line in body[h1 + 1:h2s[0][0]] if line.strip()]
        if len(before) > 2 or any(line.lstrip().startswith(("!!!", "???", "<", "-", "|")) for line in before):
            problems.append(f"{name}:{h1 + 2}: {len(before)} lines before 'what to do': keep at most one short "
                            "sentence (no box, list or table) between the title and the first step")
        nxt = h2s[1][0] if len(h2s) > 1 else len(body)
        first = next((line for line in body[h2s[0][0] + 1:nxt] if line.strip()), "")
        if not re.match(r"^1\. ", first):
            problems.append(f"{name}:{h2s[0][0] + 2}: 'what to do' must start with a numbered step ('1. …'), "
                            f"not {first[:40]!r}")
    if not h2s or "{ #next }" not in h2s[-1][1]:
        at = h2s[-1][0] + 1 if h2s else len(body)
        problems.append(f"{name}:{at}: the last section must be '## … {{ #next }}', the step (or the route "
                        "finder) where the reader goes on")
    elif not STEP_OR_ROUTE.search("\n".join(body[h2s[-1][0]:])):
        problems.append(f"{name}:{h2s[-1][0] + 1}: the next step links no step (../steps/N-….md#step-N) or route "
                        "page (../route/….md): the reader must know where to go on")
    return problems


def unreached_help_problems(docs: Path, root: Path) -> list[str]:
    """A help page (troubleshooting/*.md, not the index) that no step page (steps/*.md) links: readers
    meet help next to the step where the problem happens, so every help page needs such a step."""
    steps = "\n".join(p.read_text(encoding="utf-8") for p in sorted((docs / "steps").glob("*.md")))
    return [f"{_rel(page, root)}:1: no step page links this help page: link it from the step where the problem "
            f"happens (its 'if something goes wrong' line, ../troubleshooting/{page.name})"
            for page in sorted((docs / "troubleshooting").glob("*.md"))
            if page.name != "index.md" and f"troubleshooting/{page.name}" not in steps]


# --- on-screen labels: no markup inside 「…」 -------------------------------------------------------

LABEL_MARKUP = re.compile(r"「([^」<>]{0,60})(<(?!/?span\b)[a-z][^>]*>)")


def label_markup_problems(html: Path, site: Path) -> list[str]:
    """A 「…」 in the article with an element inside it (a glossary term, a link, emphasis): a reader
    matches an on-screen label by its shape, so nothing may change how the label looks. Only the label's
    own <span lang="ja"> (English edition) may wrap it."""
    text = html.read_text(encoding="utf-8")
    start = text.find("<article")
    problems = []
    for m in LABEL_MARKUP.finditer(text, start if start >= 0 else 0):
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{_rel(html, site)}:{line}: 「{m.group(1)}{m.group(2)[:40]}… has markup inside 「…」: "
                        "write the label as [[key]] and keep links and terms outside the brackets")
    return problems
