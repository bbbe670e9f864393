"""The `claimledger` command: a thin typer layer over the library.

Commands parse arguments and call library functions; no extraction logic lives here. Every
`ClaimledgerError` becomes one line on stderr and its exit code; nothing prints a traceback
unless CLAIMLEDGER_DEBUG is set. One module per command group; each imports what is heavy
(spaCy through `claimledger.extract`, uvicorn, matplotlib) inside its command, so `--help`,
`claims`, `series`, `export` and `serve` never load the parser.
"""

from __future__ import annotations

import sys

import typer

from claimledger import settings
from claimledger.cli import demo as demo_cli
from claimledger.cli import eval as eval_cli
from claimledger.cli import extract as extract_cli
from claimledger.cli import incidents as incidents_cli
from claimledger.cli import ledger as ledger_cli
from claimledger.cli import series as series_cli
from claimledger.cli import serve as serve_cli
from claimledger.errors import ClaimledgerError

app = typer.Typer(
    name="claimledger",
    help="Turn news reports into a source-attributed ledger of claims and figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Turn news reports into a source-attributed ledger of claims and figures."""


app.command("extract")(extract_cli.extract)
app.command("eval")(eval_cli.eval_command)
app.command("ingest")(ledger_cli.ingest_command)
app.command("claims")(ledger_cli.claims_command)
app.command("export")(ledger_cli.export_command)
app.command("reextract")(ledger_cli.reextract_command)
app.command("series")(series_cli.series_command)
app.command("plot")(series_cli.plot_command)
app.command("incidents")(incidents_cli.incidents_command)
app.command("serve")(serve_cli.serve)
app.command("demo")(demo_cli.demo_command)


def main() -> None:
    """Console entry point: one-line errors, never a traceback."""
    try:
        app()
    except ClaimledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # last resort: still one line
        if settings.debug():
            raise
        print(f"error: internal error: {type(exc).__name__}: {exc} (set CLAIMLEDGER_DEBUG=1 for details)", file=sys.stderr)
        sys.exit(70)
