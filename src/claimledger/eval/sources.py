"""Sources suite: does the sources stage resolve who a claim's mention is? (PolNeAR dev)

PolNeAR marks each attribution's source span but links no mentions, so this suite measures
the sources stage on *oracle* attributions (the gold source spans become the claims'
`source_mention`, every other stage runs as usual) with proxies that need no coreference
gold:

* **pronoun resolved**: share of pronoun sources ("he", "they", "it") that get a source;
* **pronoun → earlier speaker**: share of pronoun sources whose resolved claimant has a named
  mention overlapping an *earlier* gold source span of the same article (a resolution to
  someone the annotators also saw speak; a wrong-but-named antecedent who never speaks
  fails). Precision-like: over resolved pronouns;
* **same surname merged** / **different surname kept apart**: over pairs of named gold
  sources of one article whose last words are equal (should share a claimant) or differ and
  both are capitalised names (should not).

There is no peer tool for this; the figures are our own, for tracking.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimledger.data import load_lexicon
from claimledger.eval.base import Metric, SuiteResult, read_jsonl
from claimledger.extract import Extractor

CORPUS = "attribution/polnear_dev.jsonl"
STAGE = "claimledger_sources"


def _pronouns() -> frozenset[str]:
    p = load_lexicon("sources")["pronouns"]
    return frozenset(w for g in ("male", "female", "plural", "neuter") for w in p[g])


def _oracle_docs(extractor: Extractor, limit: int | None) -> Iterator[tuple[dict, object]]:
    """Each record with its Doc: every stage but sources, gold claims, then sources."""
    nlp = extractor.nlp
    resolver = nlp.get_pipe(STAGE)
    records = list(read_jsonl(CORPUS, limit))
    others = [name for name in nlp.pipe_names if name != STAGE]
    with nlp.select_pipes(enable=others):
        docs = nlp.pipe((r["text"] for r in records), batch_size=8)
        for record, doc in zip(records, docs, strict=True):
            claims = []
            for a in record["attributions"]:
                src = a.get("source")
                if not src:
                    continue
                content = a.get("content") or src
                claims.append({"kind": "indirect", "content": [content["start"], content["end"]],
                               "source_mention": [src["start"], src["end"]], "gold": a})
            doc._.claims = claims
            yield record, resolver(doc)


def run(extractor: Extractor, limit: int | None = None, peers: bool = True) -> SuiteResult:
    """Score the sources stage on PolNeAR dev with oracle attributions."""
    pronouns = _pronouns()
    result = SuiteResult(suite="sources", corpus=CORPUS, peer_name=None)
    n_pron = resolved = to_speaker = 0
    same_pairs = same_ok = diff_pairs = diff_ok = 0
    for record, doc in _oracle_docs(extractor, limit):
        result.records += 1
        text = record["text"]
        claims = doc._.claims
        named = []
        for c in claims:
            s, e = c["source_mention"]
            words = text[s:e].split()
            if not words:
                continue
            if len(words) == 1 and words[0].lower() in pronouns:
                n_pron += 1
                if c["source"] is None:
                    continue
                resolved += 1
                row = doc._.sources[c["source"]]
                earlier = [cc["source_mention"] for cc in claims if cc["source_mention"][1] <= s
                           and text[cc["source_mention"][0]:cc["source_mention"][1]].lower() not in pronouns]
                if any(ms < ge and gs < me and text[ms:me].lower() not in pronouns
                       for ms, me in row["mentions"] for gs, ge in earlier):
                    to_speaker += 1
            elif words[-1][:1].isupper():
                named.append((words[-1].strip(".,’'s").lower(), c["source"]))
        for i in range(len(named)):
            for j in range(i + 1, len(named)):
                (wa, sa), (wb, sb) = named[i], named[j]
                if wa == wb:
                    same_pairs += 1
                    same_ok += sa is not None and sa == sb
                else:
                    diff_pairs += 1
                    diff_ok += sa is None or sa != sb
    ratio = lambda a, b: a / b if b else None  # noqa: E731
    result.metrics = [
        Metric("pronoun resolved", ratio(resolved, n_pron), n=n_pron),
        Metric("pronoun → earlier speaker", ratio(to_speaker, resolved), n=resolved),
        Metric("same surname merged", ratio(same_ok, same_pairs), n=same_pairs),
        Metric("different surname kept apart", ratio(diff_ok, diff_pairs), n=diff_pairs),
    ]
    result.notes.append("oracle attributions (gold source spans); proxies, see claimledger.eval.sources")
    return result
