"""The rumor list's rows: stories, outlets, first seen, pending, verdict, canonical claim."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from app.tui.widgets.row_list import RowList
from db.queries import RumorRow

HEADER = f"{'Stories':>7} {'Outlets':>7} {'First seen':<10} {'Pending':>7} {'Verdict':<10} Canonical claim"


class RumorList(RowList[RumorRow]):
    #: the rumor marked for merging (m), shown with a marker
    marked_id: int | None = None

    def row_segments(self, row: RumorRow, line: int, width: int, base: Style) -> list[Segment]:
        cells = f"{row.stories:>7} {row.outlets:>7} {(row.first_seen or '')[:10]:<10} {row.pending or 0:>7} "
        verdict = f"{(row.verdict or '')[:10]:<10} "
        if row.id == self.marked_id:
            return [
                Segment(cells + verdict, base),
                Segment("▶ " + " ".join(row.canonical.split()), base + self.marked()),
            ]
        return [
            Segment(cells, base),
            Segment(verdict, base + self.muted()),
            Segment(" ".join(row.canonical.split()), base),
        ]
