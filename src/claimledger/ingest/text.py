"""Read a text file safely: size limit, binary refusal, and a stated decoding policy.

Decoding policy: UTF-8 (a BOM is dropped); UTF-16 when the file starts with a UTF-16 BOM.
Anything else is refused with the byte offset of the first undecodable byte: guessing a
legacy code page silently corrupts names and figures, which is worse than asking.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from claimledger import settings
from claimledger.errors import InputError

DEFAULT_MAX_BYTES = settings.DEFAULT_MAX_BYTES
max_bytes = settings.max_bytes


def decode_bytes(data: bytes, name: str = "input", limit: int | None = None) -> str:
    """Decode bytes per the policy above, refusing binary data and oversize input."""
    limit = max_bytes() if limit is None else limit
    if len(data) > limit:
        raise InputError(
            f"{name}: {len(data):,} bytes is over the size limit of {limit:,} bytes "
            "(raise it with --max-bytes or CLAIMLEDGER_MAX_BYTES)"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise InputError(f"{name}: looks like a binary file (control characters), not text")
    return text


def read_text(path: str | Path, limit: int | None = None) -> str:
    """Read a text file under the decoding policy; one-line errors for every failure."""
    path = Path(path)
    limit = max_bytes() if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                f"{path}: {size:,} bytes is over the size limit of {limit:,} bytes "
                "(raise it with --max-bytes or CLAIMLEDGER_MAX_BYTES)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    return decode_bytes(data, str(path), limit)


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
