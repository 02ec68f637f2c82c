"""The ingest pipeline: files -> articles -> claims -> links, one transaction per article."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import Settings
from app.extract import describe, extract
from app.ingest import ArticleInput, ImportedClaim, Problem, collect_files, read_file
from app.matching import match_new_claims
from db import session as db_session
from db.models import Article, Claim, utcnow


@dataclass
class IngestSummary:
    added: int = 0
    present: int = 0
    failed: int = 0
    claims: int = 0
    linked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped_any(self) -> bool:
        return any(p.fatal for p in self.problems)

    def line(self) -> str:
        return (
            f"{self.added} article{'s' * (self.added != 1)} added, {self.present} already present, "
            f"{self.failed} failed; {self.claims} claims extracted; "
            f"{self.linked} linked to an earlier story"
        )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def locate(text: str, claim: str) -> tuple[int, int] | None:
    """Where ``claim`` occurs in ``text``: exactly, else ignoring case, spacing and quote style."""
    i = text.find(claim)
    if i >= 0:
        return i, i + len(claim)
    parts = [re.escape(p) for p in claim.split()]
    if not parts:
        return None
    pattern = r"\s+".join(parts)
    for a, b in (("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        pattern = pattern.replace(re.escape(a), f"[{a}{b}]").replace(re.escape(b), f"[{a}{b}]")
    m = re.search(pattern, text, re.I)
    return (m.start(), m.end()) if m else None


def _imported_claims(art: ArticleInput, article_id: int, settings: Settings) -> tuple[list[Claim], list[str]]:
    claims: list[Claim] = []
    warnings: list[str] = []
    assert art.claims is not None
    for i, ic in enumerate(art.claims, 1):
        d = describe(ic.text)
        span = locate(art.text, ic.text)
        if span is None:
            warnings.append(f"claim {i} is not in the article text; stored without a span")
            text = ic.text
        else:
            text = art.text[span[0] : span[1]]
        verdict = ic.verdict
        if verdict is not None and verdict not in settings.verdicts:
            warnings.append(f"claim {i}: verdict {verdict!r} is not one of {', '.join(settings.verdicts)}; left unset")
            verdict = None
        claims.append(_claim_from(ic, d, span, text, article_id, verdict))
    return claims, warnings


def _claim_from(ic: ImportedClaim, d, span, text: str, article_id: int, verdict: str | None) -> Claim:  # type: ignore[no-untyped-def]
    return Claim(
        article_id=article_id,
        start=span[0] if span else None,
        end=span[1] if span else None,
        text=text,
        core=d.core,
        speaker=ic.speaker or d.speaker,
        hedge=d.hedge,
        negated=d.negated,
        score=d.score,
        reasons=json.dumps(d.reasons),
        origin="imported",
        # a desk's own checked claim arrives decided
        status="approved" if verdict else "pending",
        verdict=verdict,
        reviewer="import" if verdict else None,
        reviewed_at=utcnow() if verdict else None,
    )


def store_article(
    session: Session, art: ArticleInput, settings: Settings
) -> tuple[Article | None, list[Claim], list[str], int]:
    """Store one article with its claims and links; (article or None if present, claims, warnings, linked)."""
    digest = content_hash(art.text)
    known = [digest, content_hash(art.earlier_text)] if art.earlier_text else [digest]
    if session.exec(select(Article.id).where(Article.content_hash.in_(known))).first() is not None:  # type: ignore[attr-defined]
        return None, [], [], 0
    article = Article(
        external_id=art.external_id,
        title=art.title,
        outlet=art.outlet,
        url=art.url,
        author=art.author,
        published=art.published,
        text=art.text,
        content_hash=digest,
        source=art.source,
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    warnings: list[str] = []
    if art.claims is not None:
        claims, warnings = _imported_claims(art, article.id, settings)
    else:
        ex = extract(art.text, settings.min_score)
        article.caution = ex.caution
        claims = [
            Claim(
                article_id=article.id,
                start=c.start,
                end=c.end,
                text=c.text,
                sentence_start=c.sentence_start,
                sentence_end=c.sentence_end,
                core=c.core,
                speaker=c.speaker,
                hedge=c.hedge,
                negated=c.negated,
                score=c.score,
                reasons=json.dumps(c.reasons),
                origin="extracted",
            )
            for c in ex.claims
        ]
    for c in claims:
        if c.start is not None and art.text[c.start : c.end] != c.text:
            raise AssertionError(f"span {c.start}:{c.end} does not hold the claim text")
        session.add(c)
    session.flush()
    result = match_new_claims(session, claims, settings.match)
    return article, claims, warnings, len(result.linked_claims)


def _read_safely(path: Path, settings: Settings) -> Iterator[ArticleInput | Problem]:
    """read_file, with any unexpected failure turned into a problem line for that file."""
    try:
        yield from read_file(path, max_bytes=settings.max_file_bytes)
    except Exception as exc:  # a strange file must never stop the batch
        yield Problem(str(path), f"could not be read ({type(exc).__name__}: {exc}); skipped.")


def ingest_paths(
    engine: Engine,
    paths: list[Path],
    settings: Settings,
    *,
    report: Callable[[Problem], None] = lambda p: None,
    advance: Callable[[int, int], None] = lambda done, total: None,
) -> IngestSummary:
    """Ingest files and folders; each article commits on its own, so a bad one loses nothing else."""
    summary = IngestSummary()
    files, missing = collect_files(paths)
    for p in missing:
        summary.problems.append(p)
        summary.failed += 1
        report(p)
    with db_session(engine) as session:
        for n, path in enumerate(files, 1):
            for item in _read_safely(path, settings):
                if isinstance(item, Problem):
                    summary.problems.append(item)
                    if item.fatal:
                        summary.failed += 1
                    report(item)
                    continue
                try:
                    article, claims, warnings, linked = store_article(session, item, settings)
                    session.commit()
                except Exception as exc:
                    session.rollback()
                    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
                    if not getattr(exc, "whole_message", False):  # (ours, saying what to do: kept whole)
                        reason = reason[:200]
                    p = Problem(item.source, f"could not be stored ({type(exc).__name__}: {reason}); skipped.")
                    summary.problems.append(p)
                    summary.failed += 1
                    report(p)
                    continue
                for w in item.warnings + warnings:
                    p = Problem(item.source, w, fatal=False)
                    summary.problems.append(p)
                    report(p)
                if article is None:
                    summary.present += 1
                    report(Problem(item.source, "already in the database (same text); not added again.", fatal=False))
                else:
                    summary.added += 1
                    summary.claims += len(claims)
                    summary.linked += linked
            advance(n, len(files))
    return summary
