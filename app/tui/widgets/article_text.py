"""The article text with its claims marked: wrapped once per article and width, lines rendered on demand.

A Static inside a scroll container re-wraps the whole text on every update and changes size when
the article changes, which costs a second layout pass (and a frame) each time. Here the text is
wrapped into (start, end) offsets once; moving between claims only restyles the visible lines,
and every line knows its offsets into the text, so a mouse selection maps back to the exact
characters of the article.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from app.tui.widgets.row_list import set_virtual_height


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` to ``width`` cells: (start, end) of each line, newlines excluded."""
    width = max(4, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        i, end = pos, pos + len(para)
        if i == end:
            lines.append((i, i))
        ascii_only = para.isascii()
        while i < end:
            if ascii_only:
                j = min(end, i + width)
            else:
                j, cells = i, 0
                while j < end:
                    w = get_character_cell_size(text[j])
                    if cells + w > width:
                        break
                    cells += w
                    j += 1
                j = max(j, i + 1)
            if j < end and text[j] == " ":
                j += 1  # the space ending a full line stays on it (cropped from view)
            elif j < end:
                space = text.rfind(" ", i, j)
                if space > i:
                    j = space + 1  # break after the space
            lines.append((i, j))
            i = j
        pos = end + 1
    return lines


class ArticleText(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"article-text--caution", "article-text--claim", "article-text--current"}
    DEFAULT_CSS = """
    ArticleText { overflow-y: scroll; overflow-x: hidden; scrollbar-size-vertical: 1; }
    ArticleText > .article-text--caution { color: $warning; text-style: italic; }
    ArticleText > .article-text--claim { text-style: underline; }
    ArticleText > .article-text--current { text-style: reverse bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source = ""
        self._prefix = 0  # characters before the article text (the caution line)
        self._spans: list[tuple[int, int]] = []
        self._current: tuple[int, int] | None = None
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._width = 0

    # --- content -----------------------------------------------------------------------------

    def set_article(self, text: str, caution: str | None) -> None:
        """A new article: wrap it (once) and show its top."""
        prefix = f"Caution: {caution}\n\n" if caution else ""
        self._source = prefix + text
        self._prefix = len(prefix)
        self._current = None
        self._spans = []
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_claims(self, spans: list[tuple[int, int]], current: tuple[int, int] | None) -> None:
        """Claim spans (offsets into the article text) to underline, and the one to highlight."""
        self._spans = sorted(spans)
        old, self._current = self._current, current
        self.refresh()
        if current is not None and current != old:
            self._into_view(current)

    @property
    def text(self) -> str:
        return self._source[self._prefix :]

    def _rewrap(self) -> None:
        self._width = self.scrollable_content_region.width or self.size.width
        self._lines = wrap_offsets(self._source, self._width) if self._width else []
        self._starts = [s for s, _e in self._lines]
        set_virtual_height(self, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._rewrap()
            if self._current is not None:
                self._into_view(self._current)

    def line_of(self, offset: int) -> int:
        """The wrapped line holding ``offset`` of the article text."""
        return max(0, bisect_right(self._starts, offset + self._prefix) - 1)

    def _into_view(self, span: tuple[int, int]) -> None:
        first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
        top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
        if height and (first < top or last >= top + height):
            self.scroll_to(y=max(0, first - 3), animate=False, immediate=True)

    # --- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        styles: list[tuple[int, int, Style]] = []
        if self._prefix and start < self._prefix:
            styles.append((start, min(end, self._prefix), self.get_component_rich_style("article-text--caution")))
        claim = self.get_component_rich_style("article-text--claim", partial=True)
        current = self.get_component_rich_style("article-text--current", partial=True)
        for s, e in self._spans:
            s, e = s + self._prefix, e + self._prefix
            if s >= end:
                break
            if e > start:
                styled = current if (s - self._prefix, e - self._prefix) == self._current else claim
                styles.append((max(s, start), min(e, end), styled))
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            a, b = span
            b = end - start if b == -1 else b
            styles.append((start + a, start + b, self.screen.get_component_rich_style("screen--selection")))
        segments = _styled_segments(self._source, start, end, base, styles)
        return Strip(segments).crop_extend(0, width, base).apply_offsets(0, index)

    # --- selection ---------------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The exact characters selected (a wrap is not a newline of the article)."""
        if not self._lines:
            return None

        def offset(point, default: int) -> int:  # type: ignore[no-untyped-def]
            if point is None:
                return default
            line = min(point.y, len(self._lines) - 1)
            s, e = self._lines[line]
            return min(s + point.x, e)

        start = offset(selection.start, 0)
        end = offset(selection.end, len(self._source))
        start = max(start, self._prefix) if end > self._prefix else start
        return self._source[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()


def _styled_segments(
    source: str, start: int, end: int, base: Style, styles: list[tuple[int, int, Style]]
) -> list[Segment]:
    """Segments of source[start:end] with each (s, e, style) laid over the base style."""
    if not styles:
        return [Segment(source[start:end], base)]
    cuts = sorted({start, end, *(p for s, e, _st in styles for p in (s, e) if start <= p <= end)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        style = base
        for s, e, st in styles:
            if s <= a and b <= e:
                style = style + st
        out.append(Segment(source[a:b], style))
    return out
