"""Hand-built parses of real sentences, for unit tests that must not depend on the parser.

Each is what the small English model gives for the sentence (heads are token indices),
written out as `Doc(vocab, **PARSE)` arguments (spaCy's own test style), so that a model
update cannot change what the tests check. Lives beside `pipeline_support.py` for the same
reason: importing it never depends on which conftest.py pytest loaded.
"""

from __future__ import annotations

SAID_THAT = dict(
    words=["Shoigu", "said", "that", "2,439", "soldiers", "had", "surrendered", "."],
    spaces=[True, True, True, True, True, True, False, False],
    heads=[1, 1, 6, 4, 6, 6, 1, 1],
    deps=["nsubj", "ROOT", "mark", "nummod", "nsubj", "aux", "ccomp", "punct"],
    pos=["PROPN", "VERB", "SCONJ", "NUM", "NOUN", "AUX", "VERB", "PUNCT"],
    tags=["NNP", "VBD", "IN", "CD", "NNS", "VBD", "VBN", "."],
    lemmas=["Shoigu", "say", "that", "2,439", "soldier", "have", "surrender", "."],
    ents=["B-PERSON", "O", "O", "B-CARDINAL", "O", "O", "O", "O"],
)

APPOSITION_SAID = dict(
    words=["The", "ministry", "'s", "spokesperson", ",", "Gen.", "Igor", "Konashenkov", ",",
           "said", "the", "strikes", "hit", "fuel", "depots", "."],
    spaces=[True, False, True, False, True, True, True, False, True, True, True, True, True,
            True, False, False],
    heads=[1, 3, 1, 9, 3, 7, 7, 3, 3, 9, 11, 12, 9, 14, 12, 9],
    deps=["det", "poss", "case", "nsubj", "punct", "compound", "compound", "appos", "punct",
          "ROOT", "det", "nsubj", "ccomp", "compound", "dobj", "punct"],
    pos=["DET", "NOUN", "PART", "NOUN", "PUNCT", "PROPN", "PROPN", "PROPN", "PUNCT", "VERB",
         "DET", "NOUN", "VERB", "NOUN", "NOUN", "PUNCT"],
    tags=["DT", "NN", "POS", "NN", ",", "NNP", "NNP", "NNP", ",", "VBD", "DT", "NNS", "VBD",
          "NN", "NNS", "."],
    lemmas=["the", "ministry", "'s", "spokesperson", ",", "Gen.", "Igor", "Konashenkov", ",",
            "say", "the", "strike", "hit", "fuel", "depot", "."],
    ents=["O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O",
          "O", "O"],
)

ARE_BELIEVED = dict(
    words=["At", "least", "40", "people", "are", "believed", "to", "have", "died", "."],
    spaces=[True, True, True, True, True, True, True, True, False, False],
    heads=[1, 2, 3, 5, 5, 5, 8, 8, 5, 5],
    deps=["advmod", "advmod", "nummod", "nsubjpass", "auxpass", "ROOT", "aux", "aux", "xcomp",
          "punct"],
    pos=["ADV", "ADJ", "NUM", "NOUN", "AUX", "VERB", "PART", "AUX", "VERB", "PUNCT"],
    tags=["RB", "JJS", "CD", "NNS", "VBP", "VBN", "TO", "VB", "VBN", "."],
    lemmas=["at", "least", "40", "people", "be", "believe", "to", "have", "die", "."],
    ents=["B-CARDINAL", "I-CARDINAL", "I-CARDINAL", "O", "O", "O", "O", "O", "O", "O"],
)

ACCORDING_TO = dict(
    words=["According", "to", "the", "ministry", ",", "30", "civilians", "were", "killed", "."],
    spaces=[True, True, True, False, True, True, True, True, False, False],
    heads=[8, 0, 3, 1, 8, 6, 8, 8, 8, 8],
    deps=["prep", "prep", "det", "pobj", "punct", "nummod", "nsubjpass", "auxpass", "ROOT",
          "punct"],
    pos=["VERB", "ADP", "DET", "NOUN", "PUNCT", "NUM", "NOUN", "AUX", "VERB", "PUNCT"],
    tags=["VBG", "IN", "DT", "NN", ",", "CD", "NNS", "VBD", "VBN", "."],
    lemmas=["accord", "to", "the", "ministry", ",", "30", "civilian", "be", "kill", "."],
    ents=["O", "O", "O", "O", "O", "B-CARDINAL", "O", "O", "O", "O"],
)

SAYING = dict(
    words=["Kuleba", "visited", "Kyiv", "on", "Monday", ",", "saying", "the", "city", "would",
           "be", "rebuilt", "."],
    spaces=[True, True, True, True, False, True, True, True, True, True, True, False, False],
    heads=[1, 1, 1, 1, 3, 1, 1, 8, 11, 11, 11, 6, 1],
    deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "advcl", "det", "nsubjpass", "aux",
          "auxpass", "ccomp", "punct"],
    pos=["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT", "VERB", "DET", "NOUN", "AUX", "AUX",
         "VERB", "PUNCT"],
    tags=["NNP", "VBD", "NNP", "IN", "NNP", ",", "VBG", "DT", "NN", "MD", "VB", "VBN", "."],
    lemmas=["Kuleba", "visit", "Kyiv", "on", "Monday", ",", "say", "the", "city", "would", "be",
            "rebuild", "."],
    ents=["B-ORG", "O", "B-PERSON", "O", "B-DATE", "O", "O", "O", "O", "O", "O", "O", "O"],
)

# a relative clause whose verb is the cue, opened by a partitive with a figure
OF_WHOM_SAID = dict(
    words=["The", "shelter", "housed", "300", "people", ",", "120", "of", "whom", "officials", "said", "were", "children", "."],
    spaces=[True, True, True, True, False, True, True, True, True, True, True, True, False, False],
    heads=[1, 2, 2, 4, 2, 4, 4, 6, 7, 10, 6, 10, 11, 2],
    deps=["det", "nsubj", "ROOT", "nummod", "dobj", "punct", "appos", "prep", "pobj", "nsubj", "relcl", "ccomp", "attr", "punct"],
    pos=["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT", "NUM", "ADP", "PRON", "NOUN", "VERB", "AUX", "NOUN", "PUNCT"],
    tags=["DT", "NN", "VBD", "CD", "NNS", ",", "CD", "IN", "WP", "NNS", "VBD", "VBD", "NNS", "."],
    lemmas=["the", "shelter", "house", "300", "people", ",", "120", "of", "whom", "official", "say", "be", "child", "."],
    ents=["O", "O", "O", "B-CARDINAL", "O", "O", "B-CARDINAL", "O", "O", "O", "O", "O", "O", "O"],
)

# …and one opened by a phrase on the cue: the setting of the speech
IN_WHICH_SAID = dict(
    words=["He", "gave", "an", "interview", ",", "in", "which", "he", "said", "the", "city", "would", "be", "rebuilt", "."],
    spaces=[True, True, True, False, True, True, True, True, True, True, True, True, True, False, False],
    heads=[1, 1, 3, 1, 3, 8, 5, 8, 3, 10, 13, 13, 13, 8, 1],
    deps=["nsubj", "ROOT", "det", "dobj", "punct", "prep", "pobj", "nsubj", "relcl", "det", "nsubjpass", "aux", "auxpass", "ccomp", "punct"],
    pos=["PRON", "VERB", "DET", "NOUN", "PUNCT", "ADP", "PRON", "PRON", "VERB", "DET", "NOUN", "AUX", "AUX", "VERB", "PUNCT"],
    tags=["PRP", "VBD", "DT", "NN", ",", "IN", "WDT", "PRP", "VBD", "DT", "NN", "MD", "VB", "VBN", "."],
    lemmas=["he", "give", "an", "interview", ",", "in", "which", "he", "say", "the", "city", "would", "be", "rebuild", "."],
    ents=["O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O"],
)

# one clause the parser split into two complements of the cue (the participle phrase read as
# a clause of its own)
SPLIT_CLAUSE_SAID = dict(
    words=["Officials", "said", "crews", "arriving", "at", "the", "dam", "found", "12", "survivors", "."],
    spaces=[True, True, True, True, True, True, True, True, True, False, False],
    heads=[1, 1, 3, 1, 3, 6, 4, 1, 9, 7, 1],
    deps=["nsubj", "ROOT", "nsubj", "ccomp", "prep", "det", "pobj", "ccomp", "nummod", "dobj", "punct"],
    pos=["NOUN", "VERB", "NOUN", "VERB", "ADP", "DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
    tags=["NNS", "VBD", "NNS", "VBG", "IN", "DT", "NN", "VBD", "CD", "NNS", "."],
    lemmas=["official", "say", "crew", "arrive", "at", "the", "dam", "find", "12", "survivor", "."],
    ents=["O", "O", "O", "O", "O", "O", "O", "O", "B-CARDINAL", "O", "O"],
)

# the same partitive with the parser's other attachment: "of" hung on the cue, right after
# the noun the clause hangs on
OF_WHOM_ON_CUE = dict(
    words=["The", "siege", "has", "cut", "off", "40,000", "people", "in", "the", "old", "town", ",", "a", "third", "of", "whom", "the", "UN", "says", "are", "children", "."],
    spaces=[True, True, True, True, True, True, True, True, True, True, False, True, True, True, True, True, True, True, True, True, False, False],
    heads=[1, 3, 3, 3, 3, 6, 3, 3, 10, 10, 7, 10, 13, 10, 18, 14, 17, 18, 13, 18, 19, 3],
    deps=["det", "nsubj", "aux", "ROOT", "prt", "nummod", "dobj", "prep", "det", "amod", "pobj", "punct", "det", "appos", "prep", "pobj", "det", "nsubj", "relcl", "ccomp", "attr", "punct"],
    pos=["DET", "NOUN", "AUX", "VERB", "ADP", "NUM", "NOUN", "ADP", "DET", "ADJ", "NOUN", "PUNCT", "DET", "NOUN", "ADP", "PRON", "DET", "PROPN", "VERB", "AUX", "NOUN", "PUNCT"],
    tags=["DT", "NN", "VBZ", "VBN", "RP", "CD", "NNS", "IN", "DT", "JJ", "NN", ",", "DT", "NN", "IN", "WP", "DT", "NNP", "VBZ", "VBP", "NNS", "."],
    lemmas=["the", "siege", "have", "cut", "off", "40,000", "people", "in", "the", "old", "town", ",", "a", "third", "of", "whom", "the", "UN", "say", "be", "child", "."],
    ents=["O", "O", "O", "O", "O", "B-CARDINAL", "O", "O", "O", "O", "O", "O", "B-CARDINAL", "I-CARDINAL", "O", "O", "O", "B-ORG", "O", "O", "O", "O"],
)

# a non-partitive phrase right after the noun the clause hangs on: where, not what
IN_WHICH_AFTER_NOUN = dict(
    words=["The", "vote", "comes", "in", "a", "campaign", "in", "which", "Trump", "has", "said", "the", "wall", "will", "be", "built", "."],
    spaces=[True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, False, False],
    heads=[1, 2, 2, 2, 5, 3, 10, 6, 10, 10, 5, 12, 15, 15, 15, 10, 2],
    deps=["det", "nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "nsubj", "aux", "relcl", "det", "nsubjpass", "aux", "auxpass", "ccomp", "punct"],
    pos=["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "PRON", "PROPN", "AUX", "VERB", "DET", "NOUN", "AUX", "AUX", "VERB", "PUNCT"],
    tags=["DT", "NN", "VBZ", "IN", "DT", "NN", "IN", "WDT", "NNP", "VBZ", "VBN", "DT", "NN", "MD", "VB", "VBN", "."],
    lemmas=["the", "vote", "come", "in", "a", "campaign", "in", "which", "Trump", "have", "say", "the", "wall", "will", "be", "build", "."],
    ents=["O", "O", "O", "O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O", "O"],
)
