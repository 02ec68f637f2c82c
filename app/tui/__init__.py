"""The review workstation (Textual). It only calls the core: app.review, db.queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from app.config import Settings
    from app.tui.app import ClaimdeskApp


def default_reviewer() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "reviewer"


def make_app(engine: Engine, reviewer: str | None = None, settings: Settings | None = None) -> ClaimdeskApp:
    """The one factory for the command line and the tests."""
    from app.config import Settings
    from app.tui.app import ClaimdeskApp

    return ClaimdeskApp(engine, reviewer or default_reviewer(), settings or Settings())


def run(engine: Engine, reviewer: str | None = None, settings: Settings | None = None) -> None:
    make_app(engine, reviewer, settings).run()
