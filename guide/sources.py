"""The source registry (data/sources.yml): load it, check it, and list a page's sources.

Every page names the sources it rests on in its front matter (`sources: [id, ...]`). The build appends
a 「このページの出典」 section made by `render_page_sources`; the checks in `check_registry` and
`check_pages` are run by tests/test_sources.py and name the file and line of each problem.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from guide import DATA, DOCS, schema, yamlfast

REGISTRY = DATA / "sources.yml"
HOSTS = DATA / "official_hosts.yml"

KINDS = {
    "record": "利用者の記録",
    "official": "公式ページ",
    "news": "報道",
    "advice": "一般的なアドバイス",
}
KINDS_EN = {
    "record": "customer's record",
    "official": "official page",
    "news": "news report",
    "advice": "general advice",
}


class SourcesError(schema.DataError):
    """A problem in data/sources.yml, with its line."""


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(DATA.parent)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


@dataclass
class Source:
    id: str
    line: int
    title: str = ""
    en_title: str | None = None     # optional English rendering of the (Japanese) title, for the English edition
    publisher: str = ""
    en_publisher: str | None = None
    kind: str = ""
    url: str | None = None
    no_url: str | None = None
    read: str | None = None
    undated: bool = False
    phrases: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def kind_label_en(self) -> str:
        return KINDS_EN.get(self.kind, self.kind)

    @property
    def read_label_en(self) -> str:
        """「25 November 2026」 or 「November 2026」 (month only, as recorded)."""
        if not self.read:
            return ""
        return english_date(self.read)

    @property
    def read_label(self) -> str:
        """「2026年11月25日」 or 「2026年11月」 (month only, as recorded)."""
        return japanese_date(self.read) if self.read else ""


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def japanese_date(value: str) -> str:
    """'2026-11-25' -> '2026年11月25日'; '2026-11' -> '2026年11月'."""
    parts = [int(p) for p in value.split("-")]
    return f"{parts[0]}年{parts[1]}月" + (f"{parts[2]}日" if len(parts) == 3 else "")


def english_date(value: str) -> str:
    """'2026-11-25' -> '25 November 2026'; '2026-11' -> 'November 2026'."""
    parts = [int(p) for p in value.split("-")]
    month = f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {month}" if len(parts) == 3 else month


def _mapping_lines(node: yaml.MappingNode) -> dict[str, tuple[int, yaml.Node]]:
    return {k.value: (k.start_mark.line + 1, v) for k, v in node.value}


def key_lines(node) -> dict[str, int]:
    """The 1-based line of each key of a YAML mapping node (empty for anything else): for error messages."""
    return {k: line for k, (line, _) in _mapping_lines(node).items()} if isinstance(node, yaml.MappingNode) else {}


def load_registry(path: Path = REGISTRY) -> dict[str, Source]:
    """Sources by id, each with the line of its entry and of each of its fields (1-based). The file's shape
    is data/schema/sources.yml's: a key, a field or a kind it does not know stops here, with its line."""
    data, root = schema.read(path, SourcesError)
    entries = next((v for k, v in root.value if k.value == "sources"), None) if isinstance(root, yaml.MappingNode) else None
    for key, _ in entries.value if isinstance(entries, yaml.MappingNode) else []:
        if not key.tag.endswith(":str"):        # on:, yes:, 2026: are read as true or a number, not as the id
            raise SourcesError(f"{schema.shown_path(path)}:{key.start_mark.line + 1}: the id '{key.value}' is read by "
                               f"YAML as a {key.tag.rsplit(':', 1)[1]}, not as text: choose another id (or quote it)")
    # dates as the text they were written as (YAML reads 2026-11-25 as a date; the schema sees text)
    if problems := schema.problems("sources", path, json.loads(json.dumps(data, default=str)), root):
        raise SourcesError("\n".join(problems))
    data = data["sources"]
    out: dict[str, Source] = {}
    for sid, (line, node) in _mapping_lines(entries).items():
        entry = data.get(sid) or {}
        src = Source(id=sid, line=line)
        src.lines = key_lines(node)
        for key in ("title", "en_title", "publisher", "en_publisher", "kind", "url", "no_url"):
            value = entry.get(key)
            setattr(src, key, None if value is None else str(value))
        read = entry.get("read")
        src.read = read.isoformat() if isinstance(read, dt.date) else (None if read is None else str(read))
        src.undated = bool(entry.get("undated", False))
        src.phrases = [str(p) for p in entry.get("phrases") or []]
        src.numbers = [normalize_number(str(n)) for n in entry.get("numbers") or []]
        out[sid] = src
    return out


def load_hosts(path: Path = HOSTS) -> tuple[set[str], set[str]]:
    """(official hosts, news hosts) from data/official_hosts.yml."""
    data = yamlfast.safe_load(path.read_text(encoding="utf-8")) or {}
    return set(data.get("hosts") or {}), set(data.get("news_hosts") or {})


def check_registry(sources: dict[str, Source], path: Path = REGISTRY, hosts_path: Path = HOSTS,
                   today: dt.date | None = None) -> list[Problem]:
    """Every problem in the registry, each with its line and what to do."""
    today = today or dt.date.today()
    official, news = load_hosts(hosts_path)
    problems: list[Problem] = []
    for src in sources.values():
        def bad(key: str, message: str) -> None:
            problems.append(Problem(path, src.lines.get(key, src.line), f"source '{src.id}': {message}"))

        if src.kind in ("official", "news"):
            if not src.url and not src.no_url:
                bad("url", "`url` is missing; add the https address (or `no_url:` saying why there is none)")
        if src.url:
            parts = urlsplit(src.url)
            host = (parts.hostname or "").lower()
            allowed = official if src.kind == "official" else news if src.kind == "news" else set()
            if parts.scheme != "https":
                bad("url", f"url '{src.url}' is not https; use the https address")
            elif src.kind == "news" and host not in news:
                bad("url", f"host '{host}' is not under news_hosts in {hosts_path.name}; add it there, marked as news")
            elif src.kind != "news" and host not in allowed:
                bad("url", f"host '{host}' is not on {hosts_path.name} (hosts); link only to official hosts")
        if src.kind != "advice":
            if not src.read:
                bad("read", "`read` (the date the source was last read) is missing; add it as YYYY-MM-DD")
            else:                               # its form (YYYY-MM-DD or YYYY-MM) is the schema's
                parts = [int(p) for p in src.read.split("-")]
                try:
                    first_day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
                except ValueError:
                    bad("read", f"`read: {src.read}` is not a real date; correct it")
                else:
                    if first_day > today:
                        bad("read", f"`read: {src.read}` is in the future (today is {today}); "
                                    "give the date the source was really read")
        if src.kind in ("official", "news") and src.url and not src.phrases:
            bad("phrases", "no `phrases`: add one or more short phrases from the page that the guide relies on")
    return problems


# --- numbers readers act on ------------------------------------------------------------------------

#: Phone numbers, digit counts, calendar dates, hours, times of day, durations and costs in the pages: each
#: must come from a source's `numbers:` (a made-up opening time or cost fails like a made-up phone number).
_D = "[0-9０-９]"
NUMBER = re.compile(
    rf"(?<![0-9０-９.．:：])(?:0{_D}{{1,4}}[-－ー]{_D}{{1,4}}[-－ー]{_D}{{3,4}}"           # phone number
    rf"|{_D}{{1,2}}桁"                                                                 # digit count
    rf"|{_D}{{4}}年{_D}{{1,2}}月(?:{_D}{{1,2}}日)?"                                    # date
    rf"|(?:午前|午後)?{_D}{{1,2}}時(?:半|{_D}{{1,2}}分)?(?![間点])"                    # time: 9時, 午後8時, 9時半
    rf"|{_D}{{1,2}}[:：]{_D}{{2}}(?![:：0-9０-９])"                                    # time: 20:00
    rf"|{_D}+(?:[.．]{_D}+)?時間|{_D}{{1,3}}分(?!の)"                                  # duration (not 3分の1)
    rf"|{_D}[0-9０-９,，]*円)")                                                        # cost

_COUNT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
#: The same in the English edition: "6-digit" / "6 digits" (= 6桁), "1 July 2025" / "July 2025" (= 2025年7月1日),
#: "20:00" / "8 pm", "24 hours" / "a 30-minute wait" / "half an hour", "500 yen".
NUMBER_EN = re.compile(
    r"(?<![0-9.:])(?:0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}"
    r"|(?:[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)[- ]digits?\b"
    r"|(?:[0-9]{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" [0-9]{4}"
    r"|[0-9]{1,2}(?::[0-9]{2})? ?[ap]\.?m\.?(?![a-z])|[0-9]{1,2}:[0-9]{2}(?![:0-9])"
    r"|(?:[0-9]+(?:\.[0-9]+)?|half an|an?|" + "|".join(_COUNT_WORDS[1:]) + r")[- ](?:hours?|minutes?)\b"
    r"|[0-9][0-9,]* yen\b)", re.I)
_WORDS = {w: n for n, w in enumerate(_COUNT_WORDS)} | {"a": 1, "an": 1, "half an": 0.5}


def _time_value(text: str) -> str | None:
    """A time of day as H:MM, a duration as N時間 / N分, a cost as N円 (both editions), or None."""
    if m := re.fullmatch(r"(午前|午後)?([0-9]{1,2})時(半|([0-9]{1,2})分)?", text):
        hour = int(m.group(2)) + (12 if m.group(1) == "午後" and int(m.group(2)) < 12 else 0)
        return f"{hour}:{30 if m.group(3) == '半' else int(m.group(4) or 0):02d}"
    if m := re.fullmatch(r"([0-9]{1,2})(?::([0-9]{2}))? ?([ap])\.?m\.?", text, re.I):
        return f"{int(m.group(1)) % 12 + (12 if m.group(3).lower() == 'p' else 0)}:{m.group(2) or '00'}"
    if m := re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", text):
        return f"{int(m.group(1))}:{m.group(2)}"
    if m := re.fullmatch(r"([0-9.]+|[a-z ]+?)[- ]?(時間|hours?|分|minutes?)", text, re.I):
        amount = float(m.group(1)) if m.group(1)[0].isdigit() else _WORDS[m.group(1).lower()]
        minutes = m.group(2).startswith(("分", "minute")) or amount < 1
        amount = amount * 60 if minutes and m.group(2).startswith(("時", "hour")) else amount
        return f"{amount:g}{'分' if minutes else '時間'}"
    if m := re.fullmatch(r"([0-9][0-9,]*) ?(?:円|yen)", text, re.I):
        return f"{int(m.group(1).replace(',', ''))}円"
    return None


def normalize_number(text: str) -> str:
    """Half-width digits and hyphens, so 「０１２０－２０８－３６０」 and 0120-208-360 are one number; English
    digit counts, dates, times, durations and costs in their Japanese form (「6-digit」 -> 「6桁」, 「1 July 2025」
    -> 「2025年7月1日」, 「8 pm」 and 「20時」 -> 「20:00」, 「half an hour」 -> 「30分」, 「1,000 yen」 -> 「1000円」)."""
    import unicodedata
    text = unicodedata.normalize("NFKC", text).replace("ー", "-").replace("−", "-")
    if value := _time_value(text):
        return value
    m = re.fullmatch(r"([0-9]{1,2}|[a-z]+)[- ]digits?", text)
    if m:
        count = m.group(1)
        return f"{_WORDS.get(count, count)}桁"
    m = re.fullmatch(r"(?:([0-9]{1,2}) )?([A-Z][a-z]+) ([0-9]{4})", text)
    if m and m.group(2) in MONTHS:
        return f"{m.group(3)}年{MONTHS.index(m.group(2)) + 1}月" + (f"{int(m.group(1))}日" if m.group(1) else "")
    return text


def number_problems(sources: dict[str, Source], files: list[Path], root: Path, allowed: set[str] = frozenset(),
                    registry: Path = REGISTRY) -> list[Problem]:
    """Every phone number, digit count (N桁), date (YYYY年M月D日), time of day, duration and cost in a page is
    one that a source the page declares (`sources:`) states (`numbers:`), or one of `allowed` (the guide's own
    dates); in a snippet or a data file whose text becomes pages (data/routes.yml, both languages; no
    `sources:`), one that any source states. A made-up phone number or opening time fails here, naming the
    file and line."""
    own = {normalize_number(a) for a in allowed}
    known = {n for s in sources.values() for n in s.numbers} | own
    problems = []
    for path in files:
        ids = [sid for sid in read_page_sources(path).ids if sid in sources]
        page_known = {n for sid in ids for n in sources[sid].numbers} | own if ids else known
        stated_by = f"the page's sources ({', '.join(ids)})" if ids else "any source"
        english = "docs-en" in path.parts or "snippets-en" in path.parts
        patterns = [NUMBER, NUMBER_EN] if path.suffix == ".yml" else [NUMBER_EN] if english else [NUMBER]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("translation_of:") or (path.suffix == ".yml" and line.lstrip().startswith("#")):
                continue
            for m in (m for pattern in patterns for m in pattern.finditer(line)):
                value = normalize_number(m.group(0))
                if value in page_known:
                    continue
                listed = [sid for sid, s in sources.items() if value in s.numbers]
                problems.append(Problem(path, number, (
                    f"「{m.group(0)}」 is stated by {', '.join(listed)}, not by {stated_by}: add that source to "
                    "the page's `sources:`") if listed else (
                    f"「{m.group(0)}」 is not stated by {stated_by}: add it to the `numbers:` of the source "
                    f"that states it in {registry.name} (and that source to the page's `sources:`), or "
                    "remove it (never guess a number readers act on)")))
    return problems


def guide_dates(sources: dict[str, Source], next_review: str | None) -> set[str]:
    """The guide's own dates (when sources were read, the next review) in the forms pages write them."""
    return {japanese_date(value)
            for value in [s.read for s in sources.values() if s.read] + ([str(next_review)] if next_review else [])}


# --- pages -------------------------------------------------------------------------------------------

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class PageSources:
    path: Path
    ids: list[str]
    line: int          # the line of `sources:` in the file (1 when absent)


def read_page_sources(path: Path) -> PageSources:
    text = path.read_text(encoding="utf-8")
    match = FRONT.match(text)
    if not match:
        return PageSources(path, [], 1)
    meta = yamlfast.safe_load(match.group(1)) or {}
    ids = meta.get("sources") or []
    if isinstance(ids, str):
        ids = [ids]
    line = next((i for i, ln in enumerate(match.group(1).splitlines(), start=2)
                 if ln.startswith("sources:")), 1)
    return PageSources(path, [str(i) for i in ids], line)


def check_pages(sources: dict[str, Source], docs: Path = DOCS, registry: Path = REGISTRY) -> list[Problem]:
    """Unknown ids, pages without sources, sources no page uses."""
    problems: list[Problem] = []
    used: set[str] = set()
    for page in sorted(docs.rglob("*.md")):
        declared = read_page_sources(page)
        if not declared.ids:
            problems.append(Problem(page, declared.line,
                                    "the page declares no sources; add `sources: [id, ...]` to its front matter "
                                    f"(ids from {registry.name})"))
        for sid in declared.ids:
            if sid not in sources:
                problems.append(Problem(page, declared.line,
                                        f"unknown source id '{sid}'; use an id from {registry.name} or add it there"))
            used.add(sid)
    for src in sources.values():
        if src.id not in used:
            problems.append(Problem(registry, src.line,
                                    f"source '{src.id}' is used by no page; name it in a page's `sources:` or remove it"))
    return problems


# --- rendering ---------------------------------------------------------------------------------------

def official_read_date(sources: dict[str, Source]) -> str:
    """The latest date on which an official page was read (YYYY-MM-DD)."""
    dates = [s.read for s in sources.values() if s.kind == "official" and s.read and len(s.read) == 10]
    return max(dates) if dates else ""


def source_line(src: Source, lang: str = "ja") -> str:
    """One source as a Markdown list item: its title (linked), publisher, kind and read date. English keeps
    the Japanese title (marked lang="ja"), with `en_title` as a gloss."""
    if lang == "en":
        title = f'<span lang="ja">{src.title}</span>'
        name = (f"[{title}]({src.url})" if src.url else title) + (f" ({src.en_title})" if src.en_title else "")
        when = EN_UNDATED if src.undated else ""
        if src.read and src.kind != "record":
            when = f"read in {src.read_label_en}" if len(src.read) == 7 else f"read on {src.read_label_en}"
        if src.kind == "advice":
            return f"- {name}: the places on this page marked \"(general advice)\""
        publisher = src.en_publisher or (f'<span lang="ja">{src.publisher}</span>' if src.publisher else "")
        return f"- {name}: " + "; ".join(x for x in (publisher, src.kind_label_en, when) if x)
    name = f"[{src.title}]({src.url})" if src.url else src.title
    when = "日付の記載なし" if src.undated else ""
    if src.read and src.kind != "record":
        when = f"{src.read_label}に読んだ内容"
    if src.kind == "advice":
        return f"- {name}：このページで「一般的なアドバイスです」と書いたところ"
    return f"- {name}：" + "／".join(x for x in (src.publisher, src.kind_label, when) if x)


def render_page_sources(ids: list[str], sources: dict[str, Source], lang: str = "ja") -> str:
    """The Markdown appended to a page: its sources, then the two honest dates (in the page's language)."""
    if lang == "en":
        return _render_page_sources_en(ids, sources)
    # data-search-exclude: the list would otherwise rank pages by the titles of their sources.
    lines = ["", "", "## このページの出典 { #page-sources .page-sources data-search-exclude }", ""]
    lines += [source_line(sources[sid], "ja") for sid in ids]
    read = official_read_date(sources)
    lines += [
        "",
        "画面の説明は、ある利用者が1回手続きした記録（日付の記載なし）によります。"
        "このガイドの作成者は、実際の画面を見ていません。",
        f"公式ページを最後に読んだ日は{japanese_date(read)}です。" if read else "",
        "",
    ]
    return "\n".join(lines)


#: How the English edition names the sources section and the two dates (tests look for these words).
EN_HEADING = "Sources for this page"
EN_UNDATED = "undated"
EN_OFFICIAL_READ = "The official pages were last read on"


def _render_page_sources_en(ids: list[str], sources: dict[str, Source]) -> str:
    """English: titles stay Japanese (the sources are Japanese pages, marked lang="ja"), with `en_title`
    as a gloss when the registry has one; publisher, kind and date in English."""
    lines = ["", "", f"## {EN_HEADING} {{ #page-sources .page-sources data-search-exclude }}", ""]
    lines += [source_line(sources[sid], "en") for sid in ids]
    read = official_read_date(sources)
    lines += [
        "",
        f"The screens described here come from one customer's record of doing the procedure once ({EN_UNDATED}). "
        "The authors of this guide have not seen the real screens.",
        f"{EN_OFFICIAL_READ} {english_date(read)}." if read else "",
        "",
    ]
    return "\n".join(lines)
