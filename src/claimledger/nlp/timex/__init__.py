"""The timex stage (`claimledger_timex`): time expressions found and resolved to TIMEX3.

`tagger` holds the component; `scan` finds where expressions are, `resolve` says what they
mean, `calendar` does the day arithmetic and `vocab` compiles the lexicon they share.
"""

from claimledger.nlp.timex.tagger import TimexTagger

__all__ = ["TimexTagger"]
