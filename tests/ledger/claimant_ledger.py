"""A ledger of the dev gold clusters whose sources carry their gold mentions, for the claimant
grouping tests (ledger and web).

The oracle extraction (`gold_oracle.oracle_extraction`) names each source by its gold
claimant's first alias and records no mentions; here each source also gets, as mentions,
the other aliases of its gold tuple that occur in the article (as the sources stage would
find them: "Lt. Gen. Igor Konashenkov", "Konashenkov", "Russian Defense Ministry
spokesman"...). One article is republished a day later by an aggregator that names the
spokesman by his surname alone, with no other mention: the case of "Konashenkov" in one
report and "Igor Konashenkov" in another.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimledger.ledger.store import Store
from claimledger.model import Extraction, Span

sys.path.insert(0, str(Path(__file__).parent))
from gold_oracle import load_cluster, oracle_extraction, side_names, store_extractions  # noqa: E402

SURNAME_ARTICLE = "ol-eurasiantimes-2022-07-30"
SURNAME_COPY = SURNAME_ARTICLE + "-aggregator"
FULL_NAME, SURNAME = "Igor Konashenkov", "Konashenkov"


def with_mentions(article: dict, sides: dict[str, str], rename: dict[str, str] | None = None,
                  ) -> Extraction:
    """The oracle extraction of `article`, each source with its gold aliases as mentions;
    a source in `rename` gets that name and no mentions."""
    ex = oracle_extraction(article, sides)
    tuples = {f["source"][0]: f["source"] for f in article["figures"] if f.get("source")}
    text = article["text"]
    sources = []
    for s in ex.sources:
        if rename and s.name in rename:
            sources.append(s.model_copy(update={"name": rename[s.name], "mentions": []}))
            continue
        mentions = []
        for alias in tuples.get(s.name, ())[1:]:
            at = text.find(alias)
            if at >= 0:
                mentions.append(Span.of(text, at, at + len(alias)))
        sources.append(s.model_copy(update={"mentions": mentions}))
    return ex.model_copy(update={"sources": sources})


def surname_copy(article: dict) -> dict:
    """`article` republished the next day under another outlet and id (spacing changed and
    a line added, as aggregators do: the ledger stores one document per distinct text)."""
    day = str(int(article["published"][8:10]) + 1).zfill(2)
    text = article["text"].replace("\n\n", "\n\n ") + "\n\nRead more: subscribe to our newsletter."
    return {**article, "id": SURNAME_COPY, "outlet": "Aggregator", "text": text,
            "url": f"https://aggregator.example/{SURNAME_COPY}",
            "published": article["published"][:8] + day + article["published"][10:]}


def build_claimant_ledger(store: Store, shared: Path) -> None:
    """Both dev gold clusters with mentions, plus the surname-only republication."""
    extractions = []
    for name in ("olenivka", "kramatorsk"):
        cluster = load_cluster(shared / "gold" / "dev" / f"{name}.json")
        sides = side_names(cluster)
        for a in cluster["articles"]:
            extractions.append(with_mentions(a, sides))
            if a["id"] == SURNAME_ARTICLE:
                extractions.append(with_mentions(surname_copy(a), sides, {FULL_NAME: SURNAME}))
    store_extractions(store, extractions)
