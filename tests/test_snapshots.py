"""Snapshots of the review screen (pytest-textual-snapshot); update with --snapshot-update after a
deliberate change, and look at the SVGs in tests/__snapshots__ before committing them."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.pipeline import ingest_paths
from app.tui import make_app
from db import open_database

from .conftest import SAMPLES


@pytest.fixture
def demo_app(tmp_path):
    engine = open_database(tmp_path / "snap.db")
    ingest_paths(engine, [SAMPLES], Settings())
    return make_app(engine, "ana", Settings())


def test_main_screen(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 36))


def test_a_decision_made(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 36), press=["a", "2"])


def test_narrow_terminal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_rumor_view(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 36), press=["d"])


def test_export_dialog(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 36), press=["ctrl+e"])


def test_help_panel(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 36), press=["question_mark"])


def test_rumor_list(snap_compare, demo_app):
    async def counted(pilot):  # the list is read in a worker
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 36), run_before=counted)
