"""What the screens say lives in data/screens.yml (guide/screens.py); pages write [[key]] for a label.

Fails when a page writes a known label as plain 「…」 (a rename would miss it), uses an unknown key, shows
in a step a label of another screen, quotes an unknown label inside a step, or has step headings that
differ from the data. Each checker has a self-test with the broken input it exists for."""
from __future__ import annotations

import pytest

from checks import label_text_problems, step_page_problems
from guide.screens import ScreensError, load
from support import DOCS, ROOT, SNIPPETS, write_file

SCREENS = load()
FILES = sorted(DOCS.rglob("*.md")) + sorted(SNIPPETS.rglob("*.md"))


def test_every_label_is_written_once_in_the_data():
    problems = [p for f in FILES for p in label_text_problems(f, SCREENS, ROOT)]
    assert problems == []


@pytest.mark.parametrize("phase", SCREENS.phases, ids=lambda p: p["page"])
def test_step_page_agrees_with_the_data(phase):
    problems = step_page_problems(DOCS / phase["page"], phase, SCREENS, ROOT)
    assert problems == []


def test_every_label_is_used_somewhere():
    used = {key for f in FILES for key in __import__("re").findall(r"\[\[([a-z0-9-]+)\]\]", f.read_text(encoding="utf-8"))}
    used |= {key for step in SCREENS.steps.values() for key in step.keys()}
    unused = sorted(set(SCREENS.labels) - used)
    assert not unused, f"data/screens.yml: labels used by no page or step: {unused} — use or remove them"


def test_built_step_page_shows_the_label_text(site):
    phase = SCREENS.phases[1]                   # a step page; its labels read from the data, not copied here
    page = site / phase["page"].removesuffix(".md") / "index.html"
    html = page.read_text(encoding="utf-8")
    labels = [SCREENS.labels[key].ja for n in phase["steps"] for key in SCREENS.steps[n].labels]
    missing = [label for label in labels if f"「{label}」" not in html]
    assert labels and not missing and "[[" not in html, \
        f"{page.relative_to(site.parent)}: labels of data/screens.yml not shown as 「…」: {missing} — " \
        "guide.mdx.screen_labels did not run on the page"


# --- self-tests ---------------------------------------------------------------------------------------

DATA = """labels:
  next:   {ja: 次へ, en: Next, kind: button}
  agree:  {ja: 同意する, en: Agree, kind: button}
  scr-a:  {ja: 画面A, en: Screen A, kind: screen}
phases:
  - {page: steps/1.md, title: t, en: t, steps: [1, 2]}
steps:
  1: {title: 開く, en: Open, screen: scr-a, labels: [next]}
  2: {title: 同意する, en: Agree, screen: null, labels: [agree]}
"""


def test_selftest_broken_data_is_named_with_its_line(tmp_path):
    bad = DATA.replace("  agree:  {ja: 同意する, en: Agree, kind: button}", "  agree:  {ja: 次へ, kind: knob}") \
              .replace("labels: [agree]", "labels: [agrees]")
    with pytest.raises(ScreensError) as err:
        load(write_file(tmp_path / "screens.yml", bad))
    text = str(err.value)
    assert "screens.yml:3: labels/agree: 'en' is a required property; add the missing field" in text, text
    assert "screens.yml:3: labels/agree/kind: 'knob' is not one of" in text, text
    assert "screens.yml:3: label 'agree' repeats 「次へ」 of 'next'" in text, text
    assert "screens.yml:9: step 2 uses unknown label 'agrees'" in text, text


def test_selftest_a_value_split_by_an_unquoted_comma_is_named(tmp_path):
    # The step-9 gloss once read only "From next time": YAML took the rest of the value as a key.
    bad = DATA.replace("en: Agree, kind: button}", "en: Agree, then go on, kind: button}")
    with pytest.raises(ScreensError) as err:
        load(write_file(tmp_path / "screens.yml", bad))
    assert ("screens.yml:3: labels/agree: unknown key 'then go on'; known keys: ja, en, kind; "
            "remove or rename the key; a value with a comma inside {…} must be quoted") in str(err.value)


def test_selftest_malformed_yaml_names_the_file_and_line(tmp_path):
    from guide.sources import load_registry
    bad = DATA.replace("  agree:  {ja: 同意する, en: Agree, kind: button}", "  agree:  {ja: 同意する, en: Agree")
    with pytest.raises(ScreensError) as err:
        load(write_file(tmp_path / "screens.yml", bad))
    assert str(err.value).startswith("screens.yml:4: not valid YAML: ") and "fix the syntax" in str(err.value), err.value
    with pytest.raises(ValueError) as err:
        load_registry(write_file(tmp_path / "sources.yml", "sources:\n  a:\n    title: [x\n  b: {}\n"))
    assert str(err.value).startswith("sources.yml:4: not valid YAML: "), err.value


def test_selftest_broken_data_file_stops_the_run_with_one_message(tmp_path):
    """tests/conftest.py stops the run with data_problem()'s one message before any test file is collected."""
    from guide.schema import data_problem
    write_file(tmp_path / "glossary.yml", "terms: {}\n")
    write_file(tmp_path / "screens.yml", "labels:\n  agree:  {ja: 同意する, en: Agree\n  next: {ja: 次へ}\n")
    problem = data_problem(tmp_path)
    assert problem.startswith("screens.yml:3: not valid YAML: ") and "(it began on line 2)" in problem, problem
    write_file(tmp_path / "screens.yml", "labels: {}\n")
    write_file(tmp_path / "sources.yml", "# e.g. 2026-02-30\nsources:\n  a:\n    title: '2026-02-30'\n    read: 2026-13-01\n")
    assert data_problem(tmp_path) == "sources.yml:5: 2026-13-01 is not a real date or time (month must be in 1..12); correct it"


def test_selftest_label_text_and_unknown_key_are_named(tmp_path):
    screens = load(write_file(tmp_path / "screens.yml", DATA))
    page = write_file(tmp_path / "docs" / "faq.md", "---\ndescription: 「次へ」\n---\n# FAQ\n\n「次へ」を押します。\n"
                                                   "[[nxt]]を押します。\n![「次へ」の図](a.svg)\n")
    assert label_text_problems(page, screens, tmp_path) == [
        "docs/faq.md:6: 「次へ」 is an on-screen label: write [[next]] so a renamed label is one edit in "
        "data/screens.yml (if the line quotes the guide's own words, not the screen, reword it without 「」)",
        "docs/faq.md:7: [[nxt]] is not a label in data/screens.yml — fix the key or add the label there"]


def test_selftest_step_page_disagreeing_with_the_data_is_named(tmp_path):
    screens = load(write_file(tmp_path / "screens.yml", DATA))
    page = write_file(tmp_path / "docs" / "steps" / "1.md",
                      "# 1\n\n## 手順1 開く { #step-1 }\n\n[[agree]]を押します。「謎のボタン」も。\n\n"
                      "## 手順2 同意 { #step-3 }\n\nボタンを押します。\n")
    problems = step_page_problems(page, screens.phases[0], screens, tmp_path)
    assert problems == [
        "docs/steps/1.md:5: [[agree]] is not on the screen of 手順1 in data/screens.yml — add it to that step's "
        "labels, or use the right step",
        "docs/steps/1.md:5: 「謎のボタン」 in 手順1 is not a known label of that screen — add it to "
        "data/screens.yml (labels: and the step), then write [[key]]",
        "docs/steps/1.md:7: heading 手順2 has anchor #step-3 — make them equal",
        "docs/steps/1.md:7: 手順2 title '同意' differs from data/screens.yml ('同意する') — change one of them so "
        "they agree",
        "docs/steps/1.md:7: 手順2 shows no on-screen label — write what the reader sees or presses as [[key]] "
        "(e.g. [[next-proceed]])"]


# --- no markup inside an on-screen label (both editions, the print pages) ------------------------

def test_no_markup_inside_a_label_in_the_built_pages(site):
    from checks import label_markup_problems
    from support import PRINT_PAGE
    pages = sorted(site.rglob("*.html"))     # both editions: site/en/ is inside site/
    pages += [PRINT_PAGE] if PRINT_PAGE.exists() else []
    problems = [p for html in pages for p in label_markup_problems(html, site.parent)]
    assert len(pages) > 60 and not problems, "\n".join(problems[:30])


def test_selftest_markup_inside_a_label_is_named(tmp_path):
    from checks import label_markup_problems
    html = write_file(tmp_path / "p.html", '<article>\n<p>「メールアドレス(<a class="term" href="g">OCN ID</a>)」に入れます。'
                                           '<span lang="ja">「次へ進む」</span> ("Next")</p></article>')
    assert label_markup_problems(html, tmp_path) == [
        'p.html:2: 「メールアドレス(<a class="term" href="g">… has markup inside 「…」: write the label as '
        '[[key]] and keep links and terms outside the brackets']
