"""Review operations: each decision is committed at once, audited, and undoable across restarts."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from app import review
from app.pipeline import ingest_paths
from db import Claim, ReviewEvent, open_database, session

from .conftest import ROOT


@pytest.fixture
def loaded(engine, settings):
    ingest_paths(engine, [ROOT / "tests" / "fixtures" / "good"], settings)
    return engine


def first_claim(s) -> Claim:
    return s.exec(select(Claim).order_by(Claim.id)).first()


def reopen(db_path):
    eng = open_database(db_path)
    return eng, session(eng)


def test_decisions_are_committed_and_audited(loaded, db_path, settings):
    with session(loaded) as s:
        c = first_claim(s)
        review.decide(s, c.id, "approve", "ana")
        review.set_verdict(s, c.id, "false", "ana", settings)
        review.set_note(s, c.id, "hospital says otherwise", "ana")
    eng, s2 = reopen(db_path)  # a separate connection sees it: it was committed
    with s2:
        got = s2.get(Claim, c.id)
        assert (got.status, got.verdict, got.note, got.reviewer) == (
            "approved",
            "false",
            "hospital says otherwise",
            "ana",
        )
        assert got.reviewed_at is not None
        events = s2.exec(select(ReviewEvent).where(ReviewEvent.claim_id == c.id).order_by(ReviewEvent.id)).all()
        assert [e.action for e in events] == ["approve", "verdict", "note"]
        assert json.loads(events[0].old)["status"] == "pending"
        assert json.loads(events[0].new)["status"] == "approved"
        assert all(e.reviewer == "ana" for e in events)
    eng.dispose()


def test_unknown_verdict_is_refused(loaded, settings):
    with session(loaded) as s, pytest.raises(review.ReviewError, match="unknown verdict"):
        review.set_verdict(s, first_claim(s).id, "pants-on-fire", "ana", settings)


def test_undo_many_levels_across_a_restart(loaded, db_path, settings):
    with session(loaded) as s:
        c = first_claim(s)
        review.decide(s, c.id, "reject", "ana")
        review.edit_core(s, c.id, "the minister is in hospital", "ana")
        review.set_verdict(s, c.id, "true", "ana", settings)
    eng, s2 = reopen(db_path)
    with s2:
        assert review.undo(s2, "ana", settings).action == "verdict"
        assert review.undo(s2, "ana", settings).action == "edit"
        got = s2.get(Claim, c.id)
        assert (got.status, got.verdict) == ("rejected", None)
        assert got.core != "the minister is in hospital"
        assert review.undo(s2, "ana", settings).action == "reject"
        assert s2.get(Claim, c.id).status == "pending"
        assert review.undo(s2, "ana", settings) is None
        assert s2.exec(select(ReviewEvent).where(ReviewEvent.action == "undo")).all()
    eng.dispose()


def test_undo_is_per_reviewer(loaded, settings):
    with session(loaded) as s:
        c = first_claim(s)
        review.decide(s, c.id, "approve", "ana")
        assert review.undo(s, "ben", settings) is None
        assert s.get(Claim, c.id).status == "approved"


def test_a_change_made_elsewhere_is_not_silently_overwritten(loaded, db_path):
    with session(loaded) as mine:
        c = first_claim(mine)
        seen_version = c.version
        eng, theirs = reopen(db_path)
        with theirs:
            review.decide(theirs, c.id, "reject", "ben")
        eng.dispose()
        with pytest.raises(review.Conflict, match="changed by ben"):
            review.decide(mine, c.id, "approve", "ana", expected_version=seen_version)
        assert mine.get(Claim, c.id, populate_existing=True).status == "rejected"


def test_manual_claim_add_delete_and_undo(loaded, settings):
    with session(loaded) as s:
        c = first_claim(s)
        art_text = s.get(type(c).__mro__[0], c.id).text  # noqa: F841 - touch to load
        from db import Article

        article = s.get(Article, c.article_id)
        start = article.text.index("The ministry said")
        end = article.text.index("next week.") + len("next week")
        made = review.add_claim(s, article.id, start, end, "ana", settings)
        assert made.origin == "manual" and article.text[made.start : made.end] == made.text
        with pytest.raises(review.ReviewError, match="only claims made by hand"):
            review.delete_claim(s, c.id, "ana")
        review.delete_claim(s, made.id, "ana")
        assert s.get(Claim, made.id) is None
        review.undo(s, "ana", settings)  # brings the deleted claim back
        back = s.get(Claim, made.id)
        assert back is not None and back.text == made.text
        review.undo(s, "ana", settings)  # undoes the add
        assert s.get(Claim, made.id) is None


def test_an_edit_that_adds_or_removes_a_negation_turns_the_claim_with_it(loaded, settings):
    with session(loaded) as s:
        c = first_claim(s)
        review.edit_core(s, c.id, "the minister has cancer", "ana")
        assert s.get(Claim, c.id).negated is False
        review.edit_core(s, c.id, "the minister does not have cancer", "ana")
        assert s.get(Claim, c.id).negated is True
        # rewording that keeps the negation keeps the flag; undo restores it
        review.edit_core(s, c.id, "the minister has never had cancer", "ana")
        assert s.get(Claim, c.id).negated is True
        review.undo(s, "ana", settings)
        review.undo(s, "ana", settings)
        assert s.get(Claim, c.id).negated is False
        assert s.get(Claim, c.id).core == "the minister has cancer"


def test_an_edit_keeps_a_denial_denied(engine, settings, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Ministry denies surgery\n\nThe health ministry denied that the president had heart surgery in October.\n",
        encoding="utf-8",
    )
    ingest_paths(engine, [tmp_path], settings)
    with session(engine) as s:
        c = next(c for c in s.exec(select(Claim)).all() if "surgery in October" in c.core)
        assert c.negated
        review.edit_core(s, c.id, "the president had heart surgery in mid-October", "ana")
        assert s.get(Claim, c.id).negated  # the edit did not touch what makes it a denial
