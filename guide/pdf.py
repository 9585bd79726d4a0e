"""Build the whole guide as one A4 PDF: dist/<name>.pdf (--config mkdocs.en.yml: dist/<name>-en.pdf).

Route (maintained, no JavaScript gaps, works offline here):
1. mkdocs build with PRINT=true: mkdocs-print-site-plugin joins every page, in
   navigation order, into one print page with a cover (hooks/pdf_cover_page.tpl), a
   table of contents, and internal links rewritten to anchors inside that page.
2. Debian's headless Chromium through Playwright prints it (page.pdf): the same engine
   readers use, so admonitions, checklists and the build-time SVG diagram print as on
   screen; Japanese text in Noto Sans CJK JP is embedded as selectable text; header /
   footer templates give page numbers; `outline` gives PDF bookmarks; internal <a href="#…">
   become PDF links. WeasyPrint (mkdocs-to-pdf) was rejected: it failed on a Japanese
   anchor and has no JavaScript; mkdocs-with-pdf is unmaintained.
3. Page numbers in the printed table of contents: Chromium has no target-counter(), so
   the PDF is printed once, the page of each named destination is read back with pypdf,
   the numbers are written into the contents and the PDF is printed again (checked to be
   stable).
4. The PDF is finished with pypdf's public API (kanji for radicals, bookmarks, title, language, dates,
   stable tag ids) and written by pikepdf (qpdf) with a deterministic file /ID; no private attributes.
Every request that is not file:// is blocked and fails the build.
"""
from __future__ import annotations

import re
import sys
import time
import unicodedata
from pathlib import Path

from guide import ROOT
from guide.browser import CspLog, launch_chromium, local_only
from guide.build import mkdocs_build, parse_args, source_date_epoch

FONT = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}   # = print.css @page

HEADER = f'<div style="font-family:{FONT};font-size:7pt;color:#555;width:100%;margin:0 14mm;">{{title}}</div>'
FOOTER = (f'<div style="font-family:{FONT};font-size:8pt;color:#333;width:100%;text-align:center;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')

PREPARE_JS = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });   // paper cannot click
  document.querySelectorAll('img[loading="lazy"]').forEach((i) => { i.loading = 'eager'; });
  return document.querySelectorAll('#print-page-toc a[href^="#"]').length;
}"""

# Write (or rewrite) the page number after each entry of the printed table of contents.
TOC_NUMBERS_JS = """(pages) => {
  let done = 0;
  document.querySelectorAll('#print-page-toc a[href^="#"]').forEach((a) => {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    let span = a.querySelector('.toc-page');
    if (!span) { span = document.createElement('span'); span.className = 'toc-page'; a.appendChild(span); }
    span.textContent = pages[id] ? String(pages[id]) : '';
    if (pages[id]) done += 1;
  });
  return done;
}"""


def build_print_site(site: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    mkdocs_build(site, "print-page", config, PRINT="true", OFFLINE="false")
    page = site / "print_page" / "index.html"
    if not page.is_file():
        sys.exit(f"mkdocs-print-site-plugin wrote no print page ({page})")
    return page


def dest_pages(pdf: Path) -> dict[str, int]:
    """Named destination -> 1-based page number, as Chromium wrote them."""
    from pypdf import PdfReader
    reader = PdfReader(pdf)
    index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    out = {}
    for name, dest in reader.named_destinations.items():
        ref = dest.page if hasattr(dest.page, "idnum") else None
        if ref is not None and ref.idnum in index:
            out[str(name).lstrip("/")] = index[ref.idnum]
    return out


RADICALS = re.compile(r"<(2[EF][0-9A-Fa-f]{2}|2027)>")
# No NFKC form: CJK Radicals Supplement forms that Japanese text uses, and U+2027 (Noto CJK
# shares the glyph of 「・」 U+30FB with HYPHENATION POINT U+2027).
EQUIVALENT = {"⺟": "母", "⺠": "民", "⻁": "虎", "⻄": "西", "⻆": "角", "⻑": "長",
              "⻘": "青", "⻝": "食", "⻣": "骨", "⻤": "鬼", "⻨": "麦", "⻩": "黄", "⻫": "斉",
              "⻭": "歯", "⻯": "竜", "⻲": "亀", "\u2027": "・"}
BFRANGE = re.compile(r"(\d+) beginbfrange\n(.*?)endbfrange", re.S)


def fix_radicals(writer) -> int:
    """Make copied/searched kanji real kanji.

    Noto Sans CJK maps e.g. U+76EE 目 and U+2F6C ⽬ (KANGXI RADICAL EYE) to one glyph, and
    Skia writes the radical into the ToUnicode map, so copying 「目次」 from the PDF gives
    「⽬次」 and searching for 目 fails in viewers that do not normalise. Rewrite each such
    destination to its NFKC form (the ordinary kanji), in the fonts of `writer` (a pypdf PdfWriter).
    Returns the number of fixes."""

    def nfkc(m: re.Match) -> str:
        char = chr(int(m.group(1), 16))
        new = EQUIVALENT.get(char) or unicodedata.normalize("NFKC", char)
        return f"<{ord(new):04X}>" if len(new) == 1 and ord(new) <= 0xFFFF else m.group(0)

    def expand_ranges(cmap: str) -> str:
        """bfrange entries that start at a radical become bfchar entries (one per code)."""
        def block(m: re.Match) -> str:
            keep, chars = [], []
            for line in m.group(2).strip().splitlines():
                parts = re.findall(r"<([0-9A-Fa-f]+)>", line)
                if len(parts) == 3 and RADICALS.search(line):
                    lo, hi, dst = (int(x, 16) for x in parts)
                    width = len(parts[0])
                    chars += [f"<{c:0{width}X}> <{dst + c - lo:04X}>" for c in range(lo, hi + 1)]
                else:
                    keep.append(line)
            out = f"{len(keep)} beginbfrange\n" + "".join(l + "\n" for l in keep) + "endbfrange" if keep else ""
            if chars:
                out += f"\n{len(chars)} beginbfchar\n" + "\n".join(chars) + "\nendbfchar"
            return out
        return BFRANGE.sub(block, cmap)

    fixed, seen = 0, set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            font = font.get_object()
            ref = font.get("/ToUnicode")
            if ref is None or ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            stream = ref.get_object()
            cmap = stream.get_data().decode("latin-1")
            if not RADICALS.search(cmap):
                continue
            new, n = RADICALS.subn(nfkc, expand_ranges(cmap))
            stream.set_data(new.encode("latin-1"))
            fixed += n
    return fixed


def pdf_date(epoch: int) -> str:
    from datetime import datetime, timezone
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def set_metadata(writer, title: str, lang: str, epoch: int) -> None:
    """Accessibility and reproducibility metadata: /Title in Info and XMP (shown as the window title:
    /DisplayDocTitle), /Lang in the catalog, and both dates = SOURCE_DATE_EPOCH (Chromium writes the
    time of printing). The tag tree and /MarkInfo come from Chromium (page.pdf(tagged=True))."""
    from datetime import datetime, timezone
    from html import escape
    from pypdf.generic import BooleanObject, NameObject, TextStringObject
    from guide.browser import chromium_version
    producer = str((writer.metadata or {}).get("/Producer", "Skia/PDF")) + " + pypdf + pikepdf (guide/pdf.py)"
    date = pdf_date(epoch)
    writer.add_metadata({"/Title": title, "/CreationDate": date, "/ModDate": date, "/Producer": producer,
                         "/Creator": f"guide/pdf.py (mkdocs-print-site-plugin, {chromium_version()})"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    iso = datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer.xmp_metadata = XMP.format(title=escape(title), lang=escape(lang), date=iso,
                                     producer=escape(producer)).encode("utf-8")
    stream = writer.root_object["/Metadata"].get_object()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.pdf_header = "%PDF-1.7"       # tagged PDF, /Lang and XMP are PDF 1.4+; Chromium writes 1.3


def renumber_struct_ids(writer) -> int:
    """Chromium gives table header cells in the tag tree an /ID taken from its accessibility node numbers
    (`node00000015`), which can differ between two prints of the same page. Renumber them in object order
    (their only use is /Headers references, rewritten to match), so the bytes do not depend on the run."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
    mapping: dict[str, str] = {}
    elements: list = []
    seen: set[int] = set()

    def walk(node):                     # the tag tree in document order, from /StructTreeRoot down its /K kids
        node = node.get_object() if node is not None else None
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if node.get("/Type") == "/StructElem" and id(node) not in seen:
                seen.add(id(node))
                elements.append(node)
            walk(node.get("/K"))
    tree = writer.root_object.get("/StructTreeRoot")
    walk(tree.get_object().get("/K") if tree is not None else None)
    for obj in elements:
        if "/ID" in obj:
            old = str(obj["/ID"])
            mapping.setdefault(old, f"id{len(mapping):06d}")
            obj[NameObject("/ID")] = TextStringObject(mapping[old])
    for obj in elements:
        for attrs in (obj.get("/A") if isinstance(obj.get("/A"), ArrayObject) else [obj.get("/A")]):
            attrs = attrs.get_object() if attrs is not None else None
            if isinstance(attrs, DictionaryObject) and isinstance(attrs.get("/Headers"), ArrayObject):
                attrs[NameObject("/Headers")] = ArrayObject(
                    [TextStringObject(mapping.get(str(h), str(h))) for h in attrs["/Headers"]])
    tree_root = writer.root_object.get("/StructTreeRoot")
    tree_root = tree_root.get_object() if tree_root is not None else None

    def renumber_names(node):          # the name tree id -> element, changed in place (same objects)
        node = node.get_object()
        names = node.get("/Names")
        if isinstance(names, ArrayObject):
            pairs = sorted((mapping.get(str(names[i]), str(names[i])), names[i + 1]) for i in range(0, len(names), 2))
            node[NameObject("/Names")] = ArrayObject([x for new, ref in pairs for x in (TextStringObject(new), ref)])
            if "/Limits" in node and pairs:
                node[NameObject("/Limits")] = ArrayObject([TextStringObject(pairs[0][0]), TextStringObject(pairs[-1][0])])
        for kid in node.get("/Kids") or []:
            renumber_names(kid)
    if tree_root is not None and "/IDTree" in tree_root:
        renumber_names(tree_root["/IDTree"])
    return len(mapping)


def finish(tmp: Path, out: Path, title: str, lang: str, headings: list[str] | None = None) -> dict:
    """What every PDF printed by Chromium gets before it is written to `out` (the guide, the checklist):
    kanji instead of radicals, bookmark titles repaired (when `headings` are given), title, language and
    dates, stable tag ids and file /ID. `tmp` (Chromium's file) is removed."""
    from pypdf import PdfWriter
    writer = PdfWriter(clone_from=tmp)
    info = {"radicals": fix_radicals(writer),
            "outline": fix_outline(writer, headings) if headings is not None else 0}
    set_metadata(writer, title, lang, source_date_epoch())
    renumber_struct_ids(writer)
    write_reproducibly(writer, out)
    tmp.unlink()
    return info


def write_reproducibly(writer, out: Path) -> None:
    """Write with a file /ID computed from the content: qpdf's deterministic ID, through pikepdf's public API
    (`save(deterministic_id=True)`), so the same pages give the same bytes. Chromium's /ID is random."""
    import io
    import pikepdf
    buf = io.BytesIO()
    writer.write(buf)
    buf.seek(0)
    with pikepdf.open(buf) as pdf:
        pdf.save(out, deterministic_id=True, min_version="1.7")


def print_pdf(html: Path, out: Path, title: str) -> dict:
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context()
        csp = CspLog(context)          # the print page has the site's Content-Security-Policy (hooks/csp.py)
        csp.current = html.name
        page = context.new_page()
        page.route("**/*", local_only(blocked))
        page.goto(html.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        entries = page.evaluate(PREPARE_JS)
        page.evaluate("document.fonts.ready")
        options = dict(format="A4", print_background=True, display_header_footer=True,
                       header_template=HEADER.replace("{title}", title), footer_template=FOOTER,
                       margin=MARGIN, outline=True, tagged=True)
        page.pdf(path=str(out), **options)
        numbers = dest_pages(out)
        stable = False
        for _ in range(3):      # usually one round: the numbers fit on the existing lines
            page.evaluate(TOC_NUMBERS_JS, numbers)
            page.pdf(path=str(out), **options)
            again = dest_pages(out)
            stable, numbers = again == numbers, again
            if stable:
                break
        numbered = page.evaluate(TOC_NUMBERS_JS, numbers)
        headings = page.evaluate(HEADINGS_JS)
        browser.close()
    if csp.violations:
        sys.exit("the print page broke its Content-Security-Policy (see hooks/csp.py):\n  " + "\n  ".join(csp.violations))
    if blocked:
        sys.exit("the print page tried to load from the network (blocked):\n  " + "\n  ".join(blocked))
    if not stable:
        sys.exit("table-of-contents page numbers did not settle after 3 rounds")
    return {"toc_entries": entries, "toc_numbered": numbered, "headings": headings}


# The headings' text as a reader sees it (without the permalink sign), in document order.
HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => {
  const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach((a) => a.remove());
  return c.textContent.replace(/\\s+/g, ' ').trim(); })"""


def doubled(title: str, heading: str) -> bool:
    """True if `title` is `heading` with each of its text runs written twice: Chromium 156's tagged outline
    gives e.g. 「目次目次」 or 「4. 電話で本人確認をする（4. 電話で本人確認をする（2段階認証2段階認証））」
    (one copy per text node) for some headings."""
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def match(i: int, j: int) -> bool:
        if i == len(heading):
            return j == len(title)
        for k in range(i + 1, len(heading) + 1):
            run = heading[i:k]
            if title.startswith(run + run, j) and match(k, j + 2 * len(run)):
                return True
        return False
    return title != heading and match(0, 0)


def fix_outline(writer, headings: list[str]) -> int:
    """Bookmark titles that Chromium doubled (see doubled()) get the heading's text; returns how many.
    Outline entries are matched to headings in document order; an entry with no matching heading is left."""
    from pypdf.generic import NameObject, TextStringObject

    def items(node):
        node = node.get_object().get("/First")
        while node is not None:
            item = node.get_object()
            yield item
            yield from items(item)
            node = item.get("/Next")

    outlines = writer.root_object.get("/Outlines")
    if outlines is None:
        return 0
    fixed, at = 0, 0
    for item in items(outlines):
        title = str(item.get("/Title", ""))
        for n in range(at, len(headings)):
            if title == headings[n] or doubled(title, headings[n]):
                if title != headings[n]:
                    item[NameObject("/Title")] = TextStringObject(headings[n])
                    fixed += 1
                at = n + 1
                break
    return fixed


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    start = time.monotonic()
    html = build_print_site(args.out["print_site"], args.config)

    from guide.build import load_config
    title = load_config(args.config)["site_name"]

    out = args.out["pdf"]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".pdf.tmp")
    info = print_pdf(html, tmp, title)

    info.update(finish(tmp, out, title, args.lang, info["headings"]))

    from pypdf import PdfReader
    pages = len(PdfReader(out).pages)
    print(f"PDF: {out} ({out.stat().st_size / 1024:.0f} KiB, {pages} pages, "
          f"{info['toc_numbered']}/{info['toc_entries']} contents entries numbered, "
          f"{info['radicals']} radical-to-kanji text fixes, {info['outline']} doubled bookmark titles fixed, "
          f"{time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
