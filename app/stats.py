"""Counts for ``claimdesk stats`` and the TUI's status line."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text as sql
from sqlmodel import Session


@dataclass
class RumorSummary:
    rumor_id: int
    stories: int
    outlets: int
    claims: int
    first_seen: str | None
    last_seen: str | None
    canonical: str
    verdict: str | None


@dataclass
class Stats:
    articles: int = 0
    claims: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_verdict: dict[str, int] = field(default_factory=dict)
    multi_story_rumors: int = 0
    top_rumors: list[RumorSummary] = field(default_factory=list)


def rumor_summaries(session: Session, limit: int | None = None, min_stories: int = 2) -> list[RumorSummary]:
    q = """
    SELECT r.id, count(DISTINCT c.article_id) AS stories,
           count(DISTINCT coalesce(a.outlet, 'article ' || a.id)) AS outlets,
           count(*) AS claims, r.first_seen, r.last_seen,
           coalesce((SELECT text FROM claim WHERE id = r.canonical_claim_id), min(c.text)) AS canonical,
           r.verdict
    FROM rumor r JOIN claim c ON c.rumor_id = r.id JOIN article a ON a.id = c.article_id
    GROUP BY r.id HAVING stories >= :min
    ORDER BY stories DESC, outlets DESC, r.first_seen, r.id
    """ + (" LIMIT :lim" if limit else "")
    rows = session.execute(sql(q), {"min": min_stories, "lim": limit})
    return [RumorSummary(*row) for row in rows]


def compute(session: Session, top: int = 10) -> Stats:
    st = Stats()
    st.articles = session.execute(sql("SELECT count(*) FROM article")).scalar_one()
    st.claims = session.execute(sql("SELECT count(*) FROM claim")).scalar_one()
    st.by_status = dict(
        session.execute(sql("SELECT status, count(*) FROM claim GROUP BY status ORDER BY status")).all()
    )  # type: ignore[arg-type]
    st.by_verdict = dict(
        session.execute(
            sql("SELECT coalesce(verdict, '(none)'), count(*) FROM claim GROUP BY verdict ORDER BY verdict")
        ).all()  # type: ignore[arg-type]
    )
    st.multi_story_rumors = len(rumor_summaries(session))
    st.top_rumors = rumor_summaries(session, limit=top)
    return st
