"""Engine factory, schema version and upgrades.

Nothing here runs at import time: callers pass the database path or URL.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from db import models  # noqa: F401  (registers the tables)

#: bump when the tables change, and add a migration from the previous version
SCHEMA_VERSION = 1
#: SQLite ``PRAGMA application_id``: marks a file as a claimdesk database ("CLMD")
APPLICATION_ID = 0x434C4D44
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"

#: version N -> function upgrading a connection from N to N + 1
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}


class DatabaseError(Exception):
    """A database claimdesk cannot or must not open; the message says what to do."""


def default_db_path() -> Path:
    env = os.environ.get("CLAIMDESK_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("claimdesk", appauthor=False) / "claimdesk.db"


def _set_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL: every commit survives a crash or kill of the program
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """Build an engine for a database URL (``sqlite:///path``) with claimdesk's settings."""
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _inspect(path: Path) -> tuple[int, int, int] | None:
    """(application_id, user_version, table count) of an existing file, read-only.

    None for a file that does not exist or is empty (a new database).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"{path}: not a claimdesk database (not an SQLite file); left untouched. Pass another path with --db."
        )
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: cannot be read as a database ({exc}); left untouched.") from exc
    finally:
        con.close()
    return app_id, version, tables


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")


def _upgrade(path: Path, from_version: int) -> Path:
    backup = backup_path(path, from_version)
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(backup)
        with dst:
            src.backup(dst)
        dst.close()
        version = from_version
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise DatabaseError(f"{path}: no upgrade from schema v{version}; the backup is {backup}.")
            with src:
                step(src)
                version += 1
                src.execute(f"PRAGMA user_version = {version}")
    finally:
        src.close()
    return backup


def open_database(path: str | Path, *, create: bool = True) -> Engine:
    """Open (creating or upgrading as needed) the claimdesk database at ``path``.

    Raises DatabaseError, leaving the file untouched, for a file that is not a
    claimdesk database or that a newer claimdesk wrote.
    """
    path = Path(path).expanduser()
    info = _inspect(path)
    if info is None:
        if not create:
            raise DatabaseError(f"{path}: no such database. Ingest articles first.")
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        app_id, version, tables = info
        if app_id != APPLICATION_ID and not (app_id == 0 and tables == 0):
            raise DatabaseError(
                f"{path}: an SQLite file, but not a claimdesk database; left untouched. Pass another path with --db."
            )
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{path}: written by a newer claimdesk (schema v{version}; this one knows "
                f"v{SCHEMA_VERSION}); left untouched. Upgrade claimdesk to open it."
            )
        if app_id == APPLICATION_ID and version < SCHEMA_VERSION:
            _upgrade(path, version)
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return engine


def session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "DatabaseError",
    "default_db_path",
    "make_engine",
    "open_database",
    "session",
]
