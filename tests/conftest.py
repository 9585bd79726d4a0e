"""Shared fixtures. Helper functions live in tests/support.py, not here."""
from __future__ import annotations

import pytest

from support import ROOT, build_site


def pytest_addoption(parser):
    parser.addoption("--live-links", action="store_true", default=False,
                     help="also check that external links answer (needs the internet)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--live-links"):
        return
    skip = pytest.mark.skip(reason="live external-link check: run `make linkcheck` (needs the internet)")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def built():
    """The web site as deployed: built once per test session with --strict into site/ (the folder the
    Pages workflow publishes), so the tests check exactly what readers get."""
    return build_site(ROOT / "site")


# --- real-browser fixtures (QA engineer); helpers are in support.py -------------------------
@pytest.fixture(scope="session")
def browser():
    """One Debian chromium for the whole session (Playwright drives it; no browser download)."""
    from playwright.sync_api import sync_playwright
    from support import launch_chromium
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def served_site(built):
    """The built web site on http://127.0.0.1:<port>/ (stdlib http.server): yields (base_url, site_dir)."""
    from support import StaticServer
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.log}"
    with StaticServer(built.site) as server:
        yield server.url, built.site


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory):
    """dist/…-offline.zip unpacked, as a reader would: yields the folder with index.html in it."""
    import zipfile
    from support import NAME, OFFLINE_ZIP, require_dist
    dest = tmp_path_factory.mktemp("offline-copy")
    with zipfile.ZipFile(require_dist(OFFLINE_ZIP)) as zf:
        zf.extractall(dest)
    return dest / f"{NAME}-offline"


@pytest.fixture(scope="session")
def site(built):
    """The built site folder for checks of the HTML; fails clearly if the build wrote no pages."""
    if not (built.site / "index.html").exists():
        pytest.fail(f"the site was not built (see test_build.py):\n{built.log[-2000:]}")
    return built.site


def pytest_terminal_summary(terminalreporter):
    """One line with what the link/snippet checks covered (counts filled in by the tests)."""
    from support import CHECK_COUNTS
    order = ["pages", "internal links", "anchors", "external links", "snippet includes", "snippets"]
    keys = sorted(CHECK_COUNTS, key=lambda k: order.index(k) if k in order else len(order))
    if keys:
        terminalreporter.write_line("link check: " + ", ".join(f"{CHECK_COUNTS[k]} {k}" for k in keys))
