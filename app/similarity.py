"""How alike two claims are: normalising, blocking, scoring, guards, clustering.

Pure Python over strings (with rapidfuzz); no database. ``app.matching`` runs it
against the stored claims, ``app.evaluation`` against annotated headlines and
``app.bench`` against synthetic corpora.

The score (0-100) is a logistic combination, learned from rumor headlines, of
rapidfuzz's token_set_ratio, token_sort_ratio and partial_token_sort_ratio on
the cores, an IDF-weighted cosine of their stemmed words (rare shared words
count most), how many words they share and the length ratio. token_set_ratio
alone gives 100 whenever one claim's words are a subset of the other's; the
cosine and the length ratio temper it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

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


def normalise(text: str) -> str:
    """NFKC, case folded, plain quotes and spaces, punctuation dropped, numbers kept."""
    s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    s = s.replace("'s ", " ").replace("n't", " not")
    s = re.sub(r"(?<=\d)[.,](?=\d)", "", s)  # 1,000 -> 1000; 4.5 stays one number below
    return " ".join(_PUNCT.sub(" ", s).split())


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "castrated" and "castration" halfway."""
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


def content_tokens(norm: str) -> frozenset[str]:
    """The stemmed words that say what a claim is about (the blocking keys)."""
    return frozenset(stem(t) for t in norm.split() if t not in STOPWORDS and len(t) > 1)


@dataclass(slots=True)
class Prepared:
    """A claim ready for comparison."""

    key: int
    core: str
    norm: str
    tokens: frozenset[str]
    numbers: frozenset[str]
    months: frozenset[str]
    names: frozenset[str]
    negated: bool
    words: int


def _names(core: str) -> Iterable[str]:
    """Runs of capitalised words, without leading function words and titles ("President")."""
    for run in _NAME.findall(core):
        words = run.split()
        while words and words[0] in _NAME_STOP:
            words.pop(0)
        if words:
            yield " ".join(words).casefold()


def prepare(key: int, core: str, negated: bool = False) -> Prepared:
    norm = normalise(core)
    words = norm.split()
    caps = sum(1 for w in core.split() if w[:1].isupper())
    title_case = caps >= 0.6 * max(1, len(core.split()))
    # in a Title Case Headline every word looks like a name: there, names are unknown
    names = frozenset() if title_case else frozenset(_names(core))
    return Prepared(
        key=key,
        core=core,
        norm=norm,
        tokens=content_tokens(norm),
        numbers=frozenset(_NUMBER.findall(norm)),
        months=frozenset(w for w in words if w in _MONTHS),
        names=names,
        negated=negated or any(w in _NEGATORS for w in words),
        words=len(words),
    )


def guards(a: Prepared, b: Prepared, min_auto_words: int) -> list[str]:
    """Reasons a pair may be suggested but never linked automatically."""
    out: list[str] = []
    if min(a.words, b.words) < min_auto_words:
        out.append("short claim")
    if a.negated != b.negated:
        out.append("one is negated")
    if a.numbers and b.numbers and a.numbers != b.numbers:
        out.append("numbers differ")
    if a.months and b.months and a.months != b.months:
        out.append("dates differ")
    # people: full names ("Anna Berg"); "Putin" and "Vladimir Putin" share a word, so compare words,
    # and by their first letters, so "Karvonia" meets "Karvonian"
    pa = {w[:6] for n in a.names if " " in n for w in n.split()}
    pb = {w[:6] for n in b.names if " " in n for w in n.split()}
    if pa and pb and not (pa & pb):
        out.append("different people")
    return out


@dataclass(frozen=True)
class ScoreModel:
    weights: tuple[float, ...]
    bias: float
    #: measured on the development data when the model was trained
    meta: dict = field(default_factory=dict, hash=False, compare=False)


FEATURES = ("token_set", "token_sort", "partial_sort", "idf_cosine", "shared_words", "length_ratio")


@cache
def load_model(path: Path = MODEL) -> ScoreModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ScoreModel(tuple(data["weights"]), data["bias"], data.get("meta", {}))


class Vocabulary:
    """Document frequencies of content tokens, for IDF weights."""

    def __init__(self) -> None:
        self.df: dict[str, int] = {}
        self.docs = 0

    def add(self, tokens: Iterable[str]) -> None:
        self.docs += 1
        df = self.df
        for t in tokens:
            df[t] = df.get(t, 0) + 1

    def idf(self, token: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(token, 0) + 1)) + 1.0


def features(a: Prepared, b: Prepared, idf: dict[str, float]) -> list[float]:
    """The pair's features, each in 0..1 (see FEATURES)."""
    shared = a.tokens & b.tokens
    na = math.sqrt(sum(idf[t] ** 2 for t in a.tokens)) or 1.0
    nb = math.sqrt(sum(idf[t] ** 2 for t in b.tokens)) or 1.0
    cos = sum(idf[t] ** 2 for t in shared) / (na * nb)
    return [
        fuzz.token_set_ratio(a.norm, b.norm) / 100.0,
        fuzz.token_sort_ratio(a.norm, b.norm) / 100.0,
        fuzz.partial_token_sort_ratio(a.norm, b.norm) / 100.0,
        cos,
        min(len(shared), 5) / 5.0,
        min(a.words, b.words) / max(a.words, b.words, 1),
    ]


def combine(feats: list[float], model: ScoreModel) -> float:
    z = model.bias + sum(w * f for w, f in zip(model.weights, feats, strict=True))
    return 100.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def pair_score(a: Prepared, b: Prepared, idf: dict[str, float], model: ScoreModel | None = None) -> float:
    return combine(features(a, b, idf), model or load_model())


# --- in-memory index and clustering (evaluation, benchmarks, batch) --------------------


@dataclass(slots=True)
class Rumor:
    canonical: Prepared
    members: list[int]
    #: sum of the members' unit IDF vectors: what the rumor as a whole is about
    centroid: dict[str, float] = field(default_factory=dict)

    def absorb(self, p: Prepared, idf: dict[str, float]) -> None:
        norm = math.sqrt(sum(idf[t] ** 2 for t in p.tokens)) or 1.0
        for t in p.tokens:
            self.centroid[t] = self.centroid.get(t, 0.0) + idf[t] / norm


def rumor_features(p: Prepared, rumor: Rumor, idf: dict[str, float]) -> list[float]:
    """Features of a claim against a rumor: lexical scores against the canonical claim, and the
    IDF cosine against the centroid of all members (so joining never hangs on one member)."""
    feats = features(p, rumor.canonical, idf)
    c = rumor.centroid
    cn = math.sqrt(sum(v * v for v in c.values())) or 1.0
    pn = math.sqrt(sum(idf[t] ** 2 for t in p.tokens)) or 1.0
    feats[3] = sum(idf[t] * c[t] for t in p.tokens if t in c) / (cn * pn)
    return feats


@dataclass
class ClusterResult:
    #: claim key -> rumor number (claims in no rumor are absent)
    rumor_of: dict[int, int]
    rumors: list[Rumor]
    #: (key, key, score, automatic?) for every pair at or above the suggest threshold
    links: list[tuple[int, int, float, bool]]
    scored_pairs: int


class MemoryIndex:
    """Postings of content tokens over claims held in memory; blocking by rare shared words."""

    def __init__(self, vocab: Vocabulary, max_df: float = 0.02, min_max_df: int = 50) -> None:
        self.vocab = vocab
        self.postings: dict[str, list[int]] = {}
        self.items: dict[int, Prepared] = {}
        self.max_df_share = max_df
        self.min_max_df = min_max_df

    def add(self, p: Prepared) -> None:
        self.items[p.key] = p
        for t in p.tokens:
            self.postings.setdefault(t, []).append(p.key)

    def candidates(self, p: Prepared, limit: int) -> list[int]:
        """Stored claims sharing the most IDF weight with ``p`` (common words are not looked up)."""
        cap = max(self.min_max_df, int(self.vocab.docs * self.max_df_share))
        weight: dict[int, float] = {}
        for t in p.tokens:
            post = self.postings.get(t)
            if not post or len(post) > cap:
                continue
            w = self.vocab.idf(t)
            for k in post:
                weight[k] = weight.get(k, 0.0) + w
        weight.pop(p.key, None)
        if len(weight) <= limit:
            return list(weight)
        return sorted(weight, key=weight.__getitem__, reverse=True)[:limit]


def cluster(
    claims: list[Prepared],
    vocab: Vocabulary,
    *,
    suggest: float,
    auto: float,
    min_auto_words: int,
    limit: int = 100,
    model: ScoreModel | None = None,
) -> ClusterResult:
    """Incremental clustering, in the given order, as matching does when articles arrive.

    Each claim is scored against the earlier claims that share rare words; it joins
    the rumor whose canonical claim it is most like (score >= auto, no guard
    raised), else starts one with its best automatic match. No chaining: joining
    is decided against the rumor's canonical claim, not against any member.
    """
    model = model or load_model()
    index = MemoryIndex(vocab)
    idf_cache: dict[str, float] = {}
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

    for p in claims:
        best_auto: list[tuple[float, Prepared]] = []
        for k in index.candidates(p, limit):
            other = index.items[k]
            s = combine(features(p, other, idf_for(p, other)), model)
            scored += 1
            if s < suggest:
                continue
            ok = s >= auto and not guards(p, other, min_auto_words)
            links.append((other.key, p.key, s, ok))
            if ok:
                best_auto.append((s, other))
        if best_auto:
            best_auto.sort(key=lambda so: -so[0])
            joined = _join(p, best_auto, rumors, rumor_of, idf_for, model, auto, min_auto_words)
            scored += joined
        index.add(p)
    return ClusterResult(rumor_of, rumors, links, scored)


def _join(p, best_auto, rumors, rumor_of, idf_for, model, auto, min_auto_words) -> int:  # type: ignore[no-untyped-def]
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
        canon = rumors[r].canonical
        cs = combine(rumor_features(p, rumors[r], idf_for(p, canon)), model)
        extra += 1
        if cs >= auto and not guards(p, canon, min_auto_words) and (best is None or cs > best[0]):
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
