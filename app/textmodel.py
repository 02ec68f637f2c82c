"""Small linear text classifiers (check-worthiness, hedging) scored in pure Python.

The weights ship in app/models/*.json, trained by tools/train_models.py on the
development data with a fixed fifth held back; nothing is downloaded at run
time and scoring a sentence costs a few dozen dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import cache
from itertools import chain, repeat
from pathlib import Path

MODELS = Path(__file__).parent / "models"
_TOKEN = re.compile(r"\d+(?:[.,\u066c]\d+)*|[A-Za-z]+(?:['\u2019][a-z]+)?|[?%$\u20ac\u00a3:\"\u201c\u201d!]")
_MONTH = frozenset(
    """
    january february march april may june july august september october november december
    """.split()
)


#: the models that read a sentence's features()
SENTENCE_MODELS = ("attribution", "checkworthy", "hedge")

#: words that weaken or blur an assertion (modal, epistemic, weasel), from the hedging literature
HEDGE_WORDS = frozenset(
    """
    may might could possibly possible probably probable likely unlikely perhaps maybe apparently
    seemingly reportedly allegedly alleged purportedly supposedly presumably arguably suggest suggests
    suggested suggesting seem seems seemed appear appears appeared believe believed believes thought
    consider considered regarded speculated speculation rumor rumors rumour rumours rumored unconfirmed
    unclear uncertain some many several various numerous often sometimes usually generally typically
    widely largely mostly somewhat critics experts scholars observers claim claims claimed indicate
    indicates indicated estimated approximately about around roughly nearly almost
    """.split()
)


#: the weight of a feature the model does not know
_ZEROS = repeat(0.0)

_PLAIN = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'"})
#: words, numbers and the marks the models read: [A-Za-z]+(?:'[a-z]+)?|\d+(?:[.,\u066c]\d+)*|[?%$\u20ac\u00a3:\"!]
#: written to open with one set of characters, which lets the regex engine skip to where a token
#: starts (U+066C, the Arabic thousands separator, stands in for a number's comma in extraction's
#: copy of a text)
_FAST_TOKEN = re.compile(
    r"[A-Za-z\d?%$\u20ac\u00a3:\"!](?:(?<=[A-Za-z])[A-Za-z]*(?:'[a-z]+)?|(?<=\d)\d*(?:[.,\u066c]\d+)*|)"
)
#: a capital letter after a space (written letter first: the regex engine skips to capitals)
_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de](?<=\s.)")


def _number(t: str) -> str:
    return "<year>" if len(t) == 4 and t.isdigit() else "<num>"


class _ChunkTokens(dict[str, tuple[str, ...]]):
    """A run of text between spaces as printed ("Vesna's", "said,", "2026.") -> its tokens as the
    models read them: lower case, a number as <num> or <year> (a token opening with a digit is a
    number: words and marks are ASCII letters and signs). Filled as runs are met: no token spans a
    space, so a sentence's tokens are its runs' tokens, one look-up per run (twice as fast as
    tokenising every sentence with the expression)."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= 100_000:
            self.clear()  # (names and numbers are many: the table stays bounded, about 15 MB)
        toks = self[chunk] = tuple(_number(t) if t[0].isdigit() else t.lower() for t in _FAST_TOKEN.findall(chunk))
        return toks


_CHUNK_TOKENS = _ChunkTokens()


def tokens(text: str) -> list[str]:
    """Lower-cased words, with numbers as <num> (or <year>) and curly quotes made plain."""
    if "\u201c" in text or "\u201d" in text or "\u2019" in text:
        text = text.translate(_PLAIN)  # (only where needed: translating costs more than looking)
    return list(chain.from_iterable(map(_CHUNK_TOKENS.__getitem__, text.split())))


#: word pairs read other than as a model's weight (a rule's list of phrases: "intensive care")
_READ_PAIRS: set[str] = set()


def read_pairs(phrases: Iterable[str]) -> None:
    """Say that these phrases are looked for among features(): their word pairs are then kept."""
    _READ_PAIRS.update(p for p in phrases if p.count(" ") == 1)
    _known_pairs.cache_clear()


@cache
def _known_pairs() -> dict[tuple[str, str], str]:
    """(word, word) -> the bigram feature, for the bigrams something reads: a sentence model's
    weights or a rule's phrases (read_pairs). (The string is a model's own key, so no new string is
    made for it.)"""
    known: dict[tuple[str, str], str] = {}
    for name in SENTENCE_MODELS:
        for f in load(name).weights:
            if f.count(" ") == 1:
                a, b = f.split(" ")
                known.setdefault((a, b), f)
    for f in _READ_PAIRS:
        a, b = f.split(" ")
        known.setdefault((a, b), f)
    return known


def features(text: str, every_pair: bool = False) -> set[str]:
    """Unigrams, bigrams and a few shape features of one sentence. The bigrams are those the
    sentence models or the rules read, unless ``every_pair`` (training a model: every bigram)."""
    toks = tokens(text)
    feats = set(toks)
    if text.startswith("<rule> "):  # marker added by the attribution model's caller
        feats.add("<rule>")
        toks = toks[1:]
    if every_pair:
        feats.update(map(" ".join, zip(toks, toks[1:], strict=False)))
    else:
        # (a bigram no one reads weighs nothing: not making its string saves a third of the work)
        feats.update(filter(None, map(_known_pairs().get, zip(toks, toks[1:], strict=False))))
    n = len(toks)
    feats.add("<len<6>" if n < 6 else "<len<12>" if n < 12 else "<len<25>" if n < 25 else "<len25+>")
    cap = _CAPITALISED.search(text)  # (none, one, or more: at most two searches, not a count of all)
    feats.add("<caps0>" if cap is None else "<caps2+>" if _CAPITALISED.search(text, cap.end()) else "<caps1>")
    if not _MONTH.isdisjoint(feats):
        feats.add("<month>")
    if toks:
        feats.add(f"<first>{toks[0]}")
    hedges = HEDGE_WORDS.intersection(feats)  # (of the set: most sentences have none, or one once)
    if hedges:
        feats.add("<hedge>")
        if len(hedges) > 1 or toks.count(next(iter(hedges))) > 1:
            feats.add("<hedge2+>")
    return feats


class LinearModel:
    def __init__(self, weights: dict[str, float], bias: float, threshold: float, meta: dict, extra: dict) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.meta = meta
        #: anything else the trainer stored (the attribution model's cue lexicon)
        self.meta_extra = extra

    def probability_of(self, feats: set[str], offset: float = 0.0) -> float:
        # (map: no Python loop; fsum: exact, so the score does not depend on the set's order,
        # which changes from run to run with Python's string hashing)
        z = self.bias + offset + math.fsum(map(self.weights.get, feats, _ZEROS))
        return 1.0 / (1.0 + math.exp(30.0 if z < -30.0 else -30.0 if z > 30.0 else -z))

    def probability(self, text: str) -> float:
        return self.probability_of(features(text))


@cache
def load(name: str) -> LinearModel:
    data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    extra = {k: v for k, v in data.items() if k not in ("weights", "bias", "threshold", "meta")}
    return LinearModel(data["weights"], data["bias"], data["threshold"], data.get("meta", {}), extra)
