"""Add a page to both editions at once (make new-page PAGE=folder/name.md JA="見出し" EN="Title").

Writes docs/PAGE and docs-en/PAGE (front matter, a title with a fixed ASCII id, `translation_of:`; a help
page in troubleshooting/ gets the sections tests/test_help_pages.py asks for), adds the page to the nav of
mkdocs.yml and mkdocs.en.yml (after the last page of its folder, or --after PAGE), lists it on its folder's
index page in both editions, and adds a stub query to both search query files. The result builds strictly;
`make check` then names what only a person can write (`stubs_left`: each stub's file and line, the sources,
the text, the reader's own search words).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from guide import LANGS, ROOT

#: Per edition: (docs folder, config, query file), relative to the project (new_page works on a copy too).
EDITIONS = {lang: tuple(str(e[k].relative_to(ROOT)) for k in ("docs", "config", "queries")) for lang, e in LANGS.items()}
#: The stubs a new page starts with, in its text and on its folder's index page; `make check` names each one
#: left (stubs_left), so none reaches a reader.
STUB = {"ja": {"text": "ここに、このページで読者がすることを書きます。",
               "step": "ここに、読者が最初にすることを書きます。",
               "when": "ここに、読者がこのページを開くのはどんなときかを書きます"},
        "en": {"text": "Write here what the reader does with this page.",
               "step": "Write here the first thing the reader does.",
               "when": "Write here when a reader opens this page"}}
QUERY_STUB = "# stub:"
#: A help page's sections (what to do first, a next step last), as the existing help pages name them.
HELP = {"ja": ("すること", "それでも解決しないとき", "次に進む"),
        "en": ("What to do", "If this does not solve the problem", "Next step")}
HELP_FOLDER = "troubleshooting"
ROUTE_FINDER = "route/index.md"


def stubs_left(path: Path, root: Path = ROOT) -> list[str]:
    """'file:line: what to write' for each stub of `make new-page` still in `path` (a page or a query file)."""
    stubs = {text: key for lang in STUB.values() for key, text in lang.items()}
    what = {"text": "the page's text", "step": "the first step", "when": "when a reader opens the page"}
    problems = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = [key for text, key in stubs.items() if text in line]
        if found or QUERY_STUB in line:
            write = what[found[0]] if found else "words a reader would type to find the page"
            problems.append(f"{path.relative_to(root).as_posix()}:{n}: a stub from make new-page: write {write}")
    return problems


def nav_title(config: Path, page: str) -> str:
    """The title `page` has in the nav of `config`."""
    found = re.search(rf"^\s*- (.+): {re.escape(page)}\s*$", config.read_text(encoding="utf-8"), re.M)
    if not found:
        sys.exit(f"{config.name}: {page} is not in the nav")
    return found.group(1)


def body(lang: str, title: str, slug: str, page: str, config: Path) -> str:
    """The page below its front matter: a title with a fixed id; a help page also its sections."""
    stub = STUB[lang]
    text = f"# {title} {{ #{slug} }}\n\n{stub['text']}\n"
    if not page.startswith(HELP_FOLDER + "/"):
        return text
    todo, stuck, nxt = HELP[lang]
    up = "../" * page.count("/")
    return (text + f"\n## {todo} {{ #what-to-do }}\n\n1. {stub['step']}\n\n"
            f"## {stuck} {{ #still-stuck }}\n\n--8<-- \"troubleshooting-contact.md\"\n\n"
            f"## {nxt} {{ #next }}\n\n- [{nav_title(config, ROUTE_FINDER)}]({up}{ROUTE_FINDER})\n")


def front(description: str, extra: str = "") -> str:
    return (f"---\ndescription: {description}\nupdated: {dt.date.today().isoformat()}\n"
            f"sources: []\n{extra}---\n\n")


def add_to_nav(config: Path, page: str, title: str, after: str | None) -> None:
    """Insert `- title: page` in the nav after `after`, else after the last page of the same folder."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    folder = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    entries = [i for i, line in enumerate(lines) if re.match(r"\s*- (.+: )?[\w/.-]+\.md\s*$", line)]
    if not entries:
        sys.exit(f"{config.name}: no nav entries found")
    target = [i for i in entries if (after and lines[i].rstrip().endswith(" " + after)) or
              (not after and folder and lines[i].strip().split()[-1].startswith(folder))]
    if after and not target:
        sys.exit(f"{config.name}: --after {after}: no such page in the nav")
    at = target[-1] if target else entries[-1]
    indent = re.match(r"\s*", lines[at]).group(0)
    lines.insert(at + 1, f"{indent}- {title}: {page}\n")
    config.write_text("".join(lines), encoding="utf-8")


def add_to_index(index: Path, line: str) -> None:
    """The link as the last item before the index's closing section ({ #still-stuck }: where to turn when
    nothing helped), else at the end."""
    text = index.read_text(encoding="utf-8")
    closing = re.search(r"^## .*\{ *#still-stuck *\}", text, re.M)
    at = closing.start() if closing else len(text)
    index.write_text(text[:at].rstrip("\n") + f"\n{line}\n" + ("\n" + text[at:] if closing else ""), encoding="utf-8")


def new_page(page: str, titles: dict[str, str], after: str | None = None, root: Path = ROOT) -> list[str]:
    """Create the page in both editions; returns what was written or changed (paths relative to root)."""
    from guide.translations import source_hash, update
    if not re.fullmatch(r"([a-z0-9-]+/)*[a-z0-9-]+\.md", page):
        sys.exit(f"PAGE={page}: use lower-case ASCII words with hyphens, e.g. troubleshooting/new-problem.md")
    from guide.translations import recorded_hash
    slug = Path(page).stem
    changed = []
    ja_index, en_index = (root / "docs" / page).parent / "index.md", (root / "docs-en" / page).parent / "index.md"
    index_current = en_index.is_file() and ja_index.is_file() and recorded_hash(en_index) == source_hash(ja_index)
    for lang, (docs, config, queries) in EDITIONS.items():
        path = root / docs / page
        if path.exists():
            sys.exit(f"{docs}/{page} exists already")
    for lang, (docs, config, queries) in EDITIONS.items():
        path = root / docs / page
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = f"translation_of: {source_hash(root / 'docs' / page)}\n" if lang == "en" else ""
        path.write_text(front(f"{titles[lang]}。" if lang == "ja" else f"{titles[lang]}.", extra)
                        + body(lang, titles[lang], slug, page, root / config), encoding="utf-8")
        add_to_nav(root / config, page, titles[lang], after)
        index = path.parent / "index.md"
        if path.parent != root / docs and index.is_file():
            colon = "：" if lang == "ja" else ":"
            add_to_index(index, f"- {STUB[lang]['when']}{colon}\n  [{titles[lang]}]({path.name})")
            changed.append(f"{docs}/{index.relative_to(root / docs).as_posix()}")
        with (root / queries).open("a", encoding="utf-8") as fh:
            fh.write(f"  - {{query: {titles[lang]}, expect: {page}}}   {QUERY_STUB} write the reader's own words\n")
        changed += [f"{docs}/{page}", config, queries]
    if index_current and ja_index != root / "docs" / "index.md":    # both indexes got the same line: still current
        update(ja_index.relative_to(root / "docs").as_posix(), root / "docs", root / "docs-en")
    return changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", help="path inside docs/, e.g. troubleshooting/new-problem.md")
    ap.add_argument("--ja", required=True, help="the Japanese title")
    ap.add_argument("--en", required=True, help="the English title")
    ap.add_argument("--after", help="the nav entry (a page path) to put it after")
    args = ap.parse_args(argv)
    for path in new_page(args.page, {"ja": args.ja, "en": args.en}, args.after):
        print(f"written: {path}")
    print("Now: replace each stub (`make check` names them by file and line): the text, the steps, the index "
          "entry, the queries; add `sources:` (ids from data/sources.yml) to both editions. Link the page from "
          "the step where the problem happens. When both editions are written: "
          f"`make translated PAGE={args.page}` (and PAGE=<folder>/index.md if its index changed), then `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
