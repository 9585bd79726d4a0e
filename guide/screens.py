"""The screens of the procedure (data/screens.yml): labels, steps, phases and what arrives.

One source for what the screens say, used by the Markdown extension guide.mdx.screen_labels (pages write
[[key]] instead of a label), by the tests (tests/test_screens.py) and by any edition or checklist that
lists the steps. Loading checks the file and names the line of each problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from guide import DATA, schema
from guide.sources import key_lines

SCREENS = DATA / "screens.yml"
KEY = re.compile(r"\[\[([a-z0-9-]+)\]\]")


class ScreensError(schema.DataError):
    """A problem in data/screens.yml, with its line."""


@dataclass(frozen=True)
class Label:
    key: str
    ja: str
    en: str
    kind: str
    line: int


@dataclass
class Step:
    number: int
    title: str
    en: str
    screen: str | None
    labels: list[str]
    next: str | None = None
    arrives: dict | None = None
    quotes: list[str] = field(default_factory=list)
    line: int = 0

    def keys(self) -> set[str]:
        """Every label the step may show: its own, its screen's name and the next screen's name."""
        return set(self.labels) | {k for k in (self.screen, self.next) if k}


@dataclass
class Screens:
    labels: dict[str, Label]
    steps: dict[int, Step]
    phases: list[dict]

    def render(self, text: str, lang: str = "ja") -> str:
        """`text` with each [[key]] shown as on screen (see guide.mdx.screen_labels)."""
        return KEY.sub(lambda m: self.show(m.group(1), lang), text)

    def checklist_table(self, lang: str = "ja") -> list[str]:
        """The steps as a Markdown table with a box to tick: the one-page checklist (docs/checklist.md).

        Japanese: step, title, the screen's name, what arrives. English (the reader reads no Japanese):
        the step's title, the screen's name as on screen (the English title says what it is for), then
        every label the reader reads, ticks or presses there, in Japanese with its English gloss, and
        what arrives: the same data as the step pages, on one A4 page."""
        if lang != "ja":
            return self._checklist_table_en()
        rows = ["| 済 | 手順 | やること | 画面の名前 | 届くもの |", "| --- | --- | --- | --- | --- |"]
        for n, step in sorted(self.steps.items()):
            screen = self.show(step.screen) if step.screen else "―"
            rows.append(f"| ☐ | {n} | {self.render(step.title)} | {screen} | {self._arrives(step, 'ja')} |")
        return rows

    def _checklist_table_en(self) -> list[str]:
        # One wide cell per step (the sheet's rules give the third column the room left by the first two):
        # the title in bold, then what to read, tick or press there (in Japanese, with its gloss), then what
        # arrives, in one flowing paragraph so that the sheet fits one page. The screens' names are left
        # out for the same reason: the English title says what each screen is for.
        rows = ["| Done | Step | What to do, the words on the screen, and what arrives |", "| --- | --- | --- |"]
        titled = {k for step in self.steps.values() for k in KEY.findall(step.en)}
        for n, step in sorted(self.steps.items()):
            cell = f"**{self.render(step.en, 'en')}**"
            # A label that is another step's title is shown there (step 1's red banner is step 2's title);
            # a mail is shown as what arrives.
            keys = [k for k in step.labels if k not in titled and self.labels[k].kind != "mail"]
            if keys:
                cell += " → " + "; ".join(self.show(k, "en") for k in keys)
            if step.arrives:
                cell += f" · arrives by {self._arrives(step, 'en')}"
            rows.append(f"| ☐ | {n} | {cell} |")
        return rows

    def _arrives(self, step: Step, lang: str) -> str:
        if not step.arrives:
            return "―"
        ja = lang == "ja"
        a = step.arrives
        by = {"mail": "メール" if ja else "mail", "phone": "電話" if ja else "phone"}.get(a.get("by"), "")
        what = self.render(a["what"], "ja") if ja else self.render(a.get("en", a["what"]), "en")
        digits = a.get("digits")
        count = (f"（{digits}桁）" if ja else f" ({digits} digits)") if digits else ""
        if digits and a.get("note"):                # the code by phone: by SMS, its length is not known
            count = f"（{digits}桁の例）" if ja else f" ({digits} digits in one case; SMS: not known)"   # ja: footnote
        return f"{by}: {what}{count}" if by else f"{what}{count}"

    def show(self, key: str, lang: str = "ja") -> str:
        label = self.labels.get(key)
        if label is None:
            raise ScreensError(f"unknown screen label [[{key}]]: use a key from {SCREENS.name} "
                               f"(labels:) or add the label there")
        if lang == "ja":
            return f"「{label.ja}」"
        if lang == "ja-in-en":          # the label alone, marked as Japanese, inside English text
            return f'<span lang="ja">「{label.ja}」</span>'
        return f'<span lang="ja">「{label.ja}」</span> ("{label.en}")'


def load(path: Path = SCREENS) -> Screens:
    data, root = schema.read(path, ScreensError)
    data = data or {}
    # The shape of every entry (fields, types, kinds) is the schema's job (data/schema/screens.yml); the
    # checks below are what a schema cannot say: keys that exist, labels said once, steps 1..N in phases.
    problems = schema.problems("screens", path, data, root)
    shown = schema.shown_path(path)
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise ScreensError("\n".join(problems))
    top = {k.value: v for k, v in root.value}
    label_lines = key_lines(top.get("labels"))
    step_lines = key_lines(top.get("steps"))
    labels = {}
    for key, value in (data.get("labels") or {}).items():
        line = label_lines.get(key, 1)
        value = value if isinstance(value, dict) else {}
        labels[str(key)] = Label(str(key), str(value.get("ja", "")), str(value.get("en", "")),
                                 str(value.get("kind", "")), line)
    ja_seen: dict[str, str] = {}
    for label in labels.values():
        if label.ja in ja_seen:
            problems.append(f"{shown}:{label.line}: label '{label.key}' repeats 「{label.ja}」 of "
                            f"'{ja_seen[label.ja]}': one key per label")
        ja_seen[label.ja] = label.key
    steps = {}
    for number, value in (data.get("steps") or {}).items():
        line = step_lines.get(str(number), 1)
        value = value if isinstance(value, dict) else {}
        step = Step(int(number), str(value.get("title", "")), str(value.get("en", "")), value.get("screen"),
                    list(value.get("labels") or []), value.get("next"), value.get("arrives"),
                    [str(q) for q in value.get("quotes") or []], line)
        for key in sorted(step.keys()) + KEY.findall(step.title) + KEY.findall(step.en):
            if key not in labels:
                problems.append(f"{shown}:{line}: step {number} uses unknown label '{key}'; "
                                "add it under labels:")
        steps[step.number] = step
    if sorted(steps) != list(range(1, len(steps) + 1)):
        problems.append(f"{shown}:1: steps must be numbered 1..{len(steps)} without gaps: {sorted(steps)}")
    phases = list(data.get("phases") or [])
    in_phases = [n for phase in phases for n in phase.get("steps") or []]
    if in_phases != sorted(steps):
        problems.append(f"{shown}:1: phases must list every step once, in order: {in_phases}")
    if problems:
        raise ScreensError("\n".join(problems))
    return Screens(labels, steps, phases)


@lru_cache(maxsize=4)
def load_cached(path: str = str(SCREENS), mtime: float = 0.0) -> Screens:
    """load(), once per version of the file (mkdocs serve reloads it when it changes)."""
    return load(Path(path))


def current() -> Screens:
    return load_cached(str(SCREENS), SCREENS.stat().st_mtime)
