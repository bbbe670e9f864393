"""The web UI over a ledger: `create_app(db_path, review_token=None)` builds the FastAPI app.

Server-rendered pages, each with a JSON twin (`pages.py`); reads through read-only,
time-limited connections (`db.py`); writes only reviews, and only with a token
(`security.py`). The app holds no state of its own beyond a cache of the computed series,
keyed by the database files' modification stamps, so a running server follows an ingest or a
review without a restart.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from claimledger.errors import StoreError
from claimledger.ledger.reviews import EDITABLE
from claimledger.web.db import Database, QueryTimeout
from claimledger.web.pages import render, templates
from claimledger.web.routes import discrepancies, documents, incidents, reviews, series, sources
from claimledger.web.security import SECURITY_HEADERS, Guard

STATIC = Path(__file__).parent / "static"
logger = logging.getLogger("claimledger.web")

#: what a client is told when the time limit stopped its query, and when to try again
TIMEOUT_MESSAGE = "the query took too long and was stopped; try again"
RETRY_AFTER = {"Retry-After": "2"}


def _wants_json(request: Request) -> bool:
    """JSON for the `.json` twins and for scripts' POSTs; an HTML page for browsers' forms."""
    if request.url.path.endswith(".json"):
        return True
    if request.method == "GET":
        return False
    ctype = request.headers.get("content-type", "")
    return not ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def _error(
    request: Request, status: int, message: str, headers: dict | None = None
) -> Response:
    """The error in the request's format, with the security headers set here: a response
    made for an unhandled exception never passes through the headers middleware."""
    headers = {**SECURITY_HEADERS, **(headers or {})}
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status, headers=headers)
    response = render(request, "error.html", {"status": status, "message": message}, status)
    response.headers.update(headers)
    return response


def _internal_error(request: Request, exc: BaseException) -> Response:
    """500 with one generic line and a request id; the detail goes to the server's log only,
    so no internal exception text (paths, SQL, library messages) reaches a client."""
    request_id = uuid.uuid4().hex[:12]
    logger.error(
        "request %s: %s %s failed", request_id, request.method, request.url.path,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    message = f"internal error (request id {request_id})"
    try:
        return _error(request, 500, message)
    except Exception:  # noqa: BLE001 - the error page itself failed: answer in plain text
        return PlainTextResponse(message, 500, headers=SECURITY_HEADERS)


def _interrupted(exc: BaseException) -> bool:
    """Whether an exception is SQLite's answer to the time limit's progress handler."""
    return isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc)


def _warm(db: Database) -> None:
    """Fill the caches; a failure here only means the first request will compute them."""
    try:
        sources.claimants(db)
        discrepancies.all_disputes(db)  # computes the series first
    except Exception as exc:  # noqa: BLE001 - logged, never fatal
        logger.warning("could not precompute the ledger summaries: %s", exc)


def create_app(
    db_path: str | Path,
    review_token: str | None = None,
    *,
    time_limit_ms: int = 1000,
    csrf_secret: bytes | None = None,
    warm: bool = False,
) -> FastAPI:
    """The app for one ledger file; it accepts reviews only when `review_token` is given.

    `warm` computes the whole-ledger summaries (series, claimants) in a background thread
    right away, and again after each review, so that the next visitor of /series does not
    wait for them.
    """
    app = FastAPI(
        title="claimledger",
        description="Browse a ledger of attributed claims and figures; every page has a "
        "JSON twin at the same URL + `.json`.",
        version="1",
        # Swagger UI and ReDoc load their scripts from a CDN: no internet, and the CSP
        # forbids it; the schema itself stays at /openapi.json
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = Database(db_path, time_limit_ms=time_limit_ms)
    app.state.guard = Guard(review_token, csrf_secret)
    templates.env.globals["document_part"] = documents.document_part
    templates.env.globals["figure_in"] = series.figure_in
    templates.env.globals["choices"] = {
        field: kind for field, kind in EDITABLE["figure"].items() if isinstance(kind, tuple)
    }
    app.state.refresh = lambda: None
    if warm:
        app.state.refresh = lambda: threading.Thread(
            target=_warm, args=(app.state.db,), daemon=True
        ).start()
        app.state.refresh()

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (documents, sources, series, incidents, discrepancies, reviews):
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/documents", status_code=302)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        # browsers ask for it on the JSON pages too; there is none, say so without an error
        return Response(status_code=204)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception):
        return _error(request, 404, getattr(exc, "detail", None) or "not found")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]
        )
        return _error(request, 422, f"invalid request: {where}")

    @app.exception_handler(QueryTimeout)
    async def too_slow(request: Request, exc: QueryTimeout):
        return _error(request, 503, TIMEOUT_MESSAGE, RETRY_AFTER)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        if "interrupted" in str(exc) or _interrupted(exc.__cause__ or exc.__context__):
            return _error(request, 503, TIMEOUT_MESSAGE, RETRY_AFTER)
        return _internal_error(request, exc)

    @app.exception_handler(sqlite3.OperationalError)
    async def sqlite_error(request: Request, exc: sqlite3.OperationalError):
        # a query run on the connection directly (reviews, series rows) that the time limit
        # stopped: the same 503 as a `Reader` query's `QueryTimeout`
        if _interrupted(exc):
            return _error(request, 503, TIMEOUT_MESSAGE, RETRY_AFTER)
        return _internal_error(request, exc)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        return _internal_error(request, exc)

    return app
