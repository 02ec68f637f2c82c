"""claimdesk persistence: tables, engine factory, schema version, queries."""

from db.engine import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    DatabaseError,
    default_db_path,
    make_engine,
    open_database,
    session,
)
from db.models import (
    CLAIM_ORIGINS,
    CLAIM_STATUSES,
    LINK_STATES,
    Article,
    Claim,
    ClaimLink,
    ClaimToken,
    Meta,
    ReviewEvent,
    Rumor,
    TokenStat,
)

__all__ = [
    "APPLICATION_ID",
    "CLAIM_ORIGINS",
    "CLAIM_STATUSES",
    "LINK_STATES",
    "SCHEMA_VERSION",
    "Article",
    "Claim",
    "ClaimLink",
    "ClaimToken",
    "DatabaseError",
    "Meta",
    "ReviewEvent",
    "Rumor",
    "TokenStat",
    "default_db_path",
    "make_engine",
    "open_database",
    "session",
]
