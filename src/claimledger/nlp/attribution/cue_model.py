"""A small logistic model that decides which candidate verb frames are attributions.

Why a model: which verbs introduce what someone said depends on the verb *and* its use —
"call" heads a cue in half its uses, "show" in a third — and a fixed list either misses the
long tail or floods the ledger. The rules in `reported` still find every frame (cue,
source, content); the model only scores the verb that heads it, from a dozen sparse features
of the parse. Trained on PolNeAR train by `bench/train_attribution.py train`; the weights are
a JSON map feature → weight (see ``data/weights/attribution_cues.md``), so inference is a sum and a
sigmoid: no sklearn at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from claimledger.data import weights_path
from claimledger.errors import ModelError
from claimledger.nlp.attribution.frames import CueLexicon, Frame


def _ent(tok: Token | None) -> str:
    if tok is None:
        return "none"
    return tok.ent_type_ or tok.pos_


def frame_features(tok: Token, frame: Frame, how: str, lex: CueLexicon) -> list[str]:
    """Sparse string features of the verb `tok` heading `frame` (found by rule `how`)."""
    doc = tok.doc
    lemma = tok.lemma_.lower()
    group = "speech" if lemma in lex.speech else "weak" if lemma in lex.weak else "other"
    subj: Token | None = None
    if frame.source is not None:
        subj = doc[frame.source[0] : frame.source[1]].root
    content_root = doc[frame.content[0] : frame.content[1]].root
    has_neg = any(c.dep_ == "neg" for c in tok.children)
    quoted = any(t.is_quote for t in doc[frame.content[0] : frame.content[1]])
    clen = frame.content[1] - frame.content[0]
    size = "1" if clen == 1 else "2-3" if clen <= 3 else "4-8" if clen <= 8 else "9+"
    side = "left" if frame.content[1] <= tok.i else "right"
    return [
        "bias",
        f"lemma={lemma}",
        f"group={group}",
        f"how={how}",
        f"group+how={group}+{how}",
        f"lemma+how={lemma}+{how}",
        f"dep={tok.dep_}",
        f"tag={tok.tag_}",
        f"head={tok.head.lemma_.lower() if tok.head is not tok else 'ROOT'}",
        f"subj={_ent(subj)}",
        f"lemma+subj={lemma}+{_ent(subj)}",
        f"obj={_ent(content_root)}",
        f"how+obj={how}+{_ent(content_root)}",
        f"neg={has_neg}",
        f"quoted={quoted}",
        f"size={size}",
        f"side={side}",
        f"how+size={how}+{size}",
    ]


#: the rule families a frame's content comes from ("how" → family), each with its threshold;
#: noun-phrase and prepositional contents split further by the verb's lexicon group
FAMILIES = {"clause": "clause", "object": "object", "prep": "prep", "noun_inf": "noun", "noun_prep": "noun"}
SPLIT_BY_GROUP = ("object", "prep")
GROUPS = ("speech", "weak", "other")


def family_of(how: str, features: list[str]) -> str:
    """The threshold family of a candidate: its rule family, for noun-phrase and
    prepositional contents with the lexicon group of the verb ("object:other")."""
    family = FAMILIES.get(how, "")
    if family in SPLIT_BY_GROUP:
        group = next((f[6:] for f in features if f.startswith("group=")), "other")
        return f"{family}:{group}"
    return family


def all_families() -> list[str]:
    out: set[str] = set()
    for family in FAMILIES.values():
        out |= {f"{family}:{g}" for g in GROUPS} if family in SPLIT_BY_GROUP else {family}
    return sorted(out)


@dataclass(frozen=True)
class CueModel:
    """Feature weights and the decision thresholds chosen on held-out train documents: one
    per rule family (`by_family`, else `threshold`), because a cue found with a noun-phrase or
    prepositional content gets its content right less often than one with a clause."""

    weights: dict[str, float]
    threshold: float
    by_family: dict[str, float] = field(default_factory=dict)

    def score(self, features: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold_for(self, how: str, features: list[str]) -> float:
        return self.by_family.get(family_of(how, features), self.threshold)

    def accepts(self, features: list[str], how: str = "") -> bool:
        return self.score(features) >= self.threshold_for(how, features)


@cache
def load_cue_model(name: str) -> CueModel:
    """Load packaged weights `claimledger/data/weights/NAME.json` once per process."""
    path = weights_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load attribution cue model {name!r}: {exc}") from exc
    return CueModel(
        weights=data["weights"],
        threshold=float(data["threshold"]),
        by_family={k: float(v) for k, v in data.get("thresholds_by_family", {}).items()},
    )
