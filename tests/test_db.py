import sqlite3
import threading

import pytest

import db.engine as engine_mod
from db import APPLICATION_ID, SCHEMA_VERSION, DatabaseError, default_db_path, open_database


def test_new_database_is_wal_with_foreign_keys_and_busy_timeout(db_path):
    eng = open_database(db_path)
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
    eng.dispose()


def test_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my shopping list\n")
    with pytest.raises(DatabaseError, match="not a claimdesk database"):
        open_database(path)
    assert path.read_text() == "my shopping list\n"


def test_other_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a claimdesk database"):
        open_database(path)
    assert path.read_bytes() == before


def test_newer_schema_is_refused_and_left_untouched(db_path):
    open_database(db_path).dispose()
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer claimdesk"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_older_schema_is_backed_up_then_upgraded(db_path, monkeypatch, cli):
    assert cli("ingest", "tests/fixtures/good/minister.md", "--db", db_path).exit_code == 0
    applied = []

    def add_column(con):
        applied.append(True)
        con.execute("ALTER TABLE article ADD COLUMN language TEXT")

    monkeypatch.setattr(engine_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(engine_mod.MIGRATIONS, SCHEMA_VERSION, add_column)
    eng = open_database(db_path)
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION + 1
        assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == 1
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(article)")]
        assert "language" in cols
    eng.dispose()
    assert applied == [True]
    backups = list(db_path.parent.glob(f"{db_path.name}.v{SCHEMA_VERSION}-*.bak"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM article").fetchone()[0] == 1
    con.close()


def test_default_database_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMDESK_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("CLAIMDESK_DB")
    assert default_db_path().name == "claimdesk.db"


def test_a_second_writer_waits_for_the_first_instead_of_failing(db_path):
    eng = open_database(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('first', '1')")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    with eng.begin() as conn:  # blocks until the holder commits, then succeeds
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('second', '2')")
    release.join()
    holder.close()
    with eng.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM meta").scalar() == 2
    eng.dispose()
