"""The figures stage (`claimledger_figures`): every quantity that counts or measures.

`finder` holds the component; `numbers` reads number expressions off tokens, `filters` drops
what is not a quantity, `context` reads a figure's unit, place and dates from the parse.
`candidate` and `phrases` sit one floor down, shared by all of them, so none imports back.
"""

from claimledger.nlp.figures.finder import FigureFinder

__all__ = ["FigureFinder"]
