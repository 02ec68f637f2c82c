"""Claim extraction: article text in, check-worthy claims with exact spans out.

Pure Python over strings, no Textual, no database. ``extract()`` is what the
pipeline calls; ``analyse()`` exposes the per-sentence decisions the evaluation
scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.sentences import Segment, split

# --- attribution -----------------------------------------------------------------

_CUE_WORDS = [
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "claimed",
    "claims",
    "claim",
    "claiming",
    "alleged",
    "alleges",
    "alleging",
    "reported",
    "reports",
    "reporting",
    "added",
    "adds",
    "adding",
    "stated",
    "states",
    "stating",
    "insisted",
    "insists",
    "insisting",
    "warned",
    "warns",
    "warning",
    "denied",
    "denies",
    "denying",
    "confirmed",
    "confirms",
    "confirming",
    "announced",
    "announces",
    "noted",
    "notes",
    "noting",
    "argued",
    "argues",
    "arguing",
    "explained",
    "explains",
    "wrote",
    "writes",
    "writing",
    "suggested",
    "suggests",
    "believes",
    "believed",
    "asserted",
    "asserts",
    "maintained",
    "maintains",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "revealed",
    "reveals",
    "disclosed",
    "discloses",
    "indicated",
    "indicates",
    "estimated",
    "estimates",
    "predicted",
    "predicts",
    "accused",
    "accuses",
    "testified",
    "recalled",
    "recalls",
    "tweeted",
    "posted",
    "declared",
    "declares",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "contended",
    "contends",
    "complained",
    "complains",
    "charged",
    "insist",
    "conceded",
    "concedes",
    "cautioned",
    "boasted",
    "countered",
    "replied",
    "responded",
    "replies",
    "answered",
    "dismissed",
    "dismisses",
]
CUE_WORDS = frozenset(_CUE_WORDS)
DENIAL_CUES = frozenset(["denied", "denies", "denying", "dismissed", "dismisses"])
_CUE_RE = re.compile(r"\b(?:according to|" + "|".join(sorted(CUE_WORDS, key=len, reverse=True)) + r")\b")
_ACCORDING_START = re.compile(r"\s*[Aa]ccording to ([^,]{2,120}),\s*")
_ACCORDING_END = re.compile(r",?\s+according to ([^,.;]{2,120})[.!]?[\"\u201d']?\s*$")
_QUOTE_FIRST = re.compile(r"\s*[\"\u201c](?P<q>.+?)[,.!?]?[\"\u201d]\s*,?\s*(?P<rest>.+)$", re.S)
_END_ATTRIB = re.compile(
    r"(?P<content>.+?)[,;]?\s*[\"\u201d]?,?\s+(?P<who>[^,\"\u201c\u201d]{1,80}?)\s+"
    r"(?P<cue>said|says|added|adds|told \w+|claimed|claims|insisted|warned|wrote|noted|stated)"
    r"(?P<tail>\s[^,]{0,60})?[.!]?[\"\u201d']?\s*$",
    re.S,
)
_CUE_THEN_WHO = re.compile(r"\s*(?P<cue>said|says|added|adds|wrote|noted|claimed|insisted)\s+(?P<who>[^,.;]{2,80})")
_WHO_THEN_CUE = re.compile(
    r"\s*(?P<who>[^,.;]{2,80}?)\s+(?P<cue>said|says|added|adds|told|wrote|noted|claimed|insisted|warned)\b"
)

_CLAUSE_BREAK = re.compile(
    r"(?:^|[,;:(]|\s(?:after|as|while|when|because|since|and|but|although|though|where|which|who|that|if|before|until|amid)\s)",
)
_AUX_TAIL = re.compile(
    r"\s+(?:(?:was|were|is|are|has been|had been|have been|has|had|have|will|would|also|later|"
    r"previously|once|again|reportedly|allegedly|secretly|publicly|privately|then|had|never|not|"
    r"also|been|heard|recorded|caught|quoted|overheard|seen|filmed|video\w*|\w+ly)\s*)+$"
)
_TITLE_PREFIX = re.compile(r"^(?:(?:Maj|Gen|Lt|Col|Capt|Sgt|Adm|Dr|Prof|Mr|Mrs|Ms|Sen|Rep|Gov|Rev|Brig)\.?\s+)+")
_DETERMINER_START = re.compile(r"^(?:also|then|later|and|but|so)\s+", re.I)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "his", "her", "their"])
_THAT = re.compile(r"\s*(?:that\s+)?", re.I)
_INTERVIEW = re.compile(r"\s*(?:in|on|at|to|during|after)\s[^,]{1,60},\s*")

# --- hedges, negation, cautions ---------------------------------------------------

HEDGE_CUES = (
    "reportedly",
    "allegedly",
    "alleged",
    "purportedly",
    "supposedly",
    "seemingly",
    "apparently",
    "possibly",
    "probably",
    "perhaps",
    "rumors",
    "rumours",
    "rumored",
    "rumoured",
    "rumor",
    "rumour",
    "speculation",
    "speculations",
    "unconfirmed",
    "unverified",
    "may",
    "might",
    "could",
    "appeared to",
    "appears to",
    "appear to",
    "seems to",
    "seemed to",
    "believed to",
    "said to",
    "thought to",
    "suspected",
    "likely",
    "suggests",
    "suggested",
    "claimed",
    "is understood",
)
_HEDGE_RE = re.compile(
    r"\b(" + "|".join(re.escape(h) for h in sorted(HEDGE_CUES, key=len, reverse=True)) + r")\b", re.I
)
_HEDGE_STRIP = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|seemingly|apparently|possibly|perhaps)\s+",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|nobody|none|neither|nor|n't)\b|n't\b|\bno\s+(?=\w+\s)", re.I)
_CAUTION = re.compile(
    r"\b(?:could not|cannot|can't|couldn't|was unable to|were unable to|is unable to|has not been able to|"
    r"have not been able to|did not)\s+(?:independently\s+)?(?:verify|confirm|authenticate)\b",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:by\s+[A-Z]|photo|image|picture|credit|reporting by|editing by|additional reporting|"
    r"read more|related:|advertisement|subscribe|sign up|follow us|copyright|©)",
    re.I,
)
_AGENCY_CREDIT = re.compile(r"\b(?:via\s+(?:AFP|Reuters|AP|Getty)|/\s*(?:AFP|Reuters|AP|Getty|Shutterstock))\b")

# --- check-worthiness ------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_MONTHS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|last (?:week|month|year))\b"
)
_TOPIC = re.compile(
    r"\b(?:cancer|ill|illness|sick|health|surgery|hospital\w*|disease|died|dead|death|killed|"
    r"coup|arrest\w*|charged|crime|fraud|corrupt\w*|brib\w*|murder\w*|attack\w*|war|troops|"
    r"invasion|bomb\w*|missile\w*|shot|shooting|money|million|billion|percent|per cent|tax\w*|"
    r"budget|spend\w*|cost\w*|price\w*|salary|jobs|unemployment|economy|inflation|vote\w*|"
    r"election\w*|poll\w*|law|illegal|sanction\w*|prison|jail\w*|sentenced|convicted|overthrow|"
    r"resign\w*|fired|percent|%|rate|record|increase\w*|decrease\w*|rose|fell|doubled)\b",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:I think|I believe|I feel|we need|we must|we should|should|must|ought to|I hope|"
    r"I want|I'm going to|I will|we will|let's|let us|thank you|great|wonderful|terrible|"
    r"beautiful|love|hate|proud|happy|sad|amazing)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|our|us)\b")
_CAP_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue: str
    cue_span: tuple[int, int]
    content_span: tuple[int, int]


@dataclass(slots=True)
class SentenceAnalysis:
    start: int
    end: int
    kind: str
    text: str
    attribution: Attribution | None = None
    hedge: str | None = None
    negated: bool = False
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    is_caution: bool = False
    is_question: bool = False
    skip: str | None = None  # why this segment can never be a claim


@dataclass(slots=True)
class ExtractedClaim:
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    core: str
    speaker: str | None
    hedge: str | None
    negated: bool
    score: float
    reasons: list[str]


@dataclass(slots=True)
class Extraction:
    claims: list[ExtractedClaim]
    caution: str | None


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n,;:\"'\u201c\u201d\u2018\u2019") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars + ".":
        end -= 1
    return start, end


def _speaker_before(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The noun phrase just before a cue verb, as a span within [lo, cue_start)."""
    chunk = text[lo:cue_start]
    tail = _AUX_TAIL.search(chunk)
    if tail:
        chunk = chunk[: tail.start()]
    breaks = list(_CLAUSE_BREAK.finditer(chunk))
    s = breaks[-1].end() if breaks else 0
    phrase = chunk[s:]
    m = _DETERMINER_START.match(phrase)
    if m:
        s += m.end()
    s0, e0 = _strip_span(text, lo + s, lo + len(chunk))
    if e0 <= s0:
        return None
    words = text[s0:e0].split()
    if len(words) > 12:
        return None
    return s0, e0


def _clean_speaker(name: str) -> str:
    name = _TITLE_PREFIX.sub("", name.strip())
    return name.strip(" ,")


def _attribution(text: str, start: int, end: int) -> Attribution | None:
    sent = text[start:end]
    # "According to X, content"
    m = _ACCORDING_START.match(sent)
    if m:
        sp = (start + m.start(1), start + m.end(1))
        cs, ce = _strip_span(text, start + m.end(), end)
        return Attribution(text[sp[0] : sp[1]], sp, "according to", (start + m.start(), start + m.start(1)), (cs, ce))
    m = _ACCORDING_END.search(sent)
    if m:
        sp = _strip_span(text, start + m.start(1), start + m.end(1))
        cs, ce = _strip_span(text, start, start + m.start())
        cue_at = sent.find("according to", m.start())
        return Attribution(text[sp[0] : sp[1]], sp, "according to", (start + cue_at, start + cue_at + 12), (cs, ce))
    # "'quote,' X said" or "'quote,' said X"
    m = _QUOTE_FIRST.match(sent)
    if m:
        rest_at = start + m.start("rest")
        rest = m.group("rest")
        w = _WHO_THEN_CUE.match(rest)
        if w and len(w.group("who").split()) <= 8:
            sp = (rest_at + w.start("who"), rest_at + w.end("who"))
            cue_sp = (rest_at + w.start("cue"), rest_at + w.end("cue"))
            cs, ce = _strip_span(text, start + m.start("q"), start + m.end("q"))
            return Attribution(text[sp[0] : sp[1]], sp, w.group("cue"), cue_sp, (cs, ce))
        w = _CUE_THEN_WHO.match(rest)
        if w:
            sp = _strip_span(text, rest_at + w.start("who"), rest_at + w.end("who"))
            cue_sp = (rest_at + w.start("cue"), rest_at + w.end("cue"))
            cs, ce = _strip_span(text, start + m.start("q"), start + m.end("q"))
            return Attribution(text[sp[0] : sp[1]], sp, w.group("cue"), cue_sp, (cs, ce))
    # "X said (that) content" — the first cue verb with a speaker before it
    for cm in _CUE_RE.finditer(sent):
        cue = cm.group()
        cue_start = start + cm.start()
        cue_end = start + cm.end()
        sp = _speaker_before(text, start, cue_start)
        after = text[cue_end:end]
        if cue in ("told", "tells", "telling"):
            obj = re.match(r"\s*(?:[A-Z][\w.'-]*\s*){1,6}|\s*\w+\s+\w+\s*(?=that\b)|\s*\w+\s*", after)
            if obj:
                cue_end += obj.end()
                after = text[cue_end:end]
        intro = _INTERVIEW.match(after)
        if intro:
            cue_end += intro.end()
        t = _THAT.match(text, cue_end)
        c0 = t.end() if t else cue_end
        cs, ce = _strip_span(text, c0, end)
        if ce - cs < 12 or len(text[cs:ce].split()) < 3:
            # "..., X said." at the end: content is what came before
            if sp is not None:
                before = _strip_span(text, start, sp[0])
                if before[1] - before[0] >= 12:
                    return Attribution(text[sp[0] : sp[1]], sp, cue, (cue_start, start + cm.end()), before)
            continue
        if sp is None:
            continue
        return Attribution(text[sp[0] : sp[1]], sp, cue, (cue_start, start + cm.end()), (cs, ce))
    m = _END_ATTRIB.match(sent)
    if m:
        sp = _strip_span(text, start + m.start("who"), start + m.end("who"))
        cs, ce = _strip_span(text, start + m.start("content"), start + m.end("content"))
        return Attribution(
            text[sp[0] : sp[1]], sp, m.group("cue"), (start + m.start("cue"), start + m.end("cue")), (cs, ce)
        )
    return None


def _score(sent: str, attribution: Attribution | None, hedge: str | None) -> tuple[float, list[str]]:
    score = 0.3
    reasons: list[str] = []

    def add(delta: float, why: str) -> None:
        nonlocal score
        score += delta
        reasons.append(f"{'+' if delta >= 0 else '-'}{abs(delta):.2f} {why}")

    words = sent.split()
    if _DIGIT.search(sent):
        add(0.2, "number")
    if _MONTHS.search(sent):
        add(0.1, "date")
    names = len(_CAP_WORD.findall(sent))
    if names:
        add(min(0.2, 0.08 * names), "named people or places")
    if attribution is not None:
        add(0.15, "attributed")
    if _TOPIC.search(sent):
        add(0.15, "health, crime, money or violence")
    if _OPINION.search(sent):
        add(-0.25, "opinion")
    if len(_FIRST_PERSON.findall(sent)) >= 2:
        add(-0.1, "first person")
    if len(words) < 6:
        add(-0.25, "too short")
    if hedge and not names and not _DIGIT.search(sent):
        add(-0.1, "vague hedged talk")
    return max(0.0, min(1.0, score)), reasons


def analyse(text: str, segments: list[Segment] | None = None) -> list[SentenceAnalysis]:
    """Per-sentence attribution, hedge, negation and check-worthiness."""
    out: list[SentenceAnalysis] = []
    for seg in segments if segments is not None else split(text):
        sent = text[seg.start : seg.end]
        a = SentenceAnalysis(seg.start, seg.end, seg.kind, sent)
        out.append(a)
        if seg.kind == "heading":
            a.skip = "heading"
            continue
        if _CREDIT.match(sent) or (_AGENCY_CREDIT.search(sent) and len(sent.split()) < 12):
            a.skip = "credit"
            continue
        if _CAUTION.search(sent):
            a.is_caution = True
            a.skip = "editorial caution"
            continue
        stripped = sent.rstrip("\"'\u201d\u2019) ")
        a.is_question = stripped.endswith("?")
        a.attribution = _attribution(text, seg.start, seg.end)
        hm = _HEDGE_RE.search(sent)
        a.hedge = hm.group(1).lower() if hm else None
        if a.attribution is not None:
            c0, c1 = a.attribution.content_span
            a.negated = bool(_NEGATION.search(text[c0:c1])) or a.attribution.cue in DENIAL_CUES
        else:
            a.negated = bool(_NEGATION.search(sent))
        a.score, a.reasons = _score(sent, a.attribution, a.hedge)
        if a.is_question:
            a.score = max(0.0, a.score - 0.4)
            a.reasons.append("-0.40 question")
    return out


def _core(text: str, start: int, end: int) -> str:
    core = text[start:end].strip().strip("\"'\u201c\u201d\u2018\u2019").strip()
    core = _HEDGE_STRIP.sub("", core)
    core = re.sub(
        r"^(?:there are |there were )?(?:rumou?rs?|speculations?|claims?|reports?) that\s+", "", core, flags=re.I
    )
    core = core.rstrip(" .,;:!")
    return core


def _normalise_for_dedupe(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def extract(text: str, min_score: float = 0.3) -> Extraction:
    """The article's check-worthy claims, in text order."""
    analyses = analyse(text)
    claims: list[ExtractedClaim] = []
    caution: str | None = None
    seen: list[str] = []
    last_named: str | None = None
    speakers: list[str] = []
    for a in analyses:
        if a.is_caution and caution is None:
            caution = a.text.strip()
        if a.skip:
            continue
        norm = _normalise_for_dedupe(a.text)
        if any(norm == s or (len(s) >= 30 and norm.startswith(s) and len(norm[len(s) :].split()) <= 8) for s in seen):
            continue  # a caption or line printed twice
        seen.append(norm)
        speaker = None
        if a.attribution is not None and a.attribution.speaker:
            speaker = _clean_speaker(a.attribution.speaker)
            low = speaker.lower()
            if low in PRONOUNS:
                speaker = last_named
            elif low.startswith(("the ", "this ", "that ")):
                head = low.split()[-1]
                speaker = next((s for s in reversed(speakers) if s.lower().split()[-1] == head), speaker)
        elif a.text.lstrip().startswith(('"', "\u201c")) and last_named:
            speaker = last_named  # a quote continuing the previous speaker's
        if speaker:
            speakers.append(speaker)
            if any(w[:1].isupper() for w in speaker.split()):
                last_named = speaker
        if a.score < min_score or a.is_question:
            continue
        c0, c1 = a.attribution.content_span if a.attribution else _strip_span(text, a.start, a.end, " \t\n")
        s0, s1 = a.start, a.end
        while s1 > s0 and text[s1 - 1].isspace():
            s1 -= 1
        claims.append(
            ExtractedClaim(
                start=s0,
                end=s1,
                text=text[s0:s1],
                sentence_start=a.start,
                sentence_end=a.end,
                core=_core(text, c0, c1),
                speaker=speaker,
                hedge=a.hedge,
                negated=a.negated,
                score=round(a.score, 3),
                reasons=a.reasons,
            )
        )
    return Extraction(claims, caution)


@dataclass(slots=True)
class ClaimDescription:
    core: str
    speaker: str | None
    hedge: str | None
    negated: bool
    score: float
    reasons: list[str]


def describe(claim_text: str) -> ClaimDescription:
    """Core, speaker, hedge, negation and score of one claim given as text.

    Used for imported and hand-made claims, which skip sentence splitting.
    """
    from app.sentences import Segment

    end = len(claim_text.rstrip())
    a = analyse(claim_text, [Segment(0, end, "sentence")])[0]
    if a.attribution is not None:
        c0, c1 = a.attribution.content_span
        speaker = _clean_speaker(a.attribution.speaker) if a.attribution.speaker else None
    else:
        c0, c1, speaker = 0, end, None
    if speaker and speaker.lower() in PRONOUNS:
        speaker = None
    return ClaimDescription(_core(claim_text, c0, c1), speaker, a.hedge, a.negated, round(a.score, 3), a.reasons)
