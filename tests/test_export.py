"""Export: golden files, formula injection, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text as sql

import app.export as export_mod
from app.review import decide
from db import open_database, session

GOLDEN = Path(__file__).parent / "golden"
FIXTURE = Path(__file__).parent / "fixtures" / "export-desk.jsonl"


@pytest.fixture
def desk_db(cli, db_path):
    """A small database with decisions made and timestamps pinned, so exports are byte-stable."""
    assert cli("ingest", FIXTURE, "--db", db_path).exit_code == 0
    eng = open_database(db_path)
    with session(eng) as s:
        first = s.execute(sql("SELECT min(id) FROM claim")).scalar_one()
        decide(s, first, "approve", "ana")
        s.execute(sql("UPDATE claim SET reviewed_at = '2026-05-04 10:00:00.000000' WHERE reviewed_at IS NOT NULL"))
        s.execute(sql("UPDATE article SET ingested_at = '2026-05-04 09:00:00.000000'"))
        s.commit()
    eng.dispose()
    return db_path


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 once and review it"
    assert data == path.read_bytes(), f"export differs from {path}"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("all.csv", ["--status", "all"]),
        ("all-excel.csv", ["--status", "all", "--excel"]),
        ("all.jsonl", ["--status", "all", "--format", "jsonl"]),
        ("approved.csv", []),
    ],
)
def test_export_matches_golden_file(cli, desk_db, tmp_path, name, args):
    out = tmp_path / name
    result = cli("export", "--db", desk_db, "-o", out, *args)
    assert result.exit_code == 0, result.output
    check_golden(name, out.read_bytes())


def test_csv_has_every_column_and_round_trips(cli, desk_db):
    result = cli("export", "--db", desk_db, "--status", "all")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0].keys()) == export_mod.FIELDS
    assert {r["status"] for r in rows} == {"approved", "pending"}
    quoted = next(r for r in rows if "inflated" in r["claim"])
    assert '"inflated, frankly"' in quoted["claim"]


def test_formula_cells_are_neutralised_in_csv_but_exact_in_jsonl(cli, desk_db):
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", desk_db, "--status", "all").stdout)))
    cells = [v for r in rows for v in r.values()]
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in cells)
    assert '\'=HYPERLINK("http://evil.example") is not a headline anyone expected' in cells
    assert "'-40 percent: that is how far cargo volumes fell during the strike" in cells
    recs = [
        json.loads(ln)
        for ln in cli("export", "--db", desk_db, "--status", "all", "--format", "jsonl").stdout.splitlines()
    ]
    assert any(r["claim"].startswith("=HYPERLINK") for r in recs)
    assert all(isinstance(r["negated"], bool) and isinstance(r["links"], list) for r in recs)


def test_excel_flavour_has_bom_and_crlf(cli, desk_db, tmp_path):
    out = tmp_path / "x.csv"
    cli("export", "--db", desk_db, "--status", "all", "--excel", "-o", out)
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")


def test_status_filter(cli, desk_db):
    approved = list(csv.DictReader(io.StringIO(cli("export", "--db", desk_db).stdout)))
    assert {r["status"] for r in approved} == {"approved"}
    assert {r["reviewer"] for r in approved} == {"ana", "import"}
    bad = cli("export", "--db", desk_db, "--status", "aproved")
    assert bad.exit_code == 2 and "--status" in bad.output


def test_failed_export_leaves_the_earlier_file_intact(cli, desk_db, tmp_path, monkeypatch):
    out = tmp_path / "claims.csv"
    assert cli("export", "--db", desk_db, "-o", out).exit_code == 0
    before = out.read_bytes()

    real_fdopen = os.fdopen

    class Exploding(io.TextIOWrapper):
        pass

    def failing_fdopen(fd, *a, **kw):
        fh = real_fdopen(fd, *a, **kw)
        orig_write = fh.write

        def write(data):
            orig_write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        fh.write = write
        return fh

    monkeypatch.setattr(export_mod.os, "fdopen", failing_fdopen)
    result = cli("export", "--db", desk_db, "--status", "all", "-o", out)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "nothing was written" in result.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".claims.csv")] == []


def test_export_of_a_missing_database_says_so(cli, tmp_path):
    result = cli("export", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_an_export_is_readable_by_others_like_any_new_file_and_keeps_a_replaced_files_mode(cli, desk_db, tmp_path):
    import os
    import stat

    out = tmp_path / "shared.csv"
    old = os.umask(0o022)
    try:
        assert cli("export", "--db", str(desk_db), "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644, "not private to the user as a temporary file is"
    out.chmod(0o640)
    assert cli("export", "--db", str(desk_db), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
