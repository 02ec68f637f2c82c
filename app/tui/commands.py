"""Command palette: find claims and articles by their text."""

from __future__ import annotations

from functools import partial

from sqlalchemy import text as sql
from textual.command import Hit, Hits, Provider

from db import session


class FindProvider(Provider):
    """Articles whose title, and claims whose text, contain what was typed (3+ characters)."""

    async def search(self, query: str) -> Hits:
        query = query.strip()
        screen = self.screen
        if len(query) < 3 or not hasattr(screen, "show"):
            return
        like = f"%{query.lower()}%"
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            articles = s.execute(
                sql("SELECT id, title FROM article WHERE lower(title) LIKE :q ORDER BY published LIMIT 10"), {"q": like}
            ).all()
            claims = s.execute(
                sql("SELECT id, article_id, text FROM claim WHERE lower(text) LIKE :q ORDER BY id LIMIT 20"),
                {"q": like},
            ).all()
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
