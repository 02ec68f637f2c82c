"""A virtual list: any number of fixed-height rows, only the visible lines rendered.

DataTable builds every row when rows are added (10,000 two-line article rows take seconds) and
has to be cleared and refilled to change one; this list keeps a plain Python sequence, renders
the lines on screen (the Line API, as Textualize/toolong does) and repaints a single row in
place when its data changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

T = TypeVar("T")


@dataclass
class _RowMessage(Message):
    row_list: RowList
    index: int

    @property
    def control(self) -> RowList:
        return self.row_list


class RowList(ScrollView, Generic[T], can_focus=True):
    """Rows of ``ROW_HEIGHT`` lines; subclasses say how a row's lines look (``row_segments``)."""

    ROW_HEIGHT = 1
    #: a click opens the row (Selected) as enter does; else it only moves the cursor there
    SELECT_ON_CLICK = True
    COMPONENT_CLASSES = {"row-list--cursor", "row-list--muted", "row-list--marked"}
    DEFAULT_CSS = """
    RowList { background: $surface; overflow-x: hidden; scrollbar-size-vertical: 1; }
    RowList > .row-list--cursor { background: $block-cursor-blurred-background; }
    RowList:focus > .row-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    RowList > .row-list--muted { color: $text-muted; }
    RowList > .row-list--marked { color: $warning; text-style: bold; }
    """
    BINDINGS = [
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(_RowMessage):
        """The cursor moved to row ``index``."""

    class Selected(_RowMessage):
        """Row ``index`` was chosen (enter, or a click where the list selects on click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: Sequence[T] = []

    # --- data ---------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[T]:
        return self._rows

    def set_rows(self, rows: Sequence[T], cursor: int | None = None) -> None:
        """Show these rows; the cursor stays where it was unless told (clamped to the rows)."""
        self._rows = rows
        set_virtual_height(self, len(rows) * self.ROW_HEIGHT)
        target = self.cursor if cursor is None else cursor
        self.set_reactive(RowList.cursor, max(0, min(target, len(rows) - 1)))
        self.refresh()
        self._cursor_into_view()

    def refresh_row(self, index: int) -> None:
        """Repaint one row after its data changed."""
        self.refresh_lines(index * self.ROW_HEIGHT, self.ROW_HEIGHT)

    @property
    def current(self) -> T | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def move_to(self, index: int, *, announce: bool = False) -> None:
        """Put the cursor on a row (and scroll it into view) without selecting it."""
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        old = self.cursor
        self.set_reactive(RowList.cursor, index)
        if old != index:
            self.refresh_row(old)
            self.refresh_row(index)
        self._cursor_into_view()
        if announce:
            self.post_message(self.Highlighted(self, index))

    def _cursor_into_view(self) -> None:
        if self._rows and self.size.height:
            region = Region(0, self.cursor * self.ROW_HEIGHT, max(1, self.size.width), self.ROW_HEIGHT)
            self.scroll_to_region(region, animate=False, force=True)

    # --- rendering -------------------------------------------------------------------------

    def row_segments(self, row: T, line: int, width: int, base: Style) -> list[Segment]:
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index, line = divmod(self.scroll_offset.y + y, self.ROW_HEIGHT)
        base = self.rich_style
        if index >= len(self._rows):
            return Strip.blank(width, base)
        if index == self.cursor:
            base = base + self.get_component_rich_style("row-list--cursor")
        segments = self.row_segments(self._rows[index], line, width, base)
        return Strip(segments).adjust_cell_length(width, base)

    def muted(self) -> Style:
        return self.get_component_rich_style("row-list--muted", partial=True)

    def marked(self) -> Style:
        return self.get_component_rich_style("row-list--marked", partial=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows) * self.ROW_HEIGHT)
        self._cursor_into_view()

    # --- keys and mouse ------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step, announce=True)

    def action_page(self, step: int) -> None:
        rows = max(1, self.size.height // self.ROW_HEIGHT - 1)
        self.move_to(self.cursor + step * rows, announce=True)

    def action_edge(self, end: int) -> None:
        self.move_to(len(self._rows) - 1 if end else 0, announce=True)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // self.ROW_HEIGHT
        if 0 <= index < len(self._rows):
            self.move_to(index, announce=True)
            if self.SELECT_ON_CLICK:
                self.post_message(self.Selected(self, index))


def set_virtual_height(widget: ScrollView, height: int) -> None:
    """Change a scroll view's content height without a layout pass.

    Assigning ``virtual_size`` asks for a layout of the whole screen, after which the scrollbars
    repaint a frame later (two frames, ~60 ms at 160x48). With the scrollbar always shown
    (overflow-y: scroll) nothing moves on screen, so it is enough to update the scrollbar and
    repaint this widget: what Widget._size_updated does, minus the layout.
    """
    size = Size(widget.size.width, height)
    if size == widget.virtual_size:
        return
    if not widget.size or widget.styles.overflow_y != "scroll":
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()
