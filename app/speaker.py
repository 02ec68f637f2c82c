"""Who holds the claim, when no rule found a cue verb: a token tagger learned from annotated news.

Rules in app.extract find "X said", "according to X" and the like. Many attributions have no such
pattern ("Clinton allies fear ...", "Polls show ...", "Carson: Cruz is ..."); for a sentence the
attribution model calls attributed but the rules could not parse, each token is scored for being
part of the source (its word, shape, neighbours, where the cue words are, quotes) by a linear model
trained on PolNeAR's source spans (tools/train_models.py), and the best run of tokens is the speaker.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from functools import cache

from app.textmodel import load

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,\u066c]\d+)*|\S")  # (\u066c: see extract)
_PRONOUNS = frozenset("he she they we i you it his her their its our my him them us".split())
_QUOTES = frozenset('"\u201c\u201d')
#: how sure the model must be of a neighbour of the surest token to take it into the speaker
EXTEND = 0.5
_STOPS = frozenset(',;:"\u201c\u201d()[]-\u2013\u2014')
_PREPOSITIONS = frozenset("under in on at by for with from of to into over after before since during".split())
_LEAD_JUNK = frozenset("and but or so then also".split())
_TAIL_JUNK = frozenset(
    """
    also later still now then too who which that has have had is was were are did does do will would can could
    of to in for at with from by on
    """.split()
)  # (a speaker never ends in a preposition: "the chief executive of")
_TITLES = frozenset("mr mrs ms dr gen sen rep gov lt col capt sgt adm prof st".split())
#: words that name no one by themselves
_EMPTY = frozenset("the a an this that these those who which whom whose other some its it".split()) | _TITLES


def _shape(tok: str) -> str:
    if tok[:1].isdigit():
        return "d"
    if not tok[:1].isalpha():
        return "p"
    if tok.isupper() and len(tok) > 1:
        return "X"
    return "Xx" if tok[:1].isupper() else "x"


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


_BUCKETS = tuple(_bucket(i) for i in range(200))


def _bucket_of(n: int) -> str:
    return _BUCKETS[n] if n < 200 else "13+"


def token_features(
    words: list[str],
    cues: frozenset[str],
    sources: frozenset[str],
    marks: list[str] | None = None,
) -> list[list[str] | None]:
    """Features of every token of one sentence (None for punctuation, which is never a source);
    ``marks`` says where the rules put each token ("speaker", "content", "cue" or ""), so the
    model learns when to trust them. Written for speed: it runs on every attributed sentence."""
    low = [w.lower() for w in words]
    n = len(words)
    shapes = [_shape(w) for w in words]
    # distance to the nearest cue word after and before each token
    after: list[int | None] = [None] * n
    nxt = None
    for i in range(n - 1, -1, -1):
        after[i] = None if nxt is None else nxt - i
        if low[i] in cues:
            nxt = i
    before: list[int | None] = [None] * n
    prv = None
    for i in range(n):
        before[i] = None if prv is None else i - prv
        if low[i] in cues:
            prv = i
    colon = next((i for i, w in enumerate(words[:8]) if w == ":"), -1)
    first_comma = next((i for i, w in enumerate(words) if w == ","), n)
    quoted = False
    according = -99
    out: list[list[str] | None] = []
    for i in range(n):
        w, lw, shape = words[i], low[i], shapes[i]
        if w in _QUOTES:
            quoted = not quoted
        if lw == "according" and i + 1 < n and low[i + 1] == "to":
            according = i
        if shape == "p":
            out.append(None)
            continue
        a, b = after[i], before[i]
        cue_after = "none" if a is None else _bucket_of(a)
        f = [
            "w=" + lw,
            "s=" + shape,
            "p1=" + (low[i - 1] if i else "<s>"),
            "n1=" + (low[i + 1] if i + 1 < n else "</s>"),
            "p2=" + (low[i - 2] if i > 1 else "<s>"),
            "n2=" + (low[i + 2] if i + 2 < n else "</s>"),
            "pos=" + _bucket_of(i),
            "cue>" + cue_after,
            "cue<" + ("none" if b is None else _bucket_of(b)),
            "s=" + shape + "&cue>" + cue_after,
            "s=" + shape + "&p1s=" + (shapes[i - 1] if i else "<s>"),
            "s=" + shape + "&n1s=" + (shapes[i + 1] if i + 1 < n else "</s>"),
        ]
        if shape == "x" and len(lw) > 3:
            f.append("suf=" + lw[-3:])
        if a is not None:
            f.append("cue>=" + low[i + a])
            if a <= 3:
                f.append("cue>=" + low[i + a] + "&s=" + shape)
        if b is not None and b <= 3:
            f.append("cue<=" + low[i - b])
        if i < first_comma:
            f.append("first_clause")
        if i == 0 or low[i - 1] in (",", "and", "but", "that"):
            f.append("clause_start&s=" + shape)
        if marks is not None:
            m = marks[i] or "none"
            f.append("rule=" + m)
            f.append("rule=" + m + "&s=" + shape)
            if m == "speaker" and (i == 0 or marks[i - 1] != "speaker"):
                f.append("rule_speaker_first")
        if lw in cues:
            f.append("is_cue")
        if quoted:
            f.append("in_quote")
        if lw in _PRONOUNS:
            f.append("pronoun")
        if lw in sources or lw.rstrip("s") in sources:
            f.append("source_noun")
        if 0 < i - according <= 8:
            f.append("after_according")
        if i < colon:
            f.append("before_colon")
        out.append(f)
    return out


class _Scorer:
    """The speaker model's logit of every token, as the sum of the weights of token_features,
    without building the feature strings: what a word weighs by itself and as each neighbour is
    worked out once per word, and every other feature's weight once per combination."""

    def __init__(self, weights: dict[str, float], bias: float, cues: frozenset[str], sources: frozenset[str]) -> None:
        self.weights, self.bias, self.cues, self.sources = weights, bias, cues, sources
        #: word -> (lower case, shape, own weight, as p1, n1, p2, n2)
        self.words: dict[str, tuple[str, str, float, float, float, float, float]] = {}
        #: the parts of a feature's name -> its weight
        self.memo: dict[tuple[str, ...], float] = {}
        g = weights.get
        self.edges = (g("p1=<s>", 0.0), g("n1=</s>", 0.0), g("p2=<s>", 0.0), g("n2=</s>", 0.0))
        self.flags = tuple(
            g(f, 0.0) for f in ("first_clause", "rule_speaker_first", "in_quote", "after_according", "before_colon")
        )

    def word(self, w: str) -> tuple[str, str, float, float, float, float, float]:
        got = self.words.get(w)
        if got is None:
            g = self.weights.get
            lw, shape = w.lower(), _shape(w)
            own = g("w=" + lw, 0.0) + g("s=" + shape, 0.0)
            if shape == "x" and len(lw) > 3:
                own += g("suf=" + lw[-3:], 0.0)
            if lw in self.cues:
                own += g("is_cue", 0.0)
            if lw in _PRONOUNS:
                own += g("pronoun", 0.0)
            if lw in self.sources or lw.rstrip("s") in self.sources:
                own += g("source_noun", 0.0)
            got = (lw, shape, own, g("p1=" + lw, 0.0), g("n1=" + lw, 0.0), g("p2=" + lw, 0.0), g("n2=" + lw, 0.0))
            if len(self.words) >= 200_000:
                self.words.clear()
            self.words[w] = got
        return got

    def _miss(self, key: tuple[str, ...]) -> float:
        v = self.memo[key] = self.weights.get("".join(key), 0.0)
        return v

    def _placed(self, key: tuple[str, ...]) -> float:
        pos, cue_after, cue_before, shape, ps, ns, mark = key
        g = self.weights.get
        v = self.memo[key] = (
            g("pos=" + pos, 0.0)
            + g("cue>" + cue_after, 0.0)
            + g("cue<" + cue_before, 0.0)
            + g("s=" + shape + "&cue>" + cue_after, 0.0)
            + g("s=" + shape + "&p1s=" + ps, 0.0)
            + g("s=" + shape + "&n1s=" + ns, 0.0)
            + g("rule=" + mark, 0.0)
            + g("rule=" + mark + "&s=" + shape, 0.0)
        )
        if len(self.memo) >= 200_000:
            self.memo.clear()
        return v

    def logits(self, words: list[str], marks: list[str]) -> list[float]:
        """What token_features(words, cues, sources, marks) and the weights give, -99 for punctuation."""
        info = [self.word(w) for w in words]
        low = [t[0] for t in info]
        shapes = [t[1] for t in info]
        n = len(words)
        cues = self.cues
        after: list[int | None] = [None] * n
        nxt: int | None = None
        for i in range(n - 1, -1, -1):
            after[i] = None if nxt is None else nxt - i
            if low[i] in cues:
                nxt = i
        colon = next((i for i, w in enumerate(words[:8]) if w == ":"), -1)
        first_comma = next((i for i, w in enumerate(words) if w == ","), n)
        memo_get, miss = self.memo.get, self._miss
        p1_edge, n1_edge, p2_edge, n2_edge = self.edges
        first_clause, speaker_first, in_quote, after_according, before_colon = self.flags
        bias = self.bias
        quoted = False
        according = -99
        prv: int | None = None
        out: list[float] = []
        for i in range(n):
            lw, shape, own = info[i][0], info[i][1], info[i][2]
            b = None if prv is None else i - prv
            if lw in cues:
                prv = i
            if words[i] in _QUOTES:
                quoted = not quoted
            if lw == "according" and i + 1 < n and low[i + 1] == "to":
                according = i
            if shape == "p":
                out.append(-99.0)
                continue
            a = after[i]
            cue_after = "none" if a is None else _bucket_of(a)
            z = bias + own
            z += info[i - 1][3] if i else p1_edge
            z += info[i + 1][4] if i + 1 < n else n1_edge
            z += info[i - 2][5] if i > 1 else p2_edge
            z += info[i + 2][6] if i + 2 < n else n2_edge
            ps = shapes[i - 1] if i else "<s>"
            ns = shapes[i + 1] if i + 1 < n else "</s>"
            cue_before = "none" if b is None else _bucket_of(b)
            m = marks[i] or "none"
            # the features of position, shape and the rules' mark, weighed together: one look-up
            key = (_bucket_of(i), cue_after, cue_before, shape, ps, ns, m)
            v = memo_get(key)
            z += self._placed(key) if v is None else v
            if a is not None:
                cw = low[i + a]
                key = ("cue>=", cw)
                v = memo_get(key)
                z += miss(key) if v is None else v
                if a <= 3:
                    key = ("cue>=", cw, "&s=", shape)
                    v = memo_get(key)
                    z += miss(key) if v is None else v
            if b is not None and b <= 3:
                key = ("cue<=", low[i - b])
                v = memo_get(key)
                z += miss(key) if v is None else v
            if i < first_comma:
                z += first_clause
            if i == 0 or low[i - 1] in (",", "and", "but", "that"):
                key = ("clause_start&s=", shape)
                v = memo_get(key)
                z += miss(key) if v is None else v
            if m == "speaker" and (i == 0 or marks[i - 1] != "speaker"):
                z += speaker_first
            if quoted:
                z += in_quote
            if 0 < i - according <= 8:
                z += after_according
            if i < colon:
                z += before_colon
            out.append(z)
        return out


@cache
def _scorer() -> _Scorer:
    model = load("speaker")
    cues, sources = _lexicons()
    return _Scorer(model.weights, model.bias, cues, sources)


@cache
def _lexicons() -> tuple[frozenset[str], frozenset[str]]:
    from app.extract import CUE_WORDS, SOURCE_NOUNS, _learned_cues

    return frozenset(CUE_WORDS | _learned_cues()), SOURCE_NOUNS


def tokenize(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text, start, end))


def rule_marks(toks: list[re.Match[str]], attribution) -> list[str]:  # type: ignore[no-untyped-def]
    """Where a rule's attribution put each token: in its speaker, its cue, its content, or nowhere."""
    marks = [""] * len(toks)
    if attribution is None:
        return marks
    a = attribution
    starts = [m.start() for m in toks]
    # (the later spans first, so that where two overlap the earlier kind wins: speaker, cue, content)
    for kind, sp in (("content", a.content_span), ("cue", a.cue_span), ("speaker", a.speaker_span)):
        if sp is not None:
            first, last = bisect_left(starts, sp[0]), bisect_left(starts, sp[1])
            marks[first:last] = [kind] * (last - first)
    return marks


def speaker_span(
    text: str,
    start: int,
    end: int,
    attribution=None,
    threshold: float | None = None,  # type: ignore[no-untyped-def]
) -> tuple[int, int] | None:
    """The most likely source span in the sentence text[start:end] (None if no token is likely
    enough), given what the rules found (``attribution``, or None). Where the model's choice falls
    in the rules' speaker, the rules' span is kept: their boundaries are the cleaner."""
    model = load("speaker")
    threshold = model.threshold if threshold is None else threshold
    toks = tokenize(text, start, end)
    if not toks:
        return None
    marks = rule_marks(toks, attribution)
    words = [m.group() for m in toks]
    # decode compares with thresholds only: log-odds do as well as probabilities, without exp()
    logits = _scorer().logits(words, marks)
    run = decode(logits, words, _logit(threshold), _logit(EXTEND))
    if run is None:
        return None
    top = max(range(run[0], run[1] + 1), key=logits.__getitem__)
    if marks[top] == "speaker":
        return attribution.speaker_span  # type: ignore[no-any-return]
    s, e = toks[run[0]].start(), toks[run[1]].end()
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return (s, e) if e > s else None


def decode(probs: list[float], words: list[str], threshold: float, extend: float = EXTEND) -> tuple[int, int] | None:
    """First and last token of the speaker: the surest token (if sure enough), widened to the
    neighbours the model also puts in the source, never across a comma or a quote ("Vilnius, Lind"
    is Lind) nor over a leading number ("5 a former adviser"), and to the rest of a name."""
    top = max(range(len(words)), key=probs.__getitem__)
    if probs[top] < threshold:
        return None
    i = j = top
    while i > 0 and probs[i - 1] >= extend and words[i - 1] not in _STOPS:
        i -= 1
    while j + 1 < len(words) and probs[j + 1] >= extend and words[j + 1] not in _STOPS:
        j += 1
    while i < j and (words[i][:1].isdigit() or words[i].lower() in _LEAD_JUNK):
        i += 1
    while j > i and words[j].lower() in _TAIL_JUNK:
        j -= 1
    while j + 1 < len(words) and _continues(words, j) and words[j + 1] not in _STOPS:
        j += 1
    while i < j and words[i].lower() in _PREPOSITIONS:
        i += 1  # "Under Karvonian law": a phrase of circumstance, not a speaker
    last = words[j].lower()
    if last.endswith(("'s", "\u2019s")) or (j > i and words[j - 1] in ("'", "\u2019") and last == "s"):
        return None  # "Aurel Vesna's": a possessor, not the one speaking
    named = [w for w in words[i : j + 1] if w[:1].isalpha()]
    if not named or all(w.lower() in _EMPTY | _PREPOSITIONS for w in named):
        return None  # "The", "a", "Mr", "71": no one named
    return i, j


def _continues(words: list[str], j: int) -> bool:
    """Whether the name ending at token j goes on with token j + 1."""
    cur, nxt = words[j], words[j + 1]
    if _shape(cur) == "Xx" and _shape(nxt) == "Xx":
        return True  # "White" "House"
    if cur.lower() in _TITLES and nxt == ".":
        return True  # "Mr" "."
    return cur == "." and j > 0 and words[j - 1].lower() in _TITLES and _shape(nxt) == "Xx"  # "." "Allen"


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


_DETERMINERS = frozenset(
    "the a an his her their its our my your this that these those some many most several two three four five "
    "six seven eight nine ten one another other both all each every no".split()
)
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week weeks month months "
    "year years day days hours hour later earlier ago morning evening afternoon night statement interview "
    "event".split()
)


def plausible_speaker(phrase: str) -> bool:
    """Whether a speaker the rules found reads like one: a short noun phrase opening with a name,
    a determiner or a pronoun, with no time or circumstance in it ("Hours later", "but", "a
    statement released Thursday" are not). Only doubtful ones go to the tagger."""
    words = phrase.split()
    if not words or len(words) > 6:
        return False
    first = words[0].strip("\"'\u201c\u2018(").lower()
    if not (words[0][:1].isupper() or first in _DETERMINERS or first in _PRONOUNS):
        return False
    return not any(w.strip(",.").lower() in _TIME_WORDS for w in words)
