"""Repeated-claim matching: which claims are the same claim told again.

Claims are compared on their normalised core. Candidates come from an inverted
index of core tokens kept in the database (``claim_token``), so a new article is
compared with the few stored claims that share its words, never with all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import text as sql
from sqlmodel import Session, select

from app.config import MatchSettings
from db.models import Article, Claim, ClaimLink, Rumor, utcnow

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being has have had
    do does did that this these those it its he she they them his her their him we our you your i me my
    not no so than then there here which who whom whose what when where why how all any some such into
    over about after before also just very more most other only own same too can will would should could
    may might must said says say told according
    """.split()
)
_TRANSLATE = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_PUNCT = re.compile(r"[^\w\s]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b")
_NEG = re.compile(r"\b(?:not|never|no|denied|denies|deny|false|n't|nt)\b")
_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*")
JOINED_AUTO = "automatic"


def normalise(text: str) -> str:
    """NFKC, case folded, plain quotes and spaces, punctuation dropped, numbers kept."""
    s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    s = s.replace("'s ", " ").replace("n't", " not")
    return " ".join(_PUNCT.sub(" ", s).split())


def index_tokens(norm: str) -> set[str]:
    return {t for t in norm.split() if t not in STOPWORDS and len(t) > 1}


def score(a_norm: str, b_norm: str) -> float:
    """Similarity 0-100 of two normalised cores."""
    if not a_norm or not b_norm:
        return 0.0
    return float(fuzz.token_set_ratio(a_norm, b_norm))


def guards(a_core: str, b_core: str, a_neg: bool, b_neg: bool, settings: MatchSettings) -> list[str]:
    """Reasons a pair may be suggested but never linked automatically."""
    out: list[str] = []
    a_n, b_n = normalise(a_core), normalise(b_core)
    if min(len(a_n.split()), len(b_n.split())) < settings.min_auto_words:
        out.append("short claim")
    if a_neg != b_neg or bool(_NEG.search(a_n)) != bool(_NEG.search(b_n)):
        out.append("negation differs")
    na, nb = set(_NUMBER.findall(a_n)), set(_NUMBER.findall(b_n))
    if na and nb and na != nb:
        out.append("numbers differ")
    ma, mb = set(_MONTH.findall(a_n)), set(_MONTH.findall(b_n))
    if ma and mb and ma != mb:
        out.append("dates differ")
    pa = {n.casefold() for n in _NAME.findall(a_core)}
    pb = {n.casefold() for n in _NAME.findall(b_core)}
    if pa and pb and not (pa & pb):
        out.append("different names")
    return out


@dataclass
class MatchResult:
    suggested: int = 0
    automatic: int = 0
    #: claims linked to a claim of another article
    linked_claims: set[int] = field(default_factory=set)


def seen_date(article: Article) -> str:
    return article.published or article.ingested_at.isoformat()


def _refresh_rumor_dates(session: Session, rumor: Rumor) -> None:
    rows = session.exec(
        select(Article.published, Article.ingested_at)
        .join(Claim, Claim.article_id == Article.id)  # type: ignore[arg-type]
        .where(Claim.rumor_id == rumor.id)
    ).all()
    dates = [p or i.isoformat() for p, i in rows]
    if dates:
        rumor.first_seen, rumor.last_seen = min(dates), max(dates)
    session.add(rumor)


def add_to_index(session: Session, claim: Claim) -> None:
    assert claim.id is not None
    for tok in index_tokens(normalise(claim.core or claim.text)):
        session.execute(
            sql("INSERT OR IGNORE INTO claim_token (token, claim_id) VALUES (:t, :c)"), {"t": tok, "c": claim.id}
        )


def candidates(session: Session, claim: Claim, limit: int) -> list[int]:
    toks = sorted(index_tokens(normalise(claim.core or claim.text)))
    if not toks:
        return []
    marks = ",".join(f":t{i}" for i in range(len(toks)))
    params: dict[str, object] = {f"t{i}": t for i, t in enumerate(toks)}
    params.update(cid=claim.id, lim=limit)
    rows = session.execute(
        sql(
            f"SELECT claim_id FROM claim_token WHERE token IN ({marks}) AND claim_id != :cid "
            "GROUP BY claim_id ORDER BY count(*) DESC, claim_id LIMIT :lim"
        ),
        params,
    ).all()
    return [r[0] for r in rows]


def match_claim(session: Session, claim: Claim, settings: MatchSettings, result: MatchResult) -> None:
    """Compare one stored claim with the stored claims that share its words."""
    cand_ids = candidates(session, claim, settings.max_candidates)
    if not cand_ids:
        return
    others = session.exec(select(Claim).where(Claim.id.in_(cand_ids))).all()  # type: ignore[union-attr]
    my_norm = normalise(claim.core or claim.text)
    best: tuple[float, Claim] | None = None
    for other in others:
        s = score(my_norm, normalise(other.core or other.text))
        if s < settings.suggest_threshold:
            continue
        a_id, b_id = sorted((claim.id, other.id))  # type: ignore[type-var]
        existing = session.exec(select(ClaimLink).where(ClaimLink.claim_a == a_id, ClaimLink.claim_b == b_id)).first()
        if existing is not None:
            continue  # reviewer decisions and earlier links stand
        auto = s >= settings.auto_threshold and not guards(
            claim.core, other.core, claim.negated, other.negated, settings
        )
        session.add(
            ClaimLink(
                claim_a=a_id,
                claim_b=b_id,
                score=round(s, 1),
                method="token_set_ratio",
                state="confirmed" if auto else "suggested",
                decided_by="auto" if auto else None,
                decided_at=utcnow() if auto else None,
            )
        )
        if auto:
            result.automatic += 1
            if best is None or s > best[0]:
                best = (s, other)
        else:
            result.suggested += 1
        if other.article_id != claim.article_id:
            result.linked_claims.add(claim.id)  # type: ignore[arg-type]
    if best is not None and claim.rumor_id is None:
        _join_rumor(session, claim, best[1], settings)


def _join_rumor(session: Session, claim: Claim, other: Claim, settings: MatchSettings) -> None:
    """Put ``claim`` in ``other``'s rumor when it is like the rumor's canonical claim."""
    if other.rumor_id is None:
        rumor = Rumor(canonical_claim_id=other.id)
        session.add(rumor)
        session.flush()
        other.rumor_id, other.rumor_join = rumor.id, JOINED_AUTO
        session.add(other)
    else:
        rumor = session.get(Rumor, other.rumor_id)
        assert rumor is not None
        canonical = session.get(Claim, rumor.canonical_claim_id) if rumor.canonical_claim_id else other
        if canonical is not None and canonical.id != other.id:
            s = score(normalise(claim.core), normalise(canonical.core))
            if s < settings.auto_threshold or guards(
                claim.core, canonical.core, claim.negated, canonical.negated, settings
            ):
                return
    claim.rumor_id, claim.rumor_join = rumor.id, JOINED_AUTO
    session.add(claim)
    session.flush()
    _refresh_rumor_dates(session, rumor)


def match_new_claims(session: Session, claims: list[Claim], settings: MatchSettings) -> MatchResult:
    """Index and match claims just stored (the caller commits)."""
    result = MatchResult()
    for claim in claims:
        add_to_index(session, claim)
    for claim in claims:
        match_claim(session, claim, settings, result)
    return result
