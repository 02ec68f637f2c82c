"""The list of rumors (r): sortable, opens a rumor, merges two."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from app import review
from app.tui.screens.rumor import RumorScreen
from db import session
from db.queries import RUMOR_ORDERS, rumor_list


class RumorListScreen(Screen[int | None]):
    """Dismissed with an article id to jump to, or None."""

    DEFAULT_CSS = """
    RumorListScreen #title { padding: 0 1; background: $panel; color: $text-muted; }
    RumorListScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,r", "close", "Back", id="rumors-back"),
        Binding("s", "sort", "Sort", id="rumors-sort"),
        Binding("enter", "open", "Open", id="rumors-open"),
        Binding("m", "merge", "Merge", id="rumors-merge"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = "stories"
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title", markup=False)
        yield DataTable(id="rumors", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "Stories", "Outlets", "First seen", "Pending", "Verdict", "Canonical claim"
        )
        self.refresh_list()
        self.query_one(DataTable).focus()

    def refresh_list(self) -> None:
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            self._rows = rumor_list(s, self.order)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for r in self._rows:
            mark = "▶ " if r.id == self.marked else ""
            table.add_row(r.stories, r.outlets, (r.first_seen or "")[:10], r.pending, r.verdict or "",
                          Text(mark + r.canonical[:200]), key=str(r.id))  # fmt: skip
        table.move_cursor(row=min(row, max(0, len(self._rows) - 1)))
        hint = "; m on another rumor merges the marked one into it" if self.marked else ""
        self.query_one("#title", Static).update(f"{len(self._rows)} rumors, by {self.order}{hint}")

    def _current(self) -> int | None:
        row = self.query_one(DataTable).cursor_row
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def action_sort(self) -> None:
        orders = list(RUMOR_ORDERS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self.refresh_list()

    def action_open(self) -> None:
        rumor_id = self._current()
        if rumor_id is None:
            return

        def back(article_id: int | None) -> None:
            if article_id is not None:
                self.dismiss(article_id)
            else:
                self.refresh_list()

        self.app.push_screen(RumorScreen(rumor_id), back)

    def action_merge(self) -> None:
        rumor_id = self._current()
        if rumor_id is None:
            return
        if self.marked is None or self.marked == rumor_id:
            self.marked = None if self.marked == rumor_id else rumor_id
        else:
            with session(self.app.engine) as s:  # type: ignore[attr-defined]
                try:
                    review.merge_rumors(s, rumor_id, self.marked, self.app.reviewer)  # type: ignore[attr-defined]
                    self.notify(f"Rumor #{self.marked} merged into #{rumor_id}.")
                except review.ReviewError as exc:
                    self.notify(str(exc), severity="warning")
            self.marked = None
        self.refresh_list()

    def action_close(self) -> None:
        self.dismiss(None)
