"""The one-page checklist: exactly one A4 page, fonts embedded, every step from data/screens.yml, body
text at least 11 pt, a box for the dアカウントID that says never to write the password, the help desks."""
from __future__ import annotations

import re

import pytest

from guide.screens import load
from support import (CHECKLIST_PDF, DIST_FILES, PHONE, page_html, pdf_face_problems, pdf_font_problems, pdf_link_problems, pdf_reader, require_dist,
                     site_urls)

SCREENS = load()


CHECKLIST_PDF_EN = DIST_FILES["en"]["checklist"]


@pytest.fixture(scope="module")
def checklist():
    return require_dist(CHECKLIST_PDF)


@pytest.mark.dist
@pytest.mark.parametrize("pdf", [CHECKLIST_PDF, CHECKLIST_PDF_EN], ids=["ja", "en"])
def test_exactly_one_a4_page_with_embedded_fonts(pdf):
    checklist = require_dist(pdf)
    pages = pdf_reader(checklist).pages
    assert len(pages) == 1, f"{pdf.name}: {len(pages)} pages, want 1"
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"not A4: {width} x {height} pt"
    assert pdf_font_problems(checklist) + pdf_face_problems(checklist) == []
    assert pdf_link_problems(checklist)[1] == []


@pytest.mark.dist
def test_every_step_and_what_to_write_is_on_the_sheet(checklist):
    import subprocess
    # -raw: in reading order cell by cell (-layout would interleave the wrapped lines of the columns)
    raw = subprocess.run(["pdftotext", "-raw", str(checklist), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", "", raw)
    missing = []
    for n, step in SCREENS.steps.items():
        title = re.sub(r"\s+", "", SCREENS.render(step.title))
        if title not in text:
            missing.append(f"手順{n} {title}")
        if step.screen and re.sub(r"\s+", "", SCREENS.show(step.screen)) not in text:
            missing.append(f"手順{n} screen {SCREENS.show(step.screen)}")
    for must in ("dアカウントID", "パスワードは、ここに書かないでください", "0120-208-360", "OCNのサポート窓口",
                 "6桁", "5桁"):
        if must not in text:
            missing.append(must)
    assert not missing, f"{CHECKLIST_PDF.name} lacks: {missing}"


@pytest.mark.dist
def test_english_sheet_has_every_step_and_the_password_warning():
    import subprocess
    raw = subprocess.run(["pdftotext", "-raw", str(require_dist(CHECKLIST_PDF_EN)), "-"], capture_output=True,
                         text=True, check=True).stdout
    text = re.sub(r"\s+", " ", raw)
    missing = [f"step {n}" for n, step in SCREENS.steps.items()
               if not re.search(rf"☐ {n} ", text)]
    missing += [s for s in ("Never write your password here", "0120-208-360") if s not in text]
    assert not missing, f"{CHECKLIST_PDF_EN.name} lacks: {missing}"


def test_checklist_is_linked_from_the_top_page(site):
    assert 'href="checklist/"' in page_html(site, "index.md").read_text(encoding="utf-8")


@pytest.mark.browser
def test_body_text_is_at_least_11pt_in_print(browser, served_site):
    base, site = served_site
    page = browser.new_page(viewport=PHONE)
    page.goto(site_urls(base, site)["checklist.md"])
    page.emulate_media(media="print")
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
        '.checklist p, .checklist li, .checklist td, .checklist th')].map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    page.close()
    assert smallest >= 11 * 96 / 72 - 0.01, f"smallest checklist text is {smallest * 72 / 96:.1f} pt, want >= 11 pt"


@pytest.mark.browser
def test_selftest_a_sheet_that_spills_onto_page_2_is_named_with_what_spilled(browser, tmp_path):
    from guide.checklist import print_checklist, spill_problem
    html = tmp_path / "index.html"
    html.write_text("<!doctype html><html><body>" + "<p>line</p>" * 120 + "<p>the last line</p></body></html>",
                    encoding="utf-8")
    pdf = tmp_path / "sheet.pdf"
    print_checklist(html, pdf, browser)
    problem = spill_problem(pdf, "docs-en")
    assert problem and problem.startswith("docs-en/checklist.md: the checklist prints on "), problem
    assert "the last line」)" in problem and "print.css" in problem, problem
