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

from app import matching
from app.config import Settings
from app.extract import describe, negates
from app.matching import index_claim, match_new_claims
from db.models import Article, Claim, ClaimLink, ReviewEvent, Rumor, utcnow

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
    changes: dict[str, Any] = {"core": core}
    # an edit that adds or removes a negation ("he has cancer" -> "he does not have cancer") turns
    # the claim's polarity with it; other edits keep it (a denial's core "he had surgery" stays
    # denied). Matching trusts this flag.
    was, now = negates(claim.core or claim.text), negates(core)
    if was != now:
        changes["negated"] = now
    _change(session, claim, reviewer, "edit", **changes)
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
    try:
        match_new_claims(session, [claim], settings.match)
    except Exception as exc:
        if getattr(exc, "whole_message", False):  # the sentence model cannot be loaded: what to do
            session.rollback()
            raise ReviewError(str(exc)) from None
        raise
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
    if event.action in PATCH_ACTIONS:
        try:
            _undo_patch(session, event)
        except Conflict:
            session.rollback()
            session.add(ReviewEvent(reviewer=reviewer, action="undo-skipped", claim_id=event.claim_id, undoes=event.id))
            session.commit()
            raise
    elif event.action == "add":
        claim = session.get(Claim, event.claim_id)
        if claim is not None:
            session.delete(claim)
    elif event.action == "delete":
        data = {k: _load(v, k) for k, v in json.loads(event.old or "{}").items()}
        claim = Claim(**data)
        session.add(claim)
        session.flush()
        index_claim(session, claim, settings.match)
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


# --- links and rumors ---------------------------------------------------------------------
#
# These change several rows at once; their audit events hold a patch: for each row touched
# ("claim:12", "rumor:3", "link:40") its fields before and after (None: the row did not exist),
# which is what undo puts back.

_FIELDS = {
    "claim": ("rumor_id", "rumor_join", "verdict", "reviewer", "reviewed_at"),
    "rumor": ("canonical_claim_id", "first_seen", "last_seen", "verdict"),
    "link": ("state", "decided_by", "decided_at"),
}
_MODELS = {"claim": Claim, "rumor": Rumor, "link": ClaimLink}
PATCH_ACTIONS = frozenset(
    {"confirm-link", "reject-link", "merge", "split", "canonical", "rumor-verdict", "add-to-rumor"}
)


class _Patch:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.before: dict[str, dict | None] = {}

    def touch(self, kind: str, obj_id: int | None) -> None:
        if obj_id is None:
            return
        key = f"{kind}:{obj_id}"
        if key not in self.before:
            self.before[key] = self._snap(kind, obj_id)

    def touch_rumor_and_members(self, rumor_id: int | None) -> None:
        if rumor_id is None:
            return
        self.touch("rumor", rumor_id)
        for m in matching.members(self.session, rumor_id):
            self.touch("claim", m.id)

    def _snap(self, kind: str, obj_id: int) -> dict | None:
        obj = self.session.get(_MODELS[kind], obj_id)
        return None if obj is None else {f: _json(getattr(obj, f)) for f in _FIELDS[kind]}

    def commit(self, reviewer: str, action: str, claim_id: int | None = None, rumor_id: int | None = None,
               link_id: int | None = None) -> ReviewEvent:  # fmt: skip
        self.session.flush()
        after = {k: self._snap(*_split_key(k)) for k in self.before}
        for k, v in after.items():
            kind, obj_id = _split_key(k)
            if kind == "claim" and v is not None and v != self.before[k]:
                c = self.session.get(Claim, obj_id)
                c.version += 1  # type: ignore[union-attr]
                self.session.add(c)
        event = ReviewEvent(
            reviewer=reviewer,
            action=action,
            claim_id=claim_id,
            rumor_id=rumor_id,
            link_id=link_id,
            old=json.dumps(self.before, sort_keys=True),
            new=json.dumps(after, sort_keys=True),
        )
        self.session.add(event)
        self.session.commit()
        return event


def _split_key(key: str) -> tuple[str, int]:
    kind, _, obj_id = key.partition(":")
    return kind, int(obj_id)


def _undo_patch(session: Session, event: ReviewEvent) -> None:
    before = json.loads(event.old or "{}")
    after = json.loads(event.new or "{}")
    for key, want in after.items():
        kind, obj_id = _split_key(key)
        obj = session.get(_MODELS[kind], obj_id, populate_existing=True)
        now = None if obj is None else {f: _json(getattr(obj, f)) for f in _FIELDS[kind]}
        if now != want:
            raise Conflict(f"{kind} {obj_id} changed again since your {event.action}; undo it by hand")
    # rumors first (claims refer to them), then claims, then links
    for kind in ("rumor", "claim", "link"):
        for key, old in before.items():
            k, obj_id = _split_key(key)
            if k != kind:
                continue
            obj = session.get(_MODELS[kind], obj_id)
            if old is None:
                if obj is not None:
                    session.delete(obj)
                continue
            if obj is None:
                obj = _MODELS[kind](id=obj_id)
            for f, v in old.items():
                setattr(obj, f, _load(v, f) if f != "decided_at" else (datetime.fromisoformat(v) if v else None))
            if kind == "claim":
                obj.version += 1
            session.add(obj)
        session.flush()


def _link(session: Session, link_id: int) -> ClaimLink:
    link = session.get(ClaimLink, link_id, populate_existing=True)
    if link is None:
        raise ReviewError(f"link {link_id} does not exist")
    return link


def _claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id, populate_existing=True)
    if claim is None:
        raise ReviewError(f"claim {claim_id} does not exist")
    return claim


def _rumor(session: Session, rumor_id: int) -> Rumor:
    rumor = session.get(Rumor, rumor_id, populate_existing=True)
    if rumor is None:
        raise ReviewError(f"rumor {rumor_id} does not exist")
    return rumor


def _new_rumor(session: Session, patch: _Patch, a: Claim, b: Claim, how: str) -> Rumor:
    canonical = a if len(a.core.split()) >= len(b.core.split()) else b
    rumor = Rumor(canonical_claim_id=canonical.id)
    session.add(rumor)
    session.flush()
    patch.before[f"rumor:{rumor.id}"] = None
    for c in (a, b):
        patch.touch("claim", c.id)
        c.rumor_id, c.rumor_join = rumor.id, how
        session.add(c)
    session.flush()
    matching.refresh_rumor(session, rumor)
    return rumor


def confirm_link(session: Session, link_id: int, reviewer: str, into: int | None = None) -> ClaimLink:
    """The reviewer says the two claims are the same claim: link kept for good, and one rumor holds both.

    When the two claims are in different rumors, the one outside ``into`` (the rumor the reviewer
    is looking at; by default the earlier claim's) leaves its rumor for that one. The rest of its
    old rumor stays put: merging two whole rumors is its own decision (``merge_rumors``).
    """
    link = _link(session, link_id)
    patch = _Patch(session)
    patch.touch("link", link.id)
    a, b = _claim(session, link.claim_a), _claim(session, link.claim_b)
    patch.touch("claim", a.id)
    patch.touch("claim", b.id)
    link.state, link.decided_by, link.decided_at = "confirmed", reviewer, utcnow()
    session.add(link)
    rumor_id = a.rumor_id or b.rumor_id
    if a.rumor_id is None and b.rumor_id is None:
        rumor_id = _new_rumor(session, patch, a, b, matching.JOINED_CONFIRMED).id
    elif a.rumor_id != b.rumor_id:
        if a.rumor_id is not None and b.rumor_id is not None:
            rumor_id = into if into in (a.rumor_id, b.rumor_id) else a.rumor_id
        joiner = a if a.rumor_id != rumor_id else b
        left = joiner.rumor_id
        patch.touch("rumor", rumor_id)
        if left is not None:
            # a rumor left with one claim is dissolved, and that claim changes too
            stays = [m for m in matching.members(session, left) if m.id != joiner.id]
            patch.touch("rumor", left)
            for m in stays if len(stays) < 2 else []:
                patch.touch("claim", m.id)
        joiner.rumor_id, joiner.rumor_join = rumor_id, matching.JOINED_CONFIRMED
        session.add(joiner)
        session.flush()
        matching.refresh_rumor(session, _rumor(session, rumor_id))  # type: ignore[arg-type]
        if left is not None:
            matching.refresh_rumor(session, _rumor(session, left))
    patch.commit(reviewer, "confirm-link", claim_id=a.id, rumor_id=rumor_id, link_id=link.id)
    return link


def reject_link(session: Session, link_id: int, reviewer: str) -> ClaimLink:
    """Not the same claim: the link stays rejected through every re-run of matching."""
    link = _link(session, link_id)
    patch = _Patch(session)
    patch.touch("link", link.id)
    link.state, link.decided_by, link.decided_at = "rejected", reviewer, utcnow()
    session.add(link)
    a, b = _claim(session, link.claim_a), _claim(session, link.claim_b)
    if a.rumor_id is not None and a.rumor_id == b.rumor_id:
        rumor = _rumor(session, a.rumor_id)
        patch.touch_rumor_and_members(rumor.id)
        # the one that joined by machine (and is not the canonical claim) leaves
        leaver = next(
            (c for c in (b, a) if c.rumor_join == matching.JOINED_AUTO and c.id != rumor.canonical_claim_id), None
        )
        if leaver is not None:
            leaver.rumor_id, leaver.rumor_join = None, None
            session.add(leaver)
            session.flush()
            matching.refresh_rumor(session, rumor)
    patch.commit(reviewer, "reject-link", claim_id=a.id, rumor_id=a.rumor_id, link_id=link.id)
    return link


def merge_rumors(session: Session, keep_id: int, other_id: int, reviewer: str) -> Rumor:
    """All claims of rumor ``other_id`` join ``keep_id``; the other rumor is gone."""
    if keep_id == other_id:
        raise ReviewError("pick two different rumors to merge")
    keep, other = _rumor(session, keep_id), _rumor(session, other_id)
    patch = _Patch(session)
    patch.touch_rumor_and_members(keep.id)
    patch.touch_rumor_and_members(other.id)
    for c in matching.members(session, other.id):  # type: ignore[arg-type]
        c.rumor_id, c.rumor_join = keep.id, matching.JOINED_MANUAL
        session.add(c)
    if keep.verdict is None and other.verdict is not None:
        keep.verdict = other.verdict
    session.flush()
    session.delete(other)
    session.flush()
    matching.refresh_rumor(session, keep)
    patch.commit(reviewer, "merge", rumor_id=keep.id)
    return keep


def split_claim(session: Session, claim_id: int, reviewer: str) -> Claim:
    """Take a claim out of its rumor; its links to the members become rejected, so it stays out."""
    claim = _claim(session, claim_id)
    if claim.rumor_id is None:
        raise ReviewError("this claim is in no rumor")
    rumor = _rumor(session, claim.rumor_id)
    patch = _Patch(session)
    patch.touch_rumor_and_members(rumor.id)
    others = {m.id for m in matching.members(session, rumor.id) if m.id != claim.id}  # type: ignore[arg-type]
    for link in session.exec(
        select(ClaimLink).where(
            ((ClaimLink.claim_a == claim.id) & col(ClaimLink.claim_b).in_(others))
            | ((ClaimLink.claim_b == claim.id) & col(ClaimLink.claim_a).in_(others))
        )
    ).all():
        patch.touch("link", link.id)
        link.state, link.decided_by, link.decided_at = "rejected", reviewer, utcnow()
        session.add(link)
    claim.rumor_id, claim.rumor_join = None, None
    session.add(claim)
    session.flush()
    matching.refresh_rumor(session, rumor)
    patch.commit(reviewer, "split", claim_id=claim.id, rumor_id=rumor.id)
    return claim


def add_to_rumor(session: Session, claim_id: int, rumor_id: int, reviewer: str) -> Claim:
    """Put a claim in a rumor by hand."""
    claim, rumor = _claim(session, claim_id), _rumor(session, rumor_id)
    patch = _Patch(session)
    patch.touch("claim", claim.id)
    patch.touch_rumor_and_members(rumor.id)
    old = claim.rumor_id
    if old is not None:
        patch.touch_rumor_and_members(old)
    claim.rumor_id, claim.rumor_join = rumor.id, matching.JOINED_MANUAL
    session.add(claim)
    session.flush()
    matching.refresh_rumor(session, rumor)
    if old is not None and old != rumor.id:
        matching.refresh_rumor(session, _rumor(session, old))
    patch.commit(reviewer, "add-to-rumor", claim_id=claim.id, rumor_id=rumor.id)
    return claim


def set_canonical(session: Session, rumor_id: int, claim_id: int, reviewer: str) -> Rumor:
    rumor, claim = _rumor(session, rumor_id), _claim(session, claim_id)
    if claim.rumor_id != rumor.id:
        raise ReviewError("the canonical claim must be one of the rumor's claims")
    patch = _Patch(session)
    patch.touch("rumor", rumor.id)
    rumor.canonical_claim_id = claim.id
    session.add(rumor)
    patch.commit(reviewer, "canonical", claim_id=claim.id, rumor_id=rumor.id)
    return rumor


def set_rumor_verdict(session: Session, rumor_id: int, verdict: str | None, reviewer: str, settings: Settings) -> Rumor:
    """A verdict for the whole rumor: members without a verdict of their own take it; others keep theirs."""
    if verdict is not None and verdict not in settings.verdicts:
        raise ReviewError(f"unknown verdict {verdict!r}; use one of {', '.join(settings.verdicts)}")
    rumor = _rumor(session, rumor_id)
    patch = _Patch(session)
    patch.touch("rumor", rumor.id)
    rumor.verdict = verdict
    session.add(rumor)
    for c in matching.members(session, rumor.id):  # type: ignore[arg-type]
        if c.verdict is None:  # a member reviewed alone keeps its own verdict
            patch.touch("claim", c.id)
            c.verdict, c.reviewer, c.reviewed_at = verdict, reviewer, utcnow()
            session.add(c)
    patch.commit(reviewer, "rumor-verdict", rumor_id=rumor.id)
    return rumor
