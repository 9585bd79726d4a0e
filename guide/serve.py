"""A built site on a loopback HTTP server: for the browser tests and the search benchmark (the page-speed
benchmark, guide/bench.py, uses Lighthouse CI's own server)."""
from __future__ import annotations

from pathlib import Path

from guide.pages import site_pages


class StaticServer:
    """A built site on http://127.0.0.1:<free port>/ in a background thread (stdlib http.server).

    gzip=True compresses text responses, as real static hosting does (used by guide/bench_search.py)."""

    def __init__(self, root: Path, gzip: bool = False):
        import functools
        import http.server
        import threading

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def end_headers(self):
                self.send_header("Cache-Control", "max-age=600")
                super().end_headers()

            def send_head(self):
                if not gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
                    return super().send_head()
                return _send_gzipped(self) or super().send_head()

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                import sys
                if not isinstance(sys.exc_info()[1], ConnectionError):   # not a browser that hung up early
                    super().handle_error(request, client_address)

        handler = functools.partial(Handler, directory=str(root))
        self.httpd = Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


def _send_gzipped(handler):
    """Serve a text file gzip-compressed; None lets http.server handle everything else."""
    import gzip as gz
    import io
    import mimetypes
    import urllib.parse
    path = Path(handler.translate_path(urllib.parse.urlsplit(handler.path).path))
    if path.is_dir():
        if not handler.path.split("?")[0].endswith("/"):
            return None  # let http.server redirect
        path = path / "index.html"
    if not path.is_file() or path.suffix not in _COMPRESSIBLE:
        return None
    body = gz.compress(path.read_bytes(), compresslevel=9)
    handler.send_response(200)
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
        ctype += "; charset=utf-8"
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Vary", "Accept-Encoding")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    return io.BytesIO(body)


def site_urls(base: str, site: Path, offline: bool = False) -> dict[str, str]:
    """{'steps/1-open.md': url} for every page a reader opens (guide.pages.site_pages: the docs pages and a
    sample of the route finder's): directory URLs on the web, .html files offline."""
    urls = {}
    for md in site_pages():
        stem = md[:-3]
        if offline:
            rel = stem + ".html"
        elif stem == "index" or stem.endswith("/index"):
            rel = stem[: -len("index")]
        else:
            rel = stem + "/"
        urls[md] = base + rel
    return urls
