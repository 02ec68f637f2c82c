"""How alike two claims are: normalising, blocking, scoring, guards, clustering.

Python over strings (with rapidfuzz); no database. ``app.matching`` runs it
against the stored claims, ``app.evaluation`` against annotated headlines and
``app.bench`` against synthetic corpora. Clustering scores its pairs a batch at a
time in arrays (``app.packed``, numpy and scipy), with the same results.

The score (0-100) is a logistic combination, learned from rumor headlines, of
rapidfuzz's token_set_ratio and token_sort_ratio on the cores, an IDF-weighted
cosine of their stemmed words (rare shared words count most), how many words
they share, the length ratio, how rare the rarest shared word is, and how many
of their word pieces (character trigrams) they share. token_set_ratio alone
gives 100 whenever one claim's words are a subset of the other's; the cosine
and the length ratio temper it. With the sentence model (``app.meaning``) a
ninth feature, the cosine of the two claims' meaning vectors (``Prepared.vec``),
joins them, in a model of its own (``pair_model(True)``).
"""

from __future__ import annotations

import gc
import json
import math
import re
import unicodedata
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, reduce
from math import fsum
from operator import itemgetter, or_
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    import numpy as np

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being has have
    had do does did that this these those it its he she they them his her their him we our you your
    i me my not no so than then there here which who whom whose what when where why how all any
    some such into over about after before also just very more most other only own same too can
    will would should could may might must said says say told according s t
    """.split()
)
_TRANSLATE = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"}
)
_PUNCT = re.compile(r"[^\w\s]")
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: "may" is a month only beside a number or after a word that leads into a date ("in May",
#: "May 5"); else it is the modal ("he may have had surgery in October" names one month)
_MAY_MONTH = re.compile(
    r"\b(?:(?:in|on|of|since|until|till|by|from|to|early|late|mid|last|next|this|before|after)\s+may\b|"
    r"may\s+\d|\d+\s+may\b)"
)
_NEGATORS = frozenset("not no never denied denies deny denying false none nobody neither nor".split())
_NAME = re.compile(r"\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*")
_NAME_STOP = frozenset(
    """
    The A An This That These Those He She They It We I You His Her Their Its Our In On At By For With From
    As But And Or If When While After Before Since Until According President Minister Prime General
    Gen Officials Official Police Government State New Report Reports Sources Source Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday
    """.split()
) | {m.capitalize() for m in _MONTHS}
MODEL = Path(__file__).parent / "models" / "match.json"


_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
#: what _PUNCT replaces, for ASCII text: str.translate does it without the expression engine
_ASCII_PUNCT = str.maketrans({chr(c): " " for c in range(128) if _PUNCT.match(chr(c))})


def normalise(text: str) -> str:
    """NFKC, case folded, plain quotes and spaces, punctuation dropped, numbers kept."""
    if text.isascii():  # (most claims: NFKC and the quote table change nothing, casefold is lower)
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    if "'" in s:
        s = s.replace("'s ", " ").replace("n't", " not")
    if "." in s or "," in s:
        s = _DIGIT_SEPARATOR.sub("", s)  # 1,000 -> 1000; 4.5 stays one number below
    return " ".join((s.translate(_ASCII_PUNCT) if s.isascii() else _PUNCT.sub(" ", s)).split())


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "castrated" and "castration" halfway (memoised)."""
    got = _STEMS.get(word)
    if got is None:
        got = _stem(word)
        if len(_STEMS) < 500_000:
            _STEMS[word] = got
    return got


def _stem(word: str) -> str:
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (
        ("ations", "ate"),
        ("ation", "ate"),
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("ly", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + repl
    return word


class _TokenOf(dict[str, str]):
    """word -> its content token: its stem, or "" for a stopword or a single character (memoised;
    a lookup that misses works it out)."""

    def __missing__(self, word: str) -> str:
        got = "" if len(word) <= 1 or word in STOPWORDS else stem(word)
        if len(self) < 500_000:
            self[word] = got
        return got


_TOKEN_OF = _TokenOf()


def content_tokens(norm: str) -> frozenset[str]:
    """The stemmed words that say what a claim is about (the blocking keys)."""
    # (one pass in C over words already seen: map, then filter drops the stopwords' "")
    return frozenset(filter(None, map(_TOKEN_OF.__getitem__, norm.split())))


#: word pieces are hashed into a signature of this many bits (crc32: the same in every process);
#: two claims of 100 pieces each share about 2 bits by chance
PIECE_BITS = 4096
_PIECE_MASKS: dict[str, int] = {}


def _word_mask(word: str) -> int:
    """The signature bits of the character trigrams of `` word `` (memoised)."""
    got = _PIECE_MASKS.get(word)
    if got is None:
        w = f" {word} "
        got = 0
        for i in range(len(w) - 2):
            got |= 1 << (zlib.crc32(w[i : i + 3].encode()) % PIECE_BITS)
        if len(_PIECE_MASKS) < 500_000:
            _PIECE_MASKS[word] = got
    return got


class Prepared:
    """A claim ready for comparison. What only the guards need (numbers, dates, names) is
    worked out on first use: most pairs never reach the automatic tier."""

    __slots__ = (
        "_facts", "_name_tokens", "_pieces", "_sorted", "_what", "core", "key", "negated", "norm", "tokens", "vec",
        "words",
    )  # fmt: skip

    def __init__(self, key: int, core: str, norm: str, tokens: frozenset[str], negated: bool, words: int) -> None:
        self.key, self.core, self.norm, self.tokens, self.negated, self.words = key, core, norm, tokens, negated, words
        self._facts: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None
        self._name_tokens: frozenset[str] | None = None
        self._pieces: tuple[int, int] | None = None
        self._sorted: str | None = None
        self._what: frozenset[str] | None = None
        #: what the core means (app.meaning), when the pair model reads it; else None
        self.vec: np.ndarray | None = None

    @property
    def sorted_words(self) -> str:
        """Its normalised words in sorted order: ``fuzz.ratio`` of two of these is rapidfuzz's
        token_sort_ratio of the two claims, without sorting each claim again for every pair."""
        got = self._sorted
        if got is None:
            got = self._sorted = " ".join(sorted(self.norm.split()))
        return got

    @property
    def what(self) -> frozenset[str]:
        """Its words but those that say when or how many ("three", "3", "Wednesday")."""
        got = self._what
        if got is None:
            got = self._what = frozenset(t for t in self.tokens if not says_when_or_how_many(t))
        return got

    @property
    def pieces(self) -> tuple[int, int]:
        """The character trigrams of the stemmed words (" bombing " gives " bo", "bom", ...) as a
        signature of PIECE_BITS bits, and how many bits it has set: word pieces meet where words
        only nearly match ("Jong-un" and "Jongun", "photojournalist" and "journalist")."""
        got = self._pieces
        if got is None:
            try:  # every word's mask known: one reduce in C
                mask = reduce(or_, map(_PIECE_MASKS.__getitem__, self.tokens), 0)
            except KeyError:
                mask = reduce(or_, map(_word_mask, self.tokens), 0)
            got = self._pieces = (mask, mask.bit_count())
        return got

    def _compute(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        if self._facts is None:
            core, norm = self.core, self.norm
            split = core.split()
            caps = sum(1 for w in split if w[:1].isupper())
            # in a Title Case Headline every word looks like a name: there, names are unknown
            names = frozenset() if caps >= 0.6 * max(1, len(split)) else frozenset(_names(core))
            words = norm.split()
            dates = {w for w in words if (w in _MONTHS and w != "may") or w in _WEEKDAYS}
            if "may" in words and _MAY_MONTH.search(norm):
                dates.add("may")
            self._facts = (frozenset(_NUMBER.findall(norm)), frozenset(dates), names)
        return self._facts

    @property
    def numbers(self) -> frozenset[str]:
        return self._compute()[0]

    @property
    def dates(self) -> frozenset[str]:
        """The months and weekdays it names."""
        return self._compute()[1]

    @property
    def names(self) -> frozenset[str]:
        return self._compute()[2]

    @property
    def name_tokens(self) -> frozenset[str]:
        """The stemmed words of its names ("aurel", "vesna")."""
        got = self._name_tokens
        if got is None:
            got = self._name_tokens = content_tokens(" ".join(normalise(n) for n in self.names))
        return got


def _names(core: str) -> Iterable[str]:
    """Runs of capitalised words, without leading function words and titles ("President")."""
    for run in _NAME.findall(core):
        words = run.split()
        while words and words[0] in _NAME_STOP:
            words.pop(0)
        if words:
            yield " ".join(words).casefold()


def prepare(key: int, core: str, negated: bool | None = None) -> Prepared:
    """``negated`` is the extractor's judgement where there is one: it knows a negation's scope
    ("a teacher who had no idea she was expecting twins", "a fine, not a tow" deny nothing). Without one
    (None), any negating word counts."""
    norm = normalise(core)
    words = norm.split()
    if negated is None:
        negated = not _NEGATORS.isdisjoint(words)
    # (content_tokens of the words already split)
    return Prepared(key, core, norm, frozenset(filter(None, map(_TOKEN_OF.__getitem__, words))), negated, len(words))


def guards(a: Prepared, b: Prepared, min_auto_words: int) -> list[str]:
    """Reasons a pair may be suggested but never linked automatically."""
    out: list[str] = []
    if min(a.words, b.words) < min_auto_words:
        out.append("short claim")
    elif _little_shared(a, b):
        out.append("little in common")
    if a.negated != b.negated:
        out.append("one is negated")
    if a.numbers and b.numbers and a.numbers != b.numbers:
        out.append("numbers differ")
    # months against months, weekdays against weekdays ("on Monday" may well fall in October)
    if any(da and db and da != db for da, db in ((a.dates & kind, b.dates & kind) for kind in (_MONTHS, _WEEKDAYS))):
        out.append("dates differ")
    # people: full names ("Anna Berg"); "Putin" and "Vladimir Putin" share a word, so compare words,
    # and by their first letters, so "Karvonia" meets "Karvonian"
    pa = {w[:6] for n in a.names if " " in n for w in n.split()}
    pb = {w[:6] for n in b.names if " " in n for w in n.split()}
    if pa and pb and not (pa & pb):
        out.append("different people")
    elif (a.names or b.names) and (_PRONOUN_SUBJECT.match(a.norm) or _PRONOUN_SUBJECT.match(b.norm)):
        # "he is seriously ill" may be about anyone: against "Vesna is seriously ill", the reviewer decides
        out.append("unnamed person")
    elif a.names and b.names and _only_names_shared(a, b):
        out.append("only names shared")
    return out


_PRONOUN_SUBJECT = re.compile(r"(?:(?:but|and|so|yet|then|now|still)\s+)?(?:he|she|his|her|they|their)\s")
#: words that say when or how many, not what happened: two claims sharing only these (and a
#: word or so) are not one claim, however rare the words are in a young database
_WHEN_OR_HOW_MANY = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve hundred thousand million billion
    day days week weeks month months year years hour hours minute minutes decade decades percent
    morning evening night afternoon today yesterday tomorrow
    """.split()
)


_WHEN_WORDS = _WHEN_OR_HOW_MANY | _MONTHS | _WEEKDAYS


def says_when_or_how_many(t: str) -> bool:
    return t.isdigit() or t in _WHEN_WORDS


def _little_shared(a: Prepared, b: Prepared) -> bool:
    """Whether all the pair shares word for word is dates and numbers ("three", "Monday"), or
    nothing (near-matches of word pieces alone)."""
    common = a.tokens & b.tokens
    return len(common) < 4 and all(map(says_when_or_how_many, common))


#: a pair naming the same people must also share at least this share of the smaller claim's
#: other words to be linked automatically ("Vesna has cancer" / "generals plot to remove Vesna")
MIN_SHARED_BESIDES_NAMES = 1 / 3


def _only_names_shared(a: Prepared, b: Prepared) -> bool:
    """Whether the pair shares names ("Aurel Vesna") but little of what it says about them."""
    na, nb = a.name_tokens, b.name_tokens
    if not (na & nb):
        return False
    ra, rb = a.tokens - na, b.tokens - nb
    small = min(len(ra), len(rb))
    return small > 0 and len(ra & rb) < MIN_SHARED_BESIDES_NAMES * small


@dataclass(frozen=True)
class ScoreModel:
    weights: tuple[float, ...]
    bias: float
    #: measured on the development data when the model was trained
    meta: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def meaning(self) -> bool:
        """Whether it reads the claims' meaning vectors (Prepared.vec): every claim it scores needs one."""
        return len(self.weights) == len(MEANING_FEATURES)


FEATURES = (
    "token_set",
    "token_sort",
    "idf_cosine",
    "shared_words",
    "length_ratio",
    "rarest_shared",
    "pieces_of_smaller",
    "pieces_of_larger",
)
#: the pair model with the sentence model: the words' features and the cosine of the two claims'
#: meaning vectors (app.meaning)
MEANING_FEATURES = (*FEATURES, "meaning")
MEANING_MODEL = MODEL.with_name("match_meaning.json")


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of two meaning vectors (app.meaning.cosine; numpy is imported on first use)."""
    from app.meaning import cosine

    return cosine(a, b)


def idf_top(docs: int) -> float:
    """The IDF of a word no claim has yet: what ``rarest_shared`` is measured against."""
    return math.log(docs + 1) + 1.0


@cache
def load_model(path: Path = MODEL) -> ScoreModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ScoreModel(tuple(data["weights"]), data["bias"], data.get("meta", {}))


def pair_model(meaning: bool) -> ScoreModel:
    """The pair model with the sentence model's feature, or of the words alone."""
    return load_model(MEANING_MODEL if meaning else MODEL)


class Vocabulary:
    """Document frequencies of content tokens, for IDF weights."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.docs = 0

    def add(self, tokens: Iterable[str]) -> None:
        self.docs += 1
        self.df.update(tokens)  # df[t] += 1 for each word, counted in C

    def idf(self, token: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(token, 0) + 1)) + 1.0


def idf_norm(p: Prepared, idf: dict[str, float]) -> float:
    # sums over a claim's words are fsum's throughout: correctly rounded, so the same whatever the
    # order a set gives its words in, which changes with each process's hash seed (with sum, one
    # store rematched twice could differ where two scores tie to the last bit)
    return math.sqrt(fsum(idf[t] ** 2 for t in p.tokens)) or 1.0


@dataclass(slots=True)
class Overlap:
    """What two claims' words have in common, as blocking measures it."""

    #: IDF cosine of their stemmed words
    cosine: float
    #: how many stemmed words they share
    shared: int
    #: the IDF of the rarest word they share, over ``idf_top``: one rare word in common (a name,
    #: "Emmental") says more than several common ones. Words that say when or how many ("three",
    #: "Wednesday") do not count: in a young database they look rare and say nothing of what happened
    rarest: float
    #: the share of the smaller claim's word pieces (see Prepared.pieces) the other holds too, and
    #: of the larger's
    pieces_small: float
    pieces_large: float


def shared_pieces(a: Prepared, b: Prepared) -> tuple[float, float]:
    (ma, la), (mb, lb) = a._pieces or a.pieces, b._pieces or b.pieces  # the property costs a call
    n = (ma & mb).bit_count()
    if not n:
        return 0.0, 0.0
    return (n / la, n / lb) if la < lb else (n / lb, n / la)


def overlap(a: Prepared, b: Prepared, idf: dict[str, float], top: float) -> Overlap:
    common = a.tokens & b.tokens
    cos = fsum(idf[t] ** 2 for t in common) / (idf_norm(a, idf) * idf_norm(b, idf))
    return overlap_of(a, b, common, cos, idf, top)


def overlap_of(
    a: Prepared, b: Prepared, common: frozenset[str], cos: float, idf: dict[str, float], top: float
) -> Overlap:
    """The overlap of a pair whose shared words and cosine blocking has already worked out."""
    what = common & (a._what or a.what) if common else common  # (the property costs a call)
    rarest = max(map(idf.__getitem__, what)) / top if what else 0.0
    return Overlap(cos, len(common), rarest, *shared_pieces(a, b))


def features(a: Prepared, b: Prepared, idf: dict[str, float], top: float, ov: Overlap | None = None) -> list[float]:
    """The pair's features, each in 0..1 (see FEATURES); ``ov`` when already known; ``top`` is
    idf_top of the count of claims the IDF is over."""
    if ov is None:
        ov = overlap(a, b, idf, top)
    return [
        fuzz.token_set_ratio(a.norm, b.norm) / 100.0,
        fuzz.ratio(a.sorted_words, b.sorted_words) / 100.0,  # token_sort_ratio (see sorted_words)
        ov.cosine,
        min(ov.shared, 5) / 5.0,
        min(a.words, b.words) / max(a.words, b.words, 1),
        ov.rarest,
        ov.pieces_small,
        ov.pieces_large,
        *(() if a.vec is None or b.vec is None else (cosine(a.vec, b.vec),)),
    ]


def score_shared(
    p: Prepared,
    others: list[tuple[Prepared, float, frozenset[str]]],
    idf: dict[str, float],
    top: float,
    model: ScoreModel,
    floor: float = 0.0,
) -> list[float]:
    """Scores (0-100) of ``p`` against (claim, IDF cosine, shared words) from blocking: the pair
    model's features worked out in one loop, without an Overlap for each pair (clustering scores
    millions); ``idf`` covers ``p``'s words.

    A pair that cannot reach ``floor`` whatever its token_set_ratio (the costliest feature, worked
    out last) scores 0.0: callers that keep only scores >= floor lose nothing by it."""
    w0, w1, w2, w3, w4, w5, w6, w7 = model.weights[:8]
    w8 = model.weights[8] if model.meaning else 0.0
    if w8:
        from app.meaning import cosines_with

        meant = cosines_with(p.vec, [o.vec for o, _c, _w in others])  # type: ignore[arg-type,misc]
    bias = model.bias
    # the most token_set_ratio can add; below z_floor the score is under ``floor``
    most = w0 if w0 > 0 else 0.0
    z_floor = math.log(floor / (100.0 - floor)) if 0.0 < floor < 100.0 else -math.inf
    tsr, ratio = fuzz.token_set_ratio, fuzz.ratio
    q, qw = p.norm, p.words
    qs = p._sorted or p.sorted_words
    pm, pl = p._pieces or p.pieces
    what = p._what or p.what
    get = idf.__getitem__
    exp = math.exp
    out = []
    for j, (o, cos, common) in enumerate(others):
        ow = o.words
        n = len(common)
        rare = common & what if common else common
        rarest = max(map(get, rare)) / top if rare else 0.0
        om, ol = o._pieces or o.pieces
        b = (pm & om).bit_count()
        small, large = ((b / pl, b / ol) if pl < ol else (b / ol, b / pl)) if b else (0.0, 0.0)
        z = (
            bias
            + w1 * ratio(qs, o._sorted or o.sorted_words) / 100.0  # token_sort_ratio (see sorted_words)
            + w2 * cos
            + w3 * (n if n < 5 else 5) / 5.0
            + w4 * (ow if ow < qw else qw) / (ow if ow > qw else qw or 1)
            + w5 * rarest
            + w6 * small
            + w7 * large
        )
        if w8:
            z += w8 * meant[j]
        if z + most < z_floor:
            out.append(0.0)
            continue
        z += w0 * tsr(q, o.norm) / 100.0
        out.append(100.0 / (1.0 + exp(-(z if -30 < z < 30 else (30 if z > 0 else -30)))))
    return out


def combine(feats: list[float], model: ScoreModel) -> float:
    if len(feats) == len(MEANING_FEATURES) and not model.meaning:
        feats = feats[: len(FEATURES)]  # claims with meaning vectors, scored by words alone
    z = model.bias + sum(w * f for w, f in zip(model.weights, feats, strict=True))
    return 100.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def pair_score(a: Prepared, b: Prepared, idf: dict[str, float], docs: int, model: ScoreModel | None = None) -> float:
    """The score of a pair, with ``idf`` counted over ``docs`` claims."""
    return combine(features(a, b, idf, idf_top(docs)), model or load_model())


# --- in-memory index and clustering (evaluation, benchmarks, batch) --------------------


#: the latest members a claim is compared with before it joins a rumor (MatchSettings.min_member_average)
RECENT = 8


@dataclass(slots=True)
class Rumor:
    canonical: Prepared
    members: list[int]
    #: sum of the members' unit IDF vectors: what the rumor as a whole is about
    centroid: dict[str, float] = field(default_factory=dict)
    #: the latest members absorbed (up to RECENT)
    recent: list[Prepared] = field(default_factory=list)
    #: merged into an older rumor (see rumors_alike): its members are there now
    merged: bool = False
    #: sum of the members' meaning vectors (when claims have them): what the rumor means
    meaning: np.ndarray | None = None

    def absorb(self, p: Prepared, idf: dict[str, float]) -> None:
        norm = math.sqrt(fsum(idf[t] ** 2 for t in p.tokens)) or 1.0
        for t in p.tokens:
            self.centroid[t] = self.centroid.get(t, 0.0) + idf[t] / norm
        if p.vec is not None:
            v = p.vec.astype("float64")
            self.meaning = v if self.meaning is None else self.meaning + v
        self.recent.append(p)
        if len(self.recent) > RECENT:
            del self.recent[0]

    def take(self, other: Rumor) -> None:
        """Take in all members of ``other`` (merged into this one)."""
        self.members.extend(other.members)
        for t, v in other.centroid.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + v
        if other.meaning is not None:
            self.meaning = other.meaning if self.meaning is None else self.meaning + other.meaning
        self.recent = sorted(self.recent + other.recent, key=lambda m: m.key)[-RECENT:]
        other.members, other.centroid, other.recent, other.merged = [], {}, [], True

    def member_average(self, p: Prepared, idf: dict[str, float], docs: int, model: ScoreModel) -> float:
        """The mean score of ``p`` against the latest members (``idf``, over ``docs`` claims, covers
        their words)."""
        top = idf_top(docs)
        scores = [combine(features(p, m, idf, top), model) for m in self.recent]
        return sum(scores) / len(scores) if scores else 0.0


def rumor_features(p: Prepared, rumor: Rumor, idf: dict[str, float], docs: int) -> list[float]:
    """Features of a claim against a rumor: lexical scores (and meaning) against the canonical
    claim, and the IDF cosine against the centroid of all members (so joining never hangs on one
    member)."""
    feats = features(p, rumor.canonical, idf, idf_top(docs))
    c = rumor.centroid
    cn = math.sqrt(fsum(v * v for v in c.values())) or 1.0
    pn = math.sqrt(fsum(idf[t] ** 2 for t in p.tokens)) or 1.0
    feats[FEATURES.index("idf_cosine")] = fsum(idf[t] * c[t] for t in p.tokens if t in c) / (cn * pn)
    # (meaning stays the cosine with the canonical claim: against the members' mean vector, which
    # lies closer to every member than members do to each other, claims of a neighbouring story
    # joined too often; all training rumors at once, automatic tier P 0.944 -> 0.956, R 0.486 either way)
    return feats


def _centroid_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    na = math.sqrt(fsum(v * v for v in a.values())) or 1.0
    nb = math.sqrt(fsum(v * v for v in b.values())) or 1.0
    if len(a) > len(b):
        a, b = b, a
    return fsum(v * b.get(t, 0.0) for t, v in a.items()) / (na * nb)


def rumors_alike(
    a: Rumor, b: Rumor, idf: dict[str, float], docs: int, model: ScoreModel, auto: float, min_auto_words: int,
    min_member_average: float,
) -> bool:  # fmt: skip
    """Whether two rumors are one told twice, judged as wholes, as a claim joins a rumor: their
    canonical claims with the cosine of their centroids score ``auto`` or more with no guard
    raised, and their latest members score ``min_member_average`` on average across the two.

    A claim that matches members of both is what brings the question up (one story told in two
    wordings that each gathered retellings before one claim bridged them); it is the rumors' own
    likeness that decides, so nothing chains through one member. ``idf`` covers the words of the
    canonical claims and the latest members."""
    if guards(a.canonical, b.canonical, min_auto_words):
        return False
    feats = features(a.canonical, b.canonical, idf, idf_top(docs))
    feats[FEATURES.index("idf_cosine")] = _centroid_cosine(a.centroid, b.centroid)
    if len(feats) > len(FEATURES) and a.meaning is not None and b.meaning is not None:
        feats[-1] = cosine(a.meaning, b.meaning)
    if combine(feats, model) < auto:
        return False
    top = idf_top(docs)
    cross = [combine(features(x, y, idf, top), model) for x in a.recent for y in b.recent]
    return bool(cross) and sum(cross) / len(cross) >= min_member_average


@dataclass
class ClusterResult:
    #: claim key -> rumor number (claims in no rumor are absent)
    rumor_of: dict[int, int]
    rumors: list[Rumor]
    #: (key, key, score, automatic?) for every pair at or above the suggest threshold
    links: list[tuple[int, int, float, bool]]
    scored_pairs: int


#: pairs whose IDF cosine is below this are not scored: on the rumor headlines fewer than 1 in 200
#: pairs scoring at the suggested tier (and none at the automatic tier) fall below it
MIN_COSINE = 0.1
#: blocking looks up the rarest words a claim must share to reach this cosine with another
PREFIX_COSINE = 0.2
#: posting lists longer than this share of all claims (or this many) are not read when blocking
MAX_DF_SHARE = 0.001
MIN_POSTINGS_CAP = 100
#: the rarest words of a claim whose posting lists are read even over the cap (up to this factor)
ALWAYS_READ = 2
ALWAYS_READ_FACTOR = 10


def prefix_tokens(p: Prepared, idf: dict[str, float], norm: float, min_cos: float) -> list[str]:
    """The rarest tokens of ``p`` a candidate must share one of to reach ``min_cos`` (prefix filtering).

    By Cauchy-Schwarz, a claim sharing none of them has a cosine below the norm of the rest
    over the norm of the whole; common words are therefore never looked up.
    """
    # rarest first, ties by the word (the same in every process): a stable sort by IDF, descending,
    # of the words in order (two sorts in C, no key tuples)
    ordered = sorted(p.tokens)
    ordered.sort(key=idf.__getitem__, reverse=True)
    rest = sum(idf[t] ** 2 for t in ordered)
    limit = (min_cos * norm) ** 2
    out = []
    for t in ordered:
        if rest < limit:
            break
        out.append(t)
        rest -= idf[t] ** 2
    return out


class MemoryIndex:
    """Postings of content tokens over claims held in memory; blocking by rare shared words.

    Claims are numbered in the order they were added; ``candidates(..., before=i)`` looks only
    at claims added before the i-th, so one full index serves an incremental run.
    """

    def __init__(self, vocab: Vocabulary, min_cos: float = MIN_COSINE) -> None:
        self.vocab = vocab
        self.postings: dict[str, list[int]] = {}
        self.items: list[Prepared] = []
        self.norms: list[float] = []
        self.idf: dict[str, float] = {}
        self.idf2: dict[str, float] = {}
        self.min_cos = min_cos

    def _idf(self, p: Prepared) -> dict[str, float]:
        idf = self.idf
        for t in p.tokens:
            if t not in idf:
                idf[t] = w = self.vocab.idf(t)
                self.idf2[t] = w * w
        return idf

    def add(self, p: Prepared) -> int:
        pos = len(self.items)
        self.items.append(p)
        self.norms.append(idf_norm(p, self._idf(p)))
        for t in p.tokens:
            self.postings.setdefault(t, []).append(pos)
        return pos

    def candidates(
        self, p: Prepared, limit: int, before: int | None = None, pos: int | None = None
    ) -> list[tuple[int, float, frozenset[str]]]:
        """(position, IDF cosine, shared words) of the claims most like ``p`` by IDF cosine, best
        first; ``pos`` when ``p`` is the index's claim at that position (its weights are known)."""
        looked_up, qn = self.looked_up(p, limit + limit // 4, before, pos)
        out = []
        norms, items = self.norms, self.items
        idf2 = self.idf2
        for k in looked_up:
            other = items[k]
            if other is p:
                continue
            # the prefix found the candidates; the cosine counts every shared word
            common = p.tokens & other.tokens
            cos = fsum(map(idf2.__getitem__, common)) / (qn * norms[k])  # map: no Python loop
            if cos >= self.min_cos:
                out.append((cos, k, common))
        out.sort(key=lambda ckc: -ckc[0])
        return [(k, cos, common) for cos, k, common in out[:limit]]

    def looked_up(
        self, p: Prepared, n: int, before: int | None = None, pos: int | None = None
    ) -> tuple[list[int], float]:
        """The positions of the ``n`` claims sharing most of the rare words blocking looks up
        (ties in the order they were met), and ``p``'s IDF norm."""
        if pos is None:
            idf = self._idf(p)
            qn = idf_norm(p, idf)
        else:
            idf, qn = self.idf, self.norms[pos]
        read: list[int] = []
        end = len(self.items) if before is None else before
        cap = max(MIN_POSTINGS_CAP, int(self.vocab.docs * MAX_DF_SHARE))
        for rank, t in enumerate(prefix_tokens(p, idf, qn, PREFIX_COSINE)):
            post = self.postings.get(t)
            if post is None:
                continue
            m = len(post) if before is None else bisect_left(post, end)
            # a word this common says little about which claim this is; but a claim's rarest
            # words are read even somewhat over the cap, or a claim of common words has no candidates
            if m <= (cap * ALWAYS_READ_FACTOR if rank < ALWAYS_READ else cap):
                read.extend(post[:m] if m < len(post) else post)
        hits = Counter(read)  # (one count in C, not one Python update per posting list)
        # the claims sharing most looked-up words (as Counter.most_common, whose heap loop in Python
        # cost more than a sort in C: ties keep their order either way)
        return [k for k, _m in sorted(hits.items(), key=itemgetter(1), reverse=True)[:n]], qn


_SHARED: tuple | None = None  # what forked scoring workers read (set just before they start)


def _score_range(bounds: tuple[int, int]) -> list[tuple[int, list[tuple[int, float]], int]]:
    """Each claim in ``bounds`` against its candidates among the earlier claims: (position, its
    (earlier position, score) at or over the suggest threshold, how many it was scored against)."""
    index, packed, limit, suggest, model = _SHARED  # type: ignore[misc]
    queries = list(range(*bounds))
    items = index.items
    looked_up = [index.looked_up(items[i], limit + limit // 4, before=i, pos=i)[0] for i in queries]
    scored = packed.score(queries, looked_up, limit, suggest, model, idf_top(index.vocab.docs))
    return [(i, matches, n) for i, (matches, n) in zip(queries, scored, strict=True)]


def score_all(index: MemoryIndex, limit: int, suggest: float, model: ScoreModel, workers: int = 1):  # type: ignore[no-untyped-def]
    """For every claim, its earlier claims scoring >= suggest: the costly part, on ``workers`` cores."""
    global _SHARED
    n = len(index.items)
    # later claims cost more (more earlier claims to meet): chunks small enough that the last one
    # does not leave a core idle for long (2,000 -> 1,000: about 0.8 s less on 100,000 claims)
    step = 1000
    chunks = [(a, min(a + step, n)) for a in range(0, n, step)]
    from app.packed import PackedIndex  # (numpy and scipy: loaded only to cluster)

    _SHARED = (index, PackedIndex(index), limit, suggest, model)
    try:
        if workers > 1 and n > step:
            import multiprocessing as mp

            with mp.get_context("fork").Pool(workers) as pool:
                for part in pool.imap(_score_range, chunks):
                    yield from part
        else:
            for c in chunks:
                yield from _score_range(c)
    finally:
        _SHARED = None


def cluster(
    claims: list[Prepared],
    vocab: Vocabulary,
    *,
    suggest: float,
    auto: float,
    min_auto_words: int,
    min_member_average: float,
    limit: int,
    model: ScoreModel | None = None,
    workers: int = 1,
) -> ClusterResult:
    """Incremental clustering, in the given order, as matching does when articles arrive.

    Each claim is scored against the earlier claims that share rare words; it joins
    the rumor it is most like as a whole (score >= auto, no guard raised: see
    rumor_features), else starts one with its best automatic match. No chaining.
    Scoring runs first (on several cores if asked); joining then follows the order.
    """
    with gc_paused():
        return _cluster(claims, vocab, suggest, auto, min_auto_words, min_member_average, limit, model, workers)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk run. Scoring makes millions of small tuples and
    sets; each batch of them set off a collection that walked every claim held (a quarter of
    clustering's time on 100,000 claims). They hold no cycles: reference counting frees them as
    before. Forked scoring workers start with the collector off too, and so do not write to
    (and copy) every page of the claims they share with the parent."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _cluster(claims, vocab, suggest, auto, min_auto_words, min_member_average, limit, model, workers) -> ClusterResult:  # type: ignore[no-untyped-def]
    model = model or load_model()
    index = MemoryIndex(vocab)
    for p in claims:
        index.add(p)
    idf_cache = index.idf
    rumor_of: dict[int, int] = {}
    rumors: list[Rumor] = []
    links: list[tuple[int, int, float, bool]] = []
    scored = 0

    def idf_for(*ps: Prepared) -> dict[str, float]:
        for p in ps:
            for t in p.tokens:
                if t not in idf_cache:
                    idf_cache[t] = vocab.idf(t)
        return idf_cache

    for i, matches, n_scored in score_all(index, limit, suggest, model, workers):
        p = claims[i]
        scored += n_scored
        best_auto: list[tuple[float, Prepared]] = []
        for k, s in matches:
            other = claims[k]
            ok = s >= auto and not guards(p, other, min_auto_words)
            links.append((other.key, p.key, s, ok))
            if ok:
                best_auto.append((s, other))
        if best_auto:
            best_auto.sort(key=lambda so: -so[0])
            scored += _join(
                p, best_auto, rumors, rumor_of, idf_for, vocab.docs, model, auto, min_auto_words, min_member_average
            )
            if p.key in rumor_of:
                scored += _merge_linked(
                    p, best_auto, rumors, rumor_of, idf_for, vocab.docs, model, auto, min_auto_words,
                    min_member_average,
                )  # fmt: skip
    return ClusterResult(rumor_of, rumors, links, scored)


def _merge_linked(
    p, best_auto, rumors, rumor_of, idf_for, docs, model, auto, min_auto_words, min_member_average
) -> int:  # type: ignore[no-untyped-def]
    """Merge into one the rumor ``p`` is now in and each other rumor it matched automatically,
    where the two are alike as wholes (rumors_alike); the older rumor stays. Returns pairs scored."""
    extra = 0
    for r in dict.fromkeys(rumor_of.get(o.key) for _s, o in best_auto):
        here = rumor_of[p.key]
        if r is None or r == here:
            continue
        a, b = rumors[here], rumors[r]
        extra += 1 + len(a.recent) * len(b.recent)
        idf = idf_for(a.canonical, b.canonical, *a.recent, *b.recent)
        if rumors_alike(a, b, idf, docs, model, auto, min_auto_words, min_member_average):
            keep = here
            for k in b.members:
                rumor_of[k] = keep
            a.take(b)
    return extra


def _join(p, best_auto, rumors, rumor_of, idf_for, docs, model, auto, min_auto_words, min_member_average) -> int:  # type: ignore[no-untyped-def]
    """Put ``p`` in the best rumor of its automatic matches; returns the extra pairs scored."""
    extra = 0
    tried: set[int] = set()
    best: tuple[float, int] | None = None
    for _s, other in best_auto:
        r = rumor_of.get(other.key)
        if r is None:
            continue
        if r in tried:
            continue
        tried.add(r)
        rumor = rumors[r]
        canon = rumor.canonical
        cs = combine(rumor_features(p, rumor, idf_for(p, canon), docs), model)
        extra += 1
        if cs >= auto and not guards(p, canon, min_auto_words) and (best is None or cs > best[0]):
            extra += len(rumor.recent)
            if rumor.member_average(p, idf_for(p, *rumor.recent), docs, model) >= min_member_average:
                best = (cs, r)
    if best is not None:
        rumors[best[1]].members.append(p.key)
        rumors[best[1]].absorb(p, idf_for(p))
        rumor_of[p.key] = best[1]
        return extra
    # no rumor takes it: start one with its best automatic match that is in none
    for _s, other in best_auto:
        if other.key not in rumor_of:
            # the fuller statement of the two is the better canonical claim (a reviewer can change it)
            canonical = p if p.words > other.words else other
            rumor = Rumor(canonical=canonical, members=[other.key, p.key])
            rumor.absorb(other, idf_for(other))
            rumor.absorb(p, idf_for(p))
            rumors.append(rumor)
            rumor_of[other.key] = rumor_of[p.key] = len(rumors) - 1
            break
    return extra
