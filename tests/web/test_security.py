"""Review credentials and CSRF values: compared in constant time, signed by this server."""

from __future__ import annotations

import pytest

from claimledger.web.security import Guard

SECRET = b"k" * 32


@pytest.mark.parametrize(
    "configured,given,ok",
    [("s3cret-token", "s3cret-token", True), ("s3cret-token", "s3cret-tokeN", False),
     ("s3cret-token", "", False), ("s3cret-token", None, False), (None, "anything", False),
     ("", "", False)],
)
def test_security_token_must_match_exactly(configured, given, ok):
    assert Guard(configured).token_ok(given) is ok


def test_security_no_token_means_read_only():
    assert not Guard(None).writable and not Guard("").writable
    assert Guard("s3cret-token").writable


def test_security_csrf_value_is_signed_by_this_server():
    guard = Guard("t0ken-123", SECRET)
    value = guard.new_csrf()
    assert guard.csrf_ok(value, value)
    assert not Guard("t0ken-123", b"other" * 8).csrf_ok(value, value)  # another server's


@pytest.mark.parametrize(
    "tamper",
    [lambda v: (v, v + "x"), lambda v: (None, v), lambda v: (v, None),
     lambda v: ("nonce.0000", "nonce.0000"), lambda v: (v.split(".")[0] + ".", v.split(".")[0] + ".")],
)
def test_security_csrf_refuses_mismatch_or_forgery(tamper):
    guard = Guard("t0ken-123", SECRET)
    cookie, field = tamper(guard.new_csrf())
    assert not guard.csrf_ok(cookie, field)
