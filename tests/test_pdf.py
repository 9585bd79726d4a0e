"""The PDF (dist/….pdf from `make build`): whole guide, A4, cover, contents, fonts, links."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide import LANGS
from support import (DIST_FILES, PDF, load_config, nav_pages, pdf_accessibility_problems, pdf_face_problems, pdf_font_problems,
                     pdf_link_problems, pdf_reader, pdf_text, require_dist)

pytestmark = pytest.mark.dist


@pytest.fixture(scope="module", params=sorted(LANGS))
def lang(request):
    """Every PDF test runs for each edition's PDF (dist/…pdf and dist/…-en.pdf)."""
    return request.param


@pytest.fixture(scope="module")
def pdf(lang):
    return require_dist(DIST_FILES[lang]["pdf"])


@pytest.fixture(scope="module")
def nav(lang):
    return nav_pages(LANGS[lang]["config"])


@pytest.fixture(scope="module")
def text(pdf):
    return pdf_text(pdf)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_every_nav_page_title_is_in_the_pdf(text, nav, pdf):
    body = squash(text)
    missing = [f"{title} ({md})" for title, md in nav if squash(title) not in body]
    assert not missing, f"{pdf.name}: page titles of the navigation not found in the text: {missing}"


def page_key(md: str) -> str:
    """mkdocs-print-site-plugin's id of a page in the print page (= PDF named destination)."""
    stem = md[:-3]
    stem = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem
    return stem.strip("/").replace("/", "-").lower() or "index"


def test_pages_come_in_navigation_order(pdf, nav):
    """Every nav page starts at its own destination, on non-decreasing pages in nav order."""
    reader = pdf_reader(pdf)
    index = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, start=1)}
    dests = {str(k).lstrip("/"): index.get(getattr(v.page, "idnum", None))
             for k, v in reader.named_destinations.items()}
    order = [(md, dests.get(page_key(md))) for _, md in nav]
    missing = [md for md, n in order if n is None]
    assert not missing, f"{pdf.name}: pages missing from the PDF: {missing}"
    numbers = [n for _, n in order]
    assert numbers == sorted(numbers), f"pages out of navigation order: {order}"


def test_cover_has_title_and_both_honest_dates(pdf, lang):
    from guide.sources import load_registry, official_read_date
    cover = squash(pdf_reader(pdf).pages[0].extract_text() or "")
    config = load_config(LANGS[lang]["config"])
    assert squash(config["site_name"]) in cover, "cover lacks the title"
    assert official_read_date(load_registry()) in cover, "cover lacks the date the official pages were last read"
    undated = "undated" if lang == "en" else "日付の記載なし"
    assert squash(undated) in cover, "cover does not say the screens come from an undated record"


def test_contents_with_page_numbers(pdf, nav, lang):
    toc = pdf_reader(pdf).pages[1].extract_text() or ""
    assert ("Contents" if lang == "en" else "目次") in toc, "page 2 is not the table of contents"
    assert len(re.findall(r"p\.\s*\d+", toc)) >= len(nav), f"contents entries lack page numbers:\n{toc}"


def test_a4_and_sane_page_count(pdf, nav):
    reader = pdf_reader(pdf)
    n = len(reader.pages)
    print(f"{pdf.name}: {n} pages, {pdf.stat().st_size // 1024} KiB")
    assert len(nav) + 2 <= n <= 300, f"{pdf.name}: {n} pages is not plausible"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, f"not A4: {box}"


def test_fonts_embedded_named_and_japanese_searchable(pdf, text):
    problems = pdf_font_problems(pdf) + pdf_face_problems(pdf)
    assert problems == []
    assert "ワンタイムキー" in text, "Japanese text is not extractable (not searchable/selectable)"


def radical_problems(pdf) -> dict:
    """{page: chars} where a font's ToUnicode map sends a glyph to a Kangxi/CJK radical (U+2E80-U+2FDF).
    That map is what a viewer's copy and search get (guide/pdf.py fix_radicals repairs it); reading the
    maps directly is exact and fast (extracting the text of every page took ~5 s)."""
    radical = re.compile(r"2[Ee][89A-Fa-f][0-9A-Fa-f]|2[Ff][0-9A-Da-d][0-9A-Fa-f]")   # U+2E80-U+2FDF
    bad, seen = {}, set()
    for n, page in enumerate(pdf_reader(pdf).pages, start=1):
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            ref = font.get_object().get("/ToUnicode")
            if ref is None or ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            for line in ref.get_object().get_data().decode("latin-1").splitlines():
                parts = re.findall(r"<([0-9A-Fa-f]+)>", line)   # bfchar: <code> <dst>; bfrange: <lo> <hi> <dst>
                if len(parts) in (2, 3) and radical.fullmatch(parts[-1]):
                    bad.setdefault(n, set()).add(chr(int(parts[-1], 16)))
    return bad


def test_copied_text_has_kanji_not_radicals(pdf):
    bad = radical_problems(pdf)
    assert not bad, f"{pdf.name}: fonts map glyphs to radicals instead of kanji (page: chars) {bad}"


def test_selftest_radical_in_a_tounicode_map_is_found(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject
    source = _pdf_with(tmp_path)
    w = PdfWriter(clone_from=source)
    cmap = StreamObject()
    cmap.set_data(b"1 beginbfchar\n<0001> <2F6C>\nendbfchar\n")       # U+2F6C KANGXI RADICAL EYE, not 目
    font = w.pages[0]["/Resources"]["/Font"]["/F1"].get_object()
    font[NameObject("/ToUnicode")] = w._add_object(cmap)
    out = tmp_path / "radical.pdf"
    with open(out, "wb") as fh:
        w.write(fh)
    assert radical_problems(out) == {1: {"\u2f6c"}}
    assert radical_problems(source) == {}


def test_page_numbers_in_footer(text):
    pages = text.split("\f")
    total = len([p for p in pages if p.strip()])
    assert re.search(rf"\b1 / {total}\b", pages[0]), "page 1 has no 'N / total' footer"


def test_internal_links_resolve(pdf, nav):
    count, problems = pdf_link_problems(pdf)
    assert count >= len(nav), f"only {count} internal links: contents not linked?"
    assert problems == []


def test_no_navigation_chrome(text):
    for chrome in ("検索", "Skip to content", "コンテンツにスキップ", "Search"):
        assert chrome not in text.split("\f")[2], f"navigation chrome '{chrome}' printed on page 3"


def test_print_site_is_last_plugin_and_off_by_default():
    text = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = [list(p)[0] if isinstance(p, dict) else p for p in load_config()["plugins"]]
    assert plugins[-1] == "print-site", f"mkdocs.yml: print-site must be the last plugin, got {plugins}"
    assert "enabled: !ENV [PRINT, false]" in text, "mkdocs.yml: print-site must be off unless PRINT=true"


def test_web_build_has_no_print_page(built):
    assert built.returncode == 0, built.log
    assert not (built.site / "print_page").exists(), "print-site added a page to the web build"
    assert "print_page" not in (built.site / "index.html").read_text(encoding="utf-8")


def test_tagged_with_outline_title_and_language(pdf, lang):
    """Accessibility basics: tagged (structure tree), bookmarks, /Title in Info and XMP shown as the window
    title, /Lang of the edition. Not a PDF/UA check (see maintainers/pdf.md: what is still missing)."""
    config = load_config(LANGS[lang]["config"])
    problems = pdf_accessibility_problems(pdf, config["site_name"], config["theme"]["language"])
    assert problems == []


def test_records_the_chromium_that_printed_it(pdf):
    from guide.browser import chromium_version
    creator = pdf_reader(pdf).metadata.get("/Creator", "")
    assert chromium_version() in creator, (f"{pdf.name}: /Creator is {creator!r}, without {chromium_version()} "
                                           "(the browser on this machine): run `make build` (guide/pdf.py set_metadata)")


def test_outline_has_every_page_heading_once(pdf, lang):
    """A bookmark per page, titled with the page's heading as written (not doubled, guide/pdf.py fix_outline)."""
    reader = pdf_reader(pdf)

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield squash(item.title)
    outline = set(titles(reader.outline))
    headings = []
    docs = LANGS[lang]["docs"]
    for _, md in nav_pages(LANGS[lang]["config"]):
        m = re.search(r"^#\s+(.+?)(?:\s*\{[^}]*\})?\s*$", (docs / md).read_text(encoding="utf-8"), re.M)
        headings.append(f"{md}: {m.group(1)}")
    missing = [h for h in headings if squash(h.split(": ", 1)[1]) not in outline]
    assert missing == [], f"{pdf.name}: no bookmark with exactly the page heading for:\n"


# --- self-tests: the PDF checkers fail on broken input ---------------------------------------
def _pdf_with(tmp_path, *, font_embedded=True, dest="missing-dest", uri=None):
    """A one-page PDF with a non-embedded Helvetica and a link to a named destination (or to `uri`)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject
    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
    from pypdf.generic import StreamObject
    content = StreamObject()
    content.set_data(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    page[NameObject("/Contents")] = w._add_object(content)
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([FloatObject(0)] * 4),
                             NameObject("/Dest"): TextStringObject(dest)})
    if uri is not None:
        del link["/Dest"]
        link[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                   NameObject("/URI"): TextStringObject(uri)})
    page[NameObject("/Annots")] = ArrayObject([w._add_object(link)])
    out = tmp_path / "broken.pdf"
    with open(out, "wb") as fh:
        w.write(fh)
    return out


def test_selftest_font_checker_flags_non_embedded_font(tmp_path):
    problems = pdf_font_problems(_pdf_with(tmp_path))
    assert any("broken.pdf" in p and "Helvetica" in p and "not embedded" in p for p in problems), problems


def test_selftest_link_checker_flags_missing_destination(tmp_path):
    count, problems = pdf_link_problems(_pdf_with(tmp_path))
    assert count == 1
    assert any("broken.pdf: page 1" in p and "missing-dest" in p for p in problems), problems


def test_selftest_link_checker_flags_a_file_link(tmp_path):
    count, problems = pdf_link_problems(_pdf_with(tmp_path, uri="file:///tmp/site/glossary/#sms"))
    assert count == 0
    assert any("broken.pdf: page 1" in p and "file:///tmp/site/glossary/#sms" in p for p in problems), problems


def test_selftest_accessibility_checker_flags_an_untagged_pdf(tmp_path):
    problems = "\n".join(pdf_accessibility_problems(_pdf_with(tmp_path), "題名", "ja"))
    for expected in ("not tagged", "no structure tree", "no document outline", "/Title is None",
                     "lacks dc:title", "/Lang is None", "DisplayDocTitle"):
        assert expected in problems, (expected, problems)


def test_selftest_face_the_print_css_does_not_name_is_named(tmp_path):
    """The English PDF once changed its code face (DejaVuSansMono -> NotoSansMono) when other packages were
    installed, because the print CSS left the family to fontconfig."""
    css = tmp_path / "print.css"
    css.write_text('code { font-family: "DejaVu Sans Mono", "No Such Font", monospace; }\n', encoding="utf-8")
    problems = pdf_face_problems(require_dist(PDF), css)
    assert any('"No Such Font" is not installed' in p for p in problems), problems
    assert any(p.startswith(f"{PDF.name}: face NotoSansCJKjp-Regular is not from a family") for p in problems), problems
