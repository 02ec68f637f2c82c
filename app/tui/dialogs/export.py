"""The export dialog: where, which statuses, which format; the core writes the file atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from db.models import CLAIM_STATUSES


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    statuses: list[str] | None  # None: all
    fmt: str


class ExportDialog(ModalScreen[ExportRequest | None]):
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 80%; max-width: 90; height: auto;
        border: round $accent; background: $panel; padding: 1 2;
    }
    ExportDialog Input, ExportDialog Select { margin-bottom: 1; }
    ExportDialog #error { color: $error; }
    ExportDialog Horizontal { height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export claims")
            yield Label("File", classes="field")
            yield Input(str(self.default_path), id="path")
            yield Label("Statuses: a comma-separated list, or all", classes="field")
            yield Input("approved", id="statuses")
            yield Select([("CSV", "csv"), ("JSONL", "jsonl")], value="csv", allow_blank=False, id="format")
            yield Label("", id="error", markup=False)
            with Horizontal():
                yield Button("Export", variant="primary", id="go")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self._submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self._submit()

    def _submit(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        raw = self.query_one("#statuses", Input).value.strip().lower()
        statuses = None if raw == "all" else [s.strip() for s in raw.split(",") if s.strip()]
        bad = [s for s in statuses or [] if s not in CLAIM_STATUSES]
        if not path.name or bad or statuses == []:
            why = (
                f"unknown status {', '.join(bad)}" if bad else "give a file name" if not path.name else "give a status"
            )
            self.query_one("#error", Label).update(f"{why}; statuses are all or {', '.join(CLAIM_STATUSES)}")
            return
        fmt = str(self.query_one("#format", Select).value)
        self.dismiss(ExportRequest(path, statuses, fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)
