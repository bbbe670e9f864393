"""One data function, two views: every HTML page has a JSON twin at the same URL + `.json`.

A page is written once as `build(db, **params) -> dict` (plain, JSON-ready data). `page()`
registers it twice: `PATH.json` returns the dict, validated by the page's response model (so
the OpenAPI schema documents what scripts get), and `PATH` renders the template with the same
dict. Both views therefore always show the same data, as in Datasette.
"""

from __future__ import annotations

import inspect
import json
import math
import re
import typing
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import AfterValidator, BaseModel

from claimledger.web.highlight import highlight
from claimledger.web.schemas import errors
from claimledger.web.security import CSRF_COOKIE

#: the most rows one page shows; `size` query parameters are capped here
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


def printable(value: str | None) -> str | None:
    """A filter or search text without control characters (each becomes a space).

    Why: a NUL ends an SQLite string early, so `q=%00` made the full-text query an
    unterminated phrase; no control character means anything in a search or a filter.
    """
    if value is None:
        return None
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in value)


#: query parameters every list page takes
Size = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per page")]
PageNo = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
Text = Annotated[str | None, Query(max_length=200), AfterValidator(printable)]

#: integers longer than this are shown by their order of magnitude (Python refuses to print
#: an int of more than 4,300 digits, and nobody reads one)
_MAX_DIGITS = 30


def format_number(value: Any) -> str:
    """A figure as a reader sees it, for any value a ledger may hold: "1,908", "2.5", "—"
    for none, "∞" for an infinite float, "about 10^40" for an integer too long to read.

    Total by design: a stored value beyond what a count can be (an infinity, a float above
    2^63) must not take the document, claimant or series page down.
    """
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "not a number"
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        if not value.is_integer():
            return str(value)
        value = int(value)
    if value.bit_length() > _MAX_DIGITS * 10 / 3:  # more digits than _MAX_DIGITS
        sign = "−" if value < 0 else ""
        return f"about {sign}10^{round(abs(value).bit_length() * math.log10(2))}"
    return f"{value:,}"


def finite(value: Any) -> Any:
    """`value` with every non-finite float replaced by None: JSON has no Infinity, and a
    page's embedded data must stay parseable by `JSON.parse`."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def _dumps(value: Any, **kwargs: Any) -> str:
    return json.dumps(finite(value), allow_nan=False, **kwargs)


templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["highlight"] = highlight
templates.env.globals["format_number"] = format_number
templates.env.policies["json.dumps_function"] = _dumps


def render(
    request: Request, template: str, data: dict[str, Any], status_code: int = 200
) -> Response:
    """A template response with the page data and what every page needs (token form, CSRF)."""
    guard = request.app.state.guard
    csrf = guard.csrf_for(request) if guard.writable else None
    response = templates.TemplateResponse(
        request,
        template,
        {"data": data, "writable": guard.writable, "csrf": csrf, "here": _here(request),
         "json_url": _json_url(request)},
        status_code=status_code,
    )
    if csrf and request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
    return response


def _here(request: Request) -> str:
    """The request's path as a link: an id may hold any character ("/", "?", "%")."""
    return quote(request.scope["path"], safe="/")


def _json_url(request: Request) -> str:
    """The page's JSON twin: its path + `.json` (a list page's trailing slash dropped; an
    id's own trailing slash kept, so `/documents/a/` has the twin `/documents/a/.json`)."""
    url = _here(request)
    if not request.path_params:
        url = url.rstrip("/")
    return url + ".json" + (f"?{request.url.query}" if request.url.query else "")


def page(
    router: APIRouter, path: str, template: str, model: type[BaseModel], summary: str
) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Register `build` as the HTML page `path` and its JSON twin `path.json`.

    A detail page's id may contain "/" (declare it `{name:path}`) or end in ".json": the
    twin of `/documents/a.json` is `/documents/a.json.json`, and `/documents/a.json` is the
    JSON of document "a" if there is one, else the page of document "a.json".
    """
    keys = re.findall(r"{(\w+)(?::\w+)?}", path)

    def register(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        sig = inspect.signature(build)
        # resolve string annotations in the page's own module, not in this one
        hints = typing.get_type_hints(build, include_extras=True)
        params = [
            p.replace(annotation=hints.get(name, p.annotation))
            for name, p in sig.parameters.items()
            if name not in ("db", "request")
        ]
        wants_request = "request" in sig.parameters
        req = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)

        def run(request: Request, kwargs: dict[str, Any]) -> dict[str, Any]:
            if wants_request:
                kwargs = {**kwargs, "request": request}
            with request.app.state.db.reader() as db:
                return build(db, **kwargs)

        def as_html(request: Request, **kwargs: Any) -> Response:
            return render(request, template, run(request, kwargs))

        def as_json(request: Request, **kwargs: Any) -> dict[str, Any] | Response:
            try:
                return run(request, kwargs)
            except HTTPException as exc:
                if exc.status_code != 404 or not keys:
                    raise
                try:  # the HTML page of an id that itself ends in ".json"
                    return as_html(request, **{**kwargs, keys[-1]: kwargs[keys[-1]] + ".json"})
                except HTTPException:
                    raise exc from None

        for fn, suffix in ((as_json, "json"), (as_html, "html")):
            fn.__signature__ = sig.replace(parameters=[req, *params])  # type: ignore[attr-defined]
            fn.__name__ = f"{build.__name__}_{suffix}"
            fn.__doc__ = build.__doc__
        # the JSON route first: `{id}` would otherwise swallow "x.json"
        router.add_api_route(
            path + ".json", as_json, methods=["GET"], response_model=model, summary=summary,
            responses=errors(404, 422, 503),
        )
        router.add_api_route(
            path, as_html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False
        )
        return build

    return register


def paging(page: int, size: int, rows: list[Any]) -> tuple[list[Any], dict[str, Any]]:
    """Trim a `size + 1` fetch to `size` rows and say whether there are pages around it."""
    return rows[:size], {"page": page, "size": size, "has_next": len(rows) > size, "has_prev": page > 1}


__all__ = [
    "DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "PageNo", "Size", "Text", "finite", "format_number",
    "page", "paging", "printable", "render", "templates",
]
