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
from math import fsum

from sqlalchemy import text as sql
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from app.config import MatchSettings
from app.similarity import (
    ALWAYS_READ,
    ALWAYS_READ_FACTOR,
    MAX_DF_SHARE,
    MIN_COSINE,
    MIN_POSTINGS_CAP,
    PREFIX_COSINE,
    Prepared,
    combine,
    guards,
    idf_norm,
    idf_top,
    pair_model,
    prefix_tokens,
    prepare,
    rumors_alike,
    score_shared,
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


@dataclass(slots=True)
class StoredClaim:
    id: int
    rumor_id: int | None
    article_id: int


class StoredIndex:
    """The blocking index in the database, read and written through one session.

    The hot look-ups go straight to the session's sqlite3 connection (same transaction):
    SQLAlchemy's statement handling cost more than the queries themselves.
    """

    def __init__(self, session: Session, settings: MatchSettings) -> None:
        self.session = session
        self.settings = settings
        self._prepared: dict[int, tuple[StoredClaim, Prepared]] = {}
        ensure_index_meta(session)
        self.raw = session.connection().connection.driver_connection
        self.docs = int(self.raw.execute("SELECT value FROM meta WHERE key = 'indexed_claims'").fetchone()[0])
        self._df = _shared_df(self.raw, self.docs)
        # IDF weights and claims' norms worked out since the index last grew (see idf, norm)
        self._idf: dict[str, float] = {}
        self._norms: dict[int, tuple[Prepared, float]] = {}
        #: whether claims are compared by meaning too (the sentence model installed and not turned off)
        self.meaning = settings.uses_meaning()
        self.model = pair_model(self.meaning)

    def df(self, tokens: Iterable[str]) -> dict[str, int]:
        missing = [t for t in tokens if t not in self._df]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            found = dict(
                self.raw.execute(
                    f"SELECT token, df FROM token_stat WHERE token IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
            )
            for t in chunk:
                self._df[t] = found.get(t, 0)
        return self._df

    def idf(self, tokens: Iterable[str]) -> dict[str, float]:
        """The IDF of ``tokens`` (and of other words asked for since the index last grew: the
        same words come back claim after claim, and their weights stay until a claim is added)."""
        known = self._idf
        missing = [t for t in tokens if t not in known]
        if missing:
            df = self.df(missing)
            n, log = self.docs + 1, math.log
            for t in missing:
                known[t] = log(n / (df[t] + 1)) + 1.0
        return known

    def norm(self, p: Prepared) -> float:
        """``p``'s IDF norm (idf_norm), kept until the index grows."""
        got = self._norms.get(p.key)
        if got is None or got[0] is not p:
            idf = self._idf
            got = self._norms[p.key] = (p, idf_norm(p, idf if idf.keys() >= p.tokens else self.idf(p.tokens)))
        return got[1]

    def add(self, p: Prepared) -> None:
        self.add_all([p])

    def add_all(self, ps: list[Prepared]) -> None:
        """Put claims in the index (in one statement for all their words)."""
        ps = [p for p in ps if p.tokens]
        if not ps:
            return
        raw = self.raw
        raw.executemany(
            "INSERT OR IGNORE INTO claim_token (token, claim_id) VALUES (?, ?)",
            [(t, p.key) for p in ps for t in p.tokens],
        )
        raw.executemany(
            "INSERT INTO token_stat (token, df) VALUES (?, 1) ON CONFLICT(token) DO UPDATE SET df = df + 1",
            [(t,) for p in ps for t in p.tokens],
        )
        (self.docs,) = raw.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'indexed_claims' "
            "RETURNING CAST(value AS INTEGER)",
            (len(ps),),
        ).fetchone()
        self._idf.clear()  # every weight moves with the count of claims
        self._norms.clear()
        cached = self._df
        for p in ps:
            for t in p.tokens:
                if t in cached:
                    cached[t] += 1
        if cached is _DF["df"]:
            _DF["docs"] = self.docs  # (the counts now go with this many claims)

    def _load(self, ids: list[int]) -> list[tuple[StoredClaim, Prepared]]:
        """The stored claims ``ids``, prepared (without their meaning vectors: ``attach_meaning``
        reads those for the candidates that are scored, not for every claim blocking looks at)."""
        missing = [i for i in ids if i not in self._prepared]
        for at in range(0, len(missing), 10_000):  # (SQLite takes 32,766 values in a statement)
            chunk = missing[at : at + 10_000]
            for cid, core, negated, rumor_id, article_id in self.raw.execute(
                "SELECT id, COALESCE(NULLIF(core, ''), text), negated, rumor_id, article_id FROM claim WHERE id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ):
                self._prepared[cid] = (
                    StoredClaim(cid, rumor_id, article_id),
                    _prepared_stored(cid, core, bool(negated)),
                )
        return [self._prepared[i] for i in ids if i in self._prepared]

    def attach_meaning(self, preps: list[Prepared]) -> None:
        """Give each stored claim in ``preps`` (keys are claim ids) its meaning vector: read from
        claim_meaning, or worked out (in one batch) and written there when it has none yet or its
        core has changed since."""
        from app.meaning import digest, from_bytes

        need = [p for p in preps if p.vec is None]
        if not need:
            return
        stored: dict[int, tuple[str, bytes]] = {}
        for i in range(0, len(need), 500):
            chunk = [p.key for p in need[i : i + 500]]
            for cid, dg, raw in self.raw.execute(
                f"SELECT claim_id, digest, vec FROM claim_meaning WHERE claim_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                stored[cid] = (dg, raw)
        missing = []
        for p in need:
            dg = digest(p.core)
            hit = stored.get(p.key)
            if hit is not None and hit[0] == dg:
                p.vec = from_bytes(hit[1])
            else:
                missing.append((p, dg))
        if missing:
            vecs = _encode_and_store(self.raw, [(p.key, p.core, dg) for p, dg in missing])
            for (p, _dg), v in zip(missing, vecs, strict=True):
                p.vec = v

    def candidates(self, p: Prepared) -> list[tuple[StoredClaim, Prepared, float, frozenset[str]]]:
        """(claim, prepared, IDF cosine, shared words) of the stored claims most like ``p``, best
        first; score them with ``scores``."""
        return self.candidates_of([p])[0]

    def candidates_of(self, ps: list[Prepared]) -> list[list[tuple[StoredClaim, Prepared, float, frozenset[str]]]]:
        """``candidates`` of each of ``ps``, worked out together: the stored claims they bring up
        are read, and their words' weights looked up, in one query each for all of them.

        The same blocking as app.similarity.MemoryIndex: only the rare words a claim must share
        to come near are looked up, and posting lists of very common words are never read.
        """
        cap = max(MIN_POSTINGS_CAP, int(self.docs * MAX_DF_SHARE))
        limit = self.settings.max_candidates
        idf = self.idf(frozenset().union(*(p.tokens for p in ps)))  # (and df holds their counts)
        df = self._df
        found: list[list[int]] = []
        for p in ps:
            read = [
                t
                for rank, t in enumerate(prefix_tokens(p, idf, self.norm(p), PREFIX_COSINE))
                if 0 < df[t] <= (cap * ALWAYS_READ_FACTOR if rank < ALWAYS_READ else cap)
            ]
            # SQLite counts the shared looked-up words per claim and keeps the best: thousands of
            # posting rows never reach Python
            found.append(
                [
                    r[0]
                    for r in self.raw.execute(
                        f"SELECT claim_id FROM claim_token WHERE token IN ({','.join('?' * len(read))}) "
                        "AND claim_id != ? GROUP BY claim_id ORDER BY count(*) DESC, claim_id LIMIT ?",
                        [*read, p.key, limit + limit // 4],
                    )
                ]
                if read
                else []
            )
        loaded = dict((sc.id, (sc, op)) for sc, op in self._load(sorted({i for ids in found for i in ids})))
        # (the weights of every word of the claims brought up, in one look-up: their norms need them)
        idf = self.idf(frozenset().union(*(op.tokens for _sc, op in loaded.values())))
        norm = self.norm
        out = []
        for p, ids in zip(ps, found, strict=True):
            qn = norm(p)
            near = []
            for i in ids:
                got = loaded.get(i)
                if got is None:
                    continue
                r, op = got
                common = p.tokens & op.tokens
                cos = fsum(idf[t] ** 2 for t in common) / (qn * norm(op))
                if cos >= MIN_COSINE:
                    near.append((cos, r, op, common))
            near.sort(key=lambda x: (-x[0], x[1].id))
            out.append([(r, op, cos, common) for cos, r, op, common in near[:limit]])
        return out

    def scores(self, p: Prepared, cands: list[tuple[StoredClaim, Prepared, float, frozenset[str]]]) -> list[float]:
        """The pair scores of ``p`` against its candidates (what they share is among ``p``'s words)."""
        if self.meaning:  # (a stored claim's key is its id)
            self.attach_meaning([p, *(op for _r, op, _c, _w in cands)])
        idf = self.idf(p.tokens)
        return score_shared(p, [(op, cos, w) for _r, op, cos, w in cands], idf, idf_top(self.docs), self.model)


#: document frequencies read from token_stat, kept across articles (the same words come back) and
#: counted up as claims are indexed, with the count of indexed claims they go with: they are used
#: only while the database holds that count, so a rolled-back article, a re-run that rebuilds the
#: index or another program's claims make them be read again
_DF: dict = {"db": None, "docs": 0, "df": {}}
_DF_MAX = 500_000


def _shared_df(raw, docs: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The document-frequency cache for this database, or a fresh one."""
    db = next((row[2] for row in raw.execute("PRAGMA database_list") if row[1] == "main"), "")
    cached = _DF["df"]
    if db and _DF["db"] == db and _DF["docs"] == docs and len(cached) < _DF_MAX:
        return cached
    fresh: dict[str, int] = {}
    if db:
        _DF.update(db=db, docs=docs, df=fresh)
    return fresh


#: stored claims prepared for comparison, kept across articles (the same claims come back as
#: candidates again and again); an entry counts only while the claim's core and negation are unchanged
_PREPARED: dict[int, tuple[str, bool, Prepared]] = {}
_PREPARED_MAX = 50_000


def _prepared_stored(claim_id: int, core: str, negated: bool) -> Prepared:
    hit = _PREPARED.get(claim_id)
    if hit is not None and hit[0] == core and hit[1] == negated:
        return hit[2]
    if len(_PREPARED) >= _PREPARED_MAX:
        _PREPARED.clear()
    p = prepare(claim_id, core, negated)
    _PREPARED[claim_id] = (core, negated, p)
    return p


def ensure_index_meta(session: Session) -> None:
    """The count of indexed claims (the N of IDF) lives in the meta table."""
    session.execute(sql("INSERT OR IGNORE INTO meta (key, value) VALUES ('indexed_claims', '0')"))


def index_claim(session: Session, claim: Claim, settings: MatchSettings) -> None:
    """Put one claim (back) in the blocking index without matching it."""
    StoredIndex(session, settings).add(prepared(claim))


def seen_date(article: Article) -> str:
    return article.published or article.ingested_at.isoformat()


def refresh_rumor(session: Session, rumor: Rumor) -> None:
    """First and last seen from the members' articles; a rumor left with one member or none is
    dissolved, and one that lost its canonical claim takes its first-seen member instead."""
    rows = session.execute(
        sql(
            "SELECT c.id, a.published, a.ingested_at FROM claim c JOIN article a ON a.id = c.article_id "
            "WHERE c.rumor_id = :r ORDER BY COALESCE(a.published, a.ingested_at), c.id"
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


def _mem_rumor(index: StoredIndex, rumor_id: int) -> MemRumor | None:
    """The rumor as app.similarity compares against it: canonical claim and centroid of members."""
    raw = index.raw
    canonical_id = raw.execute("SELECT canonical_claim_id FROM rumor WHERE id = ?", (rumor_id,)).fetchone()
    ids = [r[0] for r in raw.execute("SELECT id FROM claim WHERE rumor_id = ? ORDER BY id", (rumor_id,))]
    if canonical_id is None or not ids:
        return None
    loaded = dict((sc.id, op) for sc, op in index._load(ids))
    if index.meaning:
        index.attach_meaning(list(loaded.values()))
    canon = loaded.get(canonical_id[0]) or loaded[ids[0]]
    mr = MemRumor(canonical=canon, members=ids)
    for op in loaded.values():
        mr.absorb(op, index.idf(op.tokens))
    return mr


def match_claims(
    session: Session, claims: list[Claim], settings: MatchSettings, anchors: frozenset[int] = frozenset()
) -> MatchResult:
    """Index and match claims just stored, in order (the caller commits).

    ``anchors`` (a re-run) are claims that stayed in their rumors: a reviewer put them there. A
    claim matched automatically with one of them may join its rumor from either side, as it would
    have when it first arrived.
    """
    ensure_index_meta(session)
    index = StoredIndex(session, settings)
    model = index.model
    result = MatchResult()
    preps = [prepared(claim) for claim in claims]
    index.add_all(preps)
    if index.meaning:
        session.flush()  # (the claims' rows exist before their vectors are written)
        index.attach_meaning(preps)
    for k, (claim, p) in enumerate(zip(claims, preps, strict=True)):
        if k % CANDIDATES_AT_ONCE == 0:  # (a re-run matches every claim: a batch at a time)
            batch = index.candidates_of(preps[k : k + CANDIDATES_AT_ONCE])
            if index.meaning:  # (the vectors of every candidate of the batch, in one look-up)
                index.attach_meaning(list({op.key: op for cands in batch for _r, op, _c, _w in cands}.values()))
            # the links the batch's claims already have (straight from sqlite3: the links of this
            # run are written as each claim is done, below, and added to the set as they are)
            ids = ",".join(str(int(c.id)) for c in claims[k : k + CANDIDATES_AT_ONCE])  # type: ignore[arg-type]
            existing = set(
                index.raw.execute(
                    f"SELECT claim_a, claim_b FROM claim_link WHERE claim_a IN ({ids}) OR claim_b IN ({ids})"
                )
            )
        cands = batch[k % CANDIDATES_AT_ONCE]
        if not cands:
            continue
        scores = index.scores(p, cands)
        auto_matches: list[tuple[float, StoredClaim, Prepared]] = []
        links: list[dict] = []
        auto_links: list[tuple[dict, StoredClaim]] = []
        now = utcnow()
        for (other, op, *_x), s in zip(cands, scores, strict=True):
            if s < settings.suggest_threshold:
                continue
            a_id, b_id = sorted((claim.id, other.id))  # type: ignore[type-var]
            if (a_id, b_id) in existing:
                continue  # an earlier link, and above all a reviewer's decision, stands
            auto = s >= settings.auto_threshold and not guards(p, op, settings.min_auto_words)
            link = {
                "claim_a": a_id,
                "claim_b": b_id,
                "score": round(s, 1),
                "method": "similarity",
                "state": "confirmed" if auto else "suggested",
                "decided_by": AUTO if auto else None,
                "decided_at": now if auto else None,
                "created_at": now,
            }
            links.append(link)
            if auto:
                result.automatic += 1
                auto_matches.append((s, other, op))
                auto_links.append((link, other))
            else:
                result.suggested += 1
            if other.article_id != claim.article_id:
                result.linked_claims.add(claim.id)  # type: ignore[arg-type]
        if auto_matches and claim.rumor_id is None:
            auto_matches.sort(key=lambda t: -t[0])
            _join(session, claim, p, auto_matches, index, model, settings)
            if claim.rumor_id is not None:
                _merge_linked(session, claim, auto_matches, index, model, settings)
        elif claim.id in anchors:
            here = StoredClaim(claim.id, claim.rumor_id, claim.article_id)  # type: ignore[arg-type]
            for s, other, op in auto_matches:
                joiner = session.get(Claim, other.id)
                if joiner is not None and joiner.rumor_id is None:
                    _join(session, joiner, op, [(s, here, p)], index, model, settings)
        # a link stays automatic only where the two claims now share a rumor; the others (the
        # rumor's members as a whole did not take the claim) are left to the reviewer
        if auto_links:
            session.flush()  # (the rumors just joined, read below straight from sqlite3)
        ids = [other.id for _link, other in auto_links]
        rumor_of = (
            dict(index.raw.execute(f"SELECT id, rumor_id FROM claim WHERE id IN ({','.join('?' * len(ids))})", ids))
            if ids
            else {}
        )
        for link, other in auto_links:
            if claim.rumor_id is None or rumor_of.get(other.id) != claim.rumor_id:
                link["state"], link["decided_by"], link["decided_at"] = "suggested", None, None
                result.automatic -= 1
                result.suggested += 1
        if links:
            # a Core insert (the column types still apply): no unit-of-work bookkeeping for links
            session.connection().execute(_LINKS_INSERT, links)
            existing.update((link["claim_a"], link["claim_b"]) for link in links)
    session.flush()
    return result


#: claims whose candidates are looked up together (an article's, or a re-run's a batch at a time)
CANDIDATES_AT_ONCE = 64

_LINKS_INSERT = ClaimLink.__table__.insert()  # type: ignore[attr-defined]


def _join(session, claim, p, auto_matches, index, model, settings) -> None:  # type: ignore[no-untyped-def]
    """Join the rumor (of an automatic match) most like this claim, judged against the whole rumor."""
    best: tuple[float, int] | None = None
    seen: set[int] = set()
    for _s, row, _op in auto_matches:
        rumor_id = index.raw.execute("SELECT rumor_id FROM claim WHERE id = ?", (row.id,)).fetchone()[0]
        if rumor_id is None or rumor_id in seen:
            continue
        seen.add(rumor_id)
        mr = _mem_rumor(index, rumor_id)
        if mr is None:
            continue
        idf = index.idf(set(p.tokens) | set(mr.centroid) | set(mr.canonical.tokens))
        cs = combine(mem_rumor_features(p, mr, idf, index.docs), model)
        if (
            cs >= settings.auto_threshold
            and not guards(p, mr.canonical, settings.min_auto_words)
            and (best is None or cs > best[0])
            and mr.member_average(p, idf, index.docs, model) >= settings.min_member_average
        ):
            best = (cs, rumor_id)
    if best is not None:
        _join_rumor(session, index.raw, claim, best[1])
        return
    for _s, row, op in auto_matches:
        loaded = session.identity_map.get(identity_key(Claim, row.id))
        if loaded is None:
            # a stored claim this session has not loaded: read and write its rumor straight in
            # sqlite3 (building the ORM object cost more than the rest of the join)
            session.flush()
            got = index.raw.execute("SELECT rumor_id FROM claim WHERE id = ?", (row.id,)).fetchone()
            if got is None or got[0] is not None:
                continue
            _pair_rumor(session, index.raw, claim, row.id, claim.id if p.words > op.words else row.id)
            return
        other = loaded
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


def _pair_rumor(session: Session, raw, claim: Claim, other_id: int, canonical_id: int) -> None:  # type: ignore[no-untyped-def]
    """A new rumor of ``claim`` (flushed) and the stored claim ``other_id`` (in no rumor, not
    loaded in the session), written straight (the ORM's unit of work cost more than the rest of
    the join); as Rumor + refresh_rumor would make it."""
    rumor_id = (
        session.connection()
        .execute(_RUMOR_INSERT, {"canonical_claim_id": canonical_id, "created_at": utcnow()})
        .inserted_primary_key[0]
    )
    raw.execute(
        "UPDATE claim SET rumor_id = ?, rumor_join = ? WHERE id IN (?, ?)", (rumor_id, JOINED_AUTO, claim.id, other_id)
    )
    _joined(session, raw, claim, rumor_id)


_RUMOR_INSERT = Rumor.__table__.insert()  # type: ignore[attr-defined]


def _join_rumor(session: Session, raw, claim: Claim, rumor_id: int) -> None:  # type: ignore[no-untyped-def]
    """``claim`` (flushed) joins the rumor ``rumor_id`` automatically, written straight to SQLite."""
    session.flush()  # (anything the session holds for these rows is written before they change)
    raw.execute("UPDATE claim SET rumor_id = ?, rumor_join = ? WHERE id = ?", (rumor_id, JOINED_AUTO, claim.id))
    _joined(session, raw, claim, rumor_id)


def _joined(session: Session, raw, claim: Claim, rumor_id: int) -> None:  # type: ignore[no-untyped-def]
    """After ``claim`` joined ``rumor_id`` in SQLite: the rumor's first and last seen over its
    members, as refresh_rumor works them out, and the session's objects made to say what the rows
    now say (with nothing left to write)."""
    first, last = raw.execute(
        "SELECT min(d), max(d) FROM (SELECT COALESCE(NULLIF(a.published, ''), a.ingested_at) AS d "
        "FROM claim c JOIN article a ON a.id = c.article_id WHERE c.rumor_id = ?)",
        (rumor_id,),
    ).fetchone()
    raw.execute("UPDATE rumor SET first_seen = ?, last_seen = ? WHERE id = ?", (first, last, rumor_id))
    set_committed_value(claim, "rumor_id", rumor_id)
    set_committed_value(claim, "rumor_join", JOINED_AUTO)
    loaded = session.identity_map.get(identity_key(Rumor, rumor_id))
    if loaded is not None:
        set_committed_value(loaded, "first_seen", first)
        set_committed_value(loaded, "last_seen", last)


def _machine_made(session: Session, rumor_id: int) -> bool:
    """Whether no reviewer has touched this rumor: no verdict, every member joined by machine,
    and no audit event on it or on a member (so undo never meets a rumor merged away)."""
    session.flush()
    raw = session.connection().connection.driver_connection
    if raw.execute("SELECT verdict FROM rumor WHERE id = ?", (rumor_id,)).fetchone()[0] is not None:
        return False
    touched = raw.execute(
        "SELECT 1 FROM claim c WHERE c.rumor_id = ? AND (c.rumor_join != ? OR EXISTS "
        "(SELECT 1 FROM review_event e WHERE e.claim_id = c.id)) "
        "UNION ALL SELECT 1 FROM review_event WHERE rumor_id = ? LIMIT 1",
        (rumor_id, JOINED_AUTO, rumor_id),
    ).fetchone()
    return touched is None


def _merge_linked(session, claim, auto_matches, index, model, settings) -> None:  # type: ignore[no-untyped-def]
    """Merge the rumor the claim is now in with each other rumor it matched automatically where
    the two are alike as wholes (app.similarity.rumors_alike). The claim's rumor stays and takes
    the other's members, unless a reviewer has worked on it and not on the other; rumors a reviewer
    has worked on both, or with a rejected link between them, stay apart."""
    seen: set[int] = set()
    for _s, row, _op in auto_matches:
        other_id = index.raw.execute("SELECT rumor_id FROM claim WHERE id = ?", (row.id,)).fetchone()[0]
        here_id = claim.rumor_id
        if other_id is None or other_id == here_id or other_id in seen:
            continue
        seen.add(other_id)
        keep_id, gone_id = here_id, other_id
        if not _machine_made(session, gone_id):
            keep_id, gone_id = other_id, here_id
            if not _machine_made(session, gone_id):
                continue
        rejected = index.raw.execute(
            "SELECT 1 FROM claim_link l JOIN claim x ON x.id = l.claim_a JOIN claim y ON y.id = l.claim_b "
            "WHERE l.state = 'rejected' AND ((x.rumor_id = ? AND y.rumor_id = ?) "
            "OR (x.rumor_id = ? AND y.rumor_id = ?)) LIMIT 1",
            (here_id, other_id, other_id, here_id),
        ).fetchone()
        a, b = _mem_rumor(index, here_id), _mem_rumor(index, other_id)
        if rejected is not None or a is None or b is None:
            continue
        words: set[str] = set()
        for m in (a.canonical, b.canonical, *a.recent, *b.recent):
            words |= m.tokens
        idf = index.idf(words)
        if not rumors_alike(
            a, b, idf, index.docs, model, settings.auto_threshold, settings.min_auto_words,
            settings.min_member_average,
        ):  # fmt: skip
            continue
        for c in members(session, gone_id):  # type: ignore[arg-type]
            c.rumor_id = keep_id  # how each joined stays as it was
            session.add(c)
        gone, keep = session.get(Rumor, gone_id), session.get(Rumor, keep_id)
        assert gone is not None and keep is not None
        session.flush()
        session.delete(gone)
        session.flush()
        refresh_rumor(session, keep)
        session.flush()


def _encode_and_store(raw, rows: list[tuple[int, str, str]]):  # type: ignore[no-untyped-def]
    """The meaning vectors of (claim id, core, digest) rows, worked out in one batch and written
    to claim_meaning."""
    from app.meaning import encode, to_bytes

    vecs = encode([core for _c, core, _d in rows])
    raw.executemany(
        "INSERT OR REPLACE INTO claim_meaning (claim_id, digest, vec) VALUES (?, ?, ?)",
        [(cid, dg, to_bytes(v)) for (cid, _core, dg), v in zip(rows, vecs, strict=True)],
    )
    return vecs


def fill_meaning(session: Session, advance=None, chunk: int = 256) -> int:  # type: ignore[no-untyped-def]
    """Work out (and store, committing every ``chunk``) the meaning vectors of the claims that
    have none or whose core changed since; ``advance(done, total)`` follows. Returns how many."""
    from app.meaning import digest

    session.flush()
    raw = session.connection().connection.driver_connection
    rows = raw.execute(
        "SELECT c.id, COALESCE(NULLIF(c.core, ''), c.text), m.digest FROM claim c "
        "LEFT JOIN claim_meaning m ON m.claim_id = c.id ORDER BY c.id"
    ).fetchall()
    todo = [(cid, core, dg) for cid, core, _old in rows if _old != (dg := digest(core))]
    for i in range(0, len(todo), chunk):
        _encode_and_store(raw, todo[i : i + chunk])
        session.commit()
        if advance is not None:
            advance(min(i + chunk, len(todo)), len(todo))
    return len(todo)


def match_new_claims(session: Session, claims: list[Claim], settings: MatchSettings) -> MatchResult:
    return match_claims(session, claims, settings)


def rematch_all(session: Session, settings: MatchSettings) -> MatchResult:
    """Match every claim again from scratch (after a threshold change).

    Links and memberships a reviewer decided stay as they are; automatic and
    suggested ones are recomputed, and rejected pairs never come back.
    """
    session.execute(sql("DELETE FROM claim_link WHERE state = 'suggested' OR decided_by = :a"), {"a": AUTO})
    # a member that joined by machine stays where a reviewer confirmed it is the same claim as
    # another (else the rumor a claim was confirmed into could fall apart under it), and so does
    # the canonical claim of a rumor that keeps such members (the reviewer may have chosen it)
    session.execute(
        sql(
            "WITH reviewed(id) AS ("
            "SELECT claim_a FROM claim_link WHERE state = 'confirmed' AND decided_by != :a "
            "UNION SELECT claim_b FROM claim_link WHERE state = 'confirmed' AND decided_by != :a "
            "UNION SELECT id FROM claim WHERE rumor_id IS NOT NULL AND rumor_join != :j) "
            "UPDATE claim SET rumor_id = NULL, rumor_join = NULL WHERE rumor_join = :j "
            "AND id NOT IN (SELECT id FROM reviewed) AND id NOT IN ("
            "SELECT r.canonical_claim_id FROM rumor r JOIN claim c ON c.rumor_id = r.id "
            "WHERE c.id IN (SELECT id FROM reviewed))"
        ),
        {"j": JOINED_AUTO, "a": AUTO},
    )
    session.execute(sql("DELETE FROM claim_token"))
    session.execute(sql("DELETE FROM token_stat"))
    session.execute(sql("UPDATE meta SET value = '0' WHERE key = 'indexed_claims'"))
    for r in session.exec(select(Rumor)).all():
        refresh_rumor(session, r)
    session.flush()
    anchors = frozenset(r[0] for r in session.execute(sql("SELECT id FROM claim WHERE rumor_id IS NOT NULL")))
    order = session.exec(
        select(Claim)
        .join(Article, Article.id == Claim.article_id)  # type: ignore[arg-type]
        .order_by(col(Article.published).is_(None), Article.published, Article.id, Claim.id)
    ).all()
    return match_claims(session, list(order), settings, anchors)


# --- "has this been checked before?" -----------------------------------------------------


def similar(session: Session, text: str, settings: MatchSettings, top: int = 5) -> list[tuple[int, float, list[str]]]:
    """(claim id, score, differences) of the stored claims most like ``text``, best first.

    The differences are the guards that keep a pair from being the same claim automatically
    ("one is negated", "numbers differ", ...): the look-up shows a denial of a claim, and says so.
    """
    from app.extract import describe

    d = describe(text)
    index = StoredIndex(session, settings)
    p = prepare(0, d.core or text, d.negated)
    cands = index.candidates(p)
    if not cands:
        return []
    if index.meaning:
        from app.meaning import encode

        p.vec = encode([p.core])[0]
    scores = index.scores(p, cands)
    scored = [
        (r.id, round(s, 1), [g for g in guards(p, op, settings.min_auto_words) if g != "short claim"])
        for (r, op, *_x), s in zip(cands, scores, strict=True)
    ]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return scored[:top]
