"""The reader's journey: where am I (step navigation), what have I done (ticks kept in the browser),
tables that fit a phone, and a way to report a wrong page."""
from __future__ import annotations

import re

import pytest

from guide.screens import load
from support import (OVERFLOW_JS, PHONE, REPORT_REPO, SCREEN, doc_pages, must_show, page_html,
                     reflow_overflow, site_urls)

SCREENS = load()
PHASE_PAGES = {phase["page"]: phase for phase in SCREENS.phases}


# --- where am I: plain HTML, works without JavaScript -------------------------------------------------

@pytest.mark.parametrize("md", sorted(PHASE_PAGES))
def test_step_page_shows_all_steps_and_marks_its_own(site, md):
    html = page_html(site, md).read_text(encoding="utf-8")
    nav = re.search(r'<nav class="step-nav".*?</nav>', html, re.S)
    assert nav, f"docs/{md}: no step navigation (hooks/journey.py, overrides/partials/step-nav.html)"
    nav = nav.group(0)
    shown = [int(n) for n in re.findall(r'data-step="(\d+)"', nav)]
    assert shown == sorted(SCREENS.steps), f"docs/{md}: the step navigation shows {shown}"
    current = [int(n) for n in re.findall(r'data-step="(\d+)"\s+aria-label="[^"]*" aria-current="step"', nav)]
    steps = PHASE_PAGES[md]["steps"]
    assert current == steps, f"docs/{md}: aria-current=step on {current}, expected {steps}"
    first, last = steps[0], steps[-1]
    where = f"手順{first}" + (f"〜{last}" if last != first else "") + f"／全{len(SCREENS.steps)}"
    assert where in nav, f"docs/{md}: the navigation does not say 「{where}」"
    assert f"全{len(SCREENS.steps)}の手順のうち" in nav, f"docs/{md}: no position in words for screen readers"


def test_other_pages_have_no_step_navigation(site):
    extra = [md for md in doc_pages() if md not in PHASE_PAGES
             and 'class="step-nav"' in page_html(site, md).read_text(encoding="utf-8")]
    assert not extra, f"step navigation on pages that are not step pages: {extra}"


# --- tables that fit a phone --------------------------------------------------------------------------

def test_every_table_stacks_on_a_phone(site):
    problems = []
    for md in doc_pages():
        html = page_html(site, md).read_text(encoding="utf-8")
        for table in re.findall(r"<table\b.*?</table>", html, re.S):
            if 'class="stack"' not in table.split(">", 1)[0]:
                problems.append(f"docs/{md}: a table without class=stack (guide.mdx.stack_tables)")
            elif re.search(r"<td(?![^>]*data-label)", table):
                problems.append(f"docs/{md}: a table cell without data-label (its column name on a phone)")
    assert problems == []


@pytest.mark.browser
def test_nothing_scrolls_sideways(page_walk):
    assert page_walk.overflow == [], f"{page_walk.width}: sideways scrolling:\n"


@pytest.mark.browser
def test_nothing_scrolls_sideways_at_320_px_with_text_at_200_percent(phone_walk):
    assert phone_walk.reflow == [], "320 px, text at 200 % (WCAG reflow, resize text): sideways scrolling:\n"


@pytest.mark.browser
def test_selftest_reflow_checker_names_a_page_that_fits_a_phone_but_not_320_px_at_200_percent(browser):
    page = browser.new_page(viewport=PHONE)
    page.set_content(f"<!doctype html><article><p>{'y' * 30}</p><div class='md-typeset__scrollwrap' style='overflow-x:auto'>"
                     f"<table><tr><td style='white-space:nowrap'>{'x ' * 20}</td></tr></table></div></article>")
    at_phone_width = page.evaluate(OVERFLOW_JS)
    problems = reflow_overflow(page, "wide.md")
    page.close()
    assert at_phone_width == [], at_phone_width
    assert any(p.startswith("wide.md: page is ") for p in problems), problems
    assert any(p.startswith("wide.md: div #1 scrolls sideways") for p in problems), problems


# --- the first action on the first screen of a phone (issue #17) -------------------------------------

def first_action_problems(measured: dict, height: int = SCREEN["height"]) -> list[str]:
    """Each step, help or route page whose first action (the first item of its first numbered list) is
    not on the first screen of a phone, or that has no numbered list of what to do."""
    problems = []
    for md, bottom in sorted(measured.items()):
        if not must_show(md):
            continue
        if bottom is None:
            problems.append(f"{md}: no numbered list: start the page with what to do, as numbered steps")
        elif bottom > height:
            problems.append(f"{md}: the first action ends {bottom}px down, below the first screen ({height}px "
                            f"at {SCREEN['width']} wide): put it right after the title, before any box or background")
    return problems


@pytest.mark.browser
def test_first_action_is_on_the_first_screen_of_a_phone(phone_walk):
    measured = phone_walk.first_action
    assert sum(must_show(md) for md in measured) >= 16, f"too few step and help pages walked: {sorted(measured)}"
    problems = first_action_problems(measured)
    assert problems == []


def test_selftest_first_action_below_the_screen_is_named():
    measured = {"steps/1-open.md": 900, "troubleshooting/landline.md": None, "faq.md": 2000,
                "en/steps/2-issue-account.md": 400}
    assert first_action_problems(measured) == [
        "steps/1-open.md: the first action ends 900px down, below the first screen (844px at 390 wide): put it "
        "right after the title, before any box or background",
        "troubleshooting/landline.md: no numbered list: start the page with what to do, as numbered steps"]


# --- what have I done: ticks kept only in this browser ------------------------------------------------

def tick_and_check(page, step_page_url: str, overview_url: str) -> None:
    """Tick step 4, reload, see it kept, see it on the step navigation and the overview, then reset."""
    page.goto(step_page_url)
    box = page.get_by_label("手順4が終わった")
    assert box.count() == 1, "no labelled checkbox for step 4"
    box.check()
    page.reload()
    assert page.get_by_label("手順4が終わった").is_checked(), "the tick was not kept after a reload"
    assert "is-done" in (page.locator('[data-step-nav] a[data-step="4"]').get_attribute("class") or "")
    assert not page.get_by_label("手順5が終わった").is_checked()
    page.goto(overview_url)
    assert page.locator("#steps-overview a[href$='#step-4'] + .progress-mark").count() == 1, \
        "the overview does not mark step 4 as done"
    page.get_by_role("button", name="チェックをすべて消す").click()
    assert page.locator(".progress-mark").count() == 0
    page.goto(step_page_url)
    assert not page.get_by_label("手順4が終わった").is_checked(), "reset did not clear the tick"


@pytest.mark.browser
def test_ticks_survive_a_reload_and_can_be_reset(browser, served_site):
    base, site = served_site
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method != "GET" else None)
    urls = site_urls(base, site)
    tick_and_check(page, urls["steps/2-issue-account.md"], urls["steps/index.md"])
    context.close()
    assert not sent, f"ticking sent something: {sent}"


@pytest.mark.browser
@pytest.mark.dist
def test_ticks_work_in_the_offline_copy(browser, offline_copy):
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    base = (offline_copy / "index.html").as_uri().rsplit("/", 1)[0] + "/"
    tick_and_check(page, base + "steps/2-issue-account.html", base + "steps/index.html")
    context.close()


@pytest.mark.browser
def test_without_javascript_the_step_page_still_guides(browser, served_site):
    base, site = served_site
    context = browser.new_context(viewport=PHONE, locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_urls(base, site)["steps/2-issue-account.md"])
    assert page.locator('[data-step-nav] a[aria-current="step"]').count() == 6
    assert page.locator("input[data-done-step]").count() == 0, "checkboxes without JavaScript do nothing"
    context.close()


@pytest.mark.browser
def test_step_navigation_is_visible_on_a_phone_without_the_menu(browser, served_site):
    base, site = served_site
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    page.goto(site_urls(base, site)["steps/2-issue-account.md"])
    nav = page.locator("[data-step-nav]")
    assert nav.is_visible() and nav.bounding_box()["y"] < PHONE["height"], "step navigation not on the first screen"
    context.close()


# --- report a problem ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_every_page_links_to_a_prefilled_report(broken_project):
    """On the broken copy's web build, which has REPO_URL set as the Pages workflow does (support.py
    REPORT_REPO): the link is template markup, the same on a page whatever its text."""
    problems = []
    for md in doc_pages():
        html = page_html(broken_project["web"].site, md).read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)">このページの誤りを報告する</a>', html)
        if not link:
            problems.append(f"docs/{md}: no 「このページの誤りを報告する」 link")
            continue
        href = link.group(1).replace("&amp;", "&")
        if not href.startswith(f"{REPORT_REPO}/issues/new?template=page-wrong.yml&"):
            problems.append(f"docs/{md}: report link {href} does not open the page-wrong issue form")
        if f"page={md}" not in href:
            problems.append(f"docs/{md}: report link does not name the page: {href}")
        if md in PHASE_PAGES and "&step=" not in href:
            problems.append(f"docs/{md}: report link on a step page does not name the steps: {href}")
        if "書かないでください" not in html[link.end():link.end() + 400]:
            problems.append(f"docs/{md}: no warning next to the report link about personal data and codes")
    assert problems == []


def test_without_repo_url_there_is_no_report_link(site):
    import os
    if os.environ.get("REPO_URL"):
        pytest.skip("REPO_URL is set (the Pages workflow): the built site has the report link")
    assert "このページの誤りを報告する</a>" not in page_html(site, "index.md").read_text(encoding="utf-8")


def test_issue_forms_exist_and_warn_about_personal_data():
    import yaml
    from support import ROOT
    for name in ("page-wrong.yml", "procedure-changed.yml"):
        form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        text = str(form)
        assert form.get("body") and "個人の情報は書かないでください" in text, f".github/ISSUE_TEMPLATE/{name}"
    ids = [f.get("id") for f in yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/page-wrong.yml").read_text())["body"]]
    assert "page" in ids, "the report link prefills the field `page`: the form must have it"
