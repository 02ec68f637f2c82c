"""Command palette: find claims and articles by their text."""

from __future__ import annotations

import asyncio
from functools import partial

from sqlalchemy import text as sql
from textual.command import Hit, Hits, Provider

from app.wording import counted
from db import session


class FindProvider(Provider):
    """Articles whose title, and claims whose text, contain what was typed (3+ characters)."""

    async def search(self, query: str) -> Hits:
        query = query.strip()
        screen = self.screen
        if len(query) < 3 or not hasattr(screen, "show"):
            return
        like = f"%{query.lower()}%"

        def look_up():  # type: ignore[no-untyped-def]
            with session(self.app.engine) as s:  # type: ignore[attr-defined]
                articles = s.execute(
                    sql("SELECT id, title FROM article WHERE lower(title) LIKE :q ORDER BY published LIMIT 10"),
                    {"q": like},
                ).all()
                claims = s.execute(
                    sql("SELECT id, article_id, text FROM claim WHERE lower(text) LIKE :q ORDER BY id LIMIT 20"),
                    {"q": like},
                ).all()
            return articles, claims

        # a scan of 200,000 claims takes ~0.1 s: off the event loop, so typing never stalls
        articles, claims = await asyncio.to_thread(look_up)
        matcher = self.matcher(query)
        for article_id, title in articles:
            yield Hit(
                max(matcher.match(title), 0.5),
                matcher.highlight(f"Article: {title}"),
                partial(screen.show, article_id, None),
                help="open this article",
            )
        for claim_id, article_id, text in claims:
            shown = text if len(text) <= 100 else text[:97] + "..."
            yield Hit(
                max(matcher.match(shown), 0.4),
                matcher.highlight(f"Claim: {shown}"),
                partial(screen.show, article_id, claim_id),
                help="go to this claim",
            )


class MergeRumorProvider(Provider):
    """Rumors to merge the open one into, found by words of their claims (3+ characters)."""

    async def search(self, query: str) -> Hits:
        query = query.strip()
        screen = self.screen
        here = getattr(screen, "rumor_id", None)
        if len(query) < 3 or here is None:
            return

        def look_up():  # type: ignore[no-untyped-def]
            with session(self.app.engine) as s:  # type: ignore[attr-defined]
                return s.execute(
                    sql(
                        "SELECT c.rumor_id, count(DISTINCT c.article_id) AS stories, "
                        "coalesce((SELECT text FROM claim WHERE id = r.canonical_claim_id), min(c.text)) "
                        "FROM claim c JOIN rumor r ON r.id = c.rumor_id "
                        "WHERE c.rumor_id IN (SELECT rumor_id FROM claim WHERE rumor_id IS NOT NULL "
                        "AND rumor_id != :here AND lower(text) LIKE :q LIMIT 200) "
                        "GROUP BY c.rumor_id ORDER BY stories DESC LIMIT 20"
                    ),
                    {"q": f"%{query.lower()}%", "here": here},
                ).all()

        matcher = self.matcher(query)
        for rumor_id, stories, canonical in await asyncio.to_thread(look_up):
            shown = canonical if len(canonical) <= 90 else canonical[:87] + "..."
            yield Hit(
                max(matcher.match(shown), 0.4),
                matcher.highlight(f"#{rumor_id} ({counted(stories, 'story', 'stories')}): {shown}"),
                partial(screen.merge_into, rumor_id),
                help=f"merge rumor #{here} into this one",
            )
