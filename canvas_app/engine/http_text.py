"""Text the tracking server sends or logs: a ``Location`` header that is plain ASCII whatever
the target (IDNA host, percent-encoded path and query), and log text with control characters
escaped so a request cannot rewrite the terminal."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

# What may stay as it is in each part (RFC 3986); "%" stays so existing escapes are kept.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"
_USER_SAFE = ":!$&'()*+,;=-._~%"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _host(host: str) -> str:
    if host.isascii():
        return quote(host, safe="-._~!$&'()*+,;=:[]%")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # not a name IDNA can encode: percent-encode it (RFC 3986 reg-name)
        return quote(host, safe="-._~")


@lru_cache(maxsize=1024)  # a room clicks the same few links
def location(target: str) -> str:
    """``target`` as an ASCII URL for a ``Location`` header: the host IDNA-encoded, everything
    else that is not ASCII (or not allowed in a URL, or a control character) percent-encoded
    as UTF-8. ``https://例え.jp/テスト.pdf`` becomes
    ``https://xn--r8jz45g.jp/%E3%83%86%E3%82%B9%E3%83%88.pdf``."""
    try:
        parts = urlsplit(target)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return quote(target, safe=_QUERY_SAFE + "#")
    netloc = parts.netloc
    if parts.hostname is not None:
        host = _host(parts.hostname)
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        userinfo, at, _ = parts.netloc.rpartition("@")
        netloc = (quote(userinfo, safe=_USER_SAFE) + at if at else "") + host
        if port is not None:
            netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=_PATH_SAFE),
                       quote(parts.query, safe=_QUERY_SAFE),
                       quote(parts.fragment, safe=_QUERY_SAFE)))


def printable(text: str, limit: int = 200) -> str:
    """``text`` for one log line: control and bidirectional characters shown as escapes
    (``\\x1b``, ``\\u202e``), cut to ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit] + "..."
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
