"""Who may write, and the headers that keep an untrusted article from running code.

The server is read-only unless it was started with a review token. Scripts send it as
`Authorization: Bearer TOKEN`; the HTML review form sends it as a field, together with a
CSRF token (a signed double-submit cookie), so a page on another site cannot make a
reviewer's browser post a review. Tokens are compared in constant time.

Every response carries a Content-Security-Policy that allows scripts only from this server:
even if an escaping bug let an article's `<script>` or `onerror=` into a page, the browser
would refuse to run it. The article text is escaped regardless (see `highlight.py`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request

CSRF_COOKIE = "claimledger_csrf"

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        # vega draws its SVG with style attributes; styles cannot run code
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Guard:
    """Checks review credentials for one server run; holds the CSRF signing secret."""

    def __init__(self, review_token: str | None, secret: bytes | None = None) -> None:
        self.review_token = review_token or None
        self._secret = secret or secrets.token_bytes(32)

    @property
    def writable(self) -> bool:
        """Reviews are accepted only when the server was started with a token."""
        return self.review_token is not None

    def token_ok(self, given: str | None) -> bool:
        """True when `given` is the review token (constant-time comparison)."""
        if not self.review_token or not given:
            return False
        return hmac.compare_digest(given.encode(), self.review_token.encode())

    def bearer(self, request: Request) -> str | None:
        """The token of an `Authorization: Bearer ...` header, if any."""
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        return value.strip() if scheme.lower() == "bearer" and value.strip() else None

    def require_writable(self) -> None:
        """403 when the server runs read-only."""
        if not self.writable:
            raise HTTPException(403, "this server is read-only: start it with --review-token")

    def require_bearer(self, request: Request) -> None:
        """401 unless the request carries the review token as a bearer token."""
        self.require_writable()
        if not self.token_ok(self.bearer(request)):
            raise HTTPException(
                401, "a valid review token is required", headers={"WWW-Authenticate": "Bearer"}
            )

    # CSRF: cookie value "nonce.signature"; the form must echo the same value
    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode(), hashlib.sha256).hexdigest()

    def new_csrf(self) -> str:
        """A fresh signed CSRF value for the cookie and the form field."""
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._sign(nonce)}"

    def csrf_ok(self, cookie: str | None, field: str | None) -> bool:
        """The form field equals the cookie, and the cookie was signed by this server."""
        if not cookie or not field or not hmac.compare_digest(cookie.encode(), field.encode()):
            return False
        nonce, _, sig = cookie.partition(".")
        return bool(nonce) and hmac.compare_digest(sig.encode(), self._sign(nonce).encode())

    def csrf_for(self, request: Request) -> str:
        """The request's valid CSRF cookie, or a new value to set."""
        current = request.cookies.get(CSRF_COOKIE)
        if current and self.csrf_ok(current, current):
            return current
        return self.new_csrf()
