"""Repeated-claim matching against the stored claims, and the rumor operations.

Blocking uses an inverted index of stemmed core words kept in the database
(``claim_token`` postings and ``token_stat`` document frequencies), so a new
article's claims are compared with the few stored claims that share their rare
words, and opening a large database rebuilds nothing. Scoring, guards and the
join rule are those of ``app.similarity``.

Reviewer decisions are final: a link a reviewer rejected or confirmed is never
touched by matching again, whatever the thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import text as sql
from sqlmodel import Session, col, select

from app.config import MatchSettings
from app.similarity import (
    Prepared,
    combine,
    features,
    guards,
    load_model,
    prepare,
)
from app.similarity import (
    Rumor as MemRumor,
)
from app.similarity import (
    rumor_features as mem_rumor_features,
)
from db.models import Article, Claim, ClaimLink, Rumor, utcnow

JOINED_AUTO = "automatic"
JOINED_CONFIRMED = "confirmed"
JOINED_MANUAL = "manual"
AUTO = "auto"


@dataclass
class MatchResult:
    suggested: int = 0
    automatic: int = 0
    #: claims linked to a claim of another article
    linked_claims: set[int] = field(default_factory=set)


def prepared(claim: Claim) -> Prepared:
    assert claim.id is not None
    return prepare(claim.id, claim.core or claim.text, claim.negated)


class StoredIndex:
    """The blocking index in the database, read and written through one session."""

    def __init__(self, session: Session, settings: MatchSettings) -> None:
        self.session = session
        self.settings = settings
        self._df: dict[str, int] = {}
        ensure_index_tables(session)
        self.docs = int(session.execute(sql("SELECT value FROM meta WHERE key = 'indexed_claims'")).scalar_one())

    def df(self, tokens: Iterable[str]) -> dict[str, int]:
        missing = [t for t in tokens if t not in self._df]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            marks = ",".join(f":t{j}" for j in range(len(chunk)))
            rows = self.session.execute(
                sql(f"SELECT token, df FROM token_stat WHERE token IN ({marks})"),
                {f"t{j}": t for j, t in enumerate(chunk)},
            ).all()
            found = dict(rows)  # type: ignore[arg-type]
            for t in chunk:
                self._df[t] = found.get(t, 0)
        return self._df

    def idf(self, tokens: Iterable[str]) -> dict[str, float]:
        tokens = list(tokens)
        df = self.df(tokens)
        return {t: math.log((self.docs + 1) / (df[t] + 1)) + 1.0 for t in tokens}

    def add(self, p: Prepared) -> None:
        s = self.session
        if not p.tokens:
            return
        rows = [{"t": t, "c": p.key} for t in p.tokens]
        s.execute(sql("INSERT OR IGNORE INTO claim_token (token, claim_id) VALUES (:t, :c)"), rows)
        s.execute(
            sql("INSERT INTO token_stat (token, df) VALUES (:t, 1) ON CONFLICT(token) DO UPDATE SET df = df + 1"),
            [{"t": t} for t in p.tokens],
        )
        s.execute(sql("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'indexed_claims'"))
        self.docs += 1
        for t in p.tokens:
            if t in self._df:
                self._df[t] += 1

    def candidates(self, p: Prepared) -> list[int]:
        """Stored claims sharing the most IDF weight with ``p``; too-common words are not looked up."""
        cap = max(50, int(self.docs * 0.02))
        df = self.df(p.tokens)
        idf = self.idf(p.tokens)
        weight: dict[int, float] = {}
        for t in p.tokens:
            if not df[t] or df[t] > cap:
                continue
            for (cid,) in self.session.execute(
                sql("SELECT claim_id FROM claim_token WHERE token = :t"), {"t": t}
            ).all():
                weight[cid] = weight.get(cid, 0.0) + idf[t]
        weight.pop(p.key, None)
        limit = self.settings.max_candidates
        if len(weight) > limit:
            return sorted(weight, key=weight.__getitem__, reverse=True)[:limit]
        return list(weight)


def ensure_index_tables(session: Session) -> None:
    """The count of indexed claims (the N of IDF) lives in the meta table."""
    session.execute(sql("INSERT OR IGNORE INTO meta (key, value) VALUES ('indexed_claims', '0')"))


def index_claim(session: Session, claim: Claim, settings: MatchSettings) -> None:
    """Put one claim (back) in the blocking index without matching it."""
    StoredIndex(session, settings).add(prepared(claim))


def seen_date(article: Article) -> str:
    return article.published or article.ingested_at.isoformat()


def refresh_rumor(session: Session, rumor: Rumor) -> None:
    """First and last seen from the members' articles; a rumor left with one member or none is dissolved."""
    rows = session.execute(
        sql(
            "SELECT c.id, a.published, a.ingested_at FROM claim c JOIN article a ON a.id = c.article_id "
            "WHERE c.rumor_id = :r"
        ),
        {"r": rumor.id},
    ).all()
    if len(rows) < 2:
        for cid, _p, _i in rows:
            c = session.get(Claim, cid)
            if c is not None:
                c.rumor_id, c.rumor_join = None, None
                session.add(c)
        session.delete(rumor)
        return
    dates = [p or str(i) for _c, p, i in rows]
    rumor.first_seen, rumor.last_seen = min(dates), max(dates)
    if rumor.canonical_claim_id not in {c for c, _p, _i in rows}:
        rumor.canonical_claim_id = rows[0][0]
    session.add(rumor)


def members(session: Session, rumor_id: int) -> list[Claim]:
    return list(session.exec(select(Claim).where(Claim.rumor_id == rumor_id).order_by(Claim.id)).all())


def _mem_rumor(session: Session, rumor: Rumor, idf_of) -> MemRumor:  # type: ignore[no-untyped-def]
    ms = members(session, rumor.id)  # type: ignore[arg-type]
    canon = next((m for m in ms if m.id == rumor.canonical_claim_id), ms[0])
    mr = MemRumor(canonical=prepared(canon), members=[m.id for m in ms])  # type: ignore[misc]
    for m in ms:
        p = prepared(m)
        mr.absorb(p, idf_of(p.tokens))
    return mr


def match_claims(session: Session, claims: list[Claim], settings: MatchSettings) -> MatchResult:
    """Index and match claims just stored, in order (the caller commits)."""
    ensure_index_tables(session)
    index = StoredIndex(session, settings)
    model = load_model()
    result = MatchResult()
    preps = []
    for claim in claims:
        p = prepared(claim)
        index.add(p)
        preps.append(p)
    for claim, p in zip(claims, preps, strict=True):
        cand_ids = index.candidates(p)
        if not cand_ids:
            continue
        others = session.exec(select(Claim).where(col(Claim.id).in_(cand_ids))).all()
        all_tokens = set(p.tokens)
        other_preps = [(o, prepared(o)) for o in others]
        for _o, op in other_preps:
            all_tokens |= op.tokens
        idf = index.idf(all_tokens)
        existing = {
            (lk.claim_a, lk.claim_b)
            for lk in session.exec(
                select(ClaimLink).where(
                    ((ClaimLink.claim_a == claim.id) & col(ClaimLink.claim_b).in_(cand_ids))
                    | ((ClaimLink.claim_b == claim.id) & col(ClaimLink.claim_a).in_(cand_ids))
                )
            ).all()
        }
        auto_matches: list[tuple[float, Claim, Prepared]] = []
        for other, op in other_preps:
            s = combine(features(p, op, idf), model)
            if s < settings.suggest_threshold:
                continue
            a_id, b_id = sorted((claim.id, other.id))  # type: ignore[type-var]
            if (a_id, b_id) in existing:
                continue  # an earlier link, and above all a reviewer's decision, stands
            auto = s >= settings.auto_threshold and not guards(p, op, settings.min_auto_words)
            session.add(
                ClaimLink(
                    claim_a=a_id,
                    claim_b=b_id,
                    score=round(s, 1),
                    method="similarity",
                    state="confirmed" if auto else "suggested",
                    decided_by=AUTO if auto else None,
                    decided_at=utcnow() if auto else None,
                )
            )
            if auto:
                result.automatic += 1
                auto_matches.append((s, other, op))
            else:
                result.suggested += 1
            if other.article_id != claim.article_id:
                result.linked_claims.add(claim.id)  # type: ignore[arg-type]
        if auto_matches and claim.rumor_id is None:
            auto_matches.sort(key=lambda t: -t[0])
            _join(session, claim, p, auto_matches, index, model, settings)
    session.flush()
    return result


def _join(session, claim, p, auto_matches, index, model, settings) -> None:  # type: ignore[no-untyped-def]
    """Join the rumor (of an automatic match) most like this claim, judged against the whole rumor."""
    best: tuple[float, Rumor] | None = None
    seen: set[int] = set()
    for _s, other, _op in auto_matches:
        if other.rumor_id is None or other.rumor_id in seen:
            continue
        seen.add(other.rumor_id)
        rumor = session.get(Rumor, other.rumor_id)
        if rumor is None:
            continue
        mr = _mem_rumor(session, rumor, index.idf)
        idf = index.idf(set(p.tokens) | set(mr.centroid) | set(mr.canonical.tokens))
        cs = combine(mem_rumor_features(p, mr, idf), model)
        if (
            cs >= settings.auto_threshold
            and not guards(p, mr.canonical, settings.min_auto_words)
            and (best is None or cs > best[0])
        ):
            best = (cs, rumor)
    if best is not None:
        claim.rumor_id, claim.rumor_join = best[1].id, JOINED_AUTO
        session.add(claim)
        session.flush()
        refresh_rumor(session, best[1])
        return
    for _s, other, op in auto_matches:
        if other.rumor_id is None:
            canonical = claim if p.words > op.words else other
            rumor = Rumor(canonical_claim_id=canonical.id)
            session.add(rumor)
            session.flush()
            for c in (other, claim):
                c.rumor_id, c.rumor_join = rumor.id, JOINED_AUTO
                session.add(c)
            session.flush()
            refresh_rumor(session, rumor)
            return


def match_new_claims(session: Session, claims: list[Claim], settings: MatchSettings) -> MatchResult:
    return match_claims(session, claims, settings)


def rematch_all(session: Session, settings: MatchSettings) -> MatchResult:
    """Match every claim again from scratch (after a threshold change).

    Links and memberships a reviewer decided stay as they are; automatic and
    suggested ones are recomputed, and rejected pairs never come back.
    """
    session.execute(sql("DELETE FROM claim_link WHERE state = 'suggested' OR decided_by = :a"), {"a": AUTO})
    session.execute(
        sql("UPDATE claim SET rumor_id = NULL, rumor_join = NULL WHERE rumor_join = :j"), {"j": JOINED_AUTO}
    )
    session.execute(sql("DELETE FROM claim_token"))
    session.execute(sql("DELETE FROM token_stat"))
    session.execute(sql("UPDATE meta SET value = '0' WHERE key = 'indexed_claims'"))
    for r in session.exec(select(Rumor)).all():
        refresh_rumor(session, r)
    session.flush()
    order = session.exec(
        select(Claim)
        .join(Article, Article.id == Claim.article_id)  # type: ignore[arg-type]
        .order_by(col(Article.published).is_(None), Article.published, Article.id, Claim.id)
    ).all()
    result = match_claims(session, list(order), settings)
    return result


# --- "has this been checked before?" -----------------------------------------------------


def similar(session: Session, text: str, settings: MatchSettings, top: int = 5) -> list[tuple[int, float]]:
    """(claim id, score) of the stored claims most like ``text``, best first."""
    from app.extract import describe

    d = describe(text)
    index = StoredIndex(session, settings)
    p = prepare(0, d.core or text, d.negated)
    cand = index.candidates(p)
    if not cand:
        return []
    others = session.exec(select(Claim).where(col(Claim.id).in_(cand))).all()
    preps = [prepared(o) for o in others]
    idf = index.idf(set(p.tokens).union(*(op.tokens for op in preps)))
    model = load_model()
    scored = [(op.key, round(combine(features(p, op, idf), model), 1)) for op in preps]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return scored[:top]
