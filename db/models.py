"""SQLModel tables: the whole persistent state of claimdesk.

Offsets (``Claim.start``/``Claim.end``) are Python string indices into
``Article.text``; ``article.text[claim.start:claim.end] == claim.text`` always.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

CLAIM_ORIGINS = ("extracted", "imported", "manual")
CLAIM_STATUSES = ("pending", "approved", "rejected", "skipped")
LINK_STATES = ("suggested", "confirmed", "rejected")
#: how a claim joined its rumor
JOIN_METHODS = ("automatic", "confirmed", "manual")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    title: str = ""
    outlet: str | None = Field(default=None, index=True)
    url: str | None = None
    author: str | None = None
    #: ISO 8601 date or datetime as given by the source, normalised when parseable
    published: str | None = Field(default=None, index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: datetime = Field(default_factory=utcnow)
    content_hash: str = Field(unique=True, index=True)
    #: where it came from (file name, with line or item number)
    source: str | None = None
    #: an editorial disclaimer found in the text ("could not independently verify ...")
    caution: str | None = None


class Rumor(SQLModel, table=True):
    # ids are never reused: the audit log refers to them
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    #: no foreign key (claim and rumor refer to each other); kept valid by app code
    canonical_claim_id: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    verdict: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Claim(SQLModel, table=True):
    __table_args__ = (Index("ix_claim_article_start", "article_id", "start"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    #: span in the article text; None only for an imported claim not found in the text
    start: int | None = None
    end: int | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    sentence_start: int | None = None
    sentence_end: int | None = None
    core: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    speaker: str | None = None
    hedge: str | None = None
    negated: bool = False
    score: float = 0.0
    #: JSON list of the reasons that raised or lowered the score
    reasons: str | None = None
    origin: str = "extracted"
    status: str = Field(default="pending", index=True)
    verdict: str | None = Field(default=None, index=True)
    note: str | None = None
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    rumor_id: int | None = Field(default=None, foreign_key="rumor.id", index=True, ondelete="SET NULL")
    rumor_join: str | None = None
    #: bumped on every change, so a reviewer never silently overwrites another's change
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow)


class ClaimLink(SQLModel, table=True):
    __tablename__ = "claim_link"
    __table_args__ = (UniqueConstraint("claim_a", "claim_b"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    #: always claim_a < claim_b
    claim_a: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    claim_b: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    score: float
    method: str
    state: str = "suggested"
    decided_by: str | None = None
    decided_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class ClaimToken(SQLModel, table=True):
    """Inverted index of claim-core tokens: the blocking index for matching."""

    __tablename__ = "claim_token"
    # the primary key (token, claim_id) is the posting list; no rowid table beside it
    __table_args__ = (Index("ix_claim_token_claim", "claim_id"), {"sqlite_with_rowid": False})

    token: str = Field(primary_key=True)
    claim_id: int = Field(primary_key=True, foreign_key="claim.id", ondelete="CASCADE")


class ClaimMeaning(SQLModel, table=True):
    """What a claim's core means, as the sentence model's vector (app.meaning): worked out once,
    when the claim is first matched, and again only when its core changes."""

    __tablename__ = "claim_meaning"

    claim_id: int = Field(primary_key=True, foreign_key="claim.id", ondelete="CASCADE")
    #: of the core the vector was worked out from (app.meaning.digest): a vector whose core has
    #: since been edited is worked out again
    digest: str
    #: 384 float16 values
    vec: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class TokenStat(SQLModel, table=True):
    """How many claims hold each index token: IDF weights, and which tokens are too common to block on."""

    __tablename__ = "token_stat"
    __table_args__ = {"sqlite_with_rowid": False}

    token: str = Field(primary_key=True)
    df: int = 0


class ReviewEvent(SQLModel, table=True):
    """Append-only audit log; also what undo reads."""

    __tablename__ = "review_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    reviewer: str = Field(index=True)
    action: str
    claim_id: int | None = Field(default=None, index=True)
    rumor_id: int | None = None
    link_id: int | None = None
    #: JSON objects of the changed fields before and after
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))
    #: for an "undo" event: the event it reverses
    undoes: int | None = Field(default=None, index=True)


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str
