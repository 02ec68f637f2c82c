"""The list of rumors (r): sortable, opens a rumor, merges two. Read in a worker: tens of
thousands of rumors take a few hundred milliseconds to count, and the list is virtual."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from app import review
from app.tui.widgets.key_bar import KeyBar
from app.tui.widgets.rumor_list import HEADER, RumorList
from db import session
from db.queries import RUMOR_ORDERS, RumorRow, rumor_list, sort_rumors


class RumorListScreen(Screen[int | None]):
    """Dismissed with an article id to jump to, or None."""

    DEFAULT_CSS = """
    RumorListScreen #title { padding: 0 1; background: $panel; color: $text-muted; height: 1; }
    RumorListScreen RumorList { height: 1fr; border: round $panel; overflow-y: scroll; }
    """
    BINDINGS = [
        Binding("escape,r", "close", "Back", id="rumors-back"),
        Binding("s", "sort", "Sort", id="rumors-sort"),
        Binding("m", "merge", "Merge", id="rumors-merge"),
        Binding("enter", "open", "Open", id="rumors-open"),
    ]

    @dataclass
    class Loaded(Message):
        rows: list[RumorRow]

    def __init__(self) -> None:
        super().__init__()
        self.order = "stories"
        self.marked: int | None = None
        self.changed = False
        self._rows: list[RumorRow] = []

    def compose(self) -> ComposeResult:
        yield Static("Counting rumors…", id="title", markup=False)
        yield RumorList(id="rumors")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(RumorList).border_title = HEADER
        self.query_one(RumorList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="rumor-list")
    def load(self) -> None:
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            rows = rumor_list(s, "stories")
        self.post_message(self.Loaded(rows))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self._rows = sort_rumors(event.rows, self.order)
        self._show()

    def _show(self) -> None:
        listed = self.query_one(RumorList)
        listed.marked_id = self.marked
        listed.set_rows(self._rows)
        hint = "; m on another rumor merges the marked one into it" if self.marked else ""
        self.query_one("#title", Static).update(f"{len(self._rows)} rumors, by {self.order}{hint}", layout=False)

    def _current(self) -> int | None:
        row = self.query_one(RumorList).current
        return row.id if row is not None else None

    def action_sort(self) -> None:
        orders = list(RUMOR_ORDERS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        current = self._current()
        self._rows = sort_rumors(self._rows, self.order)
        self._show()
        if current is not None:
            self.query_one(RumorList).move_to(next(i for i, r in enumerate(self._rows) if r.id == current))

    @on(RumorList.Selected)
    def action_open(self) -> None:
        rumor_id = self._current()
        if rumor_id is None:
            return

        def back(article_id: int | None) -> None:
            self.changed = self.changed or screen.changed
            if article_id is not None:
                self.dismiss(article_id)
            elif screen.changed:
                self.load()

        screen = self.app.rumor_screen(rumor_id)  # type: ignore[attr-defined]
        self.app.push_screen(screen, back)

    def action_merge(self) -> None:
        rumor_id = self._current()
        if rumor_id is None:
            return
        if self.marked is None or self.marked == rumor_id:
            self.marked = None if self.marked == rumor_id else rumor_id
            self._show()
            return
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            try:
                review.merge_rumors(s, rumor_id, self.marked, self.app.reviewer)  # type: ignore[attr-defined]
                self.changed = True
                self.notify(f"Rumor #{self.marked} merged into #{rumor_id}.")
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
        self.marked = None
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)
