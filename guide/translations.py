"""Translation tracking: which English pages no longer match the Japanese page they translate.

Every page of docs-en/ records, in its front matter, the version of its Japanese page it translates:
`translation_of: <first 12 hex digits of the sha256 of docs/<same path>'s bytes>`. When the Japanese page
changes, its hash changes and the English page is reported as STALE, with the old and new hash and, when
git is there, the commits that changed the Japanese page since the translated version.

  python -m guide.translations            report; exit 1 only for a MISSING English page or field
  python -m guide.translations --strict   also exit 1 for a stale translation (before a release)
  python -m guide.translations --update PAGE...   after re-translating PAGE, record the current hash

Policy (CONTRIBUTING.md, "English edition"): a missing counterpart or field fails `make test`; a stale
translation passes, shows its readers a dated notice (hooks/i18n.py) and is named once in the summary of
`make test`; `make translations-strict`, run before a release, fails on it.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


from guide import LANGS, ROOT
from guide.sources import FRONT

FIELD = "translation_of"


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def front_matter(path: Path) -> dict:
    """A page's front matter, read by MkDocs' own parser (what the build sees)."""
    from mkdocs.utils.meta import get_data
    return get_data(path.read_text(encoding="utf-8"))[1]


def recorded_hash(path: Path) -> str | None:
    value = front_matter(path).get(FIELD)
    return None if value is None else str(value)


def behind(rel: str, ja_docs: Path, en_docs: Path) -> str | None:
    """When docs-en/<rel> translates an older docs/<rel>: the Japanese page's `updated:` date (or "" when
    it has none). None when the translation is current or untracked (the tests report those)."""
    old, ja = recorded_hash(en_docs / rel), ja_docs / rel
    if not old or not ja.is_file() or old == source_hash(ja):
        return None
    return str(front_matter(ja).get("updated") or "")


def behind_notice(markdown: str, updated: str, href: str | None) -> str:
    """The English page with a notice under its title: it may be behind the Japanese page (FastAPI's
    translations do the same). `href`: the Japanese page, or None where it cannot be reached (offline)."""
    # The Japanese page's own date, not a comparison with the English page's: a change too small for a new
    # `updated:` (a reworded line) also makes a translation behind.
    when = f" (its date: {updated})" if updated else ""
    # The same words on the web and offline (only the link differs), so both search indexes agree.
    page = f'<a href="{href}" hreflang="ja">the Japanese page</a>' if href else "the Japanese page"
    link = f" Read {page} for the newest information."
    # Collapsed (one line on a phone), so the reader's first action stays on the first screen.
    notice = (f'\n\n??? warning translation-behind "This translation may be out of date"\n'
              f"    The Japanese page{when} has changed since this English page was translated. "
              f"Some details here may be old.{link}\n\n")
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join(lines[:title + 1]) + notice + "\n".join(lines[title + 1:])


@dataclass
class Finding:
    kind: str          # missing-page | missing-field | stale | orphan
    page: str          # path relative to the docs folders, e.g. steps/1-open.md
    old: str | None = None
    new: str | None = None
    history: str = ""

    def __str__(self) -> str:
        if self.kind == "missing-page":
            return (f"docs-en/{self.page}: MISSING — docs/{self.page} has no English page; translate it "
                    f"(same file name, same heading ids) and set `{FIELD}: {self.new}`")
        if self.kind == "missing-field":
            return (f"docs-en/{self.page}:1: no `{FIELD}:` in the front matter — set it to the hash of the "
                    f"Japanese page it translates ({self.new} for the current docs/{self.page})")
        if self.kind == "orphan":
            return f"docs-en/{self.page}: no Japanese page docs/{self.page} — rename or remove it"
        text = (f"docs-en/{self.page}: STALE — translates docs/{self.page} at {self.old}, which is now "
                f"{self.new}; update the translation, then `make translated PAGE={self.page}`")
        return text + (f"\n    changed since: {self.history}" if self.history else "")


def git_history(root: Path, rel: str, old: str) -> str:
    """The commits that changed docs/<rel> after the version whose bytes hash to `old` (empty without git)."""
    try:
        commits = subprocess.run(["git", "log", "--format=%H", "--", f"docs/{rel}"], cwd=root,
                                 capture_output=True, text=True, check=True).stdout.split()
        since = None
        for commit in commits:
            blob = subprocess.run(["git", "show", f"{commit}:docs/{rel}"], cwd=root, capture_output=True)
            if blob.returncode == 0 and hashlib.sha256(blob.stdout).hexdigest()[:12] == old:
                since = commit
                break
        spec = [f"{since}..HEAD"] if since else ["-3"]
        log = subprocess.run(["git", "log", "--format=%h %s", *spec, "--", f"docs/{rel}"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", f"docs/{rel}"], cwd=root,
                               capture_output=True, text=True).stdout.strip()
        lines = [line[:100] for line in log] + (["(uncommitted changes)"] if dirty else [])
        if not since and lines:
            lines.insert(0, f"the translated version {old} is not in git history; latest changes:")
        return "; ".join(lines) + (f"  (git diff {since[:10]} -- docs/{rel})" if since else "")
    except (OSError, subprocess.CalledProcessError):
        return ""


def check(ja_docs: Path = LANGS["ja"]["docs"], en_docs: Path = LANGS["en"]["docs"], root: Path = ROOT,
          history: bool = True) -> list[Finding]:
    findings = []
    ja_pages = sorted(p.relative_to(ja_docs).as_posix() for p in ja_docs.rglob("*.md"))
    for rel in ja_pages:
        new = source_hash(ja_docs / rel)
        en = en_docs / rel
        if not en.is_file():
            findings.append(Finding("missing-page", rel, new=new))
            continue
        old = recorded_hash(en)
        if not old:
            findings.append(Finding("missing-field", rel, new=new))
        elif old != new:
            findings.append(Finding("stale", rel, old, new, git_history(root, rel, old) if history else ""))
    for en in sorted(en_docs.rglob("*.md")):
        rel = en.relative_to(en_docs).as_posix()
        if rel not in ja_pages:
            findings.append(Finding("orphan", rel))
    return findings


def update(rel: str, ja_docs: Path = LANGS["ja"]["docs"], en_docs: Path = LANGS["en"]["docs"]) -> str:
    """Record the current hash of docs/<rel> in docs-en/<rel> (after the translation was brought up to date)."""
    path = en_docs / rel
    text = path.read_text(encoding="utf-8")
    match = FRONT.match(text)
    if not match:
        raise SystemExit(f"docs-en/{rel}: no front matter")
    new = source_hash(ja_docs / rel)
    front = match.group(1)
    if re.search(rf"^{FIELD}:.*$", front, re.M):
        front = re.sub(rf"^{FIELD}:.*$", f"{FIELD}: {new}", front, flags=re.M)
    else:
        front += f"\n{FIELD}: {new}"
    path.write_text(f"---\n{front}\n---\n" + text[match.end():], encoding="utf-8")
    return new


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strict", action="store_true", help="also fail on stale translations")
    ap.add_argument("--update", nargs="+", metavar="PAGE", help="record the current Japanese hash in PAGE")
    args = ap.parse_args(argv)
    if args.update:
        for rel in args.update:
            print(f"docs-en/{rel}: {FIELD}: {update(rel)}")
        return 0
    findings = check()
    for f in findings:
        print(f)
    failing = [f for f in findings if f.kind != "stale" or args.strict]
    stale = sum(f.kind == "stale" for f in findings)
    print(f"translations: {len(findings) - stale} missing/orphan, {stale} stale"
          + (" (stale fails with --strict)" if stale and not args.strict else ""))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
