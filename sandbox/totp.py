"""Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), enough to check a code."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
import time

STEP_S = 30
DIGITS = 6


def decode_secret(secret: str) -> bytes:
    """The key behind a base32 secret as authenticator apps show it (any case, spaces allowed)."""
    text = secret.replace(" ", "").upper()
    try:
        key = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError) as err:
        raise ValueError("totp_secret is not valid base32") from err
    if not key:
        raise ValueError("totp_secret is empty")
    return key


def code_at(secret: str, unix_time: float, digits: int = DIGITS) -> str:
    """The code an authenticator app shows at `unix_time`."""
    counter = int(unix_time // STEP_S)
    digest = hmac.new(decode_secret(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def verify(secret: str, code: str, now: float | None = None) -> bool:
    """True when `code` is the current code or the previous one (a person may be a few seconds late)."""
    now = time.time() if now is None else now
    code = code.strip().replace(" ", "")
    return any(hmac.compare_digest(code, code_at(secret, now - back)) for back in (0, STEP_S))
