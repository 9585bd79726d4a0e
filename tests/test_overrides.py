"""Theme overrides stay true copies of the Material templates they replace, plus their stated change.

When Material is upgraded, a copied partial would silently keep the old markup; this test fails instead
and says what to re-copy."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import material

from support import OVERRIDE_CHANGES, ROOT

MATERIAL = Path(material.__file__).parent / "templates"
CHANGES = OVERRIDE_CHANGES


def body(text: str) -> str:
    """The template without its leading Jinja comment (Material's "generated" note, our reason)."""
    return re.sub(r"\A\s*\{#-.*?-#\}\s*", "", text, count=1, flags=re.S)


def override_problems(name: str, ours: str, theirs: str) -> list[str]:
    expected = body(theirs)
    for old, new in CHANGES[name]:
        if old not in expected:
            return [f"overrides/{name}:1: Material's {name} no longer contains {old!r} — re-copy the file from "
                    f"{MATERIAL / name} and re-apply the change"]
        expected = expected.replace(old, new)
    if body(ours) != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), body(ours).splitlines(),
                                              "material + change", f"overrides/{name}", lineterm="", n=1))
        return [f"overrides/{name}:1: differs from Material's {name} beyond the stated change — re-copy "
                f"it from {MATERIAL / name} and re-apply the change:\n{diff}"]
    return []


def test_every_override_is_listed():
    """A template in overrides/ that is a copy of a Material file must have its changes in CHANGES."""
    copies = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")
              if (MATERIAL / p.relative_to(ROOT / "overrides")).is_file()}
    unlisted = sorted(copies - set(CHANGES) - {"main.html"})
    assert not unlisted, f"overrides/{unlisted[0]}:1: a copy of Material's file not listed in CHANGES of " \
                         "tests/test_overrides.py: add it with its change(s)"


def test_overrides_match_material():
    problems = []
    for name in CHANGES:
        problems += override_problems(name, (ROOT / "overrides" / name).read_text(encoding="utf-8"),
                                      (MATERIAL / name).read_text(encoding="utf-8"))
    assert problems == []


def test_selftest_an_upgraded_material_partial_is_named():
    name = "partials/search.html"
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    theirs = (MATERIAL / name).read_text(encoding="utf-8")
    changed = theirs.replace('class="md-search__inner"', 'class="md-search__inner md-search__inner--new"')
    [problem] = override_problems(name, ours, changed)
    assert problem.startswith("overrides/partials/search.html:1: differs from Material's") and "--new" in problem
    [gone] = override_problems(name, ours, theirs.replace('role="dialog"', 'role="search-dialog"'))
    assert "no longer contains" in gone


def test_selftest_a_change_applied_to_only_one_occurrence_is_named():
    """nav-item.html carries its change twice: an override that changed only one label is reported."""
    name = "partials/nav-item.html"
    theirs = (MATERIAL / name).read_text(encoding="utf-8")
    old, new = CHANGES[name][0]
    half = theirs.replace(old, new, 1)
    [problem] = override_problems(name, half, theirs)
    assert problem.startswith(f"overrides/{name}:1: differs") and 'tabindex="{{ tabindex }}"' in problem
