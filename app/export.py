"""Export reviewed claims to CSV or JSONL, atomically."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text as sql
from sqlmodel import Session

FIELDS = (
    "claim_id",
    "claim",
    "core",
    "start",
    "end",
    "status",
    "verdict",
    "note",
    "speaker",
    "hedge",
    "negated",
    "score",
    "origin",
    "article_id",
    "article_external_id",
    "article_title",
    "outlet",
    "url",
    "published",
    "rumor_id",
    "rumor_size",
    "rumor_articles",
    "rumor_first_seen",
    "reviewer",
    "reviewed_at",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_QUERY = """
WITH rs AS (
    SELECT rumor_id, count(*) AS size, count(DISTINCT article_id) AS articles
    FROM claim WHERE rumor_id IS NOT NULL GROUP BY rumor_id
)
SELECT c.id AS claim_id, c.text AS claim, c.core, c.start, c."end", c.status, c.verdict, c.note,
       c.speaker, c.hedge, c.negated, c.score, c.origin, a.id AS article_id,
       a.external_id AS article_external_id, a.title AS article_title, a.outlet, a.url,
       a.published, c.rumor_id, rs.size AS rumor_size, rs.articles AS rumor_articles,
       r.first_seen AS rumor_first_seen, c.reviewer, c.reviewed_at
FROM claim c
JOIN article a ON a.id = c.article_id
LEFT JOIN rumor r ON r.id = c.rumor_id
LEFT JOIN rs ON rs.rumor_id = c.rumor_id
{where}
ORDER BY a.published IS NULL, a.published, a.id, c.start IS NULL, c.start, c.id
"""


def fetch_rows(
    session: Session, statuses: Iterable[str] | None, claim_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """Export rows: claims with the given statuses (None: all), or the given claims."""
    params: dict[str, Any] = {}
    where = ""
    if statuses is not None:
        st = sorted(set(statuses))
        where = "WHERE c.status IN (" + ",".join(f":s{i}" for i in range(len(st))) + ")"
        params = {f"s{i}": s for i, s in enumerate(st)}
    elif claim_ids is not None:
        where = "WHERE c.id IN (" + (",".join(str(int(i)) for i in claim_ids) or "NULL") + ")"
    rows = [dict(r._mapping) for r in session.execute(sql(_QUERY.format(where=where)), params)]
    for r in rows:
        r["negated"] = bool(r["negated"])
        r["reviewed_at"] = utc_iso(r["reviewed_at"])
    return rows


def utc_iso(stored: Any) -> str | None:
    """A stored UTC timestamp as ISO 8601 with a Z, to the second."""
    if stored is None:
        return None
    s = str(stored).replace(" ", "T")
    return s[:19] + "Z"


def links_for(session: Session, claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not claim_ids:
        return out
    wanted = set(claim_ids)
    for a, b, score, state in session.execute(sql("SELECT claim_a, claim_b, score, state FROM claim_link ORDER BY id")):
        if a in wanted:
            out[a].append({"claim_id": b, "score": score, "state": state})
        if b in wanted:
            out[b].append({"claim_id": a, "score": score, "state": state})
    return out


def neutralise(value: Any) -> Any:
    """Defuse a cell a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def write_csv(rows: list[dict[str, Any]], out: IO[str], *, excel: bool = False) -> None:
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(FIELDS)
    for r in rows:
        writer.writerow([_csv_cell(r[f]) for f in FIELDS])


def write_jsonl(rows: list[dict[str, Any]], links: dict[int, list[dict[str, Any]]], out: IO[str]) -> None:
    for r in rows:
        rec = {f: r[f] for f in FIELDS}
        rec["links"] = links.get(r["claim_id"], [])
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def render(session: Session, statuses: Iterable[str] | None, fmt: str, excel: bool = False) -> tuple[str, int]:
    """The export as one string, and its number of claims."""
    rows = fetch_rows(session, statuses)
    buf = io.StringIO(newline="")
    if fmt == "csv":
        write_csv(rows, buf, excel=excel)
    else:
        write_jsonl(rows, links_for(session, [r["claim_id"] for r in rows]), buf)
    return buf.getvalue(), len(rows)


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename: all or nothing."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        # mkstemp makes the file private (0600); an export is for sharing: keep the mode of the file
        # it replaces, else what a newly created file would get under the user's umask
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def export(
    session: Session,
    path: Path | None,
    statuses: Iterable[str] | None,
    fmt: str = "csv",
    excel: bool = False,
    stdout: IO[str] | None = None,
) -> int:
    """Export claims; returns how many were written."""
    data, n = render(session, statuses, fmt, excel)
    if path is None:
        assert stdout is not None
        stdout.write(data)
        stdout.flush()
    else:
        write_atomic(path, data)
    return n
