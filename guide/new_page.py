"""Add a page to both editions at once (make new-page PAGE=folder/name.md JA="見出し" EN="Title").

Writes docs/PAGE and docs-en/PAGE (front matter, a title with a fixed ASCII id, `translation_of:`), adds the
page to the nav of mkdocs.yml and mkdocs.en.yml (after the last page of its folder, or --after PAGE), lists
it on its folder's index page in both editions, and adds a stub query to both search query files. The
result builds strictly; `make check` then names what only a person can write: the sources, the text, the
reader's own search words.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from guide import ROOT

EDITIONS = {"ja": ("docs", "mkdocs.yml", "data/search_queries.yml"),
            "en": ("docs-en", "mkdocs.en.yml", "data/search_queries.en.yml")}
STUB = {"ja": "この下に、読者がすることを番号つきの手順で書きます。",
        "en": "Write what the reader does below, as numbered steps."}


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
                        + f"# {titles[lang]} {{ #{slug} }}\n\n{STUB[lang]}\n", encoding="utf-8")
        add_to_nav(root / config, page, titles[lang], after)
        index = path.parent / "index.md"
        if path.parent != root / docs and index.is_file():
            add_to_index(index, f"- [{titles[lang]}]({path.name})")
            changed.append(f"{docs}/{index.relative_to(root / docs).as_posix()}")
        with (root / queries).open("a", encoding="utf-8") as fh:
            fh.write(f"  - {{query: {titles[lang]}, expect: {page}}}   # stub: write the reader's own words\n")
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
    print("Now: write the page (numbered steps first), its description and `sources:` (data/sources.yml), "
          "the English text, and replace the stub queries with words a reader would type; then `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
