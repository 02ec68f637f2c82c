"""The main screen: articles, the article text with its claims marked, the claims and their detail.

Every key calls an operation of app.review and redraws from the database: what is shown is
what is stored.
"""

from __future__ import annotations

import json

from rich.text import Text
from sqlmodel import col, select
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from app import review
from app.tui.dialogs.export import ExportDialog, ExportRequest
from app.tui.dialogs.text_input import TextInputDialog
from app.tui.keys import verdict_bindings
from app.tui.screens.rumor import RumorScreen
from db import session
from db.models import Article, Claim
from db.queries import (
    article_rows,
    claims_of,
    filtered_claims,
    load_position,
    next_pending,
    progress,
    rumor_stories,
    save_position,
)

STATUS_MARK = {"pending": "·", "approved": "✓", "rejected": "✗", "skipped": "»"}


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
        Binding("delete", "remove", "Remove hand-made claim", id="remove", show=False),
    ]

    article_id: reactive[int | None] = reactive(None, init=False)
    claim_id: reactive[int | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="panes"):
            yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="article"):
                yield Static(id="caution", markup=False)
                yield Static(id="text", markup=False)
            with Vertical(id="right"):
                yield DataTable(id="claims", cursor_type="row")
                yield Static(id="detail", markup=False)
        yield Footer()

    # --- data -------------------------------------------------------------------------

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return session(self.app.engine)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        articles = self.query_one("#articles", DataTable)
        articles.add_columns("Left", "Article")
        claims = self.query_one("#claims", DataTable)
        claims.add_columns("", "Verdict", "×", "Claim")
        self.reload_articles()
        with self.db as s:
            pos = load_position(s, self.app.reviewer)  # type: ignore[attr-defined]
            if pos is None:
                first = next_pending(s, None, None)
                pos = (first.article_id, first.id) if first else None
        if pos is None and self._article_ids:
            pos = (self._article_ids[0], None)
        if pos is not None:
            self.show(pos[0], pos[1])
        claims.focus()

    filter_text: reactive[str] = reactive("", init=False)
    _kept: set[int] | None = None

    def reload_articles(self) -> None:
        table = self.query_one("#articles", DataTable)
        with self.db as s:
            rows = article_rows(s)
            prog = progress(s)
            self._kept = filtered_claims(s, self.filter_text) if self.filter_text.strip() else None
            if self._kept is not None:
                keep_articles = {c.article_id for c in s.exec(select(Claim).where(col(Claim.id).in_(self._kept))).all()}
                rows = [r for r in rows if r.id in keep_articles]
        table.clear()
        self._article_ids = [r.id for r in rows]
        for r in rows:
            title = Text(r.title[:60])
            meta = Text(f"{r.outlet or ''} {(r.published or '')[:10]}", style="dim")
            table.add_row(f"{r.pending}/{r.total}", Text.assemble(title, "\n", meta), key=str(r.id), height=2)
        shown = f"   filter: {self.filter_text}" if self.filter_text.strip() else ""
        self.query_one("#status", Static).update(
            Text(
                f"reviewed {prog.reviewed}/{prog.total}   rumors across 2+ stories: {prog.multi_story_rumors}{shown}",
                no_wrap=True,
            )
        )

    def show(self, article_id: int, claim_id: int | None) -> None:
        """Show an article and select one of its claims (the first if none is given)."""
        with self.db as s:
            article = s.get(Article, article_id)
            if article is None:
                return
            claims = [c for c in claims_of(s, article_id) if self._kept is None or c.id in self._kept]
            sizes = rumor_stories(s, {c.rumor_id for c in claims if c.rumor_id})
        self._article = article
        self._claims = claims
        if claim_id is None or all(c.id != claim_id for c in claims):
            claim_id = claims[0].id if claims else None
        table = self.query_one("#claims", DataTable)
        table.clear()
        for c in claims:
            badge = f"×{sizes[c.rumor_id]}" if c.rumor_id and sizes.get(c.rumor_id, 0) > 1 else ""
            table.add_row(STATUS_MARK.get(c.status, "?"), c.verdict or "", badge, Text(c.text[:200]), key=str(c.id))
        caution = self.query_one("#caution", Static)
        caution.update(Text(f"Caution: {article.caution}") if article.caution else "")
        caution.set_class(bool(article.caution), "shown")
        if article_id in self._article_ids:
            self.query_one("#articles", DataTable).move_cursor(row=self._article_ids.index(article_id))
        self.article_id = article_id
        self.claim_id = claim_id
        self.render_claim()

    def render_claim(self) -> None:
        article, claims = self._article, self._claims
        current = next((c for c in claims if c.id == self.claim_id), None)
        text = Text(article.text)
        for c in claims:
            if c.start is not None and c.end is not None:
                text.stylize("underline" if c is not current else "reverse bold", c.start, c.end)
        self.query_one("#text", Static).update(text)
        detail = self.query_one("#detail", Static)
        if current is None:
            detail.update(Text("No claims in this article.", style="italic"))
            return
        idx = claims.index(current)
        self.query_one("#claims", DataTable).move_cursor(row=idx)
        reasons = ", ".join(json.loads(current.reasons or "[]")[:5])
        lines = [
            ("speaker ", current.speaker or "(the outlet)"),
            ("hedge   ", current.hedge or "none"),
            ("negated ", "yes" if current.negated else "no"),
            ("score   ", f"{current.score:.2f}  {reasons}"),
            ("core    ", current.core),
            ("note    ", current.note or ""),
        ]
        if current.rumor_id:
            lines.append(("rumor   ", f"#{current.rumor_id}"))
        detail.update(Text("\n").join(Text.assemble((k, "bold"), v) for k, v in lines))
        if current.start is not None:
            self._scroll_to(current.start)

    def _scroll_to(self, offset: int) -> None:
        line = self._article.text.count("\n", 0, offset)
        pane = self.query_one("#article", VerticalScroll)
        pane.scroll_to(y=max(0, line - 3), animate=False)

    # --- actions --------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#articles")
    def _article_chosen(self, event: DataTable.RowSelected) -> None:
        self.show(int(event.row_key.value), None)  # type: ignore[arg-type]

    @on(DataTable.RowHighlighted, "#claims")
    def _claim_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row != event.data_table.cursor_row:
            return  # stale: the table was redrawn since
        if event.row_key.value is not None and int(event.row_key.value) != self.claim_id:
            self.claim_id = int(event.row_key.value)
            self.render_claim()

    def action_move(self, step: int) -> None:
        ids = [c.id for c in self._claims]
        if not ids:
            return
        i = ids.index(self.claim_id) if self.claim_id in ids else 0
        self.claim_id = ids[max(0, min(len(ids) - 1, i + step))]
        self.render_claim()
        self._remember()

    def action_article(self, step: int) -> None:
        ids = self._article_ids
        if not ids or self.article_id is None:
            return
        i = ids.index(self.article_id) if self.article_id in ids else 0
        self.show(ids[max(0, min(len(ids) - 1, i + step))], None)
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
            nxt = next_pending(s, c.article_id, c.start)
        self.reload_articles()
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
        self.reload_articles()
        claim_id = event.claim_id
        with self.db as s:
            claim = s.get(Claim, claim_id) if claim_id else None
        if claim is not None:
            self.show(claim.article_id, claim.id)
        self.notify(f"Undid {event.action}.")

    def action_rumor(self) -> None:
        c = self._current()
        if c is None or c.rumor_id is None:
            self.notify("This claim is in no rumor.")
            return

        def back(article_id: int | None) -> None:
            self.reload_articles()
            if article_id is not None:
                self.show(article_id, None)
            else:
                self.show(c.article_id, c.id)

        self.app.push_screen(RumorScreen(c.rumor_id), back)

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
        self.reload_articles()
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
        self.reload_articles()
        self.show(c.article_id, None)

    def action_filter(self) -> None:
        def apply(value: str | None) -> None:
            if value is None:
                return
            self.filter_text = value.strip()
            self.reload_articles()
            if self._article_ids:
                keep = self.article_id if self.article_id in self._article_ids else self._article_ids[0]
                self.show(keep, self.claim_id)
            else:
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

        def back(article_id: int | None) -> None:
            self.reload_articles()
            if article_id is not None:
                self.show(article_id, None)
            elif self.article_id is not None:
                self.show(self.article_id, self.claim_id)

        self.app.push_screen(RumorListScreen(), back)

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
