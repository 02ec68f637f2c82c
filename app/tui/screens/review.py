"""The main screen: articles, the article text with its claims marked, the claims and their detail.

Every key calls an operation of app.review and redraws from the database: what is shown is
what is stored.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from app import review
from app.tui.dialogs.export import ExportDialog, ExportRequest
from app.tui.dialogs.text_input import TextInputDialog
from app.tui.keys import verdict_bindings
from app.tui.widgets.article_list import ArticleList
from app.tui.widgets.article_text import ArticleText
from app.tui.widgets.claim_list import ClaimList, ClaimRow
from app.tui.widgets.key_bar import KeyBar
from app.wording import counted
from db import session
from db.models import Article, Claim
from db.queries import (
    ArticleRow,
    article_counts,
    article_rows,
    claims_of,
    filter_matches,
    load_position,
    multi_story_rumors,
    next_pending_in,
    rumor_stories,
    rumor_summary,
    save_position,
    sort_articles,
)

if TYPE_CHECKING:
    from app.tui.screens.rumor import RumorScreen
    from app.tui.screens.rumors import RumorListScreen

#: audit actions that touch one claim only (anything else is a rumor operation)
CLAIM_ACTIONS = {"approve", "reject", "skip", "verdict", "note"}


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("j,down", "move(1)", "Next", id="next-claim"),
        Binding("k,up", "move(-1)", "Previous claim", id="prev-claim", show=False),
        Binding("J,right_square_bracket", "article(1)", "Next article", id="next-article", show=False),
        Binding("K,left_square_bracket", "article(-1)", "Previous article", id="prev-article", show=False),
        Binding("a", "decide('approve')", "Approve", id="approve"),
        Binding("x", "decide('reject')", "Reject", id="reject"),
        Binding("space", "decide('skip')", "Skip", id="skip"),
        *verdict_bindings("verdict", ""),
        Binding("u,backspace", "undo", "Undo", id="undo"),
        Binding("n", "note", "Note", id="note", show=False),
        Binding("e", "edit_core", "Edit core", id="edit-core", show=False),
        Binding("d", "rumor", "Rumor", id="rumor"),
        Binding("ctrl+e", "export", "Export", id="export", show=False),
        Binding("r", "rumors", "Rumors", id="rumors", show=False),
        Binding("c", "create", "Claim from selection", id="create", show=False),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("o", "sort", "Sort articles (date / pending)", id="sort-articles", show=False),
        Binding("delete", "remove", "Remove hand-made claim", id="remove", show=False),
    ]

    # view state only (var: changing it repaints nothing by itself)
    article_id: var[int | None] = var(None, init=False)
    claim_id: var[int | None] = var(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""
        self.order = "date"
        #: every article, in memory with its counts (10,000 rows are ~2 MB); updated in place
        self._all: list[ArticleRow] = []
        #: the articles listed: all, or those holding a claim the filter keeps, in the chosen order
        self._rows: list[ArticleRow] = []
        self._where: dict[int, int] = {}  # article id -> position in _rows
        self._by_id: dict[int, ArticleRow] = {}  # article id -> its row in _all
        #: claim ids the filter keeps (None: no filter), and the articles holding them
        self._kept: set[int] | None = None
        self._kept_articles: set[int] = set()
        self._multi = 0
        self._article: Article | None = None
        self._claims: list[Claim] = []
        self._sizes: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleText(id="article")
            with Vertical(id="right"):
                yield ClaimList(id="claims")
                yield Static(id="detail", markup=False)
        yield KeyBar()

    # --- data -------------------------------------------------------------------------

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return session(self.app.engine)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        claims = self.query_one(ClaimList)
        claims.border_title = "status · verdict · ×stories · claim"
        with self.db as s:
            self._set_all(article_rows(s))
            self._multi = multi_story_rumors(s)
            pos = load_position(s, self.app.reviewer)  # type: ignore[attr-defined]
        self._list_articles()
        if pos is None or pos[0] not in self._where:
            with self.db as s:
                first = next_pending_in(s, self._rows, None, None)
            pos = (first.article_id, first.id) if first else None
        if pos is None and self._rows:
            pos = (self._rows[0].id, None)
        if pos is not None:
            self.show(pos[0], pos[1])
        else:
            self._status()
        claims.focus()

    def _set_all(self, rows: list[ArticleRow]) -> None:
        self._all = rows
        self._by_id = {r.id: r for r in rows}

    def _list_articles(self) -> None:
        """Fill the article list from memory: the filter's articles, in the chosen order."""
        rows = self._all
        if self._kept is not None:
            keep = self._kept_articles
            rows = [r for r in rows if r.id in keep]
        self._rows = sort_articles(rows, self.order)
        self._where = {r.id: i for i, r in enumerate(self._rows)}
        self.query_one(ArticleList).set_rows(self._rows, self._where.get(self.article_id or -1, 0))

    def _status(self) -> None:
        total = sum(r.total for r in self._all)
        reviewed = total - sum(r.pending for r in self._all)
        here = sum(1 for c in self._claims if c.status == "pending")
        shown = f"   filter: {self.filter_text}" if self.filter_text else ""
        self.query_one("#status", Static).update(
            Text(
                f"reviewed {reviewed}/{total}   pending here {here}   "
                f"rumors across 2+ stories: {self._multi}   articles by {self.order}{shown}",
                no_wrap=True,
                overflow="ellipsis",
            ),
            layout=False,
        )

    def show(self, article_id: int, claim_id: int | None) -> None:
        """Show an article and select one of its claims (the first if none is given).

        The article's claims are read again each time, so a change made elsewhere shows. Within
        one article nothing changes size, so nothing needs a layout pass; all of it is one frame.
        """
        with self.app.batch_update():
            self._show(article_id, claim_id)

    def _show(self, article_id: int, claim_id: int | None) -> None:
        same_article = article_id == self.article_id and self._article is not None
        with self.db as s:
            article = self._article if same_article else s.get(Article, article_id)
            if article is None:
                return
            every = claims_of(s, article_id)
            claims = [c for c in every if self._kept is None or c.id in self._kept]
            sizes = rumor_stories(s, {c.rumor_id for c in claims if c.rumor_id})
        self._count(article_id, sum(1 for c in every if c.status == "pending"), len(every))
        self._article, self._claims, self._sizes = article, claims, sizes
        if claim_id is None or all(c.id != claim_id for c in claims):
            claim_id = claims[0].id if claims else None
        self.query_one(ClaimList).set_rows([ClaimRow(c, sizes.get(c.rumor_id or 0, 0)) for c in claims])
        if not same_article:
            self.query_one(ArticleText).set_article(article.text, article.caution)
        if article_id in self._where:
            self.query_one(ArticleList).move_to(self._where[article_id])
        self.article_id = article_id
        self.claim_id = claim_id
        self.render_claim()
        self._status()

    def _count(self, article_id: int, pending: int, total: int) -> None:
        """Update an article's counts in memory, and its row on screen."""
        row = self._by_id.get(article_id)
        if row is None:  # an article added since the list was read
            with self.db as s:
                self._set_all(article_rows(s))
            self._list_articles()
            return
        if (row.pending, row.total) != (pending, total):
            row.pending, row.total = pending, total
            if article_id in self._where:
                self.query_one(ArticleList).refresh_row(self._where[article_id])

    def render_claim(self) -> None:
        article, claims = self._article, self._claims
        if article is None:
            return
        current = next((c for c in claims if c.id == self.claim_id), None)
        spans = [(c.start, c.end) for c in claims if c.start is not None and c.end is not None]
        here = (
            (current.start, current.end) if current and current.start is not None and current.end is not None else None
        )
        self.query_one(ArticleText).set_claims(spans, here)  # type: ignore[arg-type]
        detail = self.query_one("#detail", Static)
        if current is None:
            detail.update(Text("No claims in this article.", style="italic"), layout=False)
            return
        idx = claims.index(current)
        self.query_one(ClaimList).move_to(idx)
        reasons = ", ".join(json.loads(current.reasons or "[]")[:4])
        # most wanted first: the pane has a fixed height, and what does not fit is cut at the bottom
        lines = [
            ("speaker ", current.speaker or "(the outlet)"),
            ("hedge   ", f"{current.hedge or 'none'}   negated: {'yes' if current.negated else 'no'}"),
        ]
        if current.rumor_id:
            with self.db as s:
                r = rumor_summary(s, current.rumor_id)
            stories = counted(r.stories, "story", "stories")
            outlets = counted(r.outlets, "outlet")
            lines.append(("rumor   ", f"#{current.rumor_id}: {stories}, {outlets}, since {r.first_seen}"))
        lines.append(("core    ", current.core))
        if current.note:
            lines.append(("note    ", current.note))
        lines.append(("score   ", f"{current.score:.2f}  {reasons}"))
        detail.update(Text("\n").join(Text.assemble((k, "bold"), v) for k, v in lines), layout=False)

    def _apply_filter(self, s) -> None:  # type: ignore[no-untyped-def]
        if not self.filter_text:
            self._kept = None
            return
        matches = filter_matches(s, self.filter_text)
        self._kept = set(matches)
        self._kept_articles = set(matches.values())

    # --- actions --------------------------------------------------------------------------

    @on(ArticleList.Selected, "#articles")
    def _article_chosen(self, event: ArticleList.Selected) -> None:
        self.show(self._rows[event.index].id, None)
        self._remember()

    @on(ClaimList.Highlighted, "#claims")
    @on(ClaimList.Selected, "#claims")
    def _claim_chosen(self, event: ClaimList.Highlighted | ClaimList.Selected) -> None:
        if 0 <= event.index < len(self._claims) and self._claims[event.index].id != self.claim_id:
            self.show(self._claims[event.index].article_id, self._claims[event.index].id)
            self._remember()

    def action_move(self, step: int) -> None:
        ids = [c.id for c in self._claims]
        if not ids:
            return
        i = ids.index(self.claim_id) if self.claim_id in ids else 0
        target = ids[max(0, min(len(ids) - 1, i + step))]
        if target != self.claim_id:
            self.show(self._claims[0].article_id, target)  # re-read: a change made elsewhere shows
            self._remember()

    def action_article(self, step: int) -> None:
        rows = self._rows
        if not rows or self.article_id is None:
            return
        i = self._where.get(self.article_id, 0)
        self.show(rows[max(0, min(len(rows) - 1, i + step))].id, None)
        self._remember()

    def _current(self) -> Claim | None:
        return next((c for c in self._claims if c.id == self.claim_id), None)

    def action_decide(self, decision: str) -> None:
        c = self._current()
        if c is None:
            return
        with self.db as s:
            try:
                review.decide(s, c.id, decision, self.app.reviewer, expected_version=c.version)  # type: ignore[arg-type, attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
                self.show(c.article_id, c.id)
                return
            self._count(c.article_id, *article_counts(s, c.article_id))
            nxt = next_pending_in(s, self._rows, c.article_id, c.start, self._kept)
        if nxt is not None:
            self.show(nxt.article_id, nxt.id)
        else:
            self.show(c.article_id, c.id)
            self.notify("Every claim has been reviewed.")
        self._remember()

    def action_verdict(self, index: int) -> None:
        c = self._current()
        verdicts = self.app.settings.verdicts  # type: ignore[attr-defined]
        if c is None or index >= len(verdicts):
            return
        with self.db as s:
            try:
                review.set_verdict(
                    s, c.id, verdicts[index], self.app.reviewer, self.app.settings, expected_version=c.version
                )  # type: ignore[arg-type, attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
        self.show(c.article_id, c.id)

    def action_undo(self) -> None:
        with self.db as s:
            try:
                event = review.undo(s, self.app.reviewer, self.app.settings)  # type: ignore[attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
                return
        if event is None:
            self.notify("Nothing to undo.")
            return
        claim_id = event.claim_id
        with self.db as s:
            claim = s.get(Claim, claim_id) if claim_id else None
            if claim is not None:
                self._count(claim.article_id, *article_counts(s, claim.article_id))
            if event.action not in CLAIM_ACTIONS:  # memberships may have changed
                self._multi = multi_story_rumors(s)
        if claim is not None:
            self.show(claim.article_id, claim.id)
        elif self.article_id is not None:
            self.show(self.article_id, self.claim_id)
        self.notify(f"Undid {event.action}.")

    def action_rumor(self) -> None:
        c = self._current()
        if c is None or c.rumor_id is None:
            self.notify("This claim is in no rumor.")
            return

        screen = self.app.rumor_screen(c.rumor_id)  # type: ignore[attr-defined]
        self.app.push_screen(screen, lambda article_id: self._back_from(screen, article_id))

    def action_create(self) -> None:
        """A claim made by hand from the text selected (with the mouse) in the article."""
        from app.pipeline import locate

        selected = (self.get_selected_text() or "").strip()
        if not selected or self.article_id is None:
            self.notify("Select some of the article text first (drag with the mouse), then press c.")
            return
        span = locate(self._article.text, selected)
        if span is None:
            self.notify("The selection is not in this article's text.", severity="warning")
            return
        with self.db as s:
            try:
                made = review.add_claim(s, self.article_id, span[0], span[1], self.app.reviewer, self.app.settings)  # type: ignore[attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
                return
        self.clear_selection()
        self.show(made.article_id, made.id)

    def action_remove(self) -> None:
        c = self._current()
        if c is None:
            return
        with self.db as s:
            try:
                review.delete_claim(s, c.id, self.app.reviewer)  # type: ignore[arg-type, attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
                return
        self.show(c.article_id, None)

    def action_filter(self) -> None:
        def apply(value: str | None) -> None:
            if value is None:
                return
            self.filter_text = value.strip()
            with self.db as s:
                self._apply_filter(s)
            self._list_articles()
            if self._rows:
                keep = self.article_id if self.article_id in self._where else self._rows[0].id
                self.show(keep, self.claim_id)
            else:
                self._article, self._claims = None, []
                self.query_one(ClaimList).set_rows([])
                self.query_one(ArticleText).set_article("", None)
                self.query_one("#detail", Static).update(Text("No claim matches this filter.", style="italic"))
                self._status()
                self.notify("No claim matches this filter.")

        self.app.push_screen(
            TextInputDialog(
                "Filter: status:pending verdict:false outlet:harbor repeated, or words of the claim (empty: all)",
                self.filter_text,
            ),
            apply,
        )

    def action_rumors(self) -> None:
        from app.tui.screens.rumors import RumorListScreen

        screen = RumorListScreen()
        self.app.push_screen(screen, lambda article_id: self._back_from(screen, article_id))

    def _back_from(self, screen: RumorListScreen | RumorScreen, article_id: int | None) -> None:
        """Back from the rumor view or list: recount rumors if something was done there, and show
        the article picked there, else the claim as it is now."""
        if screen.changed:
            with self.db as s:
                self._multi = multi_story_rumors(s)
        if article_id is not None:
            self.show(article_id, None)
        elif self.article_id is not None:
            self.show(self.article_id, self.claim_id)

    def action_sort(self) -> None:
        self.order = "pending" if self.order == "date" else "date"
        self._list_articles()
        self._status()
        self.notify(f"Articles by {'pending work' if self.order == 'pending' else 'date'}.")

    def action_export(self) -> None:
        from pathlib import Path

        def done(request: ExportRequest | None) -> None:
            if request is None:
                return
            from app.export import export

            with self.db as s:
                try:
                    n = export(s, request.path, request.statuses, request.fmt)
                except OSError as exc:
                    self.notify(f"{request.path}: {exc.strerror or exc}; nothing was written", severity="error")
                    return
            self.notify(f"{n} claims written to {request.path}")

        self.app.push_screen(ExportDialog(Path("claims.csv")), done)

    def action_note(self) -> None:
        c = self._current()
        if c is not None:
            self.app.push_screen(TextInputDialog("Note on this claim (Enter saves, Escape cancels)", c.note or ""),
                                 lambda value: self._save(c, "note", value))  # fmt: skip

    def action_edit_core(self) -> None:
        c = self._current()
        if c is not None:
            self.app.push_screen(TextInputDialog("The claim's core, used for matching", c.core),
                                 lambda value: self._save(c, "core", value))  # fmt: skip

    def _save(self, c: Claim, field: str, value: str | None) -> None:
        if value is None:
            return
        with self.db as s:
            try:
                if field == "note":
                    review.set_note(s, c.id, value, self.app.reviewer, expected_version=c.version)  # type: ignore[arg-type, attr-defined]
                else:
                    review.edit_core(s, c.id, value, self.app.reviewer, expected_version=c.version)  # type: ignore[arg-type, attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
        self.show(c.article_id, c.id)

    def _remember(self) -> None:
        if self.article_id is not None:
            with self.db as s:
                save_position(s, self.app.reviewer, self.article_id, self.claim_id)  # type: ignore[attr-defined]
