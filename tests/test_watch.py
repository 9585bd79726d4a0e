"""guide.watch, offline: a local server on 127.0.0.1 serves recorded pages, each test writes a small
registry pointing at it, runs `python -m guide.watch`'s main() and reads the Markdown report it wrote."""
from __future__ import annotations

import http.server
import re
import socket
import threading

import pytest

from guide import watch

SAFETY_STOP = 30   # seconds after which the server shuts itself down, even if a test hangs
SLOW = 3           # the slow page answers after this long at most (the client gives up after 0.5 s)


def html(body: str, charset: str | None = "utf-8", encoding: str = "utf-8") -> bytes:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!doctype html><html><head>{meta}<title>OCN</title>"
            f"<style>body {{ color: black }}</style></head><body>{body}</body></html>").encode(encoding)


HTML = "text/html"
UTF8 = "text/html; charset=utf-8"
NUMBER = "<h1>OCNお客さま番号とは</h1><p>OCNお客さま番号は、OCN会員登録証に書かれています。</p>"
JAPANESE = "<p>ワンタイムパスワードを入力してください。認証番号を確認します。</p>" * 20
CIRCLED = "<p>手順①：認証番号</p>"   # ① is in Windows-31J (how browsers read Shift_JIS), not in shift_jis
#: path -> (status, headers, body). `{port}` in a header is the server's port.
PAGES = {
    "/page": (200, {"Content-Type": UTF8}, html(NUMBER)),
    "/changed": (200, {"Content-Type": UTF8}, html("<p>OCNお客さま番号は、ご契約内容のご案内に書かれています。</p>")),
    "/in-script": (200, {"Content-Type": UTF8},
                   html("<p>OCNお客さま番号</p><script>var s = 'OCN会員登録証';</script>"
                        "<style>/* OCN会員登録証 */</style>")),
    "/missing": (404, {"Content-Type": UTF8}, html("Not Found")),
    "/removed": (410, {"Content-Type": UTF8}, html("Gone")),
    "/broken": (503, {"Content-Type": UTF8}, html("Service Unavailable")),
    "/elsewhere": (301, {"Location": "http://localhost:{port}/page"}, b""),
    "/renamed": (302, {"Location": "/page"}, b""),
    "/slash/": (301, {"Location": "/slash"}, b""),
    "/slash": (200, {"Content-Type": UTF8}, html(NUMBER)),
    # Shift_JIS declared only in <meta>.
    "/sjis-meta": (200, {"Content-Type": HTML}, html(JAPANESE + CIRCLED, charset="Shift_JIS", encoding="cp932")),
    # The HTTP header wins over a wrong <meta>.
    "/eucjp-header": (200, {"Content-Type": "text/html; charset=EUC-JP"},
                      html(JAPANESE, charset="utf-8", encoding="euc_jp")),
    # No charset anywhere: requests' apparent encoding.
    "/sjis-undeclared": (200, {"Content-Type": HTML}, html(JAPANESE + CIRCLED, charset=None, encoding="cp932")),
    "/wide": (200, {"Content-Type": UTF8},
              html("<p>メールアドレス（ＯＣＮ　ＩＤ）</p><p>これまでの<b>ログイン</b>は\n    こちら</p>"
                   "<p>お問い合わせ：0120-208-360</p>")),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        if self.path == "/slow":
            self.server.release.wait(SLOW)   # released at teardown, so the server stops at once
            status, headers, body = 200, {"Content-Type": UTF8}, html(NUMBER)
        else:
            status, headers, body = PAGES.get(self.path, (404, {}, b"no such recorded page"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value.format(port=self.server.server_address[1]))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout test)
            pass


@pytest.fixture(scope="module")
def server():
    """http://127.0.0.1:<port>; stops at teardown, or by itself after SAFETY_STOP seconds."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True        # a handler stuck on a half-open connection (the TLS test) must not
    httpd.block_on_close = False       # hold up teardown (it did, for ~12 s)
    httpd.release = threading.Event()
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    guard = threading.Timer(SAFETY_STOP, httpd.shutdown)
    guard.daemon = True
    guard.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.release.set()
    guard.cancel()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """A proxy set in the environment (as on some CI runners) must not see the local requests."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def write_registry(path, entries: dict[str, tuple[str | None, list[str]]]):
    """entries: id -> (url or None, phrases). A source without url is written as a customer record."""
    lines = ["sources:"]
    for sid, (url, phrases) in entries.items():
        lines += [f"  {sid}:", f"    title: {sid}", "    publisher: test",
                  f"    kind: {'official' if url else 'record'}", "    read: 2026-11-25"]
        lines += [f"    url: {url}"] if url else ["    no_url: a record"]
        lines += ["    phrases:"] + [f"      - \"{p}\"" for p in phrases]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(tmp_path, entries, timeout=2.0):
    """Run the watch on a registry of `entries`; returns (exit code, {id: (status, detail, url)}, report)."""
    registry = write_registry(tmp_path / "sources.yml", entries)
    out = tmp_path / "report.md"
    code = watch.main(["--registry", str(registry), "--timeout", str(timeout), "--output", str(out)])
    text = out.read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        if line.startswith("| `"):
            sid, status, detail, url = re.split(r" (?<!\\)\| ", line.strip("| "))
            rows[sid.strip("`")] = (status, detail, url)
    return code, rows, text


def one(tmp_path, url, phrases, timeout=2.0):
    code, rows, _ = run(tmp_path, {"src": (url, phrases)}, timeout)
    status, detail, _ = rows["src"]
    return code, status, detail


PHRASES = ["OCNお客さま番号", "OCN会員登録証"]


#: (case, url ({server}: the test server; {https}: the same with https://), phrases, timeout, exit code,
#: status, what the detail must hold, what it must not). Each row is one way an official page can change, and what the watch says of it.
CASES = [
    ("unchanged", "{server}/page", PHRASES, 2.0, 0, "ok", [], []),
    ("a phrase is gone, and named", "{server}/changed", PHRASES, 2.0, 1, "phrase-missing", ["「OCN会員登録証」"], ["OCNお客さま番号"]),
    ("text in script and style does not count", "{server}/in-script", PHRASES, 2.0, 1, "phrase-missing", ["OCN会員登録証"], []),
    ("404 is gone", "{server}/missing", PHRASES, 2.0, 1, "gone", ["HTTP 404"], []),
    ("410 is gone", "{server}/removed", PHRASES, 2.0, 1, "gone", ["HTTP 410"], []),
    ("503 is gone", "{server}/broken", PHRASES, 2.0, 1, "gone", ["HTTP 503"], []),
    ("redirect to another host", "{server}/elsewhere", PHRASES, 2.0, 1, "moved",
     ["another host: localhost:{port}", "every phrase is there"], []),
    ("redirect to another path", "{server}/renamed", PHRASES, 2.0, 1, "moved", ["another path: 127.0.0.1:{port} ({server}/page)"], []),
    ("a dropped trailing slash is no move", "{server}/slash/", PHRASES, 2.0, 0, "ok", [], []),
    ("slow page", "{server}/slow", PHRASES, 0.5, 1, "error", ["timeout"], []),
    ("TLS to a plain-HTTP server", "{https}/page", PHRASES, 2.0, 1, "error", ["TLS error"], []),
    # Shift_JIS from <meta> (read as Windows-31J: ①), EUC-JP from the header over a wrong <meta>, and
    # Shift_JIS declared nowhere
    ("Shift_JIS by meta", "{server}/sjis-meta", ["ワンタイムパスワード", "手順①：認証番号"], 2.0, 0, "ok", [], []),
    ("EUC-JP by header", "{server}/eucjp-header", ["ワンタイムパスワード", "認証番号を確認します"], 2.0, 0, "ok", [], []),
    ("Shift_JIS undeclared", "{server}/sjis-undeclared", ["ワンタイムパスワード", "手順①：認証番号"], 2.0, 0, "ok", [], []),
    ("full width, half width and line breaks match", "{server}/wide",
     ["メールアドレス(OCN ID)", "これまでのログインはこちら", "０１２０－２０８－３６０"], 2.0, 0, "ok", [], []),
]


@pytest.mark.parametrize("case, url, phrases, timeout, code, status, holds, lacks", CASES, ids=[c[0] for c in CASES])
def test_watch_says_how_a_page_changed(server, tmp_path, case, url, phrases, timeout, code, status, holds, lacks):
    fill = {"server": server, "https": server.replace("http://", "https://"), "port": server.rsplit(":", 1)[1]}
    got = one(tmp_path, url.format(**fill), phrases, timeout)
    assert got[:2] == (code, status), got
    assert all(text.format(**fill) in got[2] for text in holds) and not any(t in got[2] for t in lacks), got[2]


def test_closed_port_is_a_connection_error(tmp_path):
    with socket.socket() as sock:   # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, status, detail = one(tmp_path, f"http://127.0.0.1:{port}/", PHRASES)
    assert (code, status) == (1, "error") and "connection error" in detail


@pytest.mark.parametrize("path, phrases", [
    ("/sjis-meta", ["ワンタイムパスワード", "手順①：認証番号"]),
    ("/eucjp-header", ["ワンタイムパスワード", "認証番号を確認します"]),
    ("/sjis-undeclared", ["ワンタイムパスワード", "手順①：認証番号"]),
])
def test_japanese_encodings_are_decoded(server, tmp_path, path, phrases):
    """Shift_JIS from <meta> (read as Windows-31J: ①), EUC-JP from the header over a wrong <meta>,
    and Shift_JIS declared nowhere."""
    assert one(tmp_path, f"{server}{path}", phrases)[:2] == (0, "ok")


def test_full_width_half_width_and_line_breaks_match(server, tmp_path):
    phrases = ["メールアドレス(OCN ID)", "これまでのログインはこちら", "０１２０－２０８－３６０"]
    assert one(tmp_path, f"{server}/wide", phrases)[:2] == (0, "ok")


def test_report_lists_every_source_with_a_url(server, tmp_path):
    code, rows, text = run(tmp_path, {
        "fine": (f"{server}/page", PHRASES),
        "gone-away": (f"{server}/missing", PHRASES),
        "changed": (f"{server}/changed", PHRASES),
        "a-record": (None, ["画面の記録"]),
    })
    assert code == 1
    assert {sid: row[0] for sid, row in rows.items()} == {
        "fine": "ok", "gone-away": "gone", "changed": "phrase-missing"}
    assert rows["fine"][2] == f"{server}/page"
    assert "3 sources with a `url`" in text and "1 ok, 1 phrase-missing, 1 gone" in text
    assert "**gone**" in text and "**ok**" not in text   # what to do, for the statuses seen only


def test_report_is_printed_as_well_as_written(server, tmp_path, capsys):
    run(tmp_path, {"fine": (f"{server}/page", PHRASES)})
    assert capsys.readouterr().out == (tmp_path / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("content, says", [
    (None, "cannot read"),
    ("sources: [unclosed\n", "cannot read"),
    ("sources:\n  a: 5\n", "sources/a: 5 is not of type 'object'"),
    ("sources:\n  a:\n    title: a\n    publisher: p\n    kind: record\n", "nothing to watch"),
])
def test_bad_registry_exits_2_naming_the_file(tmp_path, capsys, content, says):
    registry = tmp_path / "sources.yml"
    if content is not None:
        registry.write_text(content, encoding="utf-8")
    assert watch.main(["--registry", str(registry), "--timeout", "1"]) == 2
    err = capsys.readouterr().err
    assert str(registry) in err and says in err and "--registry" in err


def test_output_in_a_missing_folder_exits_2_before_fetching(tmp_path, capsys):
    registry = write_registry(tmp_path / "sources.yml", {"src": ("http://127.0.0.1:9/", PHRASES)})
    out = tmp_path / "no-such-folder" / "report.md"
    assert watch.main(["--registry", str(registry), "--output", str(out)]) == 2
    captured = capsys.readouterr()
    assert str(out) in captured.err and captured.out == ""
