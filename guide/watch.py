"""Watch the sources: does every page in data/sources.yml that has a `url` still say what the guide relies on?

`python -m guide.watch` (or `make watch-sources`; needs the internet) fetches each page and prints a Markdown
table with one row a source and one status:

    ok              answered 200 and contains every one of its `phrases`
    moved           redirected to another host, or to another path on the same host (the detail says where)
    phrase-missing  answered 200 but no longer contains the phrases named in the detail
    gone            answered 4xx or 5xx (the detail gives the code)
    error           no answer: timeout, connection error or TLS error (the detail says which)

Exit code: 0 when every source is ok, 1 when any is not, 2 when the registry cannot be read.
The weekly workflow .github/workflows/watch-sources.yml posts the report (`--output FILE`) as an issue.
Nothing here touches the network until `main()` runs.
"""
from __future__ import annotations

import argparse
import codecs
import re
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
import urllib3
from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector

from guide.sources import REGISTRY, Source, load_registry

USER_AGENT = ("ocn-d-account-guide-source-watch/1 (documentation project; weekly check that the pages "
              "it cites still say what it quotes)")
WORKERS = 4
ACTIONS = {
    "ok": "nothing to do",
    "moved": "open the new address; if it is the same page, put it in `url` (and its host in "
             "data/official_hosts.yml), then re-read it and update `read`",
    "phrase-missing": "read the page: if the guide's statement still holds, update `phrases` and `read`; "
                      "if not, correct the guide's pages that cite the source",
    "gone": "find where the page went (the publisher's site search); replace `url` or, if there is no "
            "successor, drop the source and the statements that rest on it",
    "error": "run `make watch-sources` again later; if it keeps failing, open the page in a browser",
}


@dataclass
class Result:
    id: str
    url: str
    status: str
    detail: str = ""


# --- reading a page ----------------------------------------------------------------------------------

# Browsers decode by the WHATWG Encoding Standard, where every Shift_JIS label means Windows-31J (cp932:
# it has ① and ～, which Python's strict shift_jis rejects) and ISO-8859-1 means windows-1252. The library
# with that table (webencodings) is not in requirements.txt, so the few labels that matter are mapped here.
BROWSER_CODECS = {"shift_jis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932", "ms_kanji": "cp932",
                  "csshiftjis": "cp932", "iso8859-1": "cp1252"}


def _codec(label: str | None) -> str | None:
    """The Python codec a browser would use for a charset label, or None for an unknown label."""
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    try:
        name = codecs.lookup(BROWSER_CODECS.get(label, label)).name
    except LookupError:
        return None
    return BROWSER_CODECS.get(name, name)


def page_text(response: requests.Response) -> str:
    """The visible text of an HTML page, decoded by the charset of the HTTP header, else of its
    `<meta charset>`, else as `requests` guesses it (charset_normalizer)."""
    declared = response.encoding if "charset=" in response.headers.get("Content-Type", "").lower() else None
    meta = EncodingDetector.find_declared_encoding(response.content, is_html=True)
    codec = _codec(declared) or _codec(meta) or _codec(response.apparent_encoding) or "utf-8"
    soup = BeautifulSoup(response.content.decode(codec, errors="replace"), "lxml")
    # get_text() leaves out the text of <script>, <style> and <template>. No separator: text split by
    # inline tags (<b>ログイン</b>は) reads as one run, as on screen.
    return soup.get_text()


_SPACES = re.compile(r"\s+")
_SPACE_BY_WIDE = re.compile(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ")


def normalise(text: str) -> str:
    """NFKC (（ＯＣＮ　ＩＤ） -> (OCN ID)), whitespace collapsed to one space, and no space next to a
    non-ASCII character: Japanese is written without spaces, so a line break or space in the HTML between
    two Japanese characters (or before a bracket after one) is layout, not text."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return _SPACE_BY_WIDE.sub("", text)


def missing_phrases(phrases: list[str], text: str) -> list[str]:
    haystack = normalise(text)
    return [p for p in phrases if normalise(p) not in haystack]


# --- checking one source ------------------------------------------------------------------------------

def _same_place(a: str, b: str) -> bool:
    """Same host and same path (a trailing slash aside): an http -> https upgrade is not a move."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.hostname, pa.port, pa.path.rstrip("/")) == (pb.hostname, pb.port, pb.path.rstrip("/"))


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests error, without urllib3's 'HTTPSConnection(host=..., port=...): '."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    inner = getattr(inner, "reason", None) or inner
    return re.sub(r"^(<[^>]*>|\w+\(host=[^)]*\)): ", "", str(inner))[:200]


def check_source(src: Source, timeout: float) -> Result:
    url = src.url or ""
    try:
        response = requests.get(url, timeout=timeout, headers={"User-Agent": USER_AGENT})
    except requests.exceptions.TooManyRedirects:
        return Result(src.id, url, "error", "too many redirects")
    except requests.exceptions.Timeout:
        return Result(src.id, url, "error", f"timeout: no answer within {timeout:g} s")
    except requests.exceptions.SSLError as exc:
        return Result(src.id, url, "error", f"TLS error: {_reason(exc)}")
    except requests.exceptions.ConnectionError as exc:
        # requests reports a read timeout while the body arrives as a ConnectionError.
        if isinstance(exc.args[0] if exc.args else None, urllib3.exceptions.TimeoutError):
            return Result(src.id, url, "error", f"timeout: the page did not arrive within {timeout:g} s")
        return Result(src.id, url, "error", f"connection error: {_reason(exc)}")
    except requests.exceptions.RequestException as exc:
        return Result(src.id, url, "error", f"{type(exc).__name__}: {_reason(exc)}")

    moved = response.history and not _same_place(url, response.url)
    where = ""
    if moved:
        host = urlsplit(response.url).netloc
        other = "another host" if host != urlsplit(url).netloc else "another path"
        where = f"redirected to {other}: {host} ({response.url})"
    if response.status_code >= 400:
        detail = f"HTTP {response.status_code} {response.reason or ''}".strip()
        return Result(src.id, url, "gone", f"{detail}, after being {where}" if where else detail)
    if response.status_code != 200:
        return Result(src.id, url, "error", f"unexpected HTTP {response.status_code}")
    missing = missing_phrases(src.phrases, page_text(response))
    phrases = ("missing: " + ", ".join(f"「{p}」" for p in missing)) if missing else ""
    if moved:
        return Result(src.id, url, "moved", f"{where}; " + (phrases or "every phrase is there"))
    if missing:
        return Result(src.id, url, "phrase-missing", phrases)
    return Result(src.id, url, "ok", f"{len(src.phrases)} phrase(s) found")


def check_all(sources: dict[str, Source], timeout: float) -> list[Result]:
    """Every source with a `url`, in registry order, at most WORKERS at a time."""
    watched = [s for s in sources.values() if s.url]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda s: check_source(s, timeout), watched))


# --- the report ---------------------------------------------------------------------------------------

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report(results: list[Result], registry: Path) -> str:
    counts = {status: sum(r.status == status for r in results) for status in ACTIONS}
    lines = [
        "## Source watch",
        "",
        f"{len(results)} sources with a `url` in `{registry.name}` checked: "
        + ", ".join(f"{n} {status}" for status, n in counts.items() if n) + ".",
        "",
        "| source | status | detail | url |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{r.id}` | {r.status} | {_cell(r.detail)} | {r.url} |" for r in results]
    seen = [status for status in ACTIONS if counts[status] and status != "ok"]
    if seen:
        lines += ["", "What to do (then run `make watch-sources` again):", ""]
        lines += [f"- **{status}**: {ACTIONS[status]}." for status in seen]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.watch", description=__doc__.split("\n")[0])
    parser.add_argument("--registry", type=Path, default=REGISTRY, help="the source registry (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default: %(default)s)")
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error("--timeout must be a number of seconds above 0")
    try:
        sources = load_registry(args.registry)
    except (OSError, ValueError) as exc:     # ValueError: not YAML, or not the schema's shape (with the line)
        print(f"{args.registry}: cannot read the source registry ({exc}).\n"
              "Fix the file (see the comment at the top of data/sources.yml) or give another with --registry PATH.",
              file=sys.stderr)
        return 2
    if not any(s.url for s in sources.values()):
        print(f"{args.registry}: no source has a `url`, so there is nothing to watch; "
              "is this the right file? (give it with --registry PATH)", file=sys.stderr)
        return 2
    if args.output and not args.output.parent.is_dir():
        print(f"{args.output}: its folder does not exist; create it or give another --output FILE",
              file=sys.stderr)
        return 2
    results = check_all(sources, args.timeout)
    text = report(results, args.registry)
    print(text, end="")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0 if all(r.status == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
