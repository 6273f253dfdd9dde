"""Tracking tokens: HMAC-signed (per-workspace secret) names of a send and a link.

Every token looks alike from outside, the honeypot's included: base64url of the payload,
a dot, and a truncated HMAC-SHA256.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from canvas_app.store import meta

SECRET_KEY = "tracking_secret"
HONEYPOT = "~"  # never a valid link id
_SIG_BYTES = 16
_BLOCK = 64  # SHA-256's block size: HMAC pads its key to it
_IPAD = bytes((b ^ 0x36) for b in range(256))
_OPAD = bytes((b ^ 0x5C) for b in range(256))
_TOKEN = re.compile(r"([A-Za-z0-9_-]{4,200})\.([A-Za-z0-9_-]{22})")  # fullmatch: no trailing \n
#: A tracked URL as the engine writes it, or its path as the server reads it (urlsplit would
#: find the same token in it).
_TRACKED_URL = re.compile(r"(?:https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?)?/t/"
                          r"([A-Za-z0-9_-]{4,200})\.([A-Za-z0-9_-]{22})/?")
TRACK_PATH = "/t/"


def workspace_secret(session: Session) -> bytes:
    value = meta.get(session, SECRET_KEY)
    if value is None:
        value = secrets.token_hex(32)
        meta.put(session, SECRET_KEY, value)
    return bytes.fromhex(value)


_URLSAFE = bytes.maketrans(b"+/", b"-_")


def _b64(data: bytes) -> str:
    """base64url without padding (binascii directly: a token is made per link of every send)."""
    return binascii.b2a_base64(data, newline=False).translate(_URLSAFE).rstrip(b"=").decode(
        "ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class TokenTarget:
    send_id: int
    link_id: str | None  # None: the honeypot


class Signer:
    """Signs and verifies tokens. Payloads are masked with a keystream derived from the secret
    so that no token, the honeypot's included, says what it names to anyone without it."""

    _MAX_PAYLOAD = 128

    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        blocks = (hashlib.sha256(secret + b"mask" + bytes([i])).digest() for i in range(4))
        self._mask = b"".join(blocks)
        self._masks = [int.from_bytes(self._mask[:n], "big") for n in range(len(self._mask) + 1)]
        # HMAC-SHA256 (RFC 2104) with the key's inner and outer hashes started once: each
        # token then costs two hash copies instead of hashing the padded key twice again.
        key = secret if len(secret) <= _BLOCK else hashlib.sha256(secret).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(key.translate(_IPAD))
        self._outer = hashlib.sha256(key.translate(_OPAD))

    def _masked(self, payload: bytes) -> bytes:
        n = len(payload)
        mask = self._masks[n] if n < len(self._masks) else self._masks[-1]
        return (int.from_bytes(payload, "big") ^ mask).to_bytes(n, "big")

    def _digest(self, payload: bytes) -> bytes:
        inner = self._inner.copy()
        inner.update(payload)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()[:_SIG_BYTES]

    def _sign(self, payload: bytes) -> str:
        return _b64(self._digest(payload))

    def token(self, send_id: int, link_id: str | None) -> str:
        """``_b64(masked payload) + "." + _sign(payload)``, in one go: every link of every send
        needs one."""
        payload = f"{send_id}.{link_id if link_id is not None else HONEYPOT}".encode()
        inner = self._inner.copy()
        inner.update(payload)
        outer = self._outer.copy()
        outer.update(inner.digest())
        signature = binascii.b2a_base64(outer.digest()[:_SIG_BYTES], newline=False)
        masked = binascii.b2a_base64(self._masked(payload), newline=False).rstrip(b"=")
        return (masked + b"." + signature.rstrip(b"=")).translate(_URLSAFE).decode("ascii")

    def token_maker(self, link_id: str | None) -> Callable[[int], str]:
        """``token(send_id, link_id)`` as a function of the send id, for rendering a batch:
        the link's part of the payload, the hashes' starting states and the masks looked up
        once, and as few steps per token as give the same text."""
        suffix = f".{link_id if link_id is not None else HONEYPOT}".encode()
        # a payload longer than the mask is masked by all of it (as _masked): room for any 64-bit id
        masks = self._masks + [self._masks[-1]] * (len(suffix) + 24)

        def token(send_id: int, suffix: bytes = suffix, inner_start: Any = self._inner,
                  outer_start: Any = self._outer, masks: list[int] = masks,
                  b2a: Callable[..., bytes] = binascii.b2a_base64, urlsafe: bytes = _URLSAFE
                  ) -> str:
            # (its constants as defaults: local names are the fastest to read)
            payload = b"%d%s" % (send_id, suffix)
            inner = inner_start.copy()
            inner.update(payload)
            outer = outer_start.copy()
            outer.update(inner.digest())
            n = len(payload)
            # 16 signature bytes are 22 base64 characters and two of padding
            return (b2a((int.from_bytes(payload) ^ masks[n]).to_bytes(n), newline=False
                        ).rstrip(b"=") + b"." + b2a(outer.digest()[:_SIG_BYTES], newline=False
                                                    )[:22]).translate(urlsafe).decode()

        return token

    def verify(self, token: str) -> TokenTarget | None:
        """The send and link a token names, or None when it does not verify."""
        found = _TOKEN.fullmatch(token)
        return None if found is None else self._check(found[1], found[2])

    def verify_url(self, url: str) -> TokenTarget | None:
        """What a tracked URL (any host) or its bare token names, or None when it does not
        verify. A plain ``http(s)://host[:port]/t/TOKEN`` (or its path ``/t/TOKEN``) is taken
        apart by one expression and its token checked without parsing it again; anything else
        goes through urlsplit."""
        found = _TRACKED_URL.fullmatch(url)
        if found is not None:
            return self._check(found[1], found[2])
        return self.verify((token_from_url(url) if "/" in url else url.strip()) or "")

    def _check(self, encoded: str, signature: str) -> TokenTarget | None:
        try:
            raw = _unb64(encoded)
        except (binascii.Error, ValueError):
            return None
        if _b64(raw) != encoded:  # only the canonical spelling: no spare bits to tamper with
            return None
        if len(raw) > self._MAX_PAYLOAD:
            return None
        payload = self._masked(raw)
        if not hmac.compare_digest(self._sign(payload), signature):
            return None
        send, _, link = payload.decode("ascii", "replace").partition(".")
        if not send.isdigit() or not link:
            return None
        return TokenTarget(int(send), None if link == HONEYPOT else link)


def tracking_base(port: int) -> str:
    return f"http://127.0.0.1:{port}{TRACK_PATH}"


def token_from_url(url: str) -> str | None:
    """The token of a tracked URL (any host), or None when the URL is not one."""
    path = urlsplit(url.strip()).path
    if not path.startswith(TRACK_PATH):
        return None
    token = path[len(TRACK_PATH):].strip("/")
    return token or None
