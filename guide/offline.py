"""Build the offline copy of the guide and zip it: dist/<name>-offline.zip (--config mkdocs.en.yml: -en-offline.zip).

Each edition's zip is self-contained (its own pages, search and assets); the language switcher points to
the other edition online when site_url is set, and is left out otherwise (hooks/i18n.py).

The same mkdocs.yml with OFFLINE=true turns on Material's offline plugin (plain
`page.html` URLs, search index inlined as a script). hooks/offline_assets.py swaps the
plugin's unpkg iframe-worker shim for the copy in node_modules, so search works from
file:// with no network. The zip holds one folder; unzip it and open index.html.
"""
from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

from guide import ROOT
from guide.build import mkdocs_build, parse_args, source_date_epoch
# Useless without a web server / search engine; they only hold https:// page addresses.
DROP = {"sitemap.xml", "sitemap.xml.gz"}


def build(site: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    mkdocs_build(site, "offline", config, OFFLINE="true", PRINT="false")
    for name in DROP:
        (site / name).unlink(missing_ok=True)
    for source_map in site.rglob("*.map"):   # debugging aids for developers, not for readers
        source_map.unlink()


def zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip entry time (UTC) from SOURCE_DATE_EPOCH; zip cannot store times before 1980."""
    from datetime import datetime, timezone
    return datetime.fromtimestamp(max(epoch, 315532800), timezone.utc).timetuple()[:6]


def make_zip(site: Path, zip_path: Path, folder: str) -> None:
    """Same files in -> same bytes out: sorted entries, one fixed time (the last commit), fixed modes."""
    date = zip_date(source_date_epoch())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(zip_path)


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    start = time.monotonic()
    site, zip_path = args.out["offline_site"], args.out["offline"]
    build(site, args.config)
    make_zip(site, zip_path, site.name)
    print(f"offline copy: {zip_path.relative_to(ROOT) if zip_path.is_relative_to(ROOT) else zip_path} "
          f"({zip_path.stat().st_size / 1024:.0f} KiB, {time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
