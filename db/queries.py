"""Read queries the review screen and the command line share (plain SQL, no Textual)."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass

from sqlalchemy import text as sql
from sqlmodel import Session, col, select

from db.models import Claim, Meta


@dataclass(slots=True)
class ArticleRow:
    """An article in the list; the counts are updated in place as claims are decided."""

    id: int
    title: str
    outlet: str | None
    published: str | None
    pending: int
    total: int


def article_rows(session: Session, order: str = "date") -> list[ArticleRow]:
    """Articles with their pending and total claim counts; by date (oldest first) or pending work."""
    by = "a.published IS NULL, a.published, a.id" if order == "date" else "pending DESC, a.published, a.id"
    rows = session.execute(
        sql(
            "SELECT a.id, a.title, a.outlet, a.published, "
            "coalesce(sum(c.status = 'pending'), 0) AS pending, count(c.id) AS total "
            f"FROM article a LEFT JOIN claim c ON c.article_id = a.id GROUP BY a.id ORDER BY {by}"
        )
    ).all()
    return [ArticleRow(*r) for r in rows]


def article_counts(session: Session, article_id: int) -> tuple[int, int]:
    """(pending, total) claims of one article."""
    pending, total = session.execute(
        sql("SELECT coalesce(sum(status = 'pending'), 0), count(*) FROM claim WHERE article_id = :a"), {"a": article_id}
    ).one()
    return int(pending), int(total)


def sort_articles(rows: list[ArticleRow], order: str) -> list[ArticleRow]:
    """The same order as article_rows() gives, applied to rows in memory."""
    if order == "date":
        return sorted(rows, key=lambda r: (r.published is None, r.published or "", r.id))
    return sorted(rows, key=lambda r: (-r.pending, r.published is None, r.published or "", r.id))


def claims_of(session: Session, article_id: int) -> list[Claim]:
    return list(
        session.exec(
            select(Claim).where(Claim.article_id == article_id).order_by(Claim.start.is_(None), Claim.start, Claim.id)  # type: ignore[union-attr]
        ).all()
    )


def rumor_stories(session: Session, rumor_ids: set[int]) -> dict[int, int]:
    """How many stories each rumor spans."""
    if not rumor_ids:
        return {}
    ids = ",".join(str(int(i)) for i in rumor_ids)
    rows = session.execute(
        sql(f"SELECT rumor_id, count(DISTINCT article_id) FROM claim WHERE rumor_id IN ({ids}) GROUP BY rumor_id")
    ).all()
    return dict(rows)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class RumorSummary:
    stories: int
    outlets: int
    first_seen: str


def rumor_summary(session: Session, rumor_id: int) -> RumorSummary:
    """Stories and outlets a rumor spans and when it was first seen (published, else ingested)."""
    stories, outlets, first = session.execute(
        sql(
            "SELECT count(DISTINCT a.id), count(DISTINCT coalesce(a.outlet, 'article ' || a.id)), "
            "min(coalesce(a.published, a.ingested_at)) FROM claim c JOIN article a ON a.id = c.article_id "
            "WHERE c.rumor_id = :r"
        ),
        {"r": rumor_id},
    ).one()
    return RumorSummary(int(stories), int(outlets), str(first or "")[:10])


def multi_story_rumors(session: Session) -> int:
    """How many rumors span two or more stories."""
    return int(
        session.execute(
            sql(
                "SELECT count(*) FROM (SELECT rumor_id FROM claim WHERE rumor_id IS NOT NULL "
                "GROUP BY rumor_id HAVING count(DISTINCT article_id) >= 2)"
            )
        ).scalar_one()
    )


def next_pending(session: Session, after_article: int | None, after_start: int | None) -> Claim | None:
    """The next pending claim in reading order (articles by date), wrapping to the start."""
    return next_pending_in(session, article_rows(session), after_article, after_start)


def next_pending_in(
    session: Session,
    rows: Sequence[ArticleRow],
    after_article: int | None,
    after_start: int | None,
    keep: Container[int] | None = None,
) -> Claim | None:
    """The next pending claim after a position, walking ``rows`` in their order and wrapping.

    Articles whose ``pending`` count is 0 are not read, so the walk costs one small query per
    article that has work left; ``keep`` limits it to the claims a filter shows.
    """
    if not rows:
        return None
    i = next((k for k, r in enumerate(rows) if r.id == after_article), 0)
    n = len(rows)
    for k in range(n + 1):
        row = rows[(i + k) % n]
        if row.pending == 0 and k not in (0, n):
            continue
        for c in claims_of(session, row.id):
            if c.status != "pending" or (keep is not None and c.id not in keep):
                continue
            if k == 0 and after_start is not None and (c.start or 0) <= after_start:
                continue
            return c
    return None


def load_position(session: Session, reviewer: str) -> tuple[int, int | None] | None:
    meta = session.get(Meta, f"position:{reviewer}")
    if meta is None:
        return None
    article, _, claim = meta.value.partition(",")
    return int(article), (int(claim) if claim else None)


def save_position(session: Session, reviewer: str, article_id: int, claim_id: int | None) -> None:
    """Where this reviewer is, so reopening returns there (committed at once)."""
    key = f"position:{reviewer}"
    meta = session.get(Meta, key) or Meta(key=key, value="")
    meta.value = f"{article_id},{claim_id or ''}"
    session.add(meta)
    session.commit()


@dataclass(frozen=True, slots=True)
class RumorMember:
    claim: Claim
    outlet: str | None
    seen: str
    title: str


def _members_where(session: Session, where: str, params: dict) -> list[RumorMember]:
    """Claims with their article's outlet, date seen (published, else ingested) and title."""
    rows = session.execute(
        sql(
            "SELECT c.id, a.outlet, coalesce(a.published, a.ingested_at) AS seen, a.title "
            f"FROM claim c JOIN article a ON a.id = c.article_id WHERE {where} ORDER BY seen, c.id"
        ),
        params,
    ).all()
    claims = {c.id: c for c in session.exec(select(Claim).where(col(Claim.id).in_([r[0] for r in rows]))).all()}
    return [
        RumorMember(claims[cid], outlet, str(seen)[:10], title) for cid, outlet, seen, title in rows if cid in claims
    ]


def rumor_members(session: Session, rumor_id: int) -> list[RumorMember]:
    """The rumor's claims across stories, oldest first (published date, else ingest time)."""
    return _members_where(session, "c.rumor_id = :r", {"r": rumor_id})


@dataclass(frozen=True, slots=True)
class Suggestion:
    link_id: int
    score: float
    member_id: int
    outside: RumorMember


def rumor_now_holding(session: Session, claim_ids: Sequence[int]) -> int | None:
    """The rumor that holds any of these claims now (where a rumor merged away took its members)."""
    if not claim_ids:
        return None
    held = session.exec(select(Claim.rumor_id).where(col(Claim.id).in_(claim_ids), col(Claim.rumor_id).is_not(None)))
    return held.first()


def rumor_suggestions(session: Session, rumor_id: int) -> list[Suggestion]:
    """Suggested links from the rumor's claims to claims outside it, best first."""
    # through the members and the link indexes: never a scan of every suggested link
    members = {r[0] for r in session.execute(sql("SELECT id FROM claim WHERE rumor_id = :r"), {"r": rumor_id}).all()}
    if not members:
        return []
    ids = ",".join(str(int(i)) for i in members)
    links = session.execute(
        sql(
            f"SELECT id, score, claim_a, claim_b FROM claim_link WHERE state = 'suggested' AND claim_a IN ({ids}) "
            f"UNION SELECT id, score, claim_a, claim_b FROM claim_link WHERE state = 'suggested' AND claim_b IN ({ids})"
        )
    ).all()
    rows = sorted(
        ((lid, score, a if a in members else b, b if a in members else a) for lid, score, a, b in links
         if (a in members) != (b in members)),
        key=lambda r: (-r[1], r[0]),
    )  # fmt: skip
    best: dict[int, tuple[int, float, int]] = {}  # outside claim -> its best suggested link
    for link_id, score, member, other in rows:
        best.setdefault(other, (link_id, score, member))
    if not best:
        return []
    ids = ",".join(str(int(i)) for i in best)
    outside = {m.claim.id: m for m in _members_where(session, f"c.id IN ({ids})", {})}
    return [
        Suggestion(link_id, score, member, outside[o]) for o, (link_id, score, member) in best.items() if o in outside
    ]


@dataclass(frozen=True, slots=True)
class RumorRow:
    id: int
    stories: int
    outlets: int
    first_seen: str | None
    pending: int
    verdict: str | None
    canonical: str


RUMOR_ORDERS = {
    "stories": "stories DESC, outlets DESC, r.first_seen, r.id",
    "outlets": "outlets DESC, stories DESC, r.first_seen, r.id",
    "first seen": "r.first_seen IS NULL, r.first_seen, r.id",
    "pending": "pending DESC, stories DESC, r.id",
}


def rumor_list(session: Session, order: str = "stories") -> list[RumorRow]:
    rows = session.execute(
        sql(
            "SELECT r.id, count(DISTINCT c.article_id) AS stories, "
            "count(DISTINCT coalesce(a.outlet, 'article ' || a.id)) AS outlets, r.first_seen, "
            "sum(c.status = 'pending') AS pending, r.verdict, "
            "coalesce((SELECT text FROM claim WHERE id = r.canonical_claim_id), min(c.text)) AS canonical "
            "FROM rumor r JOIN claim c ON c.rumor_id = r.id JOIN article a ON a.id = c.article_id "
            f"GROUP BY r.id ORDER BY {RUMOR_ORDERS[order]}"
        )
    ).all()
    return [RumorRow(*r) for r in rows]


def sort_rumors(rows: list[RumorRow], order: str) -> list[RumorRow]:
    """The orders of RUMOR_ORDERS, applied to rows in memory (re-sorting costs no query)."""
    keys = {
        "stories": lambda r: (-r.stories, -r.outlets, r.first_seen or "", r.id),
        "outlets": lambda r: (-r.outlets, -r.stories, r.first_seen or "", r.id),
        "first seen": lambda r: (r.first_seen is None, r.first_seen or "", r.id),
        "pending": lambda r: (-(r.pending or 0), -r.stories, r.id),
    }
    return sorted(rows, key=keys[order])


def parse_filter(expr: str) -> dict[str, list[str]]:
    """`status:pending verdict:false repeated outlet:harbor words` -> terms by kind."""
    out: dict[str, list[str]] = {"status": [], "verdict": [], "outlet": [], "text": [], "repeated": []}
    for term in expr.split():
        key, sep, value = term.partition(":")
        if sep and key.lower() in ("status", "verdict", "outlet") and value:
            out[key.lower()].append(value.lower())
        elif term.lower() == "repeated":
            out["repeated"].append("yes")
        else:
            out["text"].append(term.lower())
    return out


def filtered_claims(session: Session, expr: str) -> set[int]:
    """Ids of the claims a filter expression keeps (every term must hold)."""
    return set(filter_matches(session, expr))


def filter_matches(session: Session, expr: str) -> dict[int, int]:
    """The claims a filter expression keeps: claim id -> its article id."""
    f = parse_filter(expr)
    where, params = ["1"], {}
    for i, v in enumerate(f["status"]):
        where.append(f"c.status = :s{i}")
        params[f"s{i}"] = v
    for i, v in enumerate(f["verdict"]):
        where.append(f"lower(coalesce(c.verdict, '')) = :v{i}")
        params[f"v{i}"] = v
    for i, v in enumerate(f["outlet"]):
        where.append(f"lower(coalesce(a.outlet, '')) LIKE :o{i}")
        params[f"o{i}"] = f"%{v}%"
    for i, v in enumerate(f["text"]):
        where.append(f"lower(c.text) LIKE :t{i}")
        params[f"t{i}"] = f"%{v}%"
    if f["repeated"]:
        where.append(
            "c.rumor_id IN (SELECT rumor_id FROM claim WHERE rumor_id IS NOT NULL "
            "GROUP BY rumor_id HAVING count(DISTINCT article_id) >= 2)"
        )
    rows = session.execute(
        sql(
            f"SELECT c.id, c.article_id FROM claim c JOIN article a ON a.id = c.article_id WHERE {' AND '.join(where)}"
        ),
        params,
    ).all()
    return dict(rows)  # type: ignore[arg-type]
