"""The events stage (`claimledger_events`): the conflict event and predicate of each figure.

`typer` holds the component; `triggers` holds the lexicon's trigger words and the search from
a figure up the parse to one of them. The stage reads only the plain `doc._.figures` rows, so
it imports nothing from the figures package.
"""

from claimledger.nlp.events.typer import EventTyper

__all__ = ["EventTyper"]
