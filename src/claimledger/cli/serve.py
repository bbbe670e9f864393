"""`claimledger serve`: read the ledger in a browser (and review it, with a token)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimledger import settings
from claimledger.errors import InputError


def serve(
    ctx: typer.Context,
    db: Annotated[Path, typer.Option("--db", help="the ledger database (from `claimledger ingest`)")],
    host: Annotated[str, typer.Option(help="interface to bind; keep 127.0.0.1 unless behind a proxy")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    review_token: Annotated[
        str | None,
        typer.Option(
            "--review-token",
            envvar=settings.REVIEW_TOKEN_VAR,
            help="accept reviews from whoever presents this token (default: read-only); "
            "prefer the environment variable: a flag shows in `ps`",
            show_envvar=True,
        ),
    ] = None,
    time_limit_ms: Annotated[int, typer.Option(help="stop any page query after this many ms")] = 1000,
) -> None:
    """Browse documents, sources, series and discrepancies; every page has a .json twin."""
    import uvicorn

    from claimledger.web.app import create_app

    if not db.is_file():
        raise InputError(f"{db}: no such ledger database (create one with `claimledger ingest`)")
    if review_token is not None and len(review_token) < 8:
        raise InputError("--review-token must be at least 8 characters")
    # by name: typer ships its own copy of click, whose ParameterSource is another class
    source = ctx.get_parameter_source("review_token")
    if getattr(source, "name", None) == "COMMANDLINE":
        typer.echo(
            f"warning: --review-token is visible to every user of this machine (ps); "
            f"set {settings.REVIEW_TOKEN_VAR} instead",
            err=True,
        )
    app = create_app(db, review_token=review_token, time_limit_ms=time_limit_ms, warm=True)
    mode = "reviews enabled" if review_token else "read-only"
    typer.echo(f"claimledger: serving {db} ({mode}) on http://{host}:{port}/", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("warning: listening beyond this machine; anyone who can reach it can read the ledger", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
