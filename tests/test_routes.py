"""The route finder (route/ and en/route/, guide/routes.py from data/routes.yml and data/screens.yml).

Fails when a built route page lists a step out of order, a step its reader must skip, or other steps than
its route; when a route that stops (no SMS mobile) lists steps; when a question has no page or an answer
leads nowhere; when data/routes.yml is malformed (schema and cross-checks name the line). The routes
the finder gives (answers -> steps) are printed by `python -m guide.routes --table`."""
from __future__ import annotations

import re

import pytest

from checks import route_page_problems
from guide.routes import RoutesError, current_routes, load
from support import EDITIONS, page_html, write_file

ROUTES = current_routes()
TREE = ROUTES.tree()
RESULTS = [path for path, question in TREE if question is None]


def skipped(route) -> set[int]:
    """The steps this reader must not be sent through (the same rules the pages are made from)."""
    return {n for rule in ROUTES.skips(route.answers) for n in rule["steps"]}


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_every_route_page_lists_its_steps_in_order(lang, site):
    folder = site / EDITIONS[lang] if EDITIONS[lang] else site
    problems = []
    for path in RESULTS:
        route = ROUTES.route(dict(path))
        html = page_html(folder, ROUTES.uri(path))
        problems += route_page_problems(html, route, skipped(route), site) if html.exists() else \
            [f"{html}: route page not built"]
    assert problems == []


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_every_answer_is_a_plain_link_to_a_built_page(lang, site):
    """No JavaScript, no form: each answer is an <a href> to a page of the build (web and offline alike)."""
    folder = site / EDITIONS[lang] if EDITIONS[lang] else site
    problems = []
    for path, question in TREE:
        if question is None:
            continue
        html = page_html(folder, ROUTES.uri(path)).read_text(encoding="utf-8")
        for answer in ROUTES.questions[question]["answers"]:
            target = ROUTES.uri(path + ((question, answer["id"]),)).split("/", 1)[1][:-3]
            if not re.search(rf'<a href="(?:\.\./)?{re.escape(target)}(?:/|\.html)"', html):
                problems.append(f"{ROUTES.uri(path)}: the answer '{answer['id']}' is not a link to {target}")
    assert problems == []


def test_the_routes_the_issue_asks_for():
    """What the data gives, read through the same functions the pages use: no dアカウント -> all steps;
    a dアカウント -> 1, 2, then 10-15 (never step 3); no SMS mobile or not sure of a dアカウント -> no steps; a landline -> its help at 13."""
    steps = sorted(ROUTES.screens.steps)
    by = {tuple(a for _, a in path): ROUTES.route(dict(path)) for path in RESULTS}
    for answers, route in by.items():
        if "have" in answers:
            assert route.step_numbers() == [n for n in steps if n not in skipped(route)], answers
            assert 3 not in route.step_numbers() and 10 in route.step_numbers(), answers
        elif "no-sms" in answers or "not-sure" in answers:
            assert route.stop and route.step_numbers() == [], answers
        else:
            assert route.step_numbers() == steps, answers
        thirteen = next((i for i in route.items if i.step == 13 and i.kind == "step"), None)
        if "landline" in answers:
            assert any(h.get("link", "").endswith("landline.md") for h in thirteen.help), answers


# --- self-tests -----------------------------------------------------------------------------------

def test_selftest_route_page_out_of_order_or_with_a_skipped_step_is_named(tmp_path):
    path = next(p for p in RESULTS if dict(p).get("account") == "have")
    route = ROUTES.route(dict(path))
    links = "".join(f'<li><a href="../steps/x/#step-{n}">手順{n}</a></li>' for n in [1, 2, 4, 11, 10])
    html = write_file(tmp_path / "route" / "have" / "index.html",
                      f'<html><body><article><h2 id="what-to-do">すること</h2>\n<ol>\n{links}</ol></article></body></html>')
    problems = route_page_problems(html, route, skipped(route), tmp_path)
    assert any("step 10 comes after step 11: a route lists its steps in order" in p for p in problems), problems
    assert any("step 4 is listed, but this reader skips it" in p for p in problems), problems
    assert any("the page was not made from the data" in p for p in problems), problems


def test_selftest_a_route_that_stops_but_lists_steps_is_named(tmp_path):
    """Each stop: a step listed, and its help page linked without the section it names (if it names one)."""
    for path in (p for p in RESULTS if ROUTES.route(dict(p)).stop):
        route = ROUTES.route(dict(path))
        page, anchor = route.stop["link"].partition("#")[::2]
        wrong = f"{page.rsplit('/', 1)[1][:-3]}/#not-{anchor}" if anchor else "elsewhere/"
        html = write_file(tmp_path / "route" / "stop.html", '<article><h2 id="what-to-do">x</h2><ol><li>'
                          f'<a href="s.html#step-1">手順1</a> <a href="{wrong}">x</a></li></ol></article>')
        problems = route_page_problems(html, route, set(), tmp_path)
        assert any("this route stops before step 1" in p for p in problems), problems
        assert any(f"does not link {route.stop['link']}" in p for p in problems), problems


BROKEN = """first: account
questions:
  account:
    ja: q
    en: q
    hint: {ja: h, en: h}
    answers:
      - {id: have, ja: a, en: a, next: nowhere}
      - {id: have, ja: b, en: b}
skip:
  - when: {account: maybe}
    steps: [3, 5]
    instead: {ja: x, en: x, link: a.md, link_ja: x, link_en: x}
stop: []
help:
  - {at: 99, ja: x, en: x}
unknown: []
"""


def test_selftest_broken_routes_data_is_named_with_its_line(tmp_path):
    with pytest.raises(RoutesError) as err:
        load(write_file(tmp_path / "routes.yml", BROKEN))
    text = str(err.value)
    assert "routes.yml:8: next: 'nowhere' is not a question" in text, text
    assert "routes.yml:9: answer id 'have' is used by question 'account' too" in text, text
    assert "routes.yml:11: when: 'maybe' is not an answer of question 'account'" in text, text
    assert "routes.yml:11: steps: a skip leaves out consecutive steps" in text, text
    assert "routes.yml:16: step 99 is not in data/screens.yml" in text, text


def test_selftest_a_misspelt_field_in_routes_data_is_named(tmp_path):
    with pytest.raises(RoutesError) as err:
        load(write_file(tmp_path / "routes.yml", BROKEN.replace("hint:", "hnit:")))
    assert "routes.yml:6: questions/account: unknown key 'hnit'; did you mean 'hint'?" \
        in str(err.value) and "required" not in str(err.value), str(err.value)
