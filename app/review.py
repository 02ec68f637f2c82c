"""Review operations: every decision is one committed transaction plus an audit event.

Used alike by the command line, the tests and the TUI. Each operation takes the
claim's ``version`` as the caller last saw it (optional): when someone else
changed the claim meanwhile, ``Conflict`` is raised and nothing is overwritten.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.config import Settings
from app.extract import describe
from app.matching import add_to_index, match_new_claims
from db.models import Article, Claim, ReviewEvent, utcnow

DECISIONS = {"approve": "approved", "reject": "rejected", "skip": "skipped"}
REVIEW_FIELDS = ("status", "verdict", "note", "core", "reviewer", "reviewed_at")


class ReviewError(Exception):
    """A review action that cannot be done; the message says why."""


class Conflict(ReviewError):
    """The claim changed elsewhere since the reviewer last saw it."""


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _load(value: Any, field: str) -> Any:
    if field in ("reviewed_at", "created_at") and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _get(session: Session, claim_id: int, expected_version: int | None) -> Claim:
    claim = session.get(Claim, claim_id, populate_existing=True)
    if claim is None:
        raise ReviewError(f"claim {claim_id} no longer exists")
    if expected_version is not None and claim.version != expected_version:
        last = session.exec(
            select(ReviewEvent).where(ReviewEvent.claim_id == claim_id).order_by(col(ReviewEvent.id).desc())
        ).first()
        who = f" by {last.reviewer} at {last.at:%H:%M:%S}" if last else ""
        raise Conflict(f"claim {claim_id} was changed{who} since you opened it; look again, then decide")
    return claim


def _change(session: Session, claim: Claim, by: str, action: str, **changes: Any) -> ReviewEvent:
    old = {k: _json(getattr(claim, k)) for k in changes}
    for k, v in changes.items():
        setattr(claim, k, v)
    claim.version += 1
    session.add(claim)
    event = ReviewEvent(
        reviewer=by,
        action=action,
        claim_id=claim.id,
        rumor_id=claim.rumor_id,
        old=json.dumps(old),
        new=json.dumps({k: _json(v) for k, v in changes.items()}),
    )
    session.add(event)
    session.commit()
    return event


def decide(session: Session, claim_id: int, decision: str, reviewer: str, expected_version: int | None = None) -> Claim:
    """approve, reject or skip a claim."""
    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}")
    claim = _get(session, claim_id, expected_version)
    _change(session, claim, reviewer, decision, status=DECISIONS[decision], reviewer=reviewer, reviewed_at=utcnow())
    return claim


def set_verdict(
    session: Session,
    claim_id: int,
    verdict: str | None,
    reviewer: str,
    settings: Settings,
    expected_version: int | None = None,
) -> Claim:
    if verdict is not None and verdict not in settings.verdicts:
        raise ReviewError(f"unknown verdict {verdict!r}; use one of {', '.join(settings.verdicts)}")
    claim = _get(session, claim_id, expected_version)
    _change(session, claim, reviewer, "verdict", verdict=verdict, reviewer=reviewer, reviewed_at=utcnow())
    return claim


def set_note(
    session: Session, claim_id: int, note: str | None, reviewer: str, expected_version: int | None = None
) -> Claim:
    claim = _get(session, claim_id, expected_version)
    _change(session, claim, reviewer, "note", note=(note or None))
    return claim


def edit_core(session: Session, claim_id: int, core: str, reviewer: str, expected_version: int | None = None) -> Claim:
    core = core.strip()
    if not core:
        raise ReviewError("the core cannot be empty")
    claim = _get(session, claim_id, expected_version)
    _change(session, claim, reviewer, "edit", core=core)
    return claim


def add_claim(session: Session, article_id: int, start: int, end: int, reviewer: str, settings: Settings) -> Claim:
    """A claim made by hand from a span of the article text."""
    article = session.get(Article, article_id)
    if article is None:
        raise ReviewError(f"article {article_id} does not exist")
    while start < end and article.text[start].isspace():
        start += 1
    while end > start and article.text[end - 1].isspace():
        end -= 1
    if not 0 <= start < end <= len(article.text):
        raise ReviewError("select some of the article text first")
    text = article.text[start:end]
    d = describe(text)
    claim = Claim(
        article_id=article_id,
        start=start,
        end=end,
        text=text,
        core=d.core,
        speaker=d.speaker,
        hedge=d.hedge,
        negated=d.negated,
        score=d.score,
        reasons=json.dumps(d.reasons),
        origin="manual",
        reviewer=reviewer,
    )
    session.add(claim)
    session.flush()
    match_new_claims(session, [claim], settings.match)
    session.add(
        ReviewEvent(
            reviewer=reviewer,
            action="add",
            claim_id=claim.id,
            new=json.dumps({"article_id": article_id, "start": start, "end": end}),
        )
    )
    session.commit()
    return claim


def delete_claim(session: Session, claim_id: int, reviewer: str) -> None:
    """Remove a claim made by hand (extracted ones are rejected, not deleted)."""
    claim = _get(session, claim_id, None)
    if claim.origin != "manual":
        raise ReviewError("only claims made by hand can be removed; reject this one instead")
    snapshot = {k: _json(v) for k, v in claim.model_dump().items()}
    session.add(
        ReviewEvent(
            reviewer=reviewer, action="delete", claim_id=claim.id, rumor_id=claim.rumor_id, old=json.dumps(snapshot)
        )
    )
    session.delete(claim)
    session.commit()


def last_undoable(session: Session, reviewer: str) -> ReviewEvent | None:
    undone = select(ReviewEvent.undoes).where(ReviewEvent.undoes.is_not(None))  # type: ignore[union-attr]
    return session.exec(
        select(ReviewEvent)
        .where(
            ReviewEvent.reviewer == reviewer,
            col(ReviewEvent.action).not_in(("undo", "undo-skipped")),
            col(ReviewEvent.id).not_in(undone),
        )
        .order_by(col(ReviewEvent.id).desc())
    ).first()


def undo(session: Session, reviewer: str, settings: Settings) -> ReviewEvent | None:
    """Reverse this reviewer's latest action not yet undone; None when there is nothing to undo.

    Works across restarts: the audit log is the undo history.
    """
    event = last_undoable(session, reviewer)
    if event is None:
        return None
    if event.action == "add":
        claim = session.get(Claim, event.claim_id)
        if claim is not None:
            session.delete(claim)
    elif event.action == "delete":
        data = {k: _load(v, k) for k, v in json.loads(event.old or "{}").items()}
        claim = Claim(**data)
        session.add(claim)
        session.flush()
        add_to_index(session, claim)
    else:
        claim = session.get(Claim, event.claim_id, populate_existing=True)
        if claim is None:
            raise ReviewError(f"claim {event.claim_id} no longer exists; nothing to undo")
        new = json.loads(event.new or "{}")
        if any(_json(getattr(claim, k)) != v for k, v in new.items()):
            # keep the later change; step past this action so the next undo can go on
            session.add(ReviewEvent(reviewer=reviewer, action="undo-skipped", claim_id=claim.id, undoes=event.id))
            session.commit()
            raise Conflict(
                f"claim {claim.id} was changed again since your {event.action}; kept that change, not undone"
            )
        for k, v in json.loads(event.old or "{}").items():
            setattr(claim, k, _load(v, k))
        claim.version += 1
        session.add(claim)
    session.add(
        ReviewEvent(
            reviewer=reviewer, action="undo", claim_id=event.claim_id, undoes=event.id, old=event.new, new=event.old
        )
    )
    session.commit()
    return event
