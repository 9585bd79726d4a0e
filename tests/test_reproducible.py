"""Reproducible outputs: the checks that need no second build (`make reproducible` does the full one)."""
from __future__ import annotations

import zipfile

import pytest

from guide.build import source_date_epoch
from guide.offline import zip_date
from guide.pdf import pdf_date
from guide.reproducible import compare_trees
from support import OFFLINE_ZIP, PDF, pdf_reader, require_dist

pytestmark = pytest.mark.dist   # reads the built zip and PDF


def test_zip_entries_and_pdf_dates_come_from_one_source_date():
    """Every zip entry has one time, and the PDF's /CreationDate and /ModDate are that same moment."""
    with zipfile.ZipFile(require_dist(OFFLINE_ZIP)) as zf:
        names = zf.namelist()
        dates = {i.date_time for i in zf.infolist()}
    assert names == sorted(names), f"{OFFLINE_ZIP.name}: entries not in sorted order"
    assert len(dates) == 1, f"{OFFLINE_ZIP.name}: entries have {len(dates)} different times: {sorted(dates)[:3]}"
    info = pdf_reader(require_dist(PDF)).metadata
    (date,) = dates
    assert info["/CreationDate"] == info["/ModDate"], f"{PDF.name}: creation and modification dates differ"
    pdf_moment = info["/CreationDate"][2:16]
    even = pdf_moment[:12] + "%02d" % (int(pdf_moment[12:]) // 2 * 2)     # zip times have 2 s steps
    assert even == "%04d%02d%02d%02d%02d%02d" % date, \
        f"{PDF.name}: date {info['/CreationDate']} is not the zip entries' {date} " \
        "(both come from SOURCE_DATE_EPOCH: rebuild with make build)"


def test_source_date_epoch_is_honoured(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795656304")
    assert source_date_epoch() == 1795656304
    assert zip_date(1795656304) == (2026, 11, 26, 1, 25, 4)   # zipfile stores it as :04 (2 s steps)
    assert pdf_date(1795656304) == "D:20261126012504+00'00'"
    assert zip_date(0) == (1980, 1, 1, 0, 0, 0), "zip cannot store times before 1980"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert source_date_epoch() > 0, "without the variable: the last commit's time (or a fixed fallback)"


def test_selftest_compare_names_every_differing_file(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "site" / "search").mkdir(parents=True)
        (root / "site" / "index.html").write_text("same", encoding="utf-8")
    (a / "site" / "search" / "search_index.json").write_text('{"t": 1}', encoding="utf-8")
    (b / "site" / "search" / "search_index.json").write_text('{"t": 2}', encoding="utf-8")
    (a / "site" / "sitemap.xml.gz").write_bytes(b"x")
    count, problems = compare_trees(a, b)
    assert count == 2
    assert problems == ["site/sitemap.xml.gz: only in the first build",
                        "site/search/search_index.json: differs (8 vs 8 bytes)"], problems
