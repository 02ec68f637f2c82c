"""The App: holds the database handle, the reviewer and the settings; the review screen does the work."""

from __future__ import annotations

import gc

from sqlalchemy.engine import Engine
from textual.app import App
from textual.binding import Binding

from app.config import Settings
from app.tui.commands import FindProvider
from app.tui.screens.review import ReviewScreen
from app.tui.screens.rumor import RumorScreen


class ClaimdeskApp(App[None]):
    CSS_PATH = "claimdesk.tcss"
    COMMANDS = App.COMMANDS | {FindProvider}
    TITLE = "claimdesk"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "toggle_help", "Help", id="help"),
    ]

    def __init__(self, engine: Engine, reviewer: str, settings: Settings) -> None:
        super().__init__()
        self.engine = engine
        self.reviewer = reviewer
        self.settings = settings

    def rumor_screen(self, rumor_id: int) -> RumorScreen:
        """The rumor view, set to a rumor. One instance is installed and reused: composing and
        styling a new screen each time would cost ~100 ms of the 200 ms it may take to open."""
        if not self.is_screen_installed("rumor"):
            self.install_screen(RumorScreen(rumor_id), "rumor")
        screen = self.get_screen("rumor")
        assert isinstance(screen, RumorScreen)
        return screen.open(rumor_id)

    def on_mount(self) -> None:
        self.sub_title = f"reviewer: {self.reviewer}"
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)  # [keymap] in config.toml, by binding id
        self.push_screen(ReviewScreen())
        self.call_after_refresh(self._freeze)

    @staticmethod
    def _freeze() -> None:
        """Move what start-up loaded (every article row, Textual's and SQLAlchemy's own objects)
        out of the garbage collector's view: a full collection over them took ~35 ms, a visible
        stall on whichever key it fell."""
        gc.collect()
        gc.freeze()

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
