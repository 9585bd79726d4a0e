"""Valid HTML: the W3C Nu checker (vnu-jar, pinned in package.json) finds 0 errors on every built page of the
web site, the offline copy and the print page the PDF is made from.

One checker run for everything (java starts once, ~3 s): the session fixture below feeds it all pages of
all three outputs plus a deliberately broken page for the self-test."""
from __future__ import annotations

import pytest

from support import PRINT_PAGE, nu_errors, nu_lines, require_dist

# The Nu checker (Java) over every page of the site, the offline copy and the print page: slow, and it needs
# `make build` (dist/, build/). In make test, not in make check or make test-fast.
pytestmark = [pytest.mark.slow, pytest.mark.dist]

BROKEN = """<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>壊れたページ</title></head>
<body>
<input type="checkbox" id="t" autocomplete="off">
<label for="t" tabindex="">ラベル</label>
</body>
</html>
"""


@pytest.fixture(scope="session")
def nu_report(site, offline_copy, tmp_path_factory):
    broken = tmp_path_factory.mktemp("nu-selftest") / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    outputs = {"site": sorted(site.rglob("*.html")), "offline": sorted(offline_copy.rglob("*.html")),
               "print": [require_dist(PRINT_PAGE)], "selftest": [broken]}
    roots = {"site": site, "offline": offline_copy, "print": PRINT_PAGE.parent.parent, "selftest": broken.parent}
    found = nu_errors([f for files in outputs.values() for f in files])
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
    assert not lines, f"{output}: {len(lines)} Nu HTML checker error(s) in {count} files:\n" + "\n".join(lines)


def test_selftest_nu_checker_names_file_line_and_problem(nu_report):
    _, lines = nu_report["selftest"]
    assert any(l.startswith("selftest/broken.html:5:") and "autocomplete" in l for l in lines), lines
    assert any(l.startswith("selftest/broken.html:6:") and "tabindex" in l for l in lines), lines
