"""Claim extraction: article text in, check-worthy claims with exact spans out.

Pure Python over strings: no Textual, no database. ``extract()`` is what the
pipeline calls; ``analyse()`` exposes the per-sentence decisions that
``claimdesk eval extract`` scores.

How a sentence is read:
- sentences.split() finds sentences, bullets and headings with exact offsets;
- rules find the attribution (speaker, cue, content): "X said (that) ...",
  "'...,' X said", "according to X, ...", "... reported by X"; a cue lexicon
  learned from annotated news is the fallback;
- three small linear models (app/models/) score attribution, check-worthiness
  and hedging from the sentence's words, sharing one feature set;
- the core is the content with the attribution and hedge wrapper removed.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from app.sentences import Segment, split
from app.speaker import plausible_speaker, speaker_span
from app.textmodel import HEDGE_WORDS, features, load, read_pairs, tokens

# --- attribution rules ------------------------------------------------------------

CUE_WORDS = frozenset(
    """
    said says say saying told tells telling claimed claims claim claiming alleged alleges alleging allege
    reported reports added adds adding stated states stating insisted insists insisting warned warns
    warning deny denied denies denying confirmed confirms confirming announced announces noted notes noting
    argued argues arguing explained explains wrote writes suggested suggests believes believed asserted
    asserts maintained maintains acknowledged acknowledges admitted admits revealed reveals disclosed
    discloses indicated indicates estimated estimates predicted predicts accused accuses testified
    recalled recalls tweeted declared declares stressed stresses emphasized emphasised contended
    contends complained complains charged conceded concedes cautioned boasted countered replied
    responded replies answered dismissed dismisses suggest indicate
    """.split()
)
DENIAL_CUES = frozenset("deny denied denies denying dismissed dismisses".split())
#: "X called reports that Y false": a denial too (the cue _CALLED_IT_FALSE records)
_CALLED_FALSE_CUE = "called false"
_DENYING = DENIAL_CUES | {_CALLED_FALSE_CUE}
#: cues that report evidence rather than a speaker: "intelligence suggests ..."
EVIDENTIAL_CUES = frozenset(
    ["suggest", "suggests", "suggested", "indicate", "indicates", "indicated", "shows", "showed", "show"]
)
_WORD = re.compile(r"[A-Za-z]+")


class _Cue:
    """A cue word found in a sentence (the shape of a regex match, found by set look-up: much faster)."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _title_case(sent: str) -> bool:
    words = sent.split()
    return len(words) >= 3 and sum(1 for w in words if w[:1].isupper()) >= 0.7 * len(words)


@lru_cache(maxsize=4096)
def _word_finder(words: frozenset[str]) -> re.Pattern[str]:
    """Where any of ``words`` (letters only) stands as a whole word (as _WORD would find it)."""
    alternatives = "|".join(sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")


def _cues_in(sent: str, words: frozenset[str], feats: set[str] | None = None) -> list[_Cue]:
    """The cue words of ``sent``; ``feats`` (its lower-cased words, textmodel.features) spares a
    scan of its words where none is a cue."""
    out = []
    # a Title Case headline's trailing attribution: "Mayor Quits, Paper Claims"; inside one
    # ("Girlfriend Reveals She Was ...") a capitalised cue is the headline's own verb
    last = sent.rstrip(" .!\"'\u201d").rsplit(None, 1)
    tail = last[-1] if last else ""
    tail_cue = tail.lower() if tail[:1].isupper() and tail.lower() in words and _title_case(sent) else None
    if (
        tail_cue is None
        and words.isdisjoint(_WORD.findall(sent) if feats is None else feats)
        and "according to" not in sent
    ):
        return out  # no cue word at all (most sentences): nothing to walk
    # where the words are known, one expression finds the cue words among them (not a walk over
    # every word of the sentence)
    fast = tail_cue is None and feats is not None and "according" not in sent
    finder = _word_finder(words.intersection(feats)) if fast else _WORD  # type: ignore[arg-type]
    for m in finder.finditer(sent):
        w = m.group()
        if tail_cue is not None and w == tail and m.start() > 0:
            w = tail_cue
        if w in words:
            if sent.startswith((" to ", " of "), m.end()):
                continue  # "said to be", "accused of": no speaker's cue
            if w.endswith("ed") and sent.startswith(" for ", m.end()):
                continue  # "Cheese blamed for ...": a passive, nobody speaks
            out.append(_Cue(w, m.start(), m.end()))
        elif w == "according" and sent.startswith(" to", m.end()):
            out.append(_Cue("according to", m.start(), m.end() + 3))
    return out


_NOUN_BEFORE = frozenset(
    """
    the a an similar these those such his her their its of new earlier unconfirmed false media some many
    local initial online
    two three four five six seven eight nine ten several numerous multiple few
    """.split()
)
#: cue words that are also plural nouns ("reports suggest"); "denies reports" is a verb and its object
_NOUN_CUES = frozenset("reports claims notes estimates states charges tweets answers replies warnings".split())
_ACCORDING_START = re.compile(r"\s*[Aa]ccording to ([^,]{2,120})(?:,\s*(?:which|who)\b[^,]{1,120})?,\s*")
_FOUND_END = re.compile(
    r",\s+(?P<who>(?:a|an|the|new|recent)\s[^,;]{2,80}?)\s+(?:has\s+|have\s+|had\s+)?(?P<cue>found|concluded|shown|"
    r"showed|suggested|revealed)\s*[.!]?[\"\u201d']?\s*$"
    # "..., data from the statistics office show": figures as the source
    r"|,\s+(?P<data>(?:official\s+|new\s+|recent\s+)?(?:data|figures|statistics|records|documents|polls?|surveys?)"
    r"(?:\s[^,;]{2,80}?)?)\s+(?P<dcue>show|shows|showed|suggest|suggests|indicate|indicates)\s*[.!]?[\"\u201d']?\s*$"
)
#: a headline's trailing ": Jerusalem Post", ": Bettman"
_NAMED_SOURCE_END = re.compile(r":\s*(?P<who>(?:[A-Z][\w'\u2019.-]+\s){0,3}[A-Z][\w'\u2019-]+)\s*$")  # (no full stop)
#: what a headline's tail after a colon is when it is not its source
_HEADLINE_WORDS = frozenset(
    """
    new details live update updates video photos pictures watch report analysis explainer opinion review
    interview exclusive breaking timeline faq what why how who when where the a an of in on for and to is are
    """.split()
)
_ROLE_NAME_SAID_END = re.compile(
    r",\s+(?:the|its|his|her|their|a|an)\s[^,;:\"\u201c\u201d]{2,60},\s+(?P<who>[A-Z][^,;:\"\u201c\u201d]{1,60}),\s+"
    r"(?P<cue>said|says|added|warned|told\s+[^,.;]{1,40})\s*[.!]?[\"\u201d']?\s*$"
)
_LABEL_END = re.compile(r":\s*(?P<who>reports?|sources?|officials?|media|police|witnesses)\s*[.!]?\s*$", re.I)
_ACCORDING_MID = re.compile(r"[;:\u2014\u2013]\s*(?P<cue>[Aa]ccording to) (?P<who>[^,;]{2,120}),\s*")
_ACCORDING_INNER = re.compile(r",\s+(?P<cue>according to) (?P<who>[^,;]{2,120}),\s+(?=\S)")
_ACCORDING_END = re.compile(r",?\s+according to ([^,;]{2,120}?)[.!]?[\"\u201d']?\s*$")
#: a sentence that opens with a quotation (straight, curly, or the '' and `` of some newswires)
_QUOTE_FIRST = re.compile(
    r"\s*(?:[\"\u201c]|''|``)(?P<q>.+?)[,.!?]?(?:[\"\u201d]|'')['\u2019\"\u201d]*\s*,?\s*(?P<rest>.+)$", re.S
)
_ABBREV_NAME = r"(?:(?:Dr|Mr|Mrs|Ms|Gen|Maj|Sen|Rep|Gov|Prof|Lt|Col|Capt|St|Sgt|Adm)\.\s+)*"
_SAID_VERBS = r"said|says|added|adds|wrote|writes|noted|claimed|insisted|warned|told|tells|explained|continued|asked"
_WHOLLY_QUOTED = re.compile(r"\s*(?:\"[^\"]+\"|\u201c[^\u201c\u201d]+\u201d)\s*")
#: the verbs that follow a quotation: '"...," she recalled', '"...," tweeted Anna Berg'
_QUOTE_VERBS = (
    _SAID_VERBS + r"|recalled|recalls|tweeted|stated|states|argued|argues|declared|replied|responded|acknowledged|"
    r"admitted|conceded|concluded|predicted|remarked|observed|joked|quipped|cautioned|stressed|emphasized|"
    r"emphasised|countered|maintained|recounted|complained|boasted|announced|answered|testified|posted|"
    r"shouted|agreed|explains|notes|insists|warns|asks|continues"
)
#: after a quotation: who (with an aside in commas: "Sarandon, 69,", "the spokesman, Ivo Karsk,")
#: then the verb; or the verb, then who
_QUOTE_WHO_THEN_CUE = re.compile(
    rf"\s*(?P<who>{_ABBREV_NAME}[^,.;\"\u201c\u201d]{{1,80}}?(?:,\s[^;\"\u201c\u201d]{{1,150}}?,)?)"
    rf"\s+(?:also\s+|later\s+|then\s+)?(?P<cue>{_QUOTE_VERBS})\b"
)
_QUOTE_CUE_THEN_WHO = re.compile(rf"\s*(?P<cue>{_QUOTE_VERBS})\s+(?P<who>{_ABBREV_NAME}[^,.;:\"\u201c]{{2,80}})")
_CUE_THEN_WHO = re.compile(rf"\s*(?P<cue>{_SAID_VERBS})\s+(?P<who>{_ABBREV_NAME}[^,.;:\"\u201c]{{2,80}})")
_WHO_THEN_CUE = re.compile(rf"\s*(?P<who>{_ABBREV_NAME}[^,.;\"\u201c]{{1,80}}?)\s+(?P<cue>{_SAID_VERBS})\b")
_BY_AGENT = re.compile(
    r"\b(?P<cue>(?:first\s+)?(?:reported|announced|revealed|disclosed|claimed|published|confirmed|told|warned|assured|"
    r"denied|dismissed|rejected))\s+by\s+"
    r"(?P<who>[^,.;]{2,80}?)(?=,|\.|;|\s+(?:which|who|that|on|in|last|as)\b|$)"
)
_REFUSED = frozenset(["denied", "dismissed", "rejected"])
_CLAIM_NOUN = re.compile(r"\b(?:reports?|claims?|rumou?rs?|allegations?|speculation|suggestions?|accusations?)\b", re.I)
_WHICH_CUE = re.compile(
    r",\s+(?:which|who)\s+(?:also\s+)?(?P<cue>noted|said|says|reported|wrote|added|claimed|revealed|stated)\s+"
    r"(?:that\s+)?"
)
_INVERTIBLE = frozenset(
    ["said", "says", "added", "adds", "wrote", "writes", "noted", "claimed", "insisted", "warned", "explained", "asked"]
)
_INVERTED_WHO = re.compile(
    rf"\s+({_ABBREV_NAME}(?:[A-Z]|the |a |an |one |two |three )[^,.;:\"\u201c]{{1,60}}?)\s*(?:,|\.|;|$)"
)
#: when or where a speaker who follows the cue spoke: '..., said Ana Ruiz on Monday', 'said the
#: adviser in an interview', 'said Dulac at a news conference'
_WHO_CIRCUMSTANCE = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Twitter|X|Facebook|Instagram|Telegram|television|TV|radio|"
    r"social media|\d)"
    r"|in\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:interview|statement|speech|briefing|post|letter|e-?mail|"
    r"message|broadcast|address|tweet|video|op-ed|column|podcast)"
    r"|at\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:conference|briefing|rally|meeting|summit|hearing|event|ceremony|"
    r"session|forum)"
    r"|(?:during|yesterday|today|tonight|earlier|later)\b|last\s+(?:week|month|year|night)\b"
    r"|this\s+(?:week|month|year|morning|afternoon|evening)\b)"
)


def _without_circumstance(text: str, sp: tuple[int, int]) -> tuple[int, int]:
    """A speaker span without when or where they spoke ("Ana Ruiz on Monday" -> "Ana Ruiz")."""
    m = _WHO_CIRCUMSTANCE.search(text, sp[0], sp[1]) if sp[1] - sp[0] > 12 else None
    return (sp[0], m.start()) if m and m.start() > sp[0] else sp


_AUX_AFTER_NOUN = frozenset("have has had are were is was will would".split())
_SUBORDINATORS = frozenset(
    ["after", "before", "when", "while", "since", "until", "as", "because", "although", "though", "if", "once", "where"]
)
#: the single words _AUX_TAIL is made of (and "to", which ends its "declined to"...); its other
#: words end in -ly or -day
_AUX_WORDS = frozenset(
    """
    was were is are be been being has had have will would could may might also later previously once again
    reportedly allegedly secretly publicly privately then never not heard recorded caught quoted overheard seen
    filmed repeatedly recently earlier today always yesterday long did to does do
    didn't doesn't don't hasn't haven't hadn't wouldn't won't wasn't weren't isn't aren't couldn't
    """.split()
)
_AUX_WORDS = _AUX_WORDS | {w.replace("'", "\u2019") for w in _AUX_WORDS if "'" in w}  # (curly apostrophes)


#: words after which a word in -ly is a noun ("the family", "an ally"), not an adverb
_NOT_BEFORE_ADVERB = "the a an his her its our their my your this that of to for".split()


def _may_end_aux_tail(chunk: str) -> bool:
    """Whether ``chunk``'s last word could end an _AUX_TAIL ("... has also", "... on Monday")."""
    words = chunk.rsplit(None, 1)
    if not words:
        return False
    last = words[-1].lower()
    return last in _AUX_WORDS or last.endswith(("ly", "day")) or last in ("nor", "or")


_CLAUSE_BREAK = re.compile(
    # (no "^" alternative, tried at every position for nothing: no break found means the start; the
    # look-ahead says what every alternative opens with, so that the regex engine skips to those)
    r"(?=[,;:(\u2014\u2013\s])(?:[,;:(\u2014\u2013]|\s-\s|\s--\s|\s(?:after|as|while|when|because|since|and|but|although|though|where|which|"
    r"who|that|if|before|until|amid|so)\s)"
)
#: helper verbs and adverbs closing a phrase before a cue ("The minister has also", "police on Monday")
_AUX_TAIL = re.compile(
    r"(?=\s)(?:\s+(?:" + "|".join(sorted(_AUX_WORDS - {"to"}, key=lambda w: (-len(w), w)))
    # an adverb in -ly ("reportedly", "privately"), not a noun after a determiner or preposition
    # ("sources close to the family said", "an ally said") nor a name ("Kelly said")
    # (the word is looked at first: the determiners are looked behind only for a word in -ly)
    + r"|on\s+\w+day|(?-i:(?=[a-z]\w*ly\b))" + "".join(f"(?<!\\b{d}\\s)" for d in _NOT_BEFORE_ADVERB)
    + r"(?<!'s\s)(?<!\u2019s\s)(?-i:[a-z]\w*ly)"
    + r"|declined\s+to|refused\s+to|wanted\s+to|went\s+on\s+to|neither\s+confirm\s+nor|confirm\s+or))+\s*$",
    re.I,
)  # fmt: skip
_LEAD_TIME = re.compile(
    r"^(?:(?:on|in|at(?!\s+(?:least|most)\b)|during|after|before|since|by|last|earlier|later|then|also|and|but|so|"
    r"yesterday|today|meanwhile|however|now|still)\b[^A-Za-z]*)+",
    re.I,
)
_TIME_PHRASE = re.compile(
    r"^(?:(?:on|in|at|during|by|since)\s+)?(?:(?:\w+\s+)?(?:days?|weeks?|months?|years?)\s+(?:later|earlier|ago)|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?)"
    r",?\s+",
    re.I,
)
_TITLE_PREFIX = re.compile(r"^(?:(?:Maj|Gen|Lt|Col|Capt|Sgt|Adm|Dr|Prof|Mr|Mrs|Ms|Sen|Rep|Gov|Rev|Brig)\.?\s+)+")
_DENIED_WHAT = re.compile(
    r"\s+(?:the\s+)?(?:reports?|claims?|rumou?rs?|allegations?|speculation|suggestions?)(?:\s+(?:of|about))?"
    # "denied reports on Tuesday that X": X (the time said is no part of it)
    r"(?:(?:\s+(?:on|in|at|last|this|earlier|late)\s+\w+(?:\s+\w+)?)?(?=\s+that\s)"
    # (not "denied the reports on Tuesday": a time or place is no proposition denied)
    r"|(?=\s+(?!(?:on|in|at|last|this|earlier|later|during|after|before|over|from|by|with|as|and|but|"
    r"or|again|outright|publicly|repeatedly|immediately)\b)\w))",
    re.I,
)
_ARTICLES = frozenset("the a an this that these those".split())
PRONOUNS = frozenset("he she they it we i you his her their".split())
_THAT = re.compile(
    # (an abbreviated month keeps its point: "said on Sept. 4 that X")
    r"\s*(?:out\s+(?=that\b))?(?:(?:this|last|next|on|in|earlier|late|early)\s+\w+\.?(?:\s+\d{1,2})?\s+(?=that\b)|"
    # ("said in a statement on Sunday that X"; no verb in between: "claim on this is a plan that")
    r"(?:in|on|at|during|to)\s+(?:(?!(?:is|was|are|were|has|have|had|will|would|can|could|may|might|be)\b)"
    r"\w+\.?\s+){1,5}(?=that\b))?"
    r"(?:that\s+)?",
    re.I,
)  # ("pointed out that X", "have not ruled out that X": X)
#: "said in an interview with X, ..." (not "denied on Friday that Y, ...": a that-clause is content)
_INTERVIEW = re.compile(r"\s*(?:in|on|at|to|during|after)\s(?:(?!\bthat\b)[^,]){1,60},\s+")
#: words that make an "aside" a clause: "on Monday it would cut 3,000 jobs, but ..." is what was said
_CLAUSE_IN_ASIDE = frozenset("it he she they we would will could may had has have was were is are".split())
#: "..., calling the reports a fantasy": what the speaker did next, not part of what they said
_SPEAKER_TAIL = re.compile(
    r"(?=[,\s\u2014\u2013])"  # (what every alternative opens with: the regex engine skips to those)
    r"(?:,\s+(?:calling|describing|dismissing|labell?ing|branding|citing|saying|adding|insisting|warning|arguing|"
    r"contradicting|echoing|telling)\s"
    # "..., but warned against wild speculation": the speaker's aside, not part of what was said
    r"|,?\s+but\s+(?:also\s+)?(?:warned|cautioned|warns|cautions)\s+(?:against|of)\b"
    # "... abroad — a claim the presidential office called absurd": the outlet's aside
    r"|\s*[\u2014\u2013]\s*(?:a |an )?(?:claims?|allegations?|charges?|accusations?|assertions?|suggestions?|"
    r"something|which)\b)"
)
#: "reports have swirled that X": a rumor the outlet relays, with no one to name as its speaker
_RUMOR_FRAME = re.compile(
    r"\b(?P<noun>reports|rumou?rs|speculation|claims)\s+(?:have\s+|has\s+)?"
    r"(?:swirled|circulated|spread|emerged|persisted|mounted|grown)\s+(?:that\s+)",
    re.I,
)
#: "as X had promised": X spoke of a plan or a hope, not of what the sentence asserts
_AS_PROMISED = re.compile(
    r"\bas\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w'\u2019]+\s+){1,3}(?:had\s+|has\s+|have\s+)?"
    r"(?:promised|planned|expected|hoped|intended|scheduled|pledged|vowed|wanted|demanded|requested|feared)\b"
)
_RUMOR_VERBS = frozenset("swirled circulated spread emerged persisted mounted grown".split())
#: a sentence that opens on a rumor: "Rumours that the mayor had died circulated online"
#: words that say whose or which reports: "Media reports that X", "Unconfirmed reports that X"
_REPORT_QUALIFIERS = ("media", "news", "press", "online", "local", "unconfirmed", "earlier", "initial", "social media")
_REPORT_QUALIFIER = r"(?:(?:" + "|".join(_REPORT_QUALIFIERS) + r") )?"
_OPENING_RUMOR = re.compile(
    r"(?:there (?:are|were) )?" + _REPORT_QUALIFIER + r"(?P<noun>rumou?rs|speculation|claims|reports)\s+that\s",
    re.I,
)
#: the first letters an _OPENING_RUMOR can start with (a cheap gate before the expression)
_OPENING_LETTERS = frozenset(
    c
    for w in ("there", "rumours", "speculation", "claims", "reports", *_REPORT_QUALIFIERS)
    for c in (w[0], w[0].upper())
)


_OWNED_NOUNS = ("claim", "allegation", "assertion", "suggestion", "accusation")
#: "Karsk's claim that X ...", "The minister's allegations that X ...": X is theirs
_POSSESSIVE_CLAIM = re.compile(
    r"(?P<who>(?:(?:the|a|an|his|her|their)\s+)?(?:[\w.-]+\s+){0,3}?[\w.-]+)['\u2019]s\s+(?:(?:earlier|repeated|"
    r"latest|unproven|unfounded|unsubstantiated|widely\s+reported)\s+)?"
    r"(?P<noun>(?:" + "|".join(_OWNED_NOUNS) + r")s?)\s+that\s+",
    re.I,
)


def _owned_claim(sentence: str) -> re.Match[str] | None:
    """ "Karsk's claim that ..." opening ``sentence`` (the expression runs only where a possessive
    and its noun occur)."""
    if "'s " not in sentence and "\u2019s " not in sentence:
        return None
    return _POSSESSIVE_CLAIM.match(sentence) if any(map(sentence.__contains__, _OWNED_NOUNS)) else None


#: how such a claim was received, after it: "was met with scepticism", "were denied by the
#: palace", "drew criticism", "has been widely disputed"
_REACTION_VERB = re.compile(
    r"\s+(?:(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:widely|quickly|flatly|strongly|swiftly|"
    r"later|since|repeatedly)\s+)?(?:met|greeted|received|denied|dismissed|rejected|disputed|contradicted|questioned|"
    r"challenged|debunked|refuted|ridiculed|mocked|criticised|criticized|echoed|repeated|confirmed|"
    r"corroborated|backed))|(?:drew|sparked|prompted|angered|triggered|fuelled|fueled|raised|caused|"
    r"shocked|stunned))\b",
    re.I,
)


def _rumor_frame(sentence: str, feats: set[str]) -> re.Match[str] | None:
    """ "reports have swirled that ..." in the sentence (the regex runs only where its verb is), or
    a sentence opening "Rumours that ...", "Reports that ..." (group "noun" either way)."""
    if "that" in feats and sentence[:1] in _OPENING_LETTERS:
        opening = _OPENING_RUMOR.match(sentence)
        if opening:
            return opening
    return None if _RUMOR_VERBS.isdisjoint(feats) else _RUMOR_FRAME.search(sentence)


_DATELINE = re.compile(
    r"(?:\*\*|__)?[A-Z][A-Z .'-]{2,40}(?:,\s[^()\n]{0,30}\([^)\n]{1,40}\)\s*[-\u2013\u2014]|\s*[\u2013\u2014]|\s+--|"
    # a press release's "VELM, Nov. 28, 2026 /PRNewswire/ --"
    r",\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*(?:/[^/\n]{2,30}/\s*)?(?:--|[-\u2013\u2014]))"
    r"\s*(?:\*\*|__)?\s+"
)  # "KESSEL, Karvonia (Reuters) - ", "TARSK \u2014 ", "**TARSK \u2014** "
_BLOCKQUOTE = re.compile(r"(?:>[ \t]*)+")
#: a live blog's "Update, 14:05:", "UPDATE 3 -", "Updated at 15:10 GMT:" before the claim
_UPDATE_LABEL = re.compile(
    r"(?:\*\*)?(?:UPDATE|Update|Updated)\b(?:[^:\n.]|:\d){0,30}?(?::|\s[-\u2013\u2014])\s*(?:\*\*)?\s*(?=[A-Z\"\u201c])"
)
_SUBCLAUSE = re.compile(r"(?:;|,?\s+(?:as|while|and|but|amid|after|even as))\s+")

# --- hedges, negation, cautions ---------------------------------------------------

#: the cues a news reader recognises as weakening a claim, longest first when matching
NEWS_HEDGES = (
    "reportedly", "allegedly", "alleged", "purportedly", "supposedly", "seemingly", "apparently",
    "possibly", "probably", "perhaps", "rumors", "rumours", "rumored", "rumoured", "rumor", "rumour",
    "speculation", "speculations", "unconfirmed", "unverified", "may", "might", "could",
    "appeared to", "appears to", "appear to", "seems to", "seemed to", "believed to", "said to be",
    "thought to", "suspected", "likely", "suggests", "suggested", "is understood", "it is understood",
    "it has been reported", "It is understood", "It has been reported",
)  # fmt: skip
_HEDGE_RE = re.compile(r"\b(" + "|".join(re.escape(h) for h in sorted(NEWS_HEDGES, key=len, reverse=True)) + r")\b")
#: cues that hedge wherever they occur; modals ("may", "could") count only when the model agrees
_STRONG_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|purportedly|supposedly|seemingly|apparently|rumou?rs?|rumou?red|"
    r"speculations?|unconfirmed|unverified|appeared to|appears to|seems to|seemed to|believed to|said to be|"
    r"thought to|it is understood|it was understood|it (?:has|had) been (?:reported|claimed|alleged|suggested))\b",
    re.I,
)
#: "may", "might", "could" read as a possibility about the world (epistemic) hedge a claim
#: wherever they occur: before "have" ("may have died"), before "be" not followed by a passive
#: participle ("may be ill", "could be in motion"), or with a time or degree adverb ("may soon
#: face", "might well"). "could not" is inability ("could not verify", "could not attend"), and a
#: modal passive is mostly general possibility ("may be used", "could be seen"): neither is a hedge.
_IRREGULAR_PARTICIPLES = (
    "seen made found known done given taken held built sold brought bought caught thought told kept left "
    "lost met paid put read run said sent set shown spent struck won written born broken chosen driven "
    "eaten fallen forgotten hidden ridden risen shaken spoken stolen sworn thrown worn grown drawn understood"
)
_MODAL_ADVERBS = r"(?:(?:not|never|also|well|soon|already|still|even|eventually|yet|now|someday|one day)\s+)*"
_EPISTEMIC_MODAL = re.compile(
    r"\b(?:may|might|could)\s+(?:"
    r"(?:soon|well|already|still|even|eventually|yet|someday|one day)\b"
    r"|" + _MODAL_ADVERBS + r"(?:have\b|be\s+(?!(?:\w+ed|" + _IRREGULAR_PARTICIPLES.replace(" ", "|") + r")\b)))",
    re.I,
)
#: any other "may", "might" or "could" ("the president may face a coup", "the bridge could carry
#: 40 tonnes", "visitors may park") hedges only when the hedge model leans that way (at least
#: this probability); the model cannot tell these apart, so the bar is set on the data
_MODAL = re.compile(r"\b(?:may|might|could)\b(?!\s+(?:not|never)\b)")
MODAL_SUPPORT = 0.35
#: the single words of _STRONG_HEDGE, and the word pairs its phrases begin or end with
_STRONG_SINGLE = frozenset(
    """
    reportedly allegedly alleged purportedly supposedly seemingly apparently rumor rumors rumour rumours
    rumored rumoured speculation speculations unconfirmed unverified
    """.split()
)
_STRONG_PAIRS = frozenset(
    [
        "appeared to", "appears to", "seems to", "seemed to", "believed to", "said to", "thought to",
        "is understood", "was understood", "been reported", "been claimed", "been alleged", "been suggested",
    ]
)  # fmt: skip
#: the words one of _STRONG_HEDGE's phrases needs among the sentence's before it is looked for
_STRONG_PHRASE_WORDS = frozenset(
    "appeared appears seems seemed believed said thought understood reported claimed".split()
)
_MODAL_WORDS = frozenset("may might could".split())
#: what undoes a denial just before its cue: "would neither confirm nor deny", "did not deny",
#: "has never denied", "didn't deny"
_CONFIRM_OR = re.compile(r"(?:\bconfirm\s+(?:or|nor)|\b(?:not|never)|n['\u2019]t)\s+$", re.I)
#: in lower-cased text, a negation word as a whole word ("not", "never", "no", "nobody",
#: "nothing", "neither", "nor", "false", "untrue", "baseless", "unfounded") or "n't": what a
#: negation needs. (It opens with the words' first letters, so the regex engine skips to those.)
_NEGATION_GATE = re.compile(
    r"[nfub](?<![a-z].)(?:(?<=n)(?:ot|ever|o|obody|othing|either|or)|(?<=f)alse|(?<=u)(?:ntrue|nfounded)"
    r"|(?<=b)aseless)(?![a-z])|n['\u2019]t"
)


#: a Title Case headline's denial: "Ministry Denies Troops Crossed Border" (its cue words are the
#: headline's own, so no attribution is taken from them)
_TITLE_DENIAL = re.compile(r"\s(?:Denies|Deny|Denied|Dismisses|Dismissed)\s")


def _negated(text: str) -> bool:
    if (" Den" in text or " Dis" in text) and _TITLE_DENIAL.search(text) and _title_case(text):
        return True
    low = text.lower()
    if _NEGATION_GATE.search(low) is None:
        return False
    # a negation inside a relative clause ("pensioners who did not get their letters") says nothing of
    # the claim itself
    relative = [m.span() for m in _RELATIVE_CLAUSE.finditer(text)] if "who" in low or "which" in low else []
    return any(
        not any(a <= m.start() < b for a, b in relative)
        # "caused by a burst water main, not the river": a contrast, not a denial
        and not (text[: m.start()].rstrip().endswith(",") and _CONTRAST_AFTER.match(text, m.end()))
        for m in _NEGATION.finditer(text)
    )


def negates(text: str) -> bool:
    """Whether ``text`` asserts a negation (one inside a relative clause or a contrast does not count)."""
    return _negated(text)


_QA_LABEL = re.compile(r"\s*(Q|A|Question|Answer)\s*:\s+(?=\S)")
_RUMOR_AND = re.compile(r",?\s+and\s+(?P<noun>rumou?rs|reports|speculation|claims)\s+that\s+", re.I)
_FRAME_VERB = re.compile(
    r"\s+(?:have|has|had)\s+(?:spread|swirled|circulated|emerged|grown|persisted|mounted|surfaced)\b"
)
#: a main clause the outlet asserts, then ", though X said ...": where the attributed part starts
_LEAD_CLAUSE = re.compile(r",\s+(?:though|although|while|whereas|but|even though)\s+$")
_SAID_TO = re.compile(r"\b(?:is|are|was|were|been)\s+(?:widely\s+|also\s+)?said\s+to\b")
_NO_COMMENT = re.compile(
    r"\b(?:did not|didn['\u2019]t|has not|have not|had not)\s+(?:immediately\s+)?(?:respond|reply|answer|return)\w*\b"
    r"(?:\s+(?:to\s+)?(?:a\s+|our\s+|several\s+|repeated\s+)?(?:requests?|questions?|calls?|emails?|messages?)\b)?"
    r"|\b(?:did not|didn['\u2019]t|would not|wouldn['\u2019]t|declined to|refused to) (?:say|comment|answer|respond)\b"
    r"|\b(?:has|have|had)\s+not\s+(?:yet\s+|publicly\s+|so\s+far\s+)?commented\b"
    r"|\b(?:hasn['\u2019]t|haven['\u2019]t)\s+commented\b"
    r"|\bcould not be reached\b|\bno comment\b|\bnothing (?:more |further )?to add\b",
    re.I,
)
_CONTRAST_AFTER = re.compile(r"\s+(?:the|a|an|by|in|on|at|from|for|his|her|their|its|our|[A-Z0-9])")


#: "who did not ...", "which was never ...": up to the next comma or the end
_RELATIVE_CLAUSE = re.compile(r"\b(?:who|which|whose)\b[^,;:]*")


_HEDGE_STRIP = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|seemingly|apparently|possibly|perhaps)\s+", re.I
)
_NEGATION = re.compile(
    # idioms that assert rather than deny: "not only X" (X and more), "no choice but to X" (X was
    # done), "no doubt", "no fewer than 40" (40 or more)
    r"\b(?:not(?!\s+(?:only|just|least)\b)|never|no longer|nobody|nothing(?!\s+(?:but|less|short)\b)|neither|nor|"
    r"no(?=\s+[a-z])(?!\s+(?:(?:choice|alternative|option)\s+but|doubt|sooner|(?:less|fewer|more)\s+than)\b))\b|n['\u2019]t\b"
    # "Posts claiming that the dam had burst were false"
    r"|\b(?:is|are|was|were|be|been)\s+(?:(?:completely|entirely|totally|simply)\s+)?(?:false|untrue|baseless|unfounded)\b",
    re.I,
)
_CAUTION = re.compile(
    r"\b(?:could not|cannot|can['\u2019]t|couldn['\u2019]t|was unable to|were unable to|is unable to|"
    r"has not been able to|have not been able to|did not|has not|have not)\s+(?:independently\s+)?"
    r"(?:verify|verified|confirm|confirmed|authenticate)\b"
    # "None of these claims has been independently confirmed", "... have not been independently verified"
    r"|\b(?:none|neither) of (?:these|the|those|its|their) (?:claims|reports|allegations|accounts)\s+(?:has|have)\s+"
    r"been\s+(?:independently\s+)?(?:verified|confirmed|authenticated)\b"
    r"|\b(?:has|have|had) not been independently (?:verified|confirmed|authenticated)\b"
    # "Its authenticity could not be independently verified"
    r"|\b(?:could not|cannot|can['\u2019]t|couldn['\u2019]t) be (?:independently\s+)?"
    r"(?:verified|confirmed|authenticated)\b",
    re.I,
)
_BYLINE_NAME = r"(?-i:[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})"
#: bylines, credits and page furniture. A byline is short ("By Jane Smith, Political
#: Correspondent"); "By Wednesday, the ministry said ..." and "Photos showed ..." are sentences.
_CREDIT = re.compile(
    r"^(?:(?-i:By|BY)\s+" + _BYLINE_NAME + r"(?:\s+(?:and|AND|&)\s+" + _BYLINE_NAME + r")?"
    r"(?:\s*[,|/\u2014-]\s*[^.!?]{0,60})?\s*$|(?:photo(?:graph)?s?|images?|pictures?)\s*(?::|credits?\b|"
    r"caption\b|by\b|courtesy\b)|credits?\s*:|reporting by|editing by|additional reporting|writing by|"
    r"read more|related:|advertisement\s*$|subscribe\b|sign up\b|follow us\b|copyright\s*(?:\d|\u00a9|\(c\))|"
    r"\u00a9|\(reporting)",
    re.I,
)
#: a photo credit printed at the end of a caption ("... PHOTO: STATE TV via AFP", "... NEWS AGENCY
#: via AFP / Ana LIND"): not part of the claim
_PARTICIPLE_LEAD = re.compile(r"(?:claiming|saying|adding|insisting|arguing|warning)\s+(?:that\s+)?")
_TRAILING_CREDIT = re.compile(
    r"\s*\((?i:photo|image|picture|video)s?\s*:[^)\n]*\)\s*[.]?\s*$|"
    r"\s+(?:(?:PHOTO|Photo|IMAGE|Image|PICTURE|Picture)\s*:|(?:[A-Z][A-Z.&'-]+\s+)+via\s+(?:AFP|Reuters|AP|Getty)\b|"
    r"(?:AFP|Reuters|AP|Getty Images)\s*/)[^\n]*$|"
    # an embedded post's signature: "... — Lena Hart (@lhart) November 20, 2026"
    r"\s*[\u2014\u2013]\s*[^\n\u2014\u2013]{0,60}?@\w{1,30}\)?\s+(?:\w+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\s*$"
)
#: the same signature with its parts, at the end of a paragraph (the post's author speaks it)
_POST_SIGNATURE = re.compile(
    r"\s*(?P<dash>[\u2014\u2013])\s*(?:(?P<name>[^\n\u2014\u2013()@]{2,50}?)\s+\()?(?P<handle>@\w{1,30})\)?"
    r"\s+(?:\w+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})[ \t]*$",
    re.M,
)
_AGENCY_CREDIT = re.compile(r"\b(?:via\s+(?:AFP|Reuters|AP|Getty)|/\s*(?:AFP|Reuters|AP|Getty|Shutterstock))\b|PHOTO:")

# --- reasons shown with the score --------------------------------------------------

_MONTH_WORDS = frozenset(
    """
    january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    yesterday
    """.split()
)
#: health, crime, money and violence: what fact-checkers chase
TOPIC_WORDS = frozenset(
    """
    cancer ill illness illnesses sick sickness health surgery surgeries hospital hospitals hospitalised
    hospitalized disease diseases died dead death deaths killed killing kill coup arrest arrested
    arrests charged crime crimes fraud corrupt corruption bribe bribes bribery bribed murder murdered
    murders attack attacked attacks war troops invasion bomb bombs bombing bombed missile missiles shot
    shooting million millions billion billions percent tax taxes budget prison jail jailed sentenced
    convicted overthrow resign resigned resignation stroke tumor tumour dementia parkinson parkinson's
    alzheimer alzheimer's diagnosed chemotherapy poisoned poisoning assassination assassinated kidnapped
    abducted embezzlement laundering smuggling trafficking torture tortured executed beheaded
    heart cardiac kidney kidneys liver lung lungs dialysis transplant diagnosis treatment medication
    infection infected virus pandemic vaccine vaccines seizure seizures paralysed paralyzed wheelchair coma
    terminal dying clinic injured injuries wounded overdose autopsy diabetes tremors
    icu ventilator hospice ambulance collapsed fainted resuscitated healthy
    army military soldiers generals militia weapons
    stolen theft robbery indicted indictment prosecutors prosecuted detained custody espionage spying
    hacked extortion blackmail assault assaulted abuse harassment rape scandal
    massacre airstrike airstrikes explosion gunmen hostage hostages casualties shelling militants
    terrorist terrorism riot riots clashes assassinate beheading plot
    debt deficit salary salaries wages bailout sanctions inflation unemployment euros dollars payments
    bankrupt bankruptcy subsidies
    """.split()
)
TOPIC_WORDS |= frozenset(["intensive care", "life support"])
_OPINION_FEATS = frozenset(
    ["i think", "i believe", "i feel", "we need", "we must", "we should", "should", "ought", "i hope"]
)


def _reasons_from(feats: set[str]) -> list[str]:
    out = []
    if "<num>" in feats or "<year>" in feats:
        out.append("number")
    if not _MONTH_WORDS.isdisjoint(feats):
        out.append("date")
    if "<caps1>" in feats or "<caps2+>" in feats:
        out.append("named people or places")
    if not TOPIC_WORDS.isdisjoint(feats):
        out.append("health, crime, money or violence")
    if not _OPINION_FEATS.isdisjoint(feats):
        out.append("opinion")
    return out


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
    #: the attribution model's verdict (may be true where the rules found no speaker)
    attributed: bool = False
    hedge: str | None = None
    negated: bool = False
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    is_caution: bool = False
    is_question: bool = False
    skip: str | None = None  # why this segment can never be a claim
    feats: set[str] = field(default_factory=set, repr=False)


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


@cache
def _learned_cues() -> frozenset[str]:
    words = set(load("attribution").meta_extra.get("cues", []))
    stop = {"also", "that", "this", "with", "from", "according", "appeared", "appears", "appear", "seemed", "seems"}
    stop |= {h for h in NEWS_HEDGES if " " not in h}  # hedges weaken a claim; they do not name its speaker
    return frozenset(w for w in words if len(w) >= 4) - stop


def _strip_span(
    text: str, start: int, end: int, chars: str = " \t\n,;:\"'\u201c\u201d\u2018\u2019", tail: str = "."
) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    if tail:
        chars += tail
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


#: a recording's verb and the person it shows, before a cue in -ing ("shows the minister telling")
#: the verb of a clause before ", saying X": a past tense, or a common irregular one
_CLAUSE_VERB = re.compile(
    r"\s(?:[a-z]+ed|said|told|gave|made|took|wrote|spoke|met|put|sent|held|issued|released|posted|"
    r"says|tells|gives|makes|takes|writes|speaks|issues|releases|posts|denies|rejects|dismisses)\b"
)
_RELATIVE_START = re.compile(r"\s*(?:who|whose|which|whom)\b")
_SHOWS_WHO = re.compile(
    r"\b(?:show(?:s|ed|ing)?|captur(?:e|es|ed|ing)|record(?:s|ed)?|film(?:s|ed)?|depict(?:s|ed)?|"
    r"hear(?:s|d)?|feature(?:s|d)?|catch(?:es)?|caught)\s+(?=(?:the|a|an|his|her|their|its|two|three|[A-Z])\w*\b)"
)
_LEADING_VERB = re.compile(r"[a-z]+s\s+(?=(?:the|a|an|his|her|their|its|two|three|several)\b)")
#: a proper name set off by commas ("..., Ivo Karsk, said"), and a description it can stand for
_APPOSED_NAME = re.compile(rf"\s*({_ABBREV_NAME}[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){{1,3}})\s*")
_DESCRIPTION = re.compile(r"(?:the|a|an|his|her|their|its)\s|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['\u2019]s?\s", re.I)


#: a time, place or linking phrase opening a sentence before its subject: "In October, ", "Last
#: week, ", "After the vote, ", "However, " (not "At least 12 officials, ...")
_OPENER = re.compile(
    r"\s*(?:(?:in|on|during|after|before|since|by|last|this|next|earlier|later|at|as|under|with|without|despite|"
    r"according|following|asked|speaking|writing)\s+(?!least\b|most\b|well\b)[^,]{1,30}?|"
    r"meanwhile|however|yesterday|today|separately|instead|still|now|also|moreover|for instance|for example|"
    r"by contrast|in addition)\s*,\s+",
    re.I,
)


def _speaker_before(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The noun phrase just before a cue verb, as a span within [lo, cue_start)."""
    opener = _OPENER.match(text, lo, cue_start)
    if opener:
        lo = opener.end()  # "In October, Mr. Paulson, who ..., told": not October
    chunk = text[lo:cue_start]
    # (a tail of helpers is short: scan only the end, and only if the last word may end one)
    tail = _AUX_TAIL.search(chunk, max(0, len(chunk) - 80)) if _may_end_aux_tail(chunk) else None
    if tail:
        chunk = chunk[: tail.start()]
    if chunk.rstrip().endswith(",") and chunk.count(",") >= 2:
        # "The governor, who quit in May, said": the subject is before the first comma; but in
        # "The president's spokesman, Ivo Karsk, said" the name set off by commas is who spoke
        first = chunk.index(",")
        if len(chunk[:first].split()) <= 8:
            last = chunk.rstrip().rindex(",")
            name = _APPOSED_NAME.fullmatch(chunk, first + 1, last)
            second = chunk.find(",", first + 1)
            if name is None and second < last and _RELATIVE_START.match(chunk, second + 1):
                # "The opposition leader, Petra Lind, who has called for elections, claimed"
                name = _APPOSED_NAME.fullmatch(chunk, first + 1, second)
            if name and _DESCRIPTION.match(chunk[:first].lstrip()):
                return _strip_span(text, lo + name.start(1), lo + name.end(1))
            chunk = chunk[:first]
    if chunk.rstrip(" ,").endswith(")") and "(" in chunk:
        chunk = chunk[: chunk.rindex("(")]  # "Rep. Mia Love (R-Utah), ... explained": not the tag
    breaks = [m for m in _CLAUSE_BREAK.finditer(chunk) if m.end() < len(chunk.rstrip(" ,"))]
    s = breaks[-1].end() if breaks else 0
    if breaks and breaks[-1].group().strip() in ("who", "that"):
        # "two engineers who inspected them told": the engineers, with what says which ones
        before = breaks[-2].end() if len(breaks) > 1 else 0
        head = chunk[before : breaks[-1].start()].split()
        if 1 <= len(head) <= 6 and head[-1].lower() not in _ARTICLES and not head[-1].endswith(("ed", "ing")):
            s = before
    phrase = chunk[s:]
    lead = _LEAD_TIME.match(phrase)
    if lead:
        s += lead.end()
        phrase = chunk[s:]
    t = _TIME_PHRASE.match(phrase)
    if t:
        s += t.end()
    s0, e0 = _strip_span(text, lo + s, lo + len(chunk))
    verb = _LEADING_VERB.match(text, s0, e0)
    if verb:
        s0 = verb.end()  # "The recording ... captures the businessman telling ...": the businessman
    elif (cue_word := _WORD.match(text, cue_start)) is not None and cue_word.group().endswith("ing"):
        # "A recording ... appeared to capture a businessman saying X", "a video shows the minister
        # telling reporters X": who speaks is whom the recording shows, not the recording
        shown = [m.end() for m in _SHOWS_WHO.finditer(text, s0, e0)]
        if shown:
            s0 = shown[-1]
    if e0 <= s0:
        return None
    words = text[s0:e0].split()
    if len(words) > 12 or not any(w[:1].isalpha() for w in words):
        return None
    return s0, e0


_ROLE_THEN_NAME = re.compile(
    # (no preposition before the role: "a spokesman for President Vesna" is the spokesman)
    r"^(?:(?!(?:for|of|to|with|at|from|by|near|close)\b)[\w'\u2019.-]+\s+){0,4}?(?:leader|minister|spokesman|spokeswoman|spokesperson|president|senator|"
    r"governor|general|chief|secretary|mayor|adviser|advisor|official|director|commander|chancellor|ambassador|"
    r"judge|prosecutor|inspector|analyst|professor|lawyer|chairman|chairwoman|founder|economist|candidate|"
    r"congressman|congresswoman|representative|master|manager|head|officer|engineer|auditor|executive|editor|"
    r"sen\.|rep\.|gov\.|gen\.)\s+"
    r"(?P<name>(?-i:(?:[A-Z][\w'\u2019.-]*\s+){1,3}[A-Z][\w'\u2019-]+))$",
    re.I,
)


_RELATIVE = re.compile(r",?\s+(?:who|which|whose|that)\s")
_CAPITAL = re.compile(r"[A-Z]")


def _clean_speaker(name: str) -> str:
    """ "Maj. Gen. Kyrylo Budanov" -> "Kyrylo Budanov"; "Opposition leader Petra Lind" -> "Petra Lind"."""
    name = _plain(name) if "[" in name or "*" in name or "_" in name else name
    name = " ".join(name.split()) if "\n" in name else name.strip()
    title = _TITLE_PREFIX.match(name)
    name = (name[title.end() :] if title else name).strip(" ,[")
    verb = _LEADING_VERB.match(name)
    if verb:
        name = name[verb.end() :]  # "captures the businessman" -> "the businessman"
    rel = _RELATIVE.search(name)
    if rel and len(name[: rel.start()].split()) >= 2:  # "a former adviser who spoke to ..." -> "a former adviser"
        name = name[: rel.start()].rstrip(" ,")
    words = name.split()
    # (a role and a name of two or more capitalised words: only then is the expression tried)
    m = (
        _ROLE_THEN_NAME.match(name)
        if len(words) >= 3 and _CAPITAL.match(words[-1]) and _CAPITAL.match(words[-2])
        else None
    )
    if m and m.group("name")[:1].isupper():
        return m.group("name")
    return name


#: a subject's aside set off by commas just before the cue: "The mayor, speaking in Orsk, said",
#: "Vesna, 71, said", "The minister, who quit in May, said"
_ASIDE_BEFORE_CUE = re.compile(
    r"^[^,]{2,80},\s*(?:[a-z]+ing\b|who\b|whose\b|which\b|\d{1,3}\b|visibly\b|clearly\b|himself\b|herself\b)[^,]*,\s*$"
)


def _without_opener(prefix: str) -> str:
    opener = _OPENER.match(prefix)
    return prefix[opener.end() :] if opener else prefix


def _named_part(text: str, s: int, e: int) -> tuple[int, int]:
    """Of a subject with an aside in commas ("Sarandon, 69,", "Anna Berg, a nurse,", "the Vatican
    spokesman, Ivo Karsk,"), the part that names the speaker; the whole span when there is none."""
    who = text[s:e]
    first = who.find(",")
    if first < 0:
        return s, e
    second = who.find(",", first + 1)
    aside = who[first + 1 : second if second > 0 else len(who)]
    name = _APPOSED_NAME.fullmatch(aside)
    if name and _DESCRIPTION.match(who[:first].lstrip()) and len(who[:first].split()) <= 8:
        return s + first + 1 + name.start(1), s + first + 1 + name.end(1)
    return s, s + first


def _name_and_role(prefix: str) -> bool:
    """Whether what comes before a cue is a subject in two parts, a name and a description ("Lena
    Varr, the mayor's spokeswoman," or "The mayor's spokeswoman, Lena Varr,"): then the speaker
    comes first and what follows the cue is what was said."""
    # (an age set off by commas is neither: "Mr. Karsk, 54, a former minister,")
    pieces = [p for p in prefix.rstrip(" ,").split(",") if not p.strip().isdigit()]
    if len(pieces) != 2 or any(not 1 <= len(p.split()) <= 8 for p in pieces):
        return False
    a, b = pieces[0].strip(), pieces[1].strip()
    return bool(
        (_APPOSED_NAME.fullmatch(a) and _DESCRIPTION.match(b)) or (_APPOSED_NAME.fullmatch(b) and _DESCRIPTION.match(a))
    )


def _attr(text: str, sp: tuple[int, int], cue: str, cue_span: tuple[int, int], content: tuple[int, int]) -> Attribution:
    if cue_span[1] <= content[0]:
        # "X wrote in her report: "Y"", "X told the Herald: Y": what was said follows the colon
        colon = _COLON_INTRO.match(text, content[0], content[1])
        before = text[content[0] : colon.end()].lower().split() if colon else []
        if colon and colon.end() < content[1] and len(before) <= 6 and _AUX_AFTER_NOUN.isdisjoint(before):
            # only an object or a circumstance before the colon ("in her report:", "the Herald:"),
            # not a clause of what was said ("the plan had three parts: ...")
            content = _strip_span(text, colon.end(), content[1])
    elif content[1] <= sp[0] and text[content[1] : sp[0]].strip() == ",":
        # "Y, its chief executive, Søren Ødegård, told analysts": the role belongs to the speaker
        role = _ROLE_TAIL.search(text, content[0], content[1])
        if role and len(text[content[0] : role.start()].split()) >= 3:
            content = _strip_span(text, content[0], role.start())
    return Attribution(text[sp[0] : sp[1]], sp, cue, cue_span, content)


_ROLE_TAIL = re.compile(r",\s+(?:its|his|her|their|the|a|an)\s+(?:[\w'\u2019-]+\s+){0,4}[\w'\u2019-]+$")


_COLON_INTRO = re.compile('[^"\u201c\u2018:.;]{0,60}:\\s+(?=["\u201c\u2018A-Z0-9])')
#: a line or sentence that introduces a quotation printed after it: "Lind said on Friday:",
#: "Anna Berg, the city auditor, wrote in her report:"
_QUOTE_INTRO = re.compile(
    rf"(?P<who>{_ABBREV_NAME}[^:;\"\u201c]{{1,120}}?)\s+(?:also\s+)?(?P<cue>{_QUOTE_VERBS}|"
    # "The minister made three claims at the briefing:", then a list of them
    r"(?:made|listed|set\s+out|laid\s+out|repeated)\s+(?:\w+\s+){0,2}(?:claims|allegations|points|accusations))"
    r"\b[^:;\"\u201c]{0,60}:\s*$"
)
_QUOTE_OPENERS = "\"\u201c\u2018'"


@dataclass(slots=True)
class _Intro:
    speaker: tuple[int, int]
    cue: str
    cue_span: tuple[int, int]


def _quote_left_open(sent: str) -> bool:
    if "\u201c" in sent or "\u201d" in sent:
        return sent.count("\u201c") > sent.count("\u201d")
    return sent.count('"') % 2 == 1


def _quote_intro(text: str, start: int, end: int) -> _Intro | None:
    """Who speaks in the quotation after this segment, when it ends by introducing one."""
    if not text[start:end].rstrip().endswith(":"):
        return None
    m = _QUOTE_INTRO.match(text, start, end)
    if m is None:
        return None
    sp = _speaker_before(text, start, m.start("cue"))
    if sp is None:
        return None
    return _Intro(sp, m.group("cue"), m.span("cue"))


def rule_attribution(
    text: str, start: int, end: int, use_lexicon: bool = True, feats: set[str] | None = None
) -> Attribution | None:
    """Speaker, cue and content of the sentence text[start:end], by rule; None if not attributed.
    ``feats``: the sentence's textmodel.features, where already worked out."""
    sent = text[start:end]
    m = _ACCORDING_START.match(sent)
    if m:
        sp = (start + m.start(1), start + m.end(1))
        cue_span = (start + m.start(), start + m.start(1))
        return _attr(text, sp, "according to", cue_span, _strip_span(text, start + m.end(), end))
    m = (
        _FOUND_END.search(sent)
        if "found" in sent or "conclu" in sent or "show" in sent or "sugges" in sent or "indicat" in sent
        else None
    )
    if m and len(sent[: m.start()].split()) >= 4:
        # "Children near the smelter are twice as likely to have asthma, a study has found"
        who, cue = ("who", "cue") if m.group("who") else ("data", "dcue")
        sp = _strip_span(text, start + m.start(who), start + m.end(who))
        return _attr(
            text,
            sp,
            m.group(cue),
            (start + m.start(cue), start + m.end(cue)),
            _strip_span(text, start, start + m.start()),
        )
    m = _ROLE_NAME_SAID_END.search(sent) if sent.count(",") >= 2 else None
    if m and len(sent[: m.start()].split()) >= 3:
        # "The port lost 40 million euros, the city auditor, Anna Berg, said."
        sp = (start + m.start("who"), start + m.end("who"))
        return _attr(
            text, sp, m.group("cue"), (start + m.start("cue"), start + m.end("cue")),
            _strip_span(text, start, start + m.start()),
        )  # fmt: skip
    m = (_LABEL_END.search(sent) or _NAMED_SOURCE_END.search(sent)) if ":" in sent else None
    if m and len(sent[: m.start()].split()) >= 4 and _HEADLINE_WORDS.isdisjoint(m.group("who").lower().split()):
        # a headline's "Driver hurt after guards fire warning shots: reports"
        sp = (start + m.start("who"), start + m.end("who"))
        return _attr(text, sp, "reports", sp, _strip_span(text, start, start + m.start()))
    m = _ACCORDING_MID.search(sent) if "according to" in sent else None
    if m and len(sent[m.end() :].split()) >= 3:
        # "... promised 2,000 jobs; according to the city's figures, fewer than 400 were created"
        sp = _strip_span(text, start + m.start("who"), start + m.end("who"))
        cue_at = start + m.start("cue")
        return _attr(text, sp, "according to", (cue_at, cue_at + 12), _strip_span(text, start + m.end(), end))
    m = _ACCORDING_INNER.search(sent) if "according to" in sent else None
    if m and len(sent[: m.start()].split()) >= 3:
        # "Exports rose 4%, according to the statistics office, but imports rose faster": the clause
        # before is what the office says
        sp = _strip_span(text, start + m.start("who"), start + m.end("who"))
        cue_at = start + m.start("cue")
        return _attr(text, sp, "according to", (cue_at, cue_at + 12), _strip_span(text, start, start + m.start()))
    m = _ACCORDING_END.search(sent) if "according to" in sent else None
    if m:
        sp = _strip_span(text, start + m.start(1), start + m.end(1))
        cue_at = start + sent.find("according to", m.start())
        return _attr(text, sp, "according to", (cue_at, cue_at + 12), _strip_span(text, start, start + m.start()))
    m = _PARENTHETICAL.match(sent) if sent.count(",") >= 2 else None
    if m and len(m.group("a").split()) <= 8 and len(m.group("b").split()) >= 2:
        # "The president, Karsk said, has a cold": Karsk said all of it (the core leaves him out)
        sp = _strip_span(text, start + m.start("who"), start + m.end("who"))
        return _attr(
            text, sp, m.group("cue"), (start + m.start("cue"), start + m.end("cue")), _strip_span(text, start, end)
        )
    if sent.lstrip()[:1] in '"\u201c' and _WHOLLY_QUOTED.fullmatch(sent):
        return None  # all of it inside quotation marks: the speaker's words, not an attribution
    m = _QUOTE_FIRST.match(sent)
    if m:
        rest_at = start + m.start("rest")
        rest = m.group("rest")
        quote = _strip_span(text, start + m.start("q"), start + m.end("q"))
        w = _QUOTE_WHO_THEN_CUE.match(rest)
        if w and len(w.group("who").split()) <= 28:
            sp = _strip_span(text, *_named_part(text, rest_at + w.start("who"), rest_at + w.end("who")))
            return _attr(text, sp, w.group("cue"), (rest_at + w.start("cue"), rest_at + w.end("cue")), quote)
        w = _QUOTE_CUE_THEN_WHO.match(rest)
        if w:
            sp = _without_circumstance(text, _strip_span(text, rest_at + w.start("who"), rest_at + w.end("who")))
            return _attr(text, sp, w.group("cue"), (rest_at + w.start("cue"), rest_at + w.end("cue")), quote)
    m = _CALLED_IT_FALSE.search(sent) if "that" in sent and any(map(sent.__contains__, _CALLING_STEMS)) else None
    if m:
        # "The ministry called reports that the dam had burst false": the ministry denies Y
        sp = _speaker_before(text, start, start + m.start())
        if sp is not None:
            cue_span = (start + m.start("cue"), start + m.end("cue"))
            return _attr(text, sp, _CALLED_FALSE_CUE, cue_span, (start + m.start("what"), start + m.end("what")))
    m = _owned_claim(sent)
    if m:
        # "Karsk's claim that X was met with scepticism by doctors": X is Karsk's; how it was
        # received is the outlet's report (the last such verb: X may have one of its own)
        reaction = list(_REACTION_VERB.finditer(sent, m.end()))
        if reaction and len(sent[m.end() : reaction[-1].start()].split()) >= 3:
            sp = _strip_span(text, start + m.start("who"), start + m.end("who"))
            cue_span = (start + m.start("noun"), start + m.end("noun"))
            return _attr(text, sp, m.group("noun").lower(), cue_span, (start + m.end(), start + reaction[-1].start()))
    cues = _cues_in(sent, CUE_WORDS, feats)
    if len(cues) > 1 and cues[-1].group() in ("said", "says", "added", "insisted", "reported"):
        tail = _SAID_END.search(sent, cues[-2].end())
        if tail and len(sent[: tail.start()].split()) >= 4:
            # "Vesna denied the rumors, his spokesman said": the spokesman says what comes before,
            # a denial and all
            sp = _strip_span(text, start + tail.start("who"), start + tail.end("who"))
            return _attr(
                text, sp, tail.group("cue"), (start + tail.start("cue"), start + tail.end("cue")),
                _strip_span(text, start, start + tail.start()),
            )  # fmt: skip
    for cm in cues:
        cue = cm.group()
        before = sent[: cm.start()].split()
        last = before[-1].lower() if before else ""
        if last in _NOUN_BEFORE and (last != "media" or cue in _NOUN_CUES):
            # "similar claims", "the reports", "an alleged", "media reports that": a noun or an
            # adjective, not a verb ("Local media reported that ..." is the media's)
            continue
        if _not_a_reporting_verb(sent, cm, before):
            continue
        following = _WORD.match(sent, cm.end() + 1)
        if (
            following
            and following.start() == cm.end() + 1
            and cue in _NOUN_CUES
            and (following.group() in CUE_WORDS or following.group() in _AUX_AFTER_NOUN)
        ):
            continue  # "intelligence reports suggest", "reports have swirled": the cue word is a noun
        cue_start, cue_end = start + cm.start(), start + cm.end()
        prev = sent[: cm.start()].rstrip()
        if cue.endswith("ing") and prev and prev[-1].isalpha():
            tail = _SAID_END.search(sent, cm.end())
            if tail:
                # "Posts claiming that the dam had burst were false, the police said": the police
                # said the whole clause; "claiming" only says which posts
                sp = _strip_span(text, start + tail.start("who"), start + tail.end("who"))
                return _attr(
                    text,
                    sp,
                    tail.group("cue"),
                    (start + tail.start("cue"), start + tail.end("cue")),
                    _strip_span(text, start, start + tail.start()),
                )
        if (
            prev
            and prev[-1] in ",\"'\u201d\u2019"
            and cue in _INVERTIBLE
            and not _name_and_role(_without_opener(prev))
            and not _ASIDE_BEFORE_CUE.match(_without_opener(prev))
        ):
            # "..., said Michael Kofman, an expert ..., would read": the speaker follows the cue
            w = _INVERTED_WHO.match(sent, cm.end())
            sp = _without_circumstance(text, _strip_span(text, start + w.start(1), start + w.end(1))) if w else None
            if sp is not None and len(text[sp[0] : sp[1]].split()) <= 8:
                content = _strip_span(text, start, start + len(prev))
                if content[1] - content[0] >= 12:
                    return _attr(text, sp, cue, (cue_start, cue_end), content)
        by = _BY_AGENT.match(sent, cm.start())
        if by and by.group("cue") in _REFUSED and not _CLAIM_NOUN.search(sent, 0, cm.start()):
            by = None  # "the appeal was dismissed by the court": a ruling ("the reports were denied by X": X's)
        if by:
            sp = _strip_span(text, start + by.start("who"), start + by.end("who"))
            content = _strip_span(text, start, end)
            told = _THAT_NEXT.match(text, start + by.end("who")) if by.group("cue") in _TOLD_BY else None
            if told and len(text[told.end() : end].split()) >= 3:
                # "Soldiers were told by their commanders that Y": the commanders said Y
                return _attr(
                    text, sp, by.group("cue"), (cue_start, start + by.end("cue")), _strip_span(text, told.end(), end)
                )
            which = _WHICH_CUE.match(text, start + by.end("who"))
            if which and len(text[which.end() : end].split()) >= 3:
                # "... first reported by the Harbor Post, which noted that Y": Y is what it said
                return _attr(text, sp, which.group("cue"), which.span("cue"), _strip_span(text, which.end(), end))
            return _attr(text, sp, by.group("cue"), (cue_start, start + by.end("cue")), content)
        sp = _speaker_before(text, start, cue_start)
        before_cue = text[start:cue_start].rstrip()
        if sp is not None and (
            (cue.endswith("ing") and before_cue.endswith(",")) or before_cue.endswith((" and", " but"))
        ):
            # "The governor's office denied the reports on Tuesday, saying X": the subject of the
            # clause before, not the whole clause
            verb = _CLAUSE_VERB.search(text, sp[0], sp[1])
            if verb and verb.start() > sp[0]:
                sp = _strip_span(text, sp[0], verb.start())
                aux = _AUX_TAIL.search(text, sp[0], sp[1]) if _may_end_aux_tail(text[sp[0] : sp[1]]) else None
                if aux and aux.start() > sp[0]:
                    sp = (sp[0], aux.start())  # "Vey's representatives have denied ..., insisting"
        after = text[cue_end:end]
        if (cue in ("charged", "accused") or cue in _REFUSED) and before and before[-1].lower() in _PASSIVE_AUX:
            # "Sand was charged with taking bribes": the one charged, not who charges; "the appeal was
            # dismissed": what was turned down, not who spoke
            continue
        if cue in ("told", "tells", "telling"):
            if before and before[-1].lower() in _PASSIVE_AUX:
                continue  # "Residents were told to leave", "were told that X": those told, not who told them
            # whom: "told Sky News", "told reporters that", "tells a parade in Moscow that"
            obj = _WHOM_TOLD.match(after)  # ("told the Orsk Herald the mayor took bribes": the Herald is whom)
            if obj:
                cue_end += obj.end()
                after = text[cue_end:end]
            if _TO_DO.match(after):
                continue  # "Police told residents to leave": an order, not something said to be so
        elif cue in _WARNED_WHOM and not after.lstrip().startswith("that "):
            # "The agency warned residents that the river would flood": residents are whom
            obj = _WHOM_THAT.match(after)
            if obj:
                cue_end += obj.end()
                after = text[cue_end:end]
            else:
                obj = _WHOM_TOLD.match(after)
                if obj and _TO_DO.match(after, obj.end()):
                    continue  # "warned residents to stay indoors": advice, not something said to be so
        intro = _INTERVIEW.match(after) if after[:1].isspace() else None
        if intro and _CLAUSE_IN_ASIDE.isdisjoint(intro.group().lower().split()):
            cue_end += intro.end()
            lead = _PARTICIPLE_LEAD.match(text, cue_end)
            if lead:
                cue_end = lead.end()  # "wrote on Twitter, claiming that X": X
        if (
            sp is not None
            and text[start : sp[0]].rstrip().endswith(",")
            and (intro or after.lstrip().startswith(","))
            and len(text[start : sp[0]].split()) >= 4
        ):
            # "Y, the ministry said on Monday, Z": the attribution is set off by commas and Y is
            # what it said; Z is a fragment hung on the end
            content = _strip_span(text, start, sp[0])
            return _attr(text, sp, cue, (cue_start, start + cm.end()), content)
        denied_what = False
        if cue in DENIAL_CUES:
            what = _DENIED_WHAT.match(text, cue_end)  # "denies reports (that) X": X is what is denied
            if what and what.end() < end:
                cue_end = what.end()
                denied_what = True
        t = _THAT.match(text, cue_end, end)
        c0 = t.end() if t else cue_end
        said_that = _ends_in_that(t)
        if not said_that:
            lead = _TIME_LEAD.match(text, c0)
            if lead:
                c0 = lead.end()  # "said on Monday the port would reopen": not "on Monday"
        cs, ce = _strip_span(text, c0, end)
        tail = _SPEAKER_TAIL.search(text, cs, ce)
        if tail:
            cs, ce = _strip_span(text, cs, tail.start())
        a_clause = said_that or _CLAUSE_HINT.search(text, cs, ce) is not None
        # "..., the company said in a statement": where it was said, not what
        circumstance = not a_clause and _CIRCUMSTANCE.match(text, cs, ce) is not None
        if (ce - cs < 12 or len(text[cs:ce].split()) < 3 or circumstance) and not (denied_what and ce > cs):
            # "..., X said." at the end: the content came before
            w = _WHO_THEN_CUE.search(sent[: cm.end()]) if sp is None else None
            if w:
                sp = _strip_span(text, start + w.start("who"), start + w.end("who"))
            if sp is not None and cue in _NOUN_CUES and not plausible_speaker(text[sp[0] : sp[1]]):
                continue  # "..., here are full release notes": a noun, and no one speaks
            if sp is not None:
                content = _strip_span(text, start, sp[0])
                # the attribution is set off ("Y, X said"; 'Y," X said'): with nothing between them,
                # "Identity of the gunman known as Red Sam revealed" is a passive, and no one spoke
                set_off = text[start : sp[0]].rstrip()[-1:] in _SET_OFF
                if set_off and len(text[sp[0] : sp[1]].split()) > 8:
                    # "..., they fell well below the 20,000 a week the port had forecast": a
                    # clause, not a speaker set off
                    continue
                if content[1] - content[0] >= 12 and set_off:
                    return _attr(text, sp, cue, (cue_start, start + cm.end()), content)
            continue
        if sp is None:
            continue
        who = text[sp[0] : sp[1]].lower()
        if who in ("which", "who", "that"):
            # "... by the Harbor Post, which noted that ...": the speaker is the phrase before
            sp = _speaker_before(text, start, text.rfind(",", start, sp[0]) if "," in text[start : sp[0]] else sp[0])
            if sp is None:
                continue
            named = _NAME_AT_END.search(text, sp[0], sp[1])
            if named and named.start() > sp[0] and " " in text[sp[0] : named.start()].strip():
                # "The defeat was hard on Ms. Okafor, who said ...": Ms. Okafor, not the clause
                sp = named.span()
        preceding = text[max(start, sp[0] - 10) : sp[0]].split()
        if preceding and preceding[-1].lower() in _SUBORDINATORS and len(text[cs:ce].split()) < 6:
            continue  # "... weeks before he announced the merger": background, not the sentence's claim
        if preceding and preceding[-1].lower() in _RELATIVES and who in PRONOUNS and sp[0] - start > 20:
            # "Holm blamed the referee for the goal, which she said came from an offside": what she
            # said is the relative clause's, about the main clause's noun; the sentence is claimed whole
            return _attr(text, sp, "", (sp[1], sp[1]), (cs, ce))
        if cue in _OBJECT_CUES and not a_clause:
            # "US confirms death of militant leader", "Tesla confirms Nevada announcement": a thing
            # confirmed, not a clause; the claim stays whole, its subject the speaker
            return _attr(text, sp, "", (sp[1], sp[1]), (cs, ce))
        if cue.startswith("accus") and _WHOM_OF.match(text, cs, ce):
            # "The senator accused the mayor of taking bribes": the accusation is the claim, whole
            # (its content "the mayor of taking bribes" is no proposition); the senator makes it
            return _attr(text, sp, "", (sp[1], sp[1]), (cs, ce))
        return _attr(text, sp, cue, (cue_start, start + cm.end()), (cs, ce))
    shows = _SHOWS_THAT.search(sent) if "show" in sent else None
    if shows:
        # "A leaked memo appears to show that X", "Polls show that X": the document is the source
        sp = _speaker_before(text, start, start + shows.start())
        before = sent[: shows.start()].split()
        if sp is not None and before and before[-1].lower() not in _SHOW_NOUN_BEFORE and sp[1] - sp[0] > 2:
            cue_at = start + shows.start("cue")
            return _attr(
                text, sp, "show", (cue_at, start + shows.end("cue")), _strip_span(text, start + shows.end(), end)
            )
    return _lexicon_attribution(text, start, end, feats) if use_lexicon else None


_READ_MORE = re.compile(r"\s*\b(?:Read more|Continue reading)\s*(?:at|on|:|\u2026|\.\.\.)\s*\S")
_CALLING_STEMS = ("call", "Call", "brand", "Brand", "label", "Label", "describ", "Describ", "dismiss", "Dismiss")
_CALLED_IT_FALSE = re.compile(
    r"\s(?:(?:has|have|had)\s+)?(?P<cue>called|calls|branded|brands|labell?ed|describe[sd]|dismissed|dismisses)\s+"
    r"(?:the\s+|those\s+|these\s+|such\s+)?(?:reports?|rumou?rs?|claims?|allegations?|stories|speculation|"
    r"suggestions?)\s+(?:(?:claiming|saying|suggesting|alleging)\s+)?that\s+(?P<what>.{8,}?)\s+(?:as\s+)?"
    r"(?:(?:completely|entirely|totally|simply|wildly|utterly|categorically|absolutely)\s+)?"
    r"(?:false|untrue|baseless|unfounded|inaccurate|wrong|nonsense|fake|fabricated|absurd|ridiculous|groundless)"
    r"[\s.,;:!\"'\u201d]*$",
    re.I,
)
#: what sets an attribution at the end of a sentence off from what was said
_SET_OFF = frozenset(",;:-\u2013\u2014\"'\u201d\u2019)")
#: "the only show that ...": "show" the noun
_SHOW_NOUN_BEFORE = _NOUN_BEFORE | {"only", "talk", "tv", "game", "first", "last", "best", "news", "cooking"}
_SHOWS_THAT = re.compile(
    r"(?<=[a-z])\s+(?:(?:appears?|appeared|seems?|seemed)\s+to\s+)?(?P<cue>show(?:s|ed)?)\s+that\s+"
)
#: after "told <whom>": "to leave", "of Millbrook to leave": an order
_TO_DO = re.compile(r"(?:(?:of|in|at|from|near|across)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){1,4})?to\s+[a-z]")
#: ", fuelling speculation about his health", ", prompting fresh questions over ...": talk a fact stirred
_STOKED = re.compile(
    r",\s+(?:fuell?ing|prompting|sparking|raising|stoking|triggering|feeding|renewing|adding\s+to)\s+"
    r"(?:(?:fresh|new|further|renewed|widespread|intense|more|wild|online)\s+)?"
    r"(?:speculation|rumou?rs|questions|concerns|fears|doubts|talk|conspiracy\s+theories)\b"
    # about something, or nothing more ("fuelling speculation that he may be ill", "raising fears the
    # violence will spread" relay a rumor or a fear: a claim of their own, kept)
    r"(?=\s+(?:about|over|of|on|in|among|around|for|surrounding)\b|\s*[.;!]|\s*$)"
)
_STOKED_WORDS = frozenset("speculation rumors rumours questions concerns fears doubts talk theories".split())


def _stoked_talk(text: str, start: int, end: int, feats: set[str]) -> int | None:
    """Where a closing ", fuelling speculation ..." begins in text[start:end], if it has one (and
    at least four words before it)."""
    if _STOKED_WORDS.isdisjoint(feats):
        return None
    m = _STOKED.search(text, start, end)
    if m is None or len(text[start : m.start()].split()) < 4 or " that " in text[m.end() : end]:
        return None  # ("fuelling speculation in Tarsk that he is ill": a rumor relayed, a claim of its own)
    return m.start()


#: "The proposal was rejected by 60 percent of voters", "Karlsson was dismissed as coach": a vote, a
#: ruling, a sacking the outlet reports; no one speaks (see _lexicon_attribution for a claim turned down)
_REFUSED_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?(?:rejected|dismissed)\b")
_TOLD_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|been|being|get|got)\s+told\b"
    # "X was arrested on Monday, accused of taking bribes": who is accused, not who accuses
    r"|(?:,|\b(?:was|were|is|are|been|being|stands|stand))\s+(?:accused\s+of|charged\s+(?:\w+\s+){0,3}?with)\b"
)
#: ", the police said." closing a sentence
#: "The president, Karsk said, has a cold": an attribution set in the middle of what was said
_MID_SAID = (
    r",\s+(?P<who>(?:the|a|an|his|her|their|its|[A-Z]|(?!(?:and|but|or|as|so|then|which|who|that|this|these|those)\b)"
    r"[a-z]+(?:\s+[a-z]+)?s\b)[^,;:\"\u201c\u201d]{0,50}?)\s+"
    r"(?P<cue>said|says|added|insisted|claimed|argued|noted|warned|told\s+\w+)(?:\s+(?:on|in|last)\s+\w+)?,"
)
_PARENTHETICAL = re.compile(r"(?P<a>[^,;:\"\u201c\u201d]{3,80}?)" + _MID_SAID + r"\s+(?P<b>[a-z][^\n]*)$")
_MID_SAID_IN_CORE = re.compile(_MID_SAID + r"(?=\s+[a-z])")
_SAID_END = re.compile(
    # (a bare plural names a speaker too: ", prosecutors said", ", federal investigators said")
    r",\s+(?P<who>(?:the|a|an|his|her|their|its|[A-Z]|(?!(?:and|but|or|as|so|then|which|who|that|this|these|those)\b)"
    r"[a-z]+(?:\s+[a-z]+)?s\b)[^,;:\"\u201c\u201d]{0,60}?)\s+(?P<cue>said|says|added|warned|insisted|"
    r"reported|reports|told\s+[A-Z][\w .'-]{1,40}?)\s*(?:on\s+\w+\s*)?[.!]?[\"\u201d']?\s*$"
)
_WHOM_TOLD = re.compile(  # (\u066c: a number's comma, see _SEPARATOR)
    r"\s*[^,.;:\"\u201c]{1,60}?\s(?=that\b)|\s*(?:the\s+)?(?:[A-Z][\w.'-]*\s*){1,6}|\s*[\w\u066c]+\s*"
)
#: "X said A, and believe B": B is theirs too (see _AND_CUE)
_BELIEF_WORDS = frozenset("believe believes believed suspect suspects suspected fear fears feared".split())
#: cues often followed by a thing rather than a clause ("confirms the death of", "announced a deal")
_OBJECT_CUES = frozenset(
    "confirmed confirms confirming announced announces revealed reveals disclosed discloses "
    "reported reports estimated estimates predicted predicts warned warns warning".split()
)
#: cues that may name whom before what ("warned residents that ...")
_WARNED_WHOM = frozenset("warned warns warning assured assures reminded reminds informed informs".split())
_WHOM_THAT = re.compile(
    r"\s*(?!(?:that|of|about|against|on)\b)[^,.;:\"\u201c]{1,60}?\s(?=that\b)"
)  # (not denials: "denied both the illness and the surgery" keeps what is denied, negated)
_PREPOSITIONS = frozenset("for of by after before about without from with on in at over against".split())
_NAME_AT_END = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.?\s+)?(?:[A-Z][\w'\u2019.-]+\s+){0,3}[A-Z][\w'\u2019-]+$"
)
_TIME_LEAD = re.compile(
    r"\s*(?:on|last|this|earlier|late|later)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|"
    r"month|year|night|morning|evening|afternoon)(?:\s+(?:morning|evening|night|afternoon))?,?\s+"
    r"(?=(?:the|a|an|he|she|they|it|we|i|its|his|her|their|there)\s|(?-i:[A-Z0-9\"\u201c]))",
    re.I,
)
#: the words that may start a second attribution inside a content (as _split_content looks for them)
_CONTENT_CUES = CUE_WORDS | _BELIEF_WORDS


def _ends_in_that(m: re.Match[str] | None) -> bool:
    """Whether the _THAT match after a cue took a "that" (what follows is then a clause)."""
    return m is not None and m.group().rstrip().endswith("that")


_CIRCUMSTANCE = re.compile(r"(?:in|on|at|to|during|after|before|via|through|from|by|late|earlier|last|this)\b", re.I)
_RELATIVES = frozenset(["which", "that", "who", "whom"])
#: "accused <whom> of ...": whom, then what of
_WHOM_OF = re.compile(r"(?!that\b)[^,.;:\"\u201c]{1,80}?\s+of\s+\w")
_TOLD_BY = frozenset(["told", "warned", "assured"])
_THAT_NEXT = re.compile(r"\s+that\s+")
_PASSIVE_AUX = frozenset("was were is are be been being get got gets getting".split())
#: a word that makes what follows a cue a clause (something said) rather than an object
_CLAUSE_HINT = re.compile(
    r"(?=[a-z'\u2019])"  # (what every alternative opens with: the regex engine skips to those)
    r"(?:\b(?:is|are|was|were|be|been|has|have|had|will|would|could|can|may|might|must|should|did|does|do|"
    r"[a-z]+n['\u2019]t|[a-z]{2,}ed|he|she|they|we|i|you|it|there)\b|['\u2019](?:d|ll|re|ve)\b|\b(?:not|never)\b)",
    re.IGNORECASE,
)
_WH_WORDS = frozenset("who whom which what whose why how when where whether".split())


def _not_a_reporting_verb(sent: str, cm: re.Match[str] | _Cue, before: list[str]) -> bool:
    """Whether the cue word found in ``sent`` is used otherwise than as a verb reporting speech."""
    cue = cm.group()
    if not before:
        return False
    last = before[-1].lower()
    if last.endswith(("'s", "\u2019s")) and cue in _NOUN_CUES:
        return True  # "the man's claims that ...": a noun
    if cue.endswith("ing") and last in _PREPOSITIONS:
        return True  # "suspended for saying he could ...": what got him suspended, not an attribution
    if cue in _NOUN_CUES and _PREPOSITION_NEXT.match(sent, cm.end()):
        return True  # "conflicting reports on the capture": a noun
    if cue in _NOUN_CUES and (last in _PREPOSITIONS or last in _TAKES_A_NOUN):
        return True  # "amid reports that", "investigates claims that": a noun, whoever made them
    if last == "to" and cue in DENIAL_CUES:
        return True  # "refused to deny that ...": no denial at all
    if cue in _PARTICIPLE_CUES and _REDUCED_PASSIVE.match(sent, cm.end()):
        # "Al-Shabab leader believed killed in drone strike", "Reporter said abducted by militants",
        # "Pooch found dumped next to a suitcase": a passive, and no one named speaks
        return True
    if cue == "alleged" and not _CLAUSE_HINT.match(sent, cm.end()) and last in _PREPOSITIONS:
        return True  # "reports on alleged capture of": an adjective
    # "named as", "revealed as", "described as": who someone is, not what was said
    return sent.startswith(" as ", cm.end())


_PASSIVE_HEDGE_WORDS = frozenset("said believed thought reported feared rumored rumoured presumed".split())


def _passive_hedge(sentence: str, words: Iterable[str]) -> str | None:
    """Which of ``words`` makes a passive hedge in ``sentence`` ("believed killed in a drone
    strike", "said abducted by"): each is found as text, and only what follows it is matched."""
    first: tuple[int, str] | None = None
    for w in words:
        i = sentence.find(w)
        while i >= 0:
            if (i == 0 or not sentence[i - 1].isalnum()) and _REDUCED_PASSIVE.match(sentence, i + len(w)):
                if first is None or i < first[0]:
                    first = (i, w)
                break
            i = sentence.find(w, i + 1)
    return first[1] if first else None


#: cue words that also make a passive with the word after them ("believed killed", "said abducted")
_PARTICIPLE_CUES = frozenset(
    "said believed thought reported feared found rumored rumoured alleged understood presumed confirmed".split()
)
#: a past participle (or "dead", "missing"...) closing a phrase: "killed in", "abducted by", "dead,"
_REDUCED_PASSIVE = re.compile(
    r"\s+(?:dead|alive|missing|safe|[a-z]+ed|[a-z]+en)"
    r"(?=\s+(?:by|in|at|on|after|near|next|during|while|with|from|over|off|outside|inside|for|as)\b|\s*[,.;:!?]|\s*$)"
)


#: verbs whose object is the claim ("investigates claims that X"): the subject did not make it
_TAKES_A_NOUN = frozenset(
    """
    to amid despite investigate investigates investigating investigated probe probes probing probed
    examine examines examining examined debunk debunks debunked dismiss rejects rejected reject
    addresses addressed address fuel fuels fuelled fueled fuelling fueling spark sparks sparked sparking
    prompting prompted raising stoking feeding deny
    """.split()
)
_PREPOSITION_NEXT = re.compile(r"\s+(?:on|of|about|from|in|over)\b")


def _lexicon_attribution(text: str, start: int, end: int, feats: set[str] | None = None) -> Attribution | None:
    """Fallback: a cue word learned from annotated news, with the phrase before it as speaker.
    ``feats``: the sentence's textmodel.features, where already worked out."""
    sent = text[start:end]
    if not (sent.lstrip()[:1] in '"\u201c' and _WHOLLY_QUOTED.fullmatch(sent)):  # (as rule_attribution)
        for cm in _cues_in(sent, _learned_cues(), feats):
            before = sent[: cm.start()].split()
            if cm.start() == 0 or _not_a_reporting_verb(sent, cm, before):
                continue
            if cm.group().lower() in _REFUSED and before[-1].lower() in _PASSIVE_AUX:
                # "The proposal was rejected by voters", "The claim was rejected by the ministry":
                # what was turned down never speaks; the outlet reports the turning down (the
                # rules give a claim's content to whoever denied it: "Reports that X were denied by Y")
                continue
            sp = _speaker_before(text, start, start + cm.start())
            if sp is None or len(text[sp[0] : sp[1]].split()) > 6:
                continue
            said_by = text[sp[0] : sp[1]].lower().split()
            if cm.group() == "told" and _TOLD_PASSIVE.search(sent):
                continue  # "Residents were told to leave": those told, not who told them
            if said_by[-1] in _WH_WORDS and said_by[0] == "it":
                continue  # "It is not clear who ordered the arrest": nobody is named
            that = _THAT.match(text, start + cm.end(), end)
            content = _strip_span(text, that.end() if that else start + cm.end(), end)
            if content[1] - content[0] < 8 or len(text[content[0] : content[1]].split()) < 3:
                continue  # "Port managers offered 7 percent": an object, not something said
            if not _ends_in_that(that) and not _CLAUSE_HINT.search(text, content[0], content[1]):
                # "Engineers found two cracks in the wall": a thing found, not something said; the
                # subject stays a candidate speaker (as one the tagger finds), the claim stays whole
                return _attr(text, sp, "", (sp[1], sp[1]), content)
            return _attr(text, sp, cm.group().lower(), (start + cm.start(), start + cm.end()), content)
    return None


#: heads of noun phrases that hold views and make statements ("Clinton allies fear ...", "Polls
#: show ..."): a feature of the speaker tagger (app.speaker)
SOURCE_NOUNS = frozenset(
    """
    official officials source sources ally allies critic critics expert experts analyst analysts aide aides
    adviser advisers advisor advisors spokesman spokeswoman spokesperson ministry government police report
    reports poll polls survey surveys study studies data record records document documents campaign party
    committee administration voters supporters opponents democrats republicans economists lawyers lawyer
    prosecutors prosecutor investigators investigator scientists researchers doctors residents witnesses
    witness diplomats diplomat leaders leader members observers commentators media newspaper magazine
    agency office council court judge union unions group groups he she they we i
    """.split()
)


_WARNED_AGAINST = re.compile(
    r"\b(?:warn|warned|warns|warning|caution|cautioned|cautions|cautioning)\s+against\s+(?:[\"\u201c]?[\w-]+\s+){0,2}?"
    r"[\"\u201c]?(?:speculation|rumou?rs|gossip|conjecture)\b[^,.;]*",
    re.I,
)


def hedge_cue(
    sentence: str, feats: set[str] | None = None, probability: float | None = None, threshold: float | None = None
) -> str | None:
    """The cue that weakens this sentence ("may", "reportedly", "rumors"...), or None.

    ``probability`` and ``threshold`` stand in for the hedge model's when given (the trainer
    chooses the threshold by cross-validating this whole decision, rules included).
    """
    model = load("hedge")
    feats = features(sentence) if feats is None else feats
    if "against" in feats:
        warned = _WARNED_AGAINST.search(sentence)
        if warned:  # "warned against wild speculation": no hedge of what was said
            sentence = sentence[: warned.start()] + sentence[warned.end() :]
            feats = features(sentence)
    frame = _rumor_frame(sentence, feats)
    if frame:
        return frame.group("noun").lower()
    owned = _owned_claim(sentence) if "that" in feats else None
    if owned:
        return owned.group("noun").lower()  # "The mayor's allegations that X have been widely disputed"
    # the regular expressions only run where one of their words is among the sentence's words
    # (a cue word alone is enough: the expression runs only for the phrases, "believed to", "it is
    # understood", whose word pairs are among the sentence's)
    if not _STRONG_SINGLE.isdisjoint(feats):
        strong: object = True
    elif not _STRONG_PAIRS.isdisjoint(feats) and not _STRONG_PHRASE_WORDS.isdisjoint(feats):
        strong = _STRONG_HEDGE.search(sentence)
    else:
        strong = None
    if strong is None and not _PASSIVE_HEDGE_WORDS.isdisjoint(feats):
        passive = _passive_hedge(sentence, _PASSIVE_HEDGE_WORDS & feats)
        if passive:
            return passive
    if strong is None:
        p = model.probability_of(feats) if probability is None else probability
        if p < (model.threshold if threshold is None else threshold):
            if _MODAL_WORDS.isdisjoint(feats):
                return None
            modal = _EPISTEMIC_MODAL.search(sentence) or (_MODAL.search(sentence) if p >= MODAL_SUPPORT else None)
            return modal.group().split()[0].lower() if modal else None
    m = _HEDGE_RE.search(sentence)
    if m:
        return m.group(1).lower()
    # in the sentence's order, so that of two words the model weighs alike the first is the cue
    # (not whichever a set of words happens to give first, which changes from run to run)
    words = [w for w in dict.fromkeys(tokens(sentence)) if w in HEDGE_WORDS]
    if words:
        return max(words, key=lambda w: model.weights.get(w, 0.0))
    # no known hedge word: the model's judgement of the sentence as a whole (naming its heaviest
    # word gave cues like "have" that no reader would call a hedge)
    return "hedged"


#: cues of a rumor relayed: with a health, crime, money or violence word, what fact-checkers chase;
#: a rumor noun counts with what it says ("speculation that he may be ill", not "rumors spread")
RUMOR_CUES = frozenset(
    "alleged allegedly reportedly rumored rumoured speculated may might could suspected unconfirmed purportedly".split()
)
_RUMOR_NOUNS_THAT = frozenset(
    "rumor that|rumors that|rumour that|rumours that|speculation that|speculations that".split("|")
)


#: a speaker's own feelings ("I have never been so happy", "We are very proud of this team"): not
#: something to check, however it is attributed
_FEELING_WORDS = frozenset(
    """
    happy happier proud sad devastated thrilled delighted love loved hate excited disappointed shocked
    grateful heartbroken angry upset honoured honored blessed glad sorry pleased relieved worried scared
    """.split()
)
_FEELING = re.compile(
    r"\W*(?:I|We)\b(?:['\u2019](?:m|re|ve)|\s+(?:am|are|was|were|have|had|feel|felt|never|really|just|so|"
    r"all|both|still|always|truly)\b)*[^.?!]{0,40}?\b(?:" + "|".join(sorted(_FEELING_WORDS)) + r")\b"
)
FEELING_PENALTY = 2.0


def news_boost(feats: set[str], attributed: bool, bullet: bool = False) -> float:
    """Log-odds added to the check-worthiness model for what news fact-checkers chase.

    The model learned from debate transcripts, where a hedged statement is mostly vague talk. In
    news an attributed statement and one about health, crime, money or violence is worth a look
    even when hedged; a rumor about such a thing ("speculation that he may be suffering from
    Parkinson's disease") is what a fact-check desk exists for; and a key-point bullet is the
    outlet's own summary of what it reports.
    """
    topic = not TOPIC_WORDS.isdisjoint(feats)
    boost = (0.8 if topic else 0.0) + (0.5 if attributed else 0.0) + (0.8 if bullet else 0.0)
    if topic and not (RUMOR_CUES.isdisjoint(feats) and _RUMOR_NOUNS_THAT.isdisjoint(feats)):
        boost += 0.7
    return boost


def checkworthiness(sentence: str, feats: set[str] | None = None, attributed: bool = False) -> tuple[float, list[str]]:
    """Check-worthiness 0-1 of one sentence, and the reasons that raised or lowered it."""
    model = load("checkworthy")
    feats = features(sentence) if feats is None else feats
    score = model.probability_of(feats, news_boost(feats, attributed))
    return round(score, 3), score_reasons(sentence, feats, attributed)


#: words that say nothing to a reviewer as a reason ("+ of", "+ has")
_FUNCTION_WORDS = frozenset(
    """
    a an the of to in on at by for with from as into over and or but if so than then that this these those
    it its he she they them his her their him we our you your i me my is are was were be been being has
    have had do does did will would shall can there here which who whom whose what when where how
    """.split()
)


def score_reasons(sentence: str, feats: set[str], attributed: bool) -> list[str]:
    """Why a sentence scored as it did: what a reviewer sees beside the score."""
    reasons = _reasons_from(feats)
    if attributed:
        reasons.append("attributed")
    # the words that moved the score most; the shape features ("<caps2+>", "<len<12>") are already
    # told above in words a reviewer reads ("named people or places")
    # (the largest weights first, ties by name; tuples made once, sorted in C)
    reasons += [label for _w, _f, label in sorted(filter(None, map(_shown_features().get, feats)))[:3]]
    return reasons


@cache
def _shown_features() -> dict[str, tuple[float, str, str]]:
    """The check-worthiness features a reviewer can read as a reason (words and word pairs, not
    shape features or function words), each as (minus its weight's size, itself, how it is shown:
    "+ cancer")."""
    return {
        f: (-abs(w), f, f"{'+' if w > 0 else '-'} {f}")
        for f, w in load("checkworthy").weights.items()
        if not f.startswith("<") and not _FUNCTION_WORDS.issuperset(f.split())
    }


def is_hedged(sentence: str) -> bool:
    return hedge_cue(sentence) is not None


_CORRECTION = re.compile(
    r"[*_]*(?:(?:corrections?|clarifications?|editor['\u2019]s\s+note)[*_]*\s*[:\u2014\u2013-]|"
    r"(?:this|an earlier version of this)\s+(?:article|story|post|report|piece)\s+(?:was|has been|is)\s+"
    r"(?:amended|updated|corrected|changed))",
    re.I,
)


def analyse(
    text: str,
    segments: list[Segment] | None = None,
    with_reasons: bool = True,
    rules_only: bool = False,
    keep_score: float | None = None,
) -> list[SentenceAnalysis]:
    """Per-sentence attribution, hedge, negation and check-worthiness.

    With ``with_reasons=False`` (extraction), reasons and the hedge are left for the caller to
    work out for the sentences it keeps. ``rules_only`` leaves the speaker as the rules found it
    (what the speaker tagger is trained on). With ``keep_score``, the speaker tagger runs only for
    sentences scoring that much (the ones extraction keeps): elsewhere the rules' speaker stands.
    """
    out: list[SentenceAnalysis] = []
    attribution_model = load("attribution")
    intro: _Intro | None = None  # who speaks in a quotation introduced by the segment before
    correction = False  # inside a paragraph that opens "Correction:"
    last_end = 0
    # embedded posts: (paragraph start, signature match); their sentences are the author's
    posts = [(text.rfind("\n", 0, m.start()) + 1, m) for m in _POST_SIGNATURE.finditer(text)] if "@" in text else []
    sentences = []
    for seg in segments if segments is not None else split(text):
        sent = text[seg.start : seg.end]
        if "Read more" in sent or "Continue reading" in sent:
            more = _READ_MORE.search(sent)
            if more and more.start() > 0:
                # text copied from a web page carries the site's trailer ("... Read more at
                # example.com: http://..."): the sentence ends where it starts
                end = len(sent[: more.start()].rstrip())
                seg = Segment(seg.start, seg.start + end, seg.kind)
                sent = sent[:end]
        sentences.append((seg, sent))
    # every sentence's features, then every sentence's rule attribution, before the sentences are
    # taken in turn: a stage at a time over the article keeps its code and tables in the processor's
    # caches (5% faster than each sentence through every stage); both depend on the sentence alone
    all_feats = [None if seg.kind == "heading" else features(sent) for seg, sent in sentences]
    all_rules = [
        None if f is None else rule_attribution(text, seg.start, seg.end, use_lexicon=False, feats=f)
        for (seg, _s), f in zip(sentences, all_feats, strict=True)
    ]
    for (seg, sent), feats, rule in zip(sentences, all_feats, all_rules, strict=True):
        a = SentenceAnalysis(seg.start, seg.end, seg.kind, sent)
        out.append(a)
        if "\n" in text[last_end : seg.start]:
            correction = False
        last_end = seg.end
        if correction or (sent[:1] in "CcETtAa*_" and _CORRECTION.match(sent)):
            # "Correction: An earlier version of this story said 6,000. The figure is 4,000.": the
            # outlet's note on its own text, not a claim about the world
            correction = True
            a.skip = "correction"
            continue
        introduced, intro = intro, _quote_intro(text, seg.start, seg.end) if sent.rstrip().endswith(":") else None
        if seg.kind == "heading":
            a.skip = "heading"
            continue
        if _CREDIT.match(sent) or (
            len(sent) < 120
            and ("via" in sent or "/" in sent or "PHOTO:" in sent)
            and _AGENCY_CREDIT.search(sent)
            and len(sent.split()) < 12
        ):
            a.skip = "credit"
            continue
        low = sent.lower()
        if len(sent) < 300 and ("verif" in low or "confirm" in low or "authentic" in low) and _CAUTION.search(sent):
            a.is_caution = True
            a.skip = "editorial caution"
            continue
        silent = (
            _NO_COMMENT.search(sent)
            if "comment" in low
            or "respond" in low
            or "answer" in low
            or "reached" in low
            or " say" in low
            or "nothing" in low
            else None
        )
        # "X did not respond to a request for comment": an attribution, but nothing to check (while
        # "has not responded to claims that 40 soldiers died" relays one); skipped once analysed
        silent_only = silent is not None and " that " not in sent[silent.end() :]
        a.is_question = sent.rstrip("\"'\u201d\u2019) ").endswith("?")
        a.feats = feats
        if rule is None and introduced is not None and seg.kind == "bullet":
            # "The minister made three claims on Monday:" and then a bulleted list: each is hers
            rule = _attr(
                text, introduced.speaker, introduced.cue, introduced.cue_span, _strip_span(text, seg.start, seg.end)
            )
            intro = introduced  # the list goes on
        elif rule is None and introduced is not None and sent.lstrip()[:1] in _QUOTE_OPENERS:
            # "Lind said on Friday:" and then the quotation, in its own paragraph: Lind said it
            rule = _attr(
                text, introduced.speaker, introduced.cue, introduced.cue_span, _strip_span(text, seg.start, seg.end)
            )
            if _quote_left_open(sent):
                intro = introduced  # the quotation goes on in the next sentence
        if rule is None and posts:
            post = next((m for p0, m in posts if p0 <= seg.start < m.start()), None)
            if post is not None:
                # "Dorn is in intensive care. — @velm_insider November 20, 2026"
                who = post.span("name") if post.group("name") else post.span("handle")
                content = _strip_span(text, seg.start, min(seg.end, post.start()))
                rule = _attr(text, who, "posted", post.span("dash"), content)
        # (a rule's attribution is one whatever the model says: it is asked only where no rule found one)
        a.attributed = rule is not None or attribution_model.probability_of(feats) >= attribution_model.threshold
        # a learned cue word alone ("has ruled Karvonia since 2004") names a speaker only where the
        # sentence reads as attributed
        a.attribution = rule or (_lexicon_attribution(text, seg.start, seg.end, feats) if a.attributed else None)
        boost = news_boost(feats, rule is not None, seg.kind == "bullet")
        if not _FEELING_WORDS.isdisjoint(feats) and _FEELING.match(
            text[rule.content_span[0] : rule.content_span[1]] if rule is not None else sent
        ):
            boost -= FEELING_PENALTY  # "I have never been so happy," Varga said: a feeling, not a claim
        a.score = round(load("checkworthy").probability_of(feats, boost), 3)
        if (
            a.attributed
            and not rules_only
            and (a.attribution is not None or not _rumor_frame(sent, feats))
            and (keep_score is None or (a.score >= keep_score and not a.is_question))
            and (rule is None or a.attribution is None or not plausible_speaker(a.attribution.speaker or ""))
            and not (rule is None and "said to" in sent and _SAID_TO.search(sent))  # "X is said to be": nobody
            and not (rule is None and _stoked_talk(text, seg.start, seg.end, feats) is not None)
            and not (
                a.attribution is None
                and ("rejected" in feats or "dismissed" in feats)
                and _REFUSED_PASSIVE.search(sent)
            )
            and not (
                rule is None
                and ("told" in feats or "accused" in feats or "charged" in feats)
                and _TOLD_PASSIVE.search(sent)
            )
        ):
            # where the rules found no speaker, or a doubtful one, the learned tagger decides (the
            # rules' speaker is one of its inputs)
            if rule is None and "as" in feats and _AS_PROMISED.search(sent):
                # "Vesna did not address parliament as his spokesman had promised": the spokesman
                # promised something else; the sentence is the outlet's
                sp = None
                a.attribution = None
            else:
                sp = speaker_span(text, seg.start, seg.end, a.attribution)
            if a.attribution is not None and sp is not None:
                a.attribution = Attribution(
                    text[sp[0] : sp[1]], sp, a.attribution.cue, a.attribution.cue_span, a.attribution.content_span
                )
            elif sp is not None:
                after = _strip_span(text, sp[1], seg.end)
                if len(text[after[0] : after[1]].split()) <= 2 and sp[0] > seg.start:
                    # "Prices could fall sharply, analysts warn": what was said comes before
                    after = _strip_span(text, seg.start, sp[0])
                a.attribution = _attr(text, sp, "", (sp[1], sp[1]), after)
        if with_reasons:
            a.hedge = hedge_cue(sent, feats)
        if a.attribution is not None and a.attribution.cue:
            c0, c1 = a.attribution.content_span
            a.negated = _negated(text[c0:c1]) or (
                a.attribution.cue in _DENYING
                and not _CONFIRM_OR.search(text, max(0, a.attribution.cue_span[0] - 20), a.attribution.cue_span[0])
            )  # ("would neither confirm nor deny", "did not deny": no denial)
        elif keep_score is None or a.score >= keep_score or sent.lstrip()[:1] in _QUOTE_OPENERS:
            a.negated = _negated(sent)
        # (else: a sentence below the bar with no attribution is never kept, unless it opens a
        # quotation that may be given the previous speaker; its negation is not needed)
        if with_reasons:
            a.reasons = score_reasons(sent, feats, rule is not None)
        if a.is_question:
            a.score = 0.0
            a.reasons.insert(0, "question")
        if silent_only:
            a.skip = "no comment"
    return out


#: "Reports that X are untrue", "Posts claiming that X were false": X, called false
_CALLED_FALSE = re.compile(
    r"(?:[\w'\u2019-]+\s+){0,4}?(?:reports?|claims?|rumou?rs?|posts?|allegations?|suggestions?|stories|accounts?|"
    r"speculation)\s+(?:(?:claiming|saying|suggesting|alleging|asserting)\s+)?that\s+(?P<what>.+?)\s+"
    r"(?:is|are|was|were|(?:has|have)\s+been)\s+(?:(?:completely|entirely|totally|simply)\s+)?"
    r"(?:false|untrue|baseless|unfounded)[\s.,;:!\"'\u201d]*$",
    re.I,
)


#: "Rumours that X", "It is understood that X", "There is no evidence that X": X
_FRAME_THAT = re.compile(
    r"^(?:(?:there are |there were )?" + _REPORT_QUALIFIER + r"(?:rumou?rs?|speculations?|claims?|reports?)"
    # a denial's object: "the congressman's claim that X" (the denier says not X)
    r"|(?:the |a |an |his |her |their )?(?:[\w.-]+ ){0,2}?[\w.-]+['\u2019]s "
    r"(?:claims?|allegations?|assertions?|reports?)"
    r"|it (?:is|was|has been|had been) "
    r"(?:understood|believed|thought|alleged|claimed|reported|rumou?red|said|not true|untrue|false)"
    r"|there (?:is|was) no (?:evidence|proof|sign|indication|truth (?:to|in) (?:the )?"
    r"(?:reports?|claims?|rumou?rs?|suggestions?|allegations?))) that\s+",
    re.I,
)
#: "There is no evidence the vaccine causes X" ("that" left out; not "no evidence of fraud")
_NO_EVIDENCE = re.compile(
    r"there (?:is|was|has been) no (?:evidence|proof|sign|indication)\s+"
    r"(?!(?:of|for|to|in|on|about|that|yet|so|whatsoever|at|and|but|or)\b)(?=\w)",
    re.I,
)
_NOT_WORD = re.compile(r"[^\w\s]")
_IT_IS_UNDERSTOOD = re.compile(r",\s*it (?:is|was) (?:understood|believed|thought|alleged)$")
#: the verb a "Rumours that X ..." sentence goes on with ("circulated online", "have spread",
#: "have never been proven", "were denied")
_SPREAD_VERB = re.compile(
    r"\s+(?:(?:(?:have|has|had)\s+(?:(?:not|never)\s+)?(?:been\s+)?|(?:were|was|are|is)\s+(?:(?:not|never)\s+)?)"
    r"(?:proven|proved|confirmed|verified|substantiated|denied|dismissed|rejected)"
    r"|(?:(?:have|has|had)\s+(?:been\s+)?|were\s+|was\s+)?"
    r"(?:spread|swirled|circulated|emerged|grown|persisted|mounted|surfaced|swept))\b",
    re.I,
)


#: Markdown's inline marks, which a core or speaker shows without: [text](url), **bold**, _em_
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\([^)\s]{1,500}\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)([^*_\n]{1,200}?)(?<=\S)\1(?![\w*])")


def _plain(s: str) -> str:
    """``s`` without Markdown's inline marks and a blockquote's '>'."""
    if "[" in s:
        s = _MD_LINK.sub(r"\1", s)
    if "*" in s or "_" in s:
        s = _MD_EMPHASIS.sub(r"\2", s)
    return s.lstrip("> ") if s.startswith(">") else s


def _core(text: str, start: int, end: int) -> str:
    core = _plain(text[start:end].strip()).strip().strip("\"'\u201c\u201d\u2018\u2019").strip()
    low = core.lower()
    if "ly" in low or "perhaps" in low:
        core = _HEDGE_STRIP.sub("", core)  # (its words all end in -ly, or are "perhaps")
    denied = _CALLED_FALSE.match(core) if "that" in core else None
    if denied:
        core = denied.group("what")  # "Reports that he resigned are untrue" -> "he resigned" (negated)
    framed = _FRAME_THAT.match(core) if "that" in core else None
    if framed:
        core = core[framed.end() :]
        if not framed.group().lower().startswith(("it ", "there is", "there was")):
            # "Rumours that the mayor had died circulated online on Monday": the rumor ends where
            # the sentence's own verb of spreading begins (the last one: "rumours that the virus
            # spread from the lab circulated in May")
            spread = list(_SPREAD_VERB.finditer(core))
            if spread and len(core[: spread[-1].start()].split()) >= 2:
                core = core[: spread[-1].start()]
    elif core[:6].lower() == "there ":
        bare = _NO_EVIDENCE.match(core)
        if bare:
            core = core[bare.end() :]  # "There is no evidence the vaccine causes X" -> the claim denied
    frame = _RUMOR_FRAME.search(core) if "that" in core else None
    if frame and len(core[: frame.start()].split()) <= 6:
        core = core[frame.end() :]  # "For a month, reports have swirled that X" -> "X"
    if ", " in core and _MID_SAID_IN_CORE.search(core):
        core = _MID_SAID_IN_CORE.sub("", core, count=1)  # "The president, Karsk said, has a cold" -> without Karsk
    core = core.rstrip(" .,;:!\"'\u201d-\u2013\u2014")
    if "\n" in core:
        core = " ".join(core.split())  # hard-wrapped text: one line
    if core.endswith(("understood", "believed", "thought", "alleged")):
        core = _IT_IS_UNDERSTOOD.sub("", core)  # "X cost 1.1 billion euros, it is understood" -> X
    # a quotation that ends the claim keeps its closing mark: 'the army "stands united"'
    if core.count('"') % 2:
        core += '"'
    elif core.count("\u201c") > core.count("\u201d"):
        core += "\u201d"
    return core


class _MarksToSpaces(dict):
    """A str.translate table turning every mark (not a word character, not a space) into a space,
    filled as characters are met."""

    def __missing__(self, code: int) -> int:
        v = self[code] = 32 if _NOT_WORD.match(chr(code)) else code
        return v


_MARKS_TO_SPACES = _MarksToSpaces()


def _normalise_for_dedupe(s: str) -> str:
    return " ".join(s.lower().translate(_MARKS_TO_SPACES).split())  # (as _NOT_WORD.sub(" ", ...), faster)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(slots=True)
class _Second:
    """The second claim of one attributed sentence."""

    first_end: int
    start: int
    core_start: int
    #: its own attribution ("... as intelligence suggests Y"), or None where the speaker goes on
    #: ("X denied that A and said B")
    sub: Attribution | None
    cue: str
    #: where its core ends (None: where the first claim's content ended)
    core_end: int | None = None


_AND_THAT = re.compile(r",?\s+(?P<and>and|but)\s+that\s+")
#: "... and said (that) B": the same speaker goes on to a second claim
_AND_CUE = re.compile(
    r"\s*(?:,\s*)?\b(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?P<cue>said|says|added|adds|insisted|insists|denied|denies|"
    r"claimed|warned|warns|argued|argues|stressed|stresses|"
    # "... and believe he is ill" (not "believe in", "fear for", "suspect so")
    r"(?:believe|believes|believed|suspect|suspects|suspected|fear|fears|feared)(?!\s+(?:in|it|so)\b))"
    r"\s+(?!(?:against|of|about|for|on)\b)(?:that\s+)?"
)


_ADDING_VERBS = "adding|saying|insisting|warning|arguing"
#: ", adding that B" after the content: the same speaker's second claim
_ADDING = re.compile(rf",\s+(?P<cue>{_ADDING_VERBS})\s+(?!(?:against|of|about|for|on)\b)(?:that\s+)?")
#: where a sentence below the check-worthiness bar may hold a second claim worth keeping
_SECOND_HINT = re.compile(rf",\s+(?:{_ADDING_VERBS})\b|\b(?:and|but)\s+(?:also\s+)?(?:said|added)\b")


def _split_content(text: str, attribution: Attribution, end: int, feats: set[str] | None = None) -> _Second | None:
    """Where one attributed sentence (ending at ``end``) holds a second claim, where it starts and
    who speaks it. ``feats``: the sentence's textmodel.features, where already worked out."""
    c0, c1 = attribution.content_span
    more = _ADDING.match(text, c1) if text.startswith(",", c1) else None
    if more and len(text[more.end() : end].split()) >= 3:
        return _Second(c1, more.start("cue"), more.end(), None, more.group("cue"), end)
    if attribution.cue and c1 <= attribution.cue_span[0]:
        # the quotation first: '"Y," a spokesman told reporters, adding that B'
        after = max(attribution.cue_span[1], attribution.speaker_span[1] if attribution.speaker_span else 0)
        more = _ADDING.search(text, after, end)
        if more and len(text[more.end() : end].split()) >= 3:
            return _Second(more.start(), more.start("cue"), more.end(), None, more.group("cue"), end)
        return None
    also = _AND_THAT.search(text, c0, c1) if text.find(" that ", c0, c1) >= 0 else None
    if also and len(text[c0 : also.start()].split()) >= 3 and len(text[also.end() : c1].split()) >= 3:
        # "X said A and that B": two things said, by the same speaker; the second claim is B (a
        # claim that opens "and that" reads as a fragment wherever it is listed alone)
        return _Second(also.start(), also.end(), also.end(), None, attribution.cue)
    if (
        feats is not None
        and "according" not in feats
        and text.find("'", c0, c1) < 0
        and text.find("\u2019", c0, c1) < 0
    ):
        # no cue word in the sentence but its own (and that one not again in the content): none in
        # the content, without listing the content's words (where no apostrophe joins words in
        # ``feats`` that _WORD would part: "the warning's")
        others = _CONTENT_CUES.intersection(feats)
        if not others or (len(others) == 1 and attribution.cue in others and text.find(attribution.cue, c0, c1) < 0):
            return None
    words = _WORD.findall(text, c0, c1)
    if CUE_WORDS.isdisjoint(words) and _BELIEF_WORDS.isdisjoint(words) and "according" not in words:
        return None  # no cue in the content: no second attributed claim to find
    for m in _SUBCLAUSE.finditer(text, c0, c1):
        rest0 = m.end()
        same = _AND_CUE.match(text, m.start())
        if same and len(text[c0 : m.start()].split()) >= 2 and len(text[same.end() : c1].split()) >= 3:
            return _Second(m.start(), rest0, same.end(), None, same.group("cue"))
        if len(text[c0 : m.start()].split()) < 4:
            continue
        sub = rule_attribution(text, rest0, c1, use_lexicon=False)
        if sub is None or sub.speaker_span is None or sub.speaker_span[0] != rest0:
            continue
        return _Second(m.start(), rest0, sub.content_span[0], sub, sub.cue)
    return None


#: nouns that name one person ("a businessman close to the government", "the oligarch")
PERSON_NOUNS = frozenset(
    """
    man woman businessman businesswoman adviser advisor aide official spokesman spokeswoman spokesperson
    minister president premier general commander officer oligarch analyst expert lawyer attorney doctor
    surgeon nurse diplomat witness source insider member senator governor mayor director secretary
    professor economist journalist reporter editor prosecutor judge chief leader ambassador colonel
    lieutenant captain sergeant admiral banker executive investor activist resident neighbour neighbor
    friend relative cousin brother sister son daughter wife husband mother father colleague associate
    employee worker guard driver pilot soldier farmer student teacher priest bishop candidate lawmaker
    politician congressman congresswoman chancellor king queen prince princess emperor dictator ruler
    """.split()
)
#: words that make a capitalised phrase an institution, not a person ("Daily Meridian" is not
#: told apart from a name; "Interior Ministry", "Harbor Post" are)
_INSTITUTION_WORDS = frozenset(
    """
    office ministry government agency service council committee court party union bank university
    institute department police army navy magazine newspaper paper post news times wire journal
    herald tribune gazette chronicle courier ledger press radio tv television channel network company
    group corporation inc ltd commission parliament assembly senate congress board foundation
    """.split()
)


_QUALIFIERS = frozenset("of to at from in with for close near who which that on by".split())


def _is_person(speaker: str) -> bool:
    """Whether a speaker can be the antecedent of "he" or "she"."""
    words = speaker.replace("\u2019", "'").split()
    low = [w.lower().strip(",.'") for w in words]
    # the head comes before what qualifies it ("a businessman close to the government")
    cut = next((i for i, w in enumerate(low) if i and w in _QUALIFIERS), len(low))
    words, low = words[:cut], low[:cut]
    if not low or low[0] in ("his", "her", "their", "its", "our", "my"):
        return False
    if not _INSTITUTION_WORDS.isdisjoint(low):
        return False
    if not PERSON_NOUNS.isdisjoint(low):
        return True
    # a name: capitalised words ("Petra Lind", "Lind")
    return len(words) <= 4 and all(w[:1].isupper() for w in words)


#: a transcript's speaker label opening a paragraph: "HOST:", "MINISTER OLGA BRANDT:", "Anna Berg:"
_SPEAKER_LABEL = re.compile(
    r"(?P<who>(?:[A-Z][A-Z.'\u2019-]+ ){0,4}[A-Z][A-Z.'\u2019-]+|(?:[A-Z][a-z'\u2019-]+ ){1,3}[A-Z][a-z'\u2019-]+)"
    r":[ \t]+(?=\S)"
)
_NOT_SPEAKER_LABELS = frozenset(
    """
    correction clarification update updated note photo caption source sources watch see listen related breaking
    exclusive analysis opinion warning disclaimer transcript q a question answer key points read more editor's
    """.split()
)


_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?=\S)")


def _transcript_labels(text: str) -> dict[int, tuple[int, str]]:
    """Paragraph start -> (label end, speaker) where the article is a transcript: three or more
    paragraphs open with a speaker's label. Else empty (one "Hairgate: ..." is a headline's topic)."""
    if text.count(":") < 3:
        return {}
    out: dict[int, tuple[int, str]] = {}
    for m in _LINE_START.finditer(text):
        label = _SPEAKER_LABEL.match(text, m.end())
        if label and not any(w in _NOT_SPEAKER_LABELS for w in label.group("who").lower().split()):
            out[m.end()] = (label.end(), label.group("who"))
    return out if len(out) >= 3 else {}


#: German („...“, ‚...‘) and French (« ... », ‹ ... ›) quotation marks, read as plain ones; one
#: character for one, so every offset into the read text is one into the article
_EURO_QUOTES = str.maketrans(
    {
        "\u201e": '"',
        "\u201c": '"',
        "\u201a": "'",
        "\u2018": "'",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
    }
)
_FRENCH_QUOTES = str.maketrans({"\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'"})


def _plain_quotes(text: str) -> str:
    """``text`` with German and French quotation marks made plain (the same length). English “...”
    are left as they are: only where „ opens a quotation does “ close one."""
    if "\u00ab" in text or "\u00bb" in text or "\u2039" in text:
        text = text.translate(_FRENCH_QUOTES)
    if "\u201e" in text or "\u201a" in text:
        # line by line: an English quotation elsewhere in the text keeps its “
        text = _LINE.sub(
            lambda m: m.group().translate(_EURO_QUOTES) if _GERMAN_OPENING.search(m.group()) else m.group(), text
        )
    return text


#: a comma between digits ("3,000") is no clause boundary: extraction reads a copy of the text with
#: it replaced by U+066C (the Arabic thousands separator, which no pattern here treats as a comma;
#: the tokenisers read it as part of the number) and prints cores and speakers with the comma back
_THOUSANDS = re.compile(r"(\d),(?=\d)")
_SEPARATOR = "\u066c"


def _has_thousands(text: str) -> bool:
    """Whether a comma stands between two digits (a walk over the commas: an expression scanning
    the whole article for a digit took 50-100 us)."""
    i = text.find(",", 1)
    while i != -1:
        if text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit():
            return True
        i = text.find(",", i + 1)
    return False


def analysis_copy(text: str) -> tuple[str, bool]:
    """What extraction reads (the same length as ``text``), and whether numbers' commas were replaced."""
    text = _plain_quotes(text)
    if _has_thousands(text) and _SEPARATOR not in text:
        return _THOUSANDS.sub("\\1" + _SEPARATOR, text), True
    return text, False


_LINE = re.compile(r"[^\n]+")
_GERMAN_OPENING = re.compile("[\u201e\u201a]")


#: stands for a kept sentence's hedge until a claim takes it (a sentence parted in two claims
#: hedges each by its own words)
_SENTENCE_HEDGE = "<the sentence's hedge>"


def extract(text: str, min_score: float | None = None) -> Extraction:
    """The article's check-worthy claims, in text order."""
    threshold = load("checkworthy").threshold if min_score is None else min_score
    printed, (text, numbers) = text, analysis_copy(text)  # spans are read on ``text``; claims quote ``printed``
    claims: list[ExtractedClaim] = []
    caution: str | None = None
    seen: set[str] = set()
    long_seen: list[str] = []
    last_named: str | None = None
    speakers: list[str] = []
    # speakers, and sentences with none (whose subject may be a person), in order: what "he" may be
    people: list[tuple[bool, str]] = []
    names: _FullNames | None = None  # surnames printed in full, looked for when first needed
    # an interview printed as questions and answers ("Q: ...", "A: ..."): who answers
    answering, interviewee, prev_end = False, None, 0
    labels = _transcript_labels(text)  # a transcript: who speaks each paragraph
    label: tuple[int, str] | None = None
    analysed = analyse(text, with_reasons=False, keep_score=threshold)
    # the reasons of every sentence that will likely be kept, a stage at a time (see analyse)
    for a in analysed:
        if a.skip is None and not a.is_question and a.score >= threshold:
            a.reasons = score_reasons(a.text, a.feats, a.attribution is not None and a.attribution.cue != "")
    for a in analysed:
        if a.is_caution and caution is None:
            caution = printed[a.start : a.end].strip()
        if a.skip:
            continue
        norm = _normalise_for_dedupe(a.text)
        if norm in seen or (
            long_seen
            and norm.startswith(tuple(long_seen))
            and any(norm.startswith(s) and len(norm[len(s) :].split()) <= 8 for s in long_seen)
        ):
            continue  # a caption or line printed twice (perhaps with a photo credit)
        seen.add(norm)
        if len(norm) >= 30:
            long_seen.append(norm)
        qa = _QA_LABEL.match(a.text)
        if qa:
            answering = qa.group(1)[0] in "Aa"
        elif "\n\n" in text[prev_end : a.start]:
            answering = False  # a paragraph with no label: the interview's text, not an answer
        if labels:
            line_start = text.rfind("\n", 0, a.start) + 1
            lead = len(text[line_start : a.start]) - len(text[line_start : a.start].lstrip())
            if line_start + lead in labels:
                label = labels[line_start + lead]
            elif "\n\n" in text[prev_end : a.start]:
                label = None  # a paragraph with no label
        prev_end = a.end
        speaker = None
        if label is not None and (a.attribution is None or not a.attribution.cue or a.start < label[0]):
            # "MINISTER OLGA BRANDT: The president is in excellent health." (and what follows)
            speaker = _clean_speaker(label[1])
        elif a.attribution is not None and a.attribution.speaker:
            speaker = _clean_speaker(a.attribution.speaker) or None
            low = speaker.lower() if speaker else ""
            if speaker is None:
                pass  # nothing left of it once cleaned (stray marks: '" - [')
            elif low.split()[0] in _WH_WORDS:
                # the tagger's "who approved the" ("Mayor Brandt, who approved the contract, is
                # facing calls to resign"): a relative clause names no one who speaks
                speaker = None
            elif low in PRONOUNS and not a.attribution.cue:
                # the tagger's "he" with no cue verb ("..., when he appeared to lose his balance"):
                # the one the story is about, not someone speaking; the outlet asserts it
                speaker = None
            elif low in ("he", "she"):
                # the nearest earlier speaker who is a person ("a businessman", "Petra Lind"), not
                # an office or a newspaper, or a person named as a sentence's subject since
                # ("Dorn has denied any wrongdoing. '...,' he said")
                names = names if names is not None else _FullNames(text)
                speaker = _nearest_person(people, names, low)
                speaker = _clean_speaker(speaker) if speaker else None
            elif low in PRONOUNS:
                speaker = last_named
            elif (aged := _YEAR_OLD.fullmatch(low)) is not None:
                # "The 54-year-old said ...": the person named before with that age ("Mr. Karsk, 54,")
                names = names if names is not None else _FullNames(text)
                who = _nearest_person(people, names)
                age_after_name = re.escape(who.split()[-1]) + r"\W{1,3}(?:[^.;\n]{0,40}?\W)?" if who else ""
                if who and re.search(age_after_name + aged.group(1) + r"\b", text[: a.start]):
                    speaker = _clean_speaker(who) or speaker
            elif low.startswith(("the ", "this ", "that ")) and "'s" not in low and "\u2019s" not in low:
                # ("The governor's office" says whose office it is: it stays as printed)
                # "the businessman" is the businessman named before ("A businessman close to ...")
                # ("the central bank" is not an earlier "The bank": every word must be there)
                words = set(low.split()[1:])
                speaker = next((s for s in reversed(speakers) if words <= set(s.lower().split())), speaker)
        elif answering:
            if interviewee is None:
                # the person the interview introduced ("Lena Varr has run the port since 2021")
                names = names if names is not None else _FullNames(text)
                interviewee = _nearest_person(people, names) or ""
            speaker = interviewee or None
        elif a.text.lstrip().startswith(('"', "\u201c")) and speakers:
            speaker = speakers[-1]  # a quotation continuing the previous speaker's words
            a.score = round(load("checkworthy").probability_of(a.feats, news_boost(a.feats, True)), 3)
        if speaker:
            speakers.append(speaker)
            people.append((True, speaker))
            if any(w[:1].isupper() for w in speaker.split()[1:]) or speaker.split()[0].lower() not in _ARTICLES:
                last_named = speaker
        else:
            people.append((False, a.text))  # a person it names as its subject is worked out if needed
        if a.is_question:
            continue
        # a sentence below the bar may still end in a claim of its own ('"Every euro is where it
        # should be," a spokesman said, adding that the audit relied on outdated records')
        rescue = a.score < threshold
        if rescue and (a.attribution is None or not _SECOND_HINT.search(a.text)):
            continue
        if rescue or not a.reasons:
            a.reasons = score_reasons(a.text, a.feats, a.attribution is not None and a.attribution.cue != "")
        a.hedge = _SENTENCE_HEDGE  # worked out below only if a claim takes the sentence's hedge
        s0, s1 = _trim(text, a.start, a.end)
        dl = (
            _DATELINE.match(text, s0)
            or (_QA_LABEL.match(text, s0) if qa else None)
            or (_UPDATE_LABEL.match(text, s0) if text.startswith(("U", "**U"), s0) else None)
            or (_SPEAKER_LABEL.match(text, s0) if s0 in labels else None)
            or (_BLOCKQUOTE.match(text, s0) if text.startswith(">", s0) else None)
        )
        if dl:
            s0 = dl.end()  # "KESSEL (Reuters) - ", "A: "
        credit = (
            _TRAILING_CREDIT.search(text, s0, s1)
            if "via" in a.feats or ":" in a.text or "/" in a.text or "@" in a.text
            else None
        )
        if credit:
            s1 = credit.start()
        stoked = _stoked_talk(text, s0, s1, a.feats)
        if stoked is not None:
            # "X has not been seen for weeks, fuelling speculation about his health": the claim is X;
            # the talk it stirred neither hedges it nor speaks it
            s1 = stoked
            a.hedge = hedge_cue(text[s0:s1])
        # the core drops a cue's attribution; a subject found only by the model stays part of the claim
        c0, c1 = a.attribution.content_span if a.attribution and a.attribution.cue else (s0, s1)
        c0, c1 = max(c0, s0), min(c1, s1)  # (a dateline before s0 is not part of the core)
        parts = _parts(text, a, speaker, s0, s1, c0, c1)
        if rescue and len(parts) < 2:
            continue
        scored = [(a.score, a.reasons)] * len(parts)
        if rescue:
            scored[1] = _part_score(text, *parts[1][:4])
        elif len(parts) == 2:
            # two claims, one a feeling: the feeling is scored on its own words ('"We are very
            # proud of this team," the mayor said, adding that the stadium cost 40 million euros')
            scored = [
                _part_score(text, p0, p1, q0, q1) if _FEELING.match(text[q0:q1]) else (a.score, a.reasons)
                for p0, p1, q0, q1, *_x in parts
            ]
        for (p0, p1, q0, q1, who, hedge, negated), (score, reasons) in zip(parts, scored, strict=True):
            if score < threshold:
                continue
            p0, p1 = _strip_span(text, p0, p1, " \t\n,;", tail="")
            if p1 <= p0:
                continue
            if hedge is _SENTENCE_HEDGE:
                hedge = a.hedge = hedge_cue(a.text, a.feats)
            claims.append(
                ExtractedClaim(
                    start=p0,
                    end=p1,
                    text=printed[p0:p1],
                    sentence_start=a.start,
                    sentence_end=a.end,
                    core=_core(text, q0, q1).replace(_SEPARATOR, ",") if numbers else _core(text, q0, q1),
                    speaker=_printed_speaker(who, numbers),
                    hedge=hedge,
                    negated=negated,
                    score=score,
                    reasons=reasons,
                )
            )
    return Extraction(claims, caution)


def _printed_speaker(who: str | None, numbers: bool) -> str | None:
    if who and "\n" in who:
        who = " ".join(who.split())  # (hard-wrapped text)
    return who.replace(_SEPARATOR, ",") if who and numbers else who


#: a person's full name ("Pavel Dorn", "Ana Ilic"), for telling "Dorn has denied" (a person named
#: as subject) from "Opposition grows" (a capitalised word)
#: the surname of a name printed in full; the match takes only the first word, so that in "Mayor
#: Anton Greff" both "Anton" and "Greff" are found (no \b: three times as fast, same names)
_FULL_NAME = re.compile(r"[A-Z][a-z]+ (?=([A-Z][a-z]{2,}))")
_SURNAME_SHAPE = re.compile(r"[A-Z][a-z]{2,}")


class _FullNames:
    """The surnames of the names printed in full in a text, as a set that is asked about words:
    ``w in _FullNames(text)`` is ``w in set(_FULL_NAME.findall(text))``, worked out for the words
    asked (a look for " w" in the text) instead of a scan of the whole text for every name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, w: object) -> bool:
        got = self.known.get(w)  # type: ignore[call-overload]
        if got is None:
            got = self.known[w] = isinstance(w, str) and self._printed(w)  # type: ignore[index]
        return got

    def _printed(self, w: str) -> bool:
        if not _SURNAME_SHAPE.fullmatch(w):
            return False
        text, needle = self.text, " " + w
        i = text.find(needle)
        while i >= 0:
            end = i + len(needle)
            j = i
            while j > 0 and "a" <= text[j - 1] <= "z":
                j -= 1
            # a capitalised word just before (at least one lower-case letter), and w not going on
            if j < i and j > 0 and "A" <= text[j - 1] <= "Z" and not ("a" <= text[end : end + 1] <= "z"):
                return True
            i = text.find(needle, i + 1)
        return False


_SUBJECT = re.compile(r"\s*(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})\s+(?=[a-z])")


_YEAR_OLD = re.compile(r"the (\d{1,3})-year-old")


def _nearest_person(people: list[tuple[bool, str]], surnames: Container[str], pronoun: str = "") -> str | None:
    """The nearest person "he" or "she" may be; one whose words say the other gender is passed
    over ("the spokesman" is not "she")."""
    other = _MALE_WORDS if pronoun == "she" else _FEMALE_WORDS if pronoun == "he" else frozenset()
    for is_speaker, value in reversed(people):
        who = value if is_speaker else _named_subject(value, surnames)
        if who and _is_person(who) and other.isdisjoint(who.lower().replace(".", "").split()):
            return who
    return None


_MALE_WORDS = frozenset(
    "he him his mr spokesman chairman businessman congressman man father son brother husband king prince".split()
)
_FEMALE_WORDS = frozenset(
    "she her mrs ms miss spokeswoman chairwoman businesswoman congresswoman woman mother daughter sister wife "
    "queen princess".split()
)


def _named_subject(sentence: str, surnames: Container[str]) -> str | None:
    """The person a sentence opens with as its subject, if one named in full in the article
    ("Dorn has denied any wrongdoing" after "Interior Minister Pavel Dorn")."""
    m = _SUBJECT.match(sentence)
    if m is None or sentence.startswith(("'s", "\u2019s"), m.end(1)):
        return None
    words = m.group(1).split()
    return m.group(1) if words[-1] in surnames else None


def _parts(
    text: str, a: SentenceAnalysis, speaker: str | None, s0: int, s1: int, c0: int, c1: int
) -> list[tuple[int, int, int, int, str | None, str | None, bool]]:
    """The claims of one kept sentence text[s0:s1] (content text[c0:c1]) as (start, end, core
    start, core end, speaker, hedge, negated): one, or two where the sentence holds a second claim
    ("X said A and that B"), an outlet's claim before someone else's ("A, though X denied B"), or
    a rumor it relays ("A, and rumours that B have spread")."""
    parts = [(s0, s1, c0, c1, speaker, a.hedge, a.negated)]
    if a.attribution is not None:
        cut = _split_content(text, a.attribution, s1, a.feats)
        if cut is not None and s0 < cut.first_end and cut.start < s1:  # (a trailing credit may end s1 early)
            sub = cut.sub
            if sub is None or sub.cue in EVIDENTIAL_CUES:
                sub_speaker = speaker  # "... and said B"; "... as intelligence suggests B"
            else:
                sub_speaker = _clean_speaker(sub.speaker or "") or speaker
            first_end, second_start, second_core = cut.first_end, cut.start, cut.core_start
            first_text = text[s0:first_end]
            second_text = text[second_start:s1]
            parts = [
                (s0, first_end, c0, min(c1, first_end), speaker, hedge_cue(first_text),
                 _negated(text[c0:min(c1, first_end)]) or a.attribution.cue in _DENYING),
                (second_start, s1, second_core, cut.core_end or c1, sub_speaker,
                 hedge_cue(second_text)
                 or (cut.cue.lower() if cut.cue in EVIDENTIAL_CUES or cut.cue in _BELIEF_WORDS else None),
                 _negated(text[second_core:cut.core_end or c1]) or cut.cue in _DENYING),
            ]  # fmt: skip
    at = a.attribution
    if len(parts) == 1 and at is not None and at.cue and at.speaker_span and s0 < at.speaker_span[0] < s1:
        lead = _LEAD_CLAUSE.search(text, s0, at.speaker_span[0])
        if lead and len(text[s0 : lead.start()].split()) >= 5:
            # "Customers withdrew 5 million euros in a day, though the bank denied that there had
            # been a run": the outlet's claim, then the bank's
            first, second = text[s0 : lead.start()], text[lead.end() : s1]
            parts = [
                (s0, lead.start(), s0, lead.start(), None, hedge_cue(first), _negated(first)),
                (lead.end(), s1, c0, c1, speaker, hedge_cue(second), a.negated),
            ]
    rumor = _RUMOR_AND.search(text, s0, s1) if len(parts) == 1 and "that" in a.feats else None
    frame_end = _FRAME_VERB.search(text, rumor.end(), s1) if rumor else None
    if rumor and frame_end and len(text[s0 : rumor.start()].split()) >= 4:
        # "Sand has not been seen since October 12, and rumours that he fled the country have
        # spread online": the outlet's claim, then the rumor it relays (no one to name)
        first = text[s0 : rumor.start()]
        parts = [
            (s0, rumor.start(), c0 if at and at.cue else s0, min(c1, rumor.start()),
             speaker if at and at.cue else None, hedge_cue(first), _negated(first)),
            (rumor.start("noun"), s1, rumor.end(), frame_end.start(), None, rumor.group("noun").lower(),
             _negated(text[rumor.end() : frame_end.start()])),
        ]  # fmt: skip
    fuel = (
        _RUMOR_FUEL.search(text, s0, s1)
        if len(parts) == 1 and "that" in a.feats and not _FUEL_NOUNS.isdisjoint(a.feats)
        else None
    )
    if fuel and len(text[s0 : fuel.start()].split()) >= 4 and len(text[fuel.end() : s1].split()) >= 3:
        # "Dorn has not been seen for 19 days, fuelling speculation that he is ill": the outlet's
        # claim, then the rumor it reports (no one to name)
        first, q1 = text[s0 : fuel.start()], _strip_span(text, fuel.end(), s1)[1]
        own = at is not None and bool(at.cue) and at.cue_span[0] < fuel.start()  # said before the rumor
        # "A amid rumours that B, according to X" / "..., X said": the attribution closes the
        # sentence and covers both; the rumor's core stops where the content does
        closing = _closes_sentence(at, fuel.end(), c1, q1)
        if closing:
            q1 = c1
        parts = [
            (s0, fuel.start(), c0 if own or closing else s0, min(c1, fuel.start()) if own or closing else fuel.start(),
             speaker if own or closing else None, hedge_cue(first), _negated(first)),
            (fuel.start("noun"), s1, fuel.end(), q1, speaker if closing else None, fuel.group("noun").lower(),
             _negated(text[fuel.end() : q1])),
        ]  # fmt: skip
    probe = (
        _PROBED_CLAIMS.search(text, s0, s1)
        if len(parts) == 1 and "that" in a.feats and not _PROBE_WORDS.isdisjoint(a.feats)
        else None
    )
    if probe and len(text[probe.end() : s1].split()) >= 3:
        # "Police are investigating claims that the mayor's driver was paid": what is checked is the
        # allegation, whoever made it; an attribution closing the sentence relays it
        q1 = _strip_span(text, probe.end(), s1)[1]
        closing = _closes_sentence(at, probe.end(), c1, q1)
        if closing:
            q1 = c1
        parts = [
            (s0, s1, probe.end(), q1, speaker if closing else None, probe.group("noun").lower(),
             _negated(text[probe.end() : q1])),
        ]  # fmt: skip
    return parts


def _closes_sentence(at: Attribution | None, rumor_start: int, c1: int, q1: int) -> bool:
    """Whether the sentence's attribution comes after a rumor starting at ``rumor_start`` and closes
    the sentence (its content ending at ``c1``, before the sentence's end ``q1``)."""
    return at is not None and bool(at.cue) and at.cue_span[0] >= rumor_start and rumor_start < c1 <= q1


_PROBE_WORDS = frozenset("investigating investigates investigated probing probes probed examining looking".split())
#: "police are investigating claims that X", "prosecutors are looking into allegations that X"
_PROBED_CLAIMS = re.compile(
    r"\b(?:investigat(?:ing|es|ed)|prob(?:ing|es|ed)|examining|looking\s+into)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>claims|allegations|reports|rumou?rs|accusations)\s+that\s+",
    re.I,
)


_FUEL_NOUNS = frozenset("speculation rumours rumors suspicions fears reports claims allegations".split())
#: ", fuelling speculation that X", "amid rumours that X": a rumor the outlet reports after its own claim
_RUMOR_FUEL = re.compile(
    r",?\s+(?:(?:fuell?ing|prompting|sparking|stoking|feeding|triggering|raising|renewing|adding\s+to)\s+"
    r"(?:[\w-]+\s+){0,2}?|amid\s+(?:[\w-]+\s+){0,1}?)"
    r"(?P<noun>speculation|rumou?rs|suspicions|fears|reports|claims|allegations)\s+(?:[^,;\"\u201c]{0,40}?\s)?that\s+",
    re.I,
)


def _part_score(text: str, p0: int, p1: int, q0: int, q1: int) -> tuple[float, list[str]]:
    """Check-worthiness of one of a sentence's two attributed claims, from its own words."""
    part = text[p0:p1]
    feats = features(part)
    boost = news_boost(feats, True)
    if not _FEELING_WORDS.isdisjoint(feats) and _FEELING.match(text[q0:q1]):
        boost -= FEELING_PENALTY
    return round(load("checkworthy").probability_of(feats, boost), 3), score_reasons(part, feats, True)


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
    claim_text, numbers = analysis_copy(claim_text)
    end = len(claim_text.rstrip())
    a = analyse(claim_text, [Segment(0, end, "sentence")])[0]
    if a.attribution is not None and a.attribution.cue:
        c0, c1 = a.attribution.content_span
        speaker = _clean_speaker(a.attribution.speaker) if a.attribution.speaker else None
    else:
        c0, c1, speaker = 0, end, None
    if speaker and speaker.lower() in PRONOUNS:
        speaker = None
    core = _core(claim_text, c0, c1)
    return ClaimDescription(
        core.replace(_SEPARATOR, ",") if numbers else core,
        _printed_speaker(speaker, numbers),
        a.hedge,
        a.negated,
        a.score,
        a.reasons,
    )


def default_min_score() -> float:
    return load("checkworthy").threshold


# the word pairs the rules may look for among a sentence's features ("intensive care", "i think"):
# textmodel makes only the bigrams something reads, so every two-word phrase of this module's word
# sets is said to be read (here, at the end, where all of them are defined)
read_pairs(p for v in list(globals().values()) if isinstance(v, frozenset) for p in v if isinstance(p, str))
