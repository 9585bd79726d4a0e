"""Content-Security-Policy for every built page, as <meta http-equiv> (static hosting sets no headers).

The policy allows only this site's own files, plus, by sha256 hash, the exact inline scripts and styles
that the finished page contains (Material's small inline scripts, the stylesheets inlined by
hooks/inline_small_css.py, the SVG diagrams' <style> and style="" attributes). Anything injected later
(a script or style that is not byte-for-byte one of these) is blocked. hooks/csp.py applies it.

The offline copy's search runs in the iframe-worker shim: it writes an inline <script> into an
about:blank iframe, which inherits this policy. That script is rebuilt here from the shim's own source and
the page's worker URL, and hashed like the others (tests/test_offline.py proves search still works).
"""
from __future__ import annotations

import base64
import hashlib
import html as htmllib
import json
import re

SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.S | re.I)
STYLE_ATTR = re.compile(r"""\sstyle=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.I)
TYPE = re.compile(r"""\btype=["']?([^"'\s>]+)""", re.I)
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
META = '<meta http-equiv="Content-Security-Policy" content="{}">'
CHARSET = '<meta charset="utf-8">'

#: The fixed part of the policy. Hashes are added to script-src and style-src per page.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],       # Material's icons are data: SVGs in its CSS (mask-image)
    "font-src": ["'self'"],
    "connect-src": ["'self'"],            # search index (fetch) on the served site
    "worker-src": ["'self'"],             # the search worker on the served site
    "frame-src": ["'none'"],              # the offline shim's iframe is about:blank, which frame-src does not govern
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _in_svg(html: str, pos: int) -> bool:
    return html.rfind("<svg", 0, pos) > html.rfind("</svg>", 0, pos)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline JavaScript <script> (data blocks like type="application/json" are not run)."""
    out = []
    for m in SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if re.search(r"\ssrc=", attrs, re.I):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in JS_TYPES:
            out.append(m.group("body"))
    return out


def inline_styles(html: str) -> tuple[list[str], list[str]]:
    """(text of every <style> element, value of every style="" attribute), as the browser hashes them:
    raw text in HTML, entity-decoded text inside inline SVG (foreign content), decoded attribute values."""
    elements = [htmllib.unescape(m.group("body")) if _in_svg(html, m.start()) else m.group("body")
                for m in STYLE.finditer(html)]
    without_code = SCRIPT.sub("", STYLE.sub("", html))
    attrs = [htmllib.unescape(m.group("dq") if m.group("dq") is not None else m.group("sq"))
             for m in STYLE_ATTR.finditer(without_code)]
    return elements, attrs


def _function_source(source: str, name: str) -> str:
    """`function name(...){...}` as written in a minified file (braces balanced; none inside strings)."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"function {name} not found")
    depth, i = 0, source.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        i += 1
        if depth == 0:
            return source[start:i]


SHIM_TEMPLATE = re.compile(r"<html><body><script>(?P<script>.*?)<\\/script><script src=\$\{(?P<url>\w+)\}")


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim (1.0.x) writes into its iframe for `new Worker(worker_url)`:
    its template with each ${fn} replaced by that function's source (Function.prototype.toString gives the
    source text) and ${url} by the worker URL. Raises ValueError if the shim no longer looks like this."""
    m = SHIM_TEMPLATE.search(shim)
    if not m:
        raise ValueError("iframe-worker shim: its iframe template (<html><body><script>…) was not found")
    url_name = m.group("url")

    def fill(p: re.Match) -> str:
        name = p.group(1)
        return worker_url if name == url_name else _function_source(shim, name)
    return re.sub(r"\$\{(\w+)\}", fill, m.group("script"))


def worker_url(html: str) -> str | None:
    """The search worker URL of a Material page (its __config), as the bundle passes it to `new Worker`."""
    m = CONFIG.search(html)
    return json.loads(m.group(1)).get("search") if m else None


def policy(html: str, extra_scripts: list[str] = ()) -> str:
    """The policy for one finished page."""
    directives = {k: list(v) for k, v in BASE_POLICY.items()}
    scripts = sorted({sha256(s) for s in [*inline_scripts(html), *extra_scripts]})
    elements, attrs = inline_styles(html)
    styles = sorted({sha256(s) for s in elements})
    attr_hashes = sorted({sha256(s) for s in attrs} - set(styles))
    directives["script-src"] += scripts
    # 'unsafe-hashes' lets a hash match a style="" attribute too; without it attributes need 'unsafe-inline'.
    directives["style-src"] += (["'unsafe-hashes'"] if attr_hashes else []) + styles + attr_hashes
    return "; ".join(" ".join([k, *v]) for k, v in directives.items())


def add_policy(html: str, extra_scripts: list[str] = ()) -> str:
    """The page with its policy as the first element after <meta charset> (a meta policy only governs
    what comes after it). Raises ValueError if the page has no <meta charset> or already has a policy."""
    if "Content-Security-Policy" in html.split("</head>", 1)[0]:
        raise ValueError("the page already has a Content-Security-Policy")
    if CHARSET not in html:
        raise ValueError(f"no {CHARSET} to put the policy after")
    meta = META.format(htmllib.escape(policy(html, extra_scripts), quote=False).replace('"', "&quot;"))
    return html.replace(CHARSET, CHARSET + "\n    " + meta, 1)


def parse(policy_text: str) -> dict[str, list[str]]:
    """A policy string as {directive: [sources]}."""
    out = {}
    for part in policy_text.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out
