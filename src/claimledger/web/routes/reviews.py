"""Reviews over HTTP: `POST /claims/{id}/review`, `POST /figures/{id}/review`,
`POST /sources/{id}/review` (merge or split claimants), `POST /reviews/{id}/undo`, and the
review log at `/reviews`.

Two ways in, one rule: scripts send JSON with `Authorization: Bearer TOKEN`; the review forms
on the document page post the token as a field plus the CSRF value (signed double-submit
cookie) and are redirected back. Without a token configured the server refuses every write
(403); with a wrong or missing token it answers 401. The stored review is the only write:
the extracted rows are never touched (see `ledger/reviews.py`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from claimledger.ledger.reviews import (
    EDITABLE,
    ReviewError,
    ReviewNotFound,
    add_review,
    list_reviews,
    review_rows,
    undo_review,
)
from claimledger.web.db import Reader
from claimledger.web.pages import DEFAULT_PAGE_SIZE, PageNo, Size, finite, page, paging
from claimledger.web.schemas import CHANGES, ReviewIn, ReviewList, ReviewResult, errors
from claimledger.web.security import CSRF_COOKIE

router = APIRouter()

#: the largest request body a review may have
MAX_BODY = 20_000

#: a review's number, as SQLite stores it (a signed 64-bit integer)
ReviewId = Annotated[int, Path(ge=1, le=2**63 - 1, description="the review's number")]


def _one_line(exc: ValidationError) -> str:
    """The first problem pydantic found, as `field: message` (never its multi-line dump)."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "body"
    if len(where) > 60:  # a field name is whatever the client sent: do not echo a page of it
        where = where[:57] + "..."
    return f"{where}: {first['msg']}"


_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": ReviewIn.model_json_schema()}},
    }
}


async def _limited_body(request: Request) -> bytes:
    """The request body, refused past `MAX_BODY` bytes whatever Content-Length claims.

    Starlette keeps what was read, so `request.form()` parses these same bytes afterwards.
    """
    length = request.headers.get("content-length") or "0"
    if not length.isdigit():
        raise HTTPException(400, "invalid Content-Length")
    if int(length) > MAX_BODY:
        raise HTTPException(413, "request body too large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(413, "request body too large")
        chunks.append(chunk)
    request._body = b"".join(chunks)  # what Request.body() would have cached
    return request._body


async def _read(request: Request, with_review: bool = True) -> tuple[dict[str, Any], bool]:
    """The review fields and whether they came from the HTML form; checks credentials.

    `with_review=False` for requests that carry no review (undo): only credentials count.
    """
    guard = request.app.state.guard
    guard.require_writable()
    raw = await _limited_body(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        if not guard.csrf_ok(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
            raise HTTPException(403, "missing or stale form token: reload the page and retry")
        if not guard.token_ok(form.get("token")):
            raise HTTPException(401, "a valid review token is required")
        return form, True
    guard.require_bearer(request)
    if not with_review:
        return {}, False
    if not ctype.endswith("json") and ctype:
        raise HTTPException(415, "send JSON (application/json) or the HTML form")
    try:
        body = json.loads(raw or b"null")
    except (ValueError, RecursionError):  # not JSON, too deep, or an over-long integer
        raise HTTPException(422, "invalid review body: not a JSON object of a usable size") from None
    try:
        review = ReviewIn.model_validate(body)
    except ValidationError as exc:
        raise HTTPException(422, f"invalid review body: {_one_line(exc)}") from None
    return review.model_dump(), False


def _check_changes(target_type: str, changes: dict[str, Any]) -> None:
    """422 unless the changes fit the target: known fields, scalars, finite non-negative
    counts within bounds (`schemas.CHANGES`); `ledger.reviews` then checks the values."""
    try:
        CHANGES[target_type].model_validate(changes)
    except ValidationError as exc:
        raise HTTPException(422, f"invalid changes: {_one_line(exc)}") from None


def _form_changes(target_type: str, form: dict[str, str]) -> dict[str, Any]:
    """Change fields a form filled in (`change_<field>`); empty inputs mean "unchanged"."""
    out = {}
    for field in EDITABLE[target_type]:
        value = form.get(f"change_{field}", "").strip()
        if value:
            out[field] = value
    return out


def _back(form: dict[str, str]) -> str:
    """Where a form returns: its own page on this server, never elsewhere."""
    nxt = form.get("next", "")
    return nxt if nxt.startswith("/") and not nxt.startswith("//") else "/documents"


async def _review(request: Request, target_type: str, target_id: str) -> Response:
    form, from_form = await _read(request)
    fields = form
    if from_form and target_type == "source" and form.get("split_source"):
        # the claimant page's split form names the row whose name is split out
        target_id = form["split_source"]
    if from_form:
        fields = {
            "verdict": form.get("verdict", ""),
            "changes": _form_changes(target_type, form),
            "note": form.get("note") or None,
            "reviewer": form.get("reviewer") or None,
        }
    _check_changes(target_type, fields.get("changes") or {})
    db = request.app.state.db
    try:
        with db.writer() as store:
            review = add_review(
                store.conn,
                target_type,
                target_id,
                fields["verdict"],
                fields.get("changes"),
                fields.get("note"),
                fields.get("reviewer"),
            )
    except ReviewNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except ReviewError as exc:
        raise HTTPException(422, str(exc)) from None
    request.app.state.refresh()
    if from_form:
        return RedirectResponse(_back(form), status_code=303)
    with db.reader() as reader:
        target = _target(reader, target_type, target_id)
    return JSONResponse({"review": review, "target": finite(target)}, status_code=201)


def _target(db: Reader, target_type: str, target_id: str) -> dict[str, Any] | None:
    if target_type == "source":
        found = db.all("SELECT * FROM sources WHERE id = ?", (target_id,))
        return found[0] if found else None
    if target_type == "claim":
        doc = target_id.rsplit(":", 1)[0]
        rows = [r for r in db.store.claims(document_id=doc) if r["id"] == target_id]
    else:
        rows = db.store.figures(document_id=target_id.rsplit(":", 1)[0])
        rows = [r for r in rows if r["id"] == target_id]
    reviewed = review_rows(db.conn, rows, target_type, keep_rejected=True)  # type: ignore[arg-type]
    return reviewed[0] if reviewed else None


def _review_route(path: str, summary: str) -> Any:
    """The POST route of one review target: every target answers alike (201 with the stored
    review; 400-503 as `errors` lists them) and takes the same body."""
    return router.post(
        path, status_code=201, response_model=ReviewResult, openapi_extra=_BODY_DOC,
        responses=errors(400, 401, 403, 404, 413, 415, 422, 503), summary=summary,
    )


@_review_route("/claims/{claim_id:path}/review", "Review a claim (confirm, reject, re-attribute)")
async def review_claim(request: Request, claim_id: str) -> Response:
    """Store a review of a claim; needs the review token."""
    return await _review(request, "claim", claim_id)


@_review_route("/figures/{figure_id:path}/review", "Review a figure (confirm, reject, correct value/qualifier/event)")
async def review_figure(request: Request, figure_id: str) -> Response:
    """Store a review of a figure; needs the review token."""
    return await _review(request, "figure", figure_id)


@_review_route("/sources/{source_id:path}/review", "Merge a claimant into another, or split a name out of its claimant")
async def review_source(request: Request, source_id: str) -> Response:
    """Store a claimant review of a source row: `{"verdict": "correct", "changes":
    {"merge_into": OTHER_SOURCE_ID}}` or `{"changes": {"split": true}}`; needs the token.
    Series, exports and the claimant pages follow it; undo it like any review."""
    return await _review(request, "source", source_id)


@router.post(
    "/reviews/{review_id}/undo",
    response_model=ReviewResult,
    responses=errors(400, 401, 403, 404, 409, 413, 422, 503),
    summary="Undo a review",
)
async def undo(request: Request, review_id: ReviewId) -> Response:
    """Mark a review undone (it stays in the log); needs the review token."""
    fields, from_form = await _read(request, with_review=False)
    db = request.app.state.db
    try:
        with db.writer() as store:
            review = undo_review(store.conn, review_id)
    except ReviewNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except ReviewError as exc:
        raise HTTPException(409, str(exc)) from None
    request.app.state.refresh()
    if from_form:
        return RedirectResponse(_back(fields), status_code=303)
    with db.reader() as reader:
        target = _target(reader, review["target_type"], review["target_id"])
    return JSONResponse({"review": review, "target": finite(target)})


@page(router, "/reviews", "reviews.html", ReviewList, "The review log")
def reviews(db: Reader, page: PageNo = 1, size: Size = DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    """Every review, newest first, undone ones included."""
    rows = list_reviews(
        db.conn, include_undone=True, newest_first=True, limit=size + 1, offset=(page - 1) * size
    )
    rows, pages = paging(page, size, rows)
    return {"reviews": rows, "paging": pages}
