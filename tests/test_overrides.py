"""Theme overrides stay true copies of the Material partials they replace, plus their one stated change.

When Material is upgraded, a copied partial would silently keep the old markup; this test fails instead
and says what to re-copy."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import material

from support import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
# override -> (the text Material has, the text our copy has instead): the only allowed difference.
CHANGES = {
    "partials/search.html": ('role="dialog">', """role="dialog" aria-label="{{ lang.t('search') }}">"""),
    # issue #11: the switcher leads to the same page in the other edition (and names its language)
    "partials/alternate.html": (
        '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">',
        """<a href="{{ alt.link ~ page.url | replace('index.html', '') | replace('.html', '/') if alt.absolute """
        """else base_url ~ '/' ~ alt.link ~ page.url }}" hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" """
        """class="md-select__link">"""),
}


def body(text: str) -> str:
    """The template without its leading Jinja comment (Material's "generated" note, our reason)."""
    return re.sub(r"\A\s*\{#-.*?-#\}\s*", "", text, count=1, flags=re.S)


def override_problems(name: str, ours: str, theirs: str) -> list[str]:
    old, new = CHANGES[name]
    expected = body(theirs).replace(old, new, 1)
    if old not in theirs:
        return [f"overrides/{name}:1: Material's {name} no longer contains {old!r} — re-copy the file from "
                f"{MATERIAL / name} and re-apply the change"]
    if body(ours) != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), body(ours).splitlines(),
                                              "material + change", f"overrides/{name}", lineterm="", n=1))
        return [f"overrides/{name}:1: differs from Material's {name} beyond the one stated change — re-copy "
                f"it from {MATERIAL / name} and re-apply the change:\n{diff}"]
    return []


def test_overrides_match_material():
    problems = []
    for name in CHANGES:
        problems += override_problems(name, (ROOT / "overrides" / name).read_text(encoding="utf-8"),
                                      (MATERIAL / name).read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_selftest_an_upgraded_material_partial_is_named():
    name = "partials/search.html"
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    theirs = (MATERIAL / name).read_text(encoding="utf-8")
    changed = theirs.replace('class="md-search__inner"', 'class="md-search__inner md-search__inner--new"')
    [problem] = override_problems(name, ours, changed)
    assert problem.startswith("overrides/partials/search.html:1: differs from Material's") and "--new" in problem
    [gone] = override_problems(name, ours, theirs.replace('role="dialog"', 'role="search-dialog"'))
    assert "no longer contains" in gone
