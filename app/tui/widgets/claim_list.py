"""The claims of the article on screen: status mark, verdict, repeated-rumor badge, the claim."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style

from app.tui.widgets.row_list import RowList
from db.models import Claim

STATUS_MARK = {"pending": "·", "approved": "✓", "rejected": "✗", "skipped": "»"}


@dataclass(slots=True)
class ClaimRow:
    claim: Claim
    #: stories its rumor spans (0: in no rumor)
    stories: int


class ClaimList(RowList[ClaimRow]):
    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {"claim-list--approved", "claim-list--rejected"}
    DEFAULT_CSS = """
    ClaimList > .claim-list--approved { color: $success; }
    ClaimList > .claim-list--rejected { color: $error; }
    """

    def row_segments(self, row: ClaimRow, line: int, width: int, base: Style) -> list[Segment]:
        c = row.claim
        status = self.get_component_rich_style(f"claim-list--{c.status}", partial=True, default=Style())
        badge = f"×{row.stories}" if row.stories > 1 else ""
        room = 10 if width >= 50 else 4  # narrow terminals: the verdict abbreviated
        return [
            Segment(f" {STATUS_MARK.get(c.status, '?')} ", base + status + Style(bold=True)),
            Segment(f"{(c.verdict or '')[:room]:<{room}} ", base + self.muted()),
            Segment(f"{badge:>4} ", base + self.marked()),
            Segment(" ".join(c.text.split()), base),
        ]
