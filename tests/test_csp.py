"""Content-Security-Policy (hooks/csp.py, guide/csp.py): on every page of every output, strict, and in force.

The browser half (no violation while reading every page and searching) rides on the shared page walk
(tests/support.py PageWalk) and on the offline test (tests/test_offline.py); the self-test below shows that
the policy really blocks an injected script."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide.csp import inline_scripts, inline_styles, parse, sha256
from support import PRINT_PAGE, CspLog, require_dist

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
KEYWORDS = {"'self'", "'none'", "'unsafe-hashes'", "data:"}


def policy_problems(path: Path, name: str) -> list[str]:
    """What is wrong with one built page's policy, as 'file:line: problem — what to do'."""
    import html as htmllib
    text = path.read_text(encoding="utf-8")
    head = text.split("</head>", 1)[0]
    m = META.search(head)
    if not m:
        return [f"{name}:1: no Content-Security-Policy <meta> — is hooks/csp.py in mkdocs.yml's hooks?"]
    line = text.count("\n", 0, m.start()) + 1
    problems = []
    before = head[: m.start()]
    if re.search(r"<(script|style|link)\b", before):
        problems.append(f"{name}:{line}: a script/style comes before the policy, which does not govern it")
    policy = parse(htmllib.unescape(m.group(1)))
    want = {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"]}
    for directive, value in want.items():
        if policy.get(directive) != value:
            problems.append(f"{name}:{line}: {directive} is {policy.get(directive)}, must be {value}")
    for directive, sources in policy.items():
        for source in sources:
            if source in ("'unsafe-inline'", "'unsafe-eval'") or not (source in KEYWORDS or source.startswith("'sha256-")):
                problems.append(f"{name}:{line}: {directive} allows {source} — only 'self', hashes and data: images")
    scripts = set(policy.get("script-src", []))
    missing = [s[:60] for s in inline_scripts(text) if sha256(s) not in scripts]
    elements, attrs = inline_styles(text)
    styles = set(policy.get("style-src", []))
    missing += [s[:60] for s in elements + attrs if sha256(s) not in styles]
    problems += [f"{name}:{line}: inline code without its hash (changed after hooks/csp.py ran?): {s!r}"
                 for s in missing]
    return problems


def test_every_web_page_has_a_strict_policy(site):
    problems = []
    for page in sorted(site.rglob("*.html")):
        problems += policy_problems(page, f"site/{page.relative_to(site).as_posix()}")
    assert problems == []


@pytest.mark.dist
def test_every_offline_page_and_the_print_page_have_a_strict_policy(offline_copy):
    problems = []
    for page in sorted(offline_copy.rglob("*.html")):
        problems += policy_problems(page, f"offline/{page.relative_to(offline_copy).as_posix()}")
    problems += policy_problems(require_dist(PRINT_PAGE), "print_page/index.html")
    assert problems == []


def test_selftest_policy_checker_names_the_problem(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html><head><meta charset="utf-8">\n<script>x()</script>\n'
                    '<meta http-equiv="Content-Security-Policy" content="default-src *; script-src \'self\' '
                    '\'unsafe-inline\' https://cdn.example; object-src \'none\'">\n</head><body></body></html>',
                    encoding="utf-8")
    problems = "\n".join(policy_problems(page, "bad.html"))
    assert "bad.html:3: a script/style comes before the policy" in problems, problems
    assert "bad.html:3: default-src is ['*']" in problems and "base-uri is None" in problems, problems
    assert "allows 'unsafe-inline'" in problems and "allows https://cdn.example" in problems, problems
    assert "inline code without its hash" in problems and "'x()'" in problems, problems
    page.write_text("<html><head></head></html>", encoding="utf-8")
    assert "bad.html:1: no Content-Security-Policy" in policy_problems(page, "bad.html")[0]


@pytest.mark.browser
def test_no_violation_reading_every_page_and_searching(page_walk):
    assert page_walk.csp == [], f"{page_walk.width}: Content-Security-Policy violations:\n"


@pytest.mark.browser
def test_selftest_an_injected_inline_script_is_blocked(browser, site, tmp_path):
    """A built page with a script injected into its body (as an XSS would): blocked, and reported."""
    text = (site / "faq" / "index.html").read_text(encoding="utf-8")
    injected = ("<script>window.__injected = true</script>"
                '<p id="styled" style="color: rgb(255, 0, 0)">x</p></body>')
    (tmp_path / "index.html").write_text(text.replace("</body>", injected, 1), encoding="utf-8")
    context = browser.new_context()
    csp = CspLog(context)
    csp.current = "faq.md+injected"
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
               else route.continue_())
    page.goto((tmp_path / "index.html").as_uri(), wait_until="load")
    page.wait_for_timeout(100)
    ran = page.evaluate("window.__injected === true")
    color = page.evaluate("getComputedStyle(document.getElementById('styled')).color")
    context.close()
    assert not ran, "the injected inline script ran: the policy does not block inline scripts"
    assert any("script-src" in v and "inline" in v for v in csp.violations), csp.violations
    assert color != "rgb(255, 0, 0)", "an injected style attribute applied: style-src is not strict"
    assert any("style-src" in v for v in csp.violations), csp.violations
