"""The suite's own machinery: pytest-xdist runs each group of tests that share work in one worker, and a
failed `assert problems == []` shows each problem on its own line."""
from __future__ import annotations

from types import SimpleNamespace

from support import ungrouped


def test_selftest_a_group_lost_by_pytest_is_named():
    """pytest 9.2 drops the "@group" pytest-xdist 3.8 appends (pytest-xdist#1386): the check names the test."""
    mark = lambda name: (lambda marker: marker == "xdist_group" and name)     # noqa: E731
    items = [SimpleNamespace(nodeid="tests/test_a.py::test_x[phone-390]@walk:phone-390", get_closest_marker=mark("walk")),
             SimpleNamespace(nodeid="tests/test_a.py::test_y[phone-390]", get_closest_marker=mark("walk")),
             SimpleNamespace(nodeid="tests/test_b.py::test_z", get_closest_marker=mark(None))]
    assert ungrouped(items) == ["tests/test_a.py::test_y[phone-390]"]


def test_selftest_a_list_of_problems_is_shown_line_by_line():
    from conftest import pytest_assertrepr_compare
    problems = ["docs/a.md:3: unknown front-matter key udpated: — did you mean updated:?", "docs/b.md:1: no title"]
    assert pytest_assertrepr_compare("==", problems, []) == ["[2 problems] == []", *problems]
    assert pytest_assertrepr_compare("==", [1], []) is None        # not problems: pytest's own comparison
    from pathlib import Path
    from guide.sources import Problem                              # a problem with its own str()
    assert pytest_assertrepr_compare("==", [Problem(Path("/x/a.md"), 2, "no source")], []) == [
        "[1 problem] == []", "/x/a.md:2: no source"]
