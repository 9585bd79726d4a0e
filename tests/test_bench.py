"""The page-speed benchmark's set-up (guide/bench.py, lighthouserc.json); the Lighthouse run itself is
`make bench`, not a test (scores depend on the machine)."""
from __future__ import annotations

import json
import shlex

from guide import bench
from guide.browser import CHROMIUM_ARGS


def test_lighthouserc_asserts_every_category_of_the_table():
    rc = json.loads(bench.RC.read_text(encoding="utf-8"))["ci"]
    assertions = rc["assert"]["assertions"]
    assert rc["collect"]["settings"]["onlyCategories"] == bench.CATEGORIES, \
        "lighthouserc.json collect.settings.onlyCategories: the table's columns (guide/bench.py CATEGORIES)"
    # lhci 0.15.1 reads 'categories:*' as a category named '*' and fails every page ('auditRan').
    wildcards = [key for key in assertions if "*" in key]
    assert not wildcards, f"lighthouserc.json: lhci has no wildcards, name each category: {wildcards}"
    unasserted = [c for c in bench.CATEGORIES if assertions.get(f"categories:{c}", ["off"])[0] != "error"]
    assert not unasserted, f"lighthouserc.json: add an error-level 'categories:<id>' assertion for {unasserted}"


def test_chrome_flags_keep_each_argument_whole():
    """Lighthouse splits chromeFlags on spaces unless quoted: --host-resolver-rules has spaces."""
    assert shlex.split(bench.CHROME_FLAGS) == CHROMIUM_ARGS


def test_representative_runs_read_from_the_manifest(tmp_path):
    for name, score in [("a.json", 0.5), ("b.json", 1)]:
        (tmp_path / name).write_text(json.dumps({"score": score}), encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps([
        {"url": "http://127.0.0.1:4000/faq/", "isRepresentativeRun": False, "jsonPath": str(tmp_path / "a.json")},
        {"url": "http://127.0.0.1:4000/faq/", "isRepresentativeRun": True, "jsonPath": str(tmp_path / "b.json")},
    ]), encoding="utf-8")
    assert bench.representative_runs(tmp_path) == {"/faq/": {"score": 1}}


def test_missed_targets_checker_names_page_assertion_and_failed_audits():
    """Fed what `lhci assert` writes for a failing page: every failed error-level assertion is named with
    its value and target, the page's failed audits are added, warnings and passes are left out."""
    results = [
        {"url": "http://127.0.0.1:4000/faq/", "auditId": "categories", "auditProperty": "accessibility",
         "level": "error", "passed": False, "actual": 0.95, "expected": 1, "operator": ">="},
        {"url": "http://127.0.0.1:4000/faq/", "auditId": "first-contentful-paint", "level": "error",
         "passed": False, "actual": 1350.5, "expected": 1200, "operator": "<="},
        {"url": "http://127.0.0.1:4000/", "auditId": "total-byte-weight", "level": "warn",
         "passed": False, "actual": 200000, "expected": 102400, "operator": "<="},
    ]
    rows = [{"page": "faq.md", "failed": ["color-contrast"]}, {"page": "index.md", "failed": []}]
    assert bench.missed(results, {"/faq/": "faq.md", "/": "index.md"}, rows) == {"faq.md": [
        "categories.accessibility 0.95 (expected >= 1)",
        "first-contentful-paint 1350.5 (expected <= 1200)",
        "failed audits: color-contrast"]}
