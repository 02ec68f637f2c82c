"""The article list: two lines per story (pending / total and title; outlet and date), virtual."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from app.tui.widgets.row_list import RowList
from db.queries import ArticleRow


class ArticleList(RowList[ArticleRow]):
    ROW_HEIGHT = 2

    def row_segments(self, row: ArticleRow, line: int, width: int, base: Style) -> list[Segment]:
        if line == 0:
            counts = f"{row.pending}/{row.total} "
            done = self.muted() if row.pending == 0 else Style(bold=True)
            return [Segment(counts, base + done), Segment(" ".join(row.title.split()), base)]
        meta = f"  {row.outlet or ''} {(row.published or '')[:10]}"
        return [Segment(meta, base + self.muted())]
