"""The rumor view's rows: its members oldest first, then claims suggested for it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style

from app.tui.widgets.row_list import RowList
from db.queries import RumorMember

#: (title, width) of the columns before the claim text
COLUMNS = (("Seen", 10), ("Outlet", 16), ("Speaker", 18), ("Hedge", 10), ("Status", 12), ("Score", 5))


@dataclass(slots=True)
class MemberRow:
    member: RumorMember
    #: the suggested link, for a claim outside the rumor
    link_id: int | None = None
    link_score: float = 0.0
    canonical: bool = False
    #: the member of the rumor the suggested link is to
    linked_member: int | None = None


def header() -> str:
    return " ".join(f"{title:<{width}}" for title, width in COLUMNS) + " Claim"


class MemberList(RowList[MemberRow]):
    SELECT_ON_CLICK = False  # a click picks a member; enter (or g) goes to its article

    def row_segments(self, row: MemberRow, line: int, width: int, base: Style) -> list[Segment]:
        m, c = row.member, row.member.claim
        status = f"suggest {row.link_score:.0f}" if row.link_id is not None else c.status
        cells = (m.seen, m.outlet or "", c.speaker or "", c.hedge or "", status, f"{c.score:.2f}")
        out = [Segment(f"{str(v)[:w]:<{w}} ", base) for v, (_t, w) in zip(cells, COLUMNS, strict=True)]
        mark = "★ " if row.canonical else "? " if row.link_id is not None else ""
        style = base + (self.marked() if row.link_id is not None else Style())
        out.append(Segment(mark + " ".join(c.text.split()), style))
        return out
