from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from app.config import Settings
from db import open_database, session

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """No test reads the user's config or touches their database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(home / "no-config.toml"))
    monkeypatch.setenv("CLAIMDESK_DB", str(home / "default.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def engine(db_path: Path):
    eng = open_database(db_path)
    yield eng
    eng.dispose()


@pytest.fixture
def db(engine):
    with session(engine) as s:
        yield s


@pytest.fixture
def settings() -> Settings:
    return Settings()


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):
        return self.runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def cli() -> Cli:
    return Cli()
