"""Read a text file safely: size limit, binary refusal, and a stated decoding policy.

Decoding policy: UTF-8 (a BOM is dropped); UTF-16 when the file starts with a UTF-16 BOM.
Anything else (UTF-32 included) is refused with the byte offset of the first undecodable
byte: guessing a legacy code page silently corrupts names and figures, which is worse than
asking.

Reads are bounded: at most the size limit plus one byte is ever read, from a regular file,
stdin, a FIFO or a character device alike, so `/dev/zero` or an endless pipe is refused
instead of filling memory.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from claimledger import settings
from claimledger.errors import InputError

max_bytes = settings.max_bytes

#: the name that means standard input
STDIN = "-"

#: a UTF-16 code unit standing alone: Python strings can hold one (a JSON `\ud800` escape, a
#: command-line argument that is not UTF-8), but no encoder, SQLite or stdout accepts it


def over_limit(name: str, limit: int, size: int | None = None) -> InputError:
    """The one-line refusal of an input over the size limit (its size when known)."""
    size_text = f" {size:,} bytes" if size is not None else ""
    return InputError(
        f"{name}:{size_text} is over the size limit of {limit:,} bytes "
        "(raise it with --max-bytes or CLAIMLEDGER_MAX_BYTES)"
    )


def display_name(path: str | Path) -> str:
    """How messages name an input: its path, or "stdin" for '-'."""
    return "stdin" if str(path) == STDIN else str(path)


@contextmanager
def open_input(path: str | Path) -> Iterator[BinaryIO]:
    """A file, or stdin for '-', opened for bytes; every OS failure becomes one `InputError`.

    Failures while reading inside the block are mapped too: a read error on a device is as
    much the input's fault as a missing file.
    """
    name = display_name(path)
    try:
        if str(path) == STDIN:
            yield sys.stdin.buffer
            return
        with open(path, "rb") as stream:
            yield stream
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:  # a symlink loop, a socket, an I/O error
        raise InputError(f"{name}: cannot read ({exc.strerror or type(exc).__name__})") from None


def read_limited(stream: BinaryIO, limit: int, name: str) -> bytes:
    """All of a stream's bytes, reading at most `limit` + 1 of them: more is refused."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise over_limit(name, limit)
    return data


def read_input_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a file, device, FIFO or stdin ('-'), refused once over the limit."""
    limit = max_bytes() if limit is None else limit
    name = display_name(path)
    with open_input(path) as stream:
        if str(path) != STDIN:
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise over_limit(name, limit, info.st_size)
        return read_limited(stream, limit, name)


def decode_bytes(data: bytes, name: str = "input", limit: int | None = None) -> str:
    """Decode bytes per the policy above, refusing binary data and oversize input."""
    limit = max_bytes() if limit is None else limit
    if len(data) > limit:
        raise over_limit(name, limit, len(data))
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: same prefix
        raise InputError(
            f"{name}: UTF-32 text is not supported; convert it to UTF-8 first, e.g. `iconv -f utf-32 -t utf-8`"
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
    """Read a text file (or stdin, '-') under the decoding policy; one-line errors for every failure."""
    return decode_bytes(read_input_bytes(path, limit), display_name(path), limit)


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
