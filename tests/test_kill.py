"""Killing a review session mid-way loses nothing: each decision was committed as it was made."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from textwrap import dedent

from sqlmodel import select

from app.pipeline import ingest_paths
from db import Claim, ReviewEvent, open_database, session

from .conftest import ROOT, SAMPLES

SESSION = dedent(
    """
    import asyncio, sys
    from app.tui import make_app
    from app.config import Settings
    from db import open_database

    async def main():
        app = make_app(open_database(sys.argv[1]), "kim", Settings())
        async with app.run_test(size=(120, 36)) as pilot:
            for key in ["a", "x", "a", "2", "space", "a"]:
                await pilot.press(key)
                await pilot.pause()
            print("decided", flush=True)
            await asyncio.sleep(60)  # still reviewing when the terminal is killed

    asyncio.run(main())
    """
)


def test_a_killed_review_session_loses_no_decision(tmp_path, settings):
    db_path = tmp_path / "desk.db"
    engine = open_database(db_path)
    ingest_paths(engine, [SAMPLES], settings)
    engine.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-c", SESSION, str(db_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.strip() == "decided"
        time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    engine = open_database(db_path)
    with session(engine) as s:
        mine = s.exec(select(Claim).where(Claim.reviewer == "kim")).all()
        assert sorted(c.status for c in mine) == ["approved", "approved", "approved", "rejected", "skipped"]
        assert any(c.verdict == "true" for c in mine)
        actions = [e.action for e in s.exec(select(ReviewEvent).where(ReviewEvent.reviewer == "kim")).all()]
        assert actions == ["approve", "reject", "approve", "verdict", "skip", "approve"]
