"""A small typed dialog: one line of text, Enter to save, Escape to cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class TextInputDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    TextInputDialog {
        align: center middle;
    }
    TextInputDialog > Vertical {
        width: 80%;
        max-width: 100;
        height: auto;
        border: round $accent;
        background: $panel;
        padding: 1 2;
    }
    TextInputDialog Label {
        margin-bottom: 1;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            yield Input(value=self._value, id="value")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
