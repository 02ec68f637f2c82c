"""Reading article files: text, Markdown, JSON, JSONL and HTML.

``read_path()`` turns files and folders into ``ArticleInput`` records and
``Problem`` lines; it never touches the database. Bad input never raises: each
problem names the file (and line or item) and says what to do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
META_FIELDS = ("title", "outlet", "url", "author", "published")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_LABEL = re.compile(
    r"^(?:key points|highlights|summary|in brief|updated?|advertisement|breaking|"
    r"live|analysis|opinion|exclusive|watch|listen|read more)\b",
    re.I,
)


@dataclass
class ImportedClaim:
    text: str
    speaker: str | None = None
    verdict: str | None = None


@dataclass
class ArticleInput:
    text: str
    source: str
    external_id: str | None = None
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    #: claims supplied with the article (JSON ``claims``); None: run the extractor
    claims: list[ImportedClaim] | None = None
    warnings: list[str] = field(default_factory=list)
    #: the same article's text as an earlier version of claimdesk stored it, when that differs (so
    #: that ingesting the file again does not add it twice)
    earlier_text: str | None = None


@dataclass
class Problem:
    """One input that was skipped (``fatal``) or read with a caveat."""

    where: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_date(value: Any) -> str | None:
    """ISO 8601 for dates we can read; the given string otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    if s.isdigit() and 9 <= len(s) <= 13:  # seconds (or milliseconds) since 1970, as news APIs give
        seconds = int(s) / (1000 if len(s) > 11 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return s


def title_from_text(text: str, fallback: str) -> str:
    """The first line that reads as a headline, else a title made from ``fallback``."""
    for line in text.split("\n")[:15]:
        s = line.strip().lstrip("#").strip()
        if not s or len(s) > 200 or len(s.split()) < 2:
            continue
        if s[0] in "-*+\u2022" or s.endswith((":", ".")) or len(s) > 150:
            continue
        letters = [c for c in s if c.isalpha()]
        if not letters or all(c.isupper() for c in letters) or _LABEL.match(s):
            continue
        return s
    return re.sub(r"[_-]+", " ", fallback).strip().capitalize() or fallback


def decode(data: bytes, where: str) -> tuple[str | None, Problem | None]:
    """Text of a file's bytes, with a caveat or a reason to skip it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        return None, Problem(where, "binary file, not text; skipped. Convert it to .txt, .md, .json or .html.")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, Problem(where, "not text in any known encoding; skipped. Save it as UTF-8.")
    text = str(best)
    control = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if control > 8:
        return None, Problem(where, "binary file, not text; skipped. Convert it to .txt, .md, .json or .html.")
    return text, Problem(
        where,
        f"not UTF-8; read as {best.encoding} (detected). Check its accents, or save the file as UTF-8.",
        fatal=False,
    )


#: other names scrapers and news APIs give the same fields, tried in order after our own
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("body", "content", "full_text", "article", "story", "maintext"),
    "title": ("headline",),
    "outlet": ("source", "publisher", "site_name", "sitename", "site", "source_name"),
    "url": ("link", "source_url"),
    "author": ("byline", "authors"),
    "published": ("date", "published_at", "publishedAt", "date_publish", "pubDate", "datetime"),
    "id": ("article_id", "guid", "uuid"),
}


def _field(obj: dict[str, Any], key: str) -> Any:
    """``obj[key]``, else the first of its aliases that holds something."""
    for name in (key, *FIELD_ALIASES.get(key, ())):
        value = obj.get(name)
        if isinstance(value, list):
            # "authors": ["Kim Lee", "Ada Roos"] or [{"name": "Kim Lee"}, ...]
            names = [v.get("name") if isinstance(v, dict) else v for v in value]
            value = ", ".join(v.strip() for v in names if isinstance(v, str) and v.strip()) if key != "text" else None
        if isinstance(value, dict):
            value = value.get("name")  # "source": {"id": ..., "name": "Valley Times"}
        if isinstance(value, (date, datetime)):
            return value  # YAML front matter reads "published: 2026-11-20" as a date
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "id": 42, "published": 1764403200
        if isinstance(value, str) and value.strip():
            return value
    return None


def _meta_from(obj: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in META_FIELDS:
        value = _field(obj, key)
        if value is None or value == "":
            continue
        out[key] = normalise_date(value) if key == "published" else str(value).strip()
    return out


def _parse_claims(raw: Any, where: str) -> tuple[list[ImportedClaim] | None, str | None]:
    if raw is None:
        return None, None
    if not isinstance(raw, list):
        return None, '"claims" must be a list of strings or {"text", "speaker", "verdict"} objects'
    out: list[ImportedClaim] = []
    for i, item in enumerate(raw, 1):
        if isinstance(item, str) and item.strip():
            out.append(ImportedClaim(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            speaker = item.get("speaker")
            verdict = item.get("verdict")
            out.append(
                ImportedClaim(
                    item["text"].strip(),
                    str(speaker) if speaker else None,
                    str(verdict).strip().lower() if verdict else None,
                )
            )
        else:
            return None, f'claim {i} has no "text"'
    return out, None


def _article_from_object(obj: Any, where: str, fallback_title: str) -> tuple[ArticleInput | None, Problem | None]:
    if not isinstance(obj, dict):
        return None, Problem(where, 'not a JSON object; skipped. Each article is an object with a "text" field.')
    text = _field(obj, "text")
    if not isinstance(text, str) or not text.strip():
        return None, Problem(
            where,
            'missing "text" (the article body); skipped. Add a "text" field '
            f"(also read: {', '.join(FIELD_ALIASES['text'])}).",
        )
    claims, error = _parse_claims(obj.get("claims"), where)
    if error:
        return None, Problem(where, f"{error}; skipped.")
    text = normalise_newlines(text)
    meta = _meta_from(obj)
    ext = _field(obj, "id")
    art = ArticleInput(
        text=text,
        source=where,
        external_id=str(ext) if ext is not None and ext != "" else None,
        claims=claims,
        **meta,
    )
    if not art.title:
        art.title = title_from_text(text, fallback_title)
    return art, None


def _read_text(text: str, where: str, path: Path) -> Iterator[ArticleInput | Problem]:
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1) or "") or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 2}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "invalid YAML"
            yield Problem(
                f"{where}{line}",
                f"front matter is not valid YAML ({problem}); skipped. Fix the block between the --- lines.",
            )
            return
        if not isinstance(loaded, dict):
            yield Problem(where, "front matter must be key: value lines; skipped.")
            return
        meta = _meta_from(loaded)
        if loaded.get("id") is not None:
            meta["external_id"] = str(loaded["id"])
        text = text[m.end() :]
    if not text.strip():
        yield Problem(where, "no article text (empty file); skipped.")
        return
    art = ArticleInput(text=text, source=where, **meta)
    if not art.title:
        art.title = title_from_text(text, path.stem)
    yield art


def _read_html(text: str, where: str, path: Path) -> Iterator[ArticleInput | Problem]:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, favor_recall=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield Problem(
            where,
            "no article text found in this HTML page; skipped. "
            "Save the article's own page, or paste its text into a .txt file.",
        )
        return
    body = normalise_newlines(body)
    title = (doc.title or "").strip()
    # trafilatura repeats the headline as the first line of the text
    if title and body.startswith(title + "\n"):
        body = body[len(title) + 1 :]
    # one line per paragraph (or list item): a blank line between them, so that a short paragraph
    # not ending in a full stop (a post's signature, a caption) is not read as hard-wrapped text
    # running into the next
    earlier = body
    body = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    yield ArticleInput(
        text=body,
        earlier_text=earlier if earlier != body else None,
        source=where,
        title=title or title_from_text(body, path.stem),
        outlet=(doc.sitename or doc.hostname or None),
        url=doc.url or None,
        author=doc.author or None,
        published=normalise_date(doc.date),
    )


def read_file(path: Path, *, max_bytes: int, display: str | None = None) -> Iterator[ArticleInput | Problem]:
    """Articles (and problems) from one file."""
    where = display or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Problem(
            where, f"unsupported file type {suffix or '(none)'}; skipped. Use .txt, .md, .json, .jsonl or .html."
        )
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Problem(
                where,
                f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.1f} MB limit; skipped. "
                "Split it, or raise the limit with --max-size.",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(where, f"cannot read: {exc.strerror or exc}; skipped.")
        return
    if not data.strip():
        yield Problem(where, "empty file; skipped.")
        return
    text, problem = decode(data, where)
    if problem is not None:
        yield problem
    if text is None:
        return
    text = normalise_newlines(text)
    if not text.strip():
        yield Problem(where, "empty file; skipped.")
        return
    caveat = [problem.message] if problem is not None and not problem.fatal else []
    if suffix in TEXT_SUFFIXES:
        items: Iterator[ArticleInput | Problem] = _read_text(text, where, path)
    elif suffix in HTML_SUFFIXES:
        items = _read_html(text, where, path)
    elif suffix in JSON_SUFFIXES:
        items = _read_json(text, where, path)
    else:
        items = _read_jsonl(text, where, path)
    for item in items:
        if isinstance(item, ArticleInput):
            item.warnings.extend(caveat)
        yield item


def _read_json(text: str, where: str, path: Path) -> Iterator[ArticleInput | Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(
            f"{where}:{exc.lineno}",
            f"malformed JSON ({exc.msg}, column {exc.colno}); skipped the file. "
            "Fix it, or use .jsonl with one article per line.",
        )
        return
    if isinstance(data, list):
        for i, obj in enumerate(data, 1):
            art, problem = _article_from_object(obj, f"{where} item {i}", f"{path.stem} {i}")
            yield art if art is not None else problem  # type: ignore[misc]
    else:
        art, problem = _article_from_object(data, where, path.stem)
        yield art if art is not None else problem  # type: ignore[misc]


def _read_jsonl(text: str, where: str, path: Path) -> Iterator[ArticleInput | Problem]:
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(loc, f"malformed JSON ({exc.msg}, column {exc.colno}); skipped this line, read the others.")
            continue
        art, problem = _article_from_object(obj, loc, f"{path.stem} {lineno}")
        yield art if art is not None else problem  # type: ignore[misc]


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Files to read: the given files, and supported files under the given folders."""
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and f.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in rel):
                    files.append(f)
        elif p.is_file():
            files.append(p)
        else:
            problems.append(Problem(str(p), "no such file or folder; skipped."))
    return files, problems
