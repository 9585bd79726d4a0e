"""Valid HTML: the W3C Nu checker (vnu-jar, pinned in package.json) finds 0 errors on every built page of the
web site, the offline copy and the print page the PDF is made from.

One checker run for everything (java starts once, ~3 s): conftest.py `nu_run` feeds it all pages of all
three outputs plus a deliberately broken page for the self-test, at the beginning of the session."""
from __future__ import annotations

import pytest

from support import nu_errors, nu_lines

# The Nu checker (Java) over every page of the site, the offline copy and the print page: slow, and it needs
# `make build` (dist/, build/). In make test, not in make check or make test-fast.
pytestmark = [pytest.mark.slow, pytest.mark.dist]


@pytest.fixture(scope="session")
def nu_report(nu_run):
    """{output: (number of files, one line per error)} from the checker run started early (conftest nu_run)."""
    proc, outputs, roots = nu_run
    found = nu_errors(proc, [f for files in outputs.values() for f in files])
    report = {}
    for output, files in outputs.items():
        lines = []
        for f in files:
            lines += nu_lines(f"{output}/{f.resolve().relative_to(roots[output].resolve()).as_posix()}",
                              found.get(f.resolve(), []))
        report[output] = (len(files), lines)
    return report


@pytest.mark.parametrize("output", ["site", "offline", "print"])
def test_no_html_errors(nu_report, output):
    count, lines = nu_report[output]
    assert count, f"{output}: no HTML files found"
    assert lines == [], f"{output}: {len(lines)} Nu HTML checker error(s) in {count} files:\n"


def test_selftest_nu_checker_names_file_line_and_problem(nu_report):
    _, lines = nu_report["selftest"]
    assert any(l.startswith("selftest/broken.html:5:") and "autocomplete" in l for l in lines), lines
    assert any(l.startswith("selftest/broken.html:6:") and "tabindex" in l for l in lines), lines
