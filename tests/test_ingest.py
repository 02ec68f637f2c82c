"""Ingest: good files go in; each bad input is named on stderr and the rest of the batch still lands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlmodel import select

from db import Article, Claim, open_database, session

FIXTURES = Path(__file__).parent / "fixtures" / "good"


def articles(db_path: Path) -> list[Article]:
    eng = open_database(db_path)
    with session(eng) as s:
        out = list(s.exec(select(Article).order_by(Article.id)).all())
    eng.dispose()
    return out


def claims(db_path: Path) -> list[Claim]:
    eng = open_database(db_path)
    with session(eng) as s:
        out = list(s.exec(select(Claim).order_by(Claim.id)).all())
    eng.dispose()
    return out


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder holding the good fixtures; each test adds one bad file."""
    folder = tmp_path / "batch"
    shutil.copytree(FIXTURES, folder)
    return folder


GOOD_TITLES = {"Transport minister in hospital, aides say", "Bridge closed after crack found", "Mayor to stand again"}


def assert_good_stored(db_path: Path) -> None:
    assert {a.title for a in articles(db_path)} >= GOOD_TITLES


def test_good_batch_stores_articles_with_metadata_and_claims(cli, batch, db_path):
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 0, result.stderr
    assert "3 articles added, 0 already present, 0 failed" in result.stdout
    arts = {a.title: a for a in articles(db_path)}
    assert set(arts) == GOOD_TITLES
    m = arts["Transport minister in hospital, aides say"]
    assert (m.outlet, m.url, m.author, m.published, m.external_id) == (
        "Test Gazette",
        "https://gazette.example/minister",
        "Pat Doe",
        "2026-03-02",
        "gz-1",
    )
    assert m.text.startswith("Transport minister Lena Varga")  # front matter is not part of the text
    stored = claims(db_path)
    assert stored, "claims were extracted"
    by_id = {a.id: a for a in articles(db_path)}
    for c in stored:
        assert by_id[c.article_id].text[c.start : c.end] == c.text


def test_same_article_twice_adds_nothing_and_says_so(cli, batch, db_path):
    cli("ingest", batch, "--db", db_path)
    n_claims = len(claims(db_path))
    result = cli("ingest", batch / "minister.md", "--db", db_path)
    assert result.exit_code == 0
    assert "0 articles added, 1 already present" in result.stdout
    assert "already in the database" in result.stderr
    assert len(articles(db_path)) == 3
    assert len(claims(db_path)) == n_claims


def test_empty_file(cli, batch, db_path):
    (batch / "empty.txt").write_text("   \n\n")
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 1
    assert f"{batch / 'empty.txt'}: empty file; skipped." in result.stderr
    assert "3 articles added, 0 already present, 1 failed" in result.stdout
    assert_good_stored(db_path)


def test_binary_file(cli, batch, db_path):
    (batch / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 1
    assert f"{batch / 'photo.txt'}: binary file, not text; skipped." in result.stderr
    assert_good_stored(db_path)


def test_non_utf8_file_is_read_with_the_detected_charset_and_says_so(cli, batch, db_path):
    text = (
        "Café owners in Zürich say rents rose by 30 percent in 2025, the trade association reported.\n\n"
        "The association said 120 cafés closed last year, more than in any year since 1990."
    )
    (batch / "latin.txt").write_bytes(text.encode("cp1252"))
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 0
    line = next(ln for ln in result.stderr.splitlines() if "latin.txt" in ln)
    assert "not UTF-8; read as" in line and "(detected)" in line
    stored = {a.title: a for a in articles(db_path)}
    assert any(a.text == text for a in stored.values()), "accents survive the charset detection"
    assert_good_stored(db_path)


def test_malformed_jsonl_line_names_file_and_line_and_keeps_the_others(cli, batch, db_path):
    lines = [
        json.dumps(
            {
                "id": "a",
                "title": "First good line",
                "text": "The port handled 2 million containers in 2025, officials said.",
            }
        ),
        '{"id": "b", "text": "broken',
        json.dumps(
            {"id": "c", "title": "Third good line", "text": "The airport will add 12 gates by 2028, the operator said."}
        ),
    ]
    (batch / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 1
    assert f"{batch / 'feed.jsonl'}:2: malformed JSON" in result.stderr
    titles = {a.title for a in articles(db_path)}
    assert {"First good line", "Third good line"} <= titles
    assert_good_stored(db_path)


def test_missing_text_field(cli, batch, db_path):
    (batch / "notext.json").write_text(
        json.dumps(
            [
                {"title": "No body here"},
                {"title": "Has body", "text": "A dam burst on Friday, flooding 40 homes, police said."},
            ]
        )
    )
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 1
    assert f'{batch / "notext.json"} item 1: missing "text"' in result.stderr
    titles = {a.title for a in articles(db_path)}
    assert "Has body" in titles and "No body here" not in titles
    assert_good_stored(db_path)


def test_file_over_the_size_limit(cli, batch, db_path):
    big = batch / "huge.txt"
    big.write_text("The river rose 3 metres on Monday.\n" * 40_000)  # ~1.4 MB
    result = cli("ingest", batch, "--db", db_path, "--max-size", "1")
    assert result.exit_code == 1
    assert f"{big}: file is 1.3 MB, over the 1.0 MB limit; skipped." in result.stderr
    assert_good_stored(db_path)


def test_missing_path_is_reported(cli, batch, db_path):
    result = cli("ingest", batch, batch / "nope.md", "--db", db_path)
    assert result.exit_code == 1
    assert f"{batch / 'nope.md'}: no such file or folder" in result.stderr
    assert_good_stored(db_path)


def test_malformed_front_matter_names_the_line(cli, batch, db_path):
    (batch / "bad-front.md").write_text(
        "---\ntitle: Broken: a title\noutlet: X\n---\nThe council voted 7 to 2 on Monday.\n"
    )
    result = cli("ingest", batch, "--db", db_path)
    assert result.exit_code == 1
    assert f"{batch / 'bad-front.md'}:2: front matter is not valid YAML" in result.stderr
    assert_good_stored(db_path)


def test_windows_line_endings_are_normalised_and_spans_index_the_stored_text(cli, tmp_path, db_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(
        b"Mayor quits over budget row\r\n\r\nThe mayor of Tarsk resigned on Friday after the council rejected his 2027 budget, officials said.\r\n"
    )
    assert cli("ingest", f, "--db", db_path).exit_code == 0
    (art,) = articles(db_path)
    assert "\r" not in art.text
    assert art.title == "Mayor quits over budget row"
    for c in claims(db_path):
        assert art.text[c.start : c.end] == c.text


def test_title_skips_labels_and_falls_back_to_the_file_name(cli, tmp_path, db_path):
    (tmp_path / "label-first.txt").write_text(
        "KEY POINTS\n\n- The governor signed the bill\n\nState governor signs water bill\n\nThe governor signed the water bill on Monday, her office said.\n"
    )
    (tmp_path / "no_headline.txt").write_text(
        "The governor vetoed the tax bill on Monday, her office said. It was her 4th veto this year.\n"
    )
    assert cli("ingest", tmp_path, "--db", db_path).exit_code == 0
    titles = {a.title for a in articles(db_path)}
    assert titles == {"State governor signs water bill", "No headline"}


def test_jsonl_from_a_scraper_or_news_api_is_read_by_the_names_they_use(cli, tmp_path, db_path):
    # "body"/"content", "headline", "source" (a name, or an object with one), "date", "link", "authors"
    rows = [
        {"guid": "vt-1", "headline": "Port strike ends", "source": "Valley Times", "date": "2026-03-02",
         "link": "https://example.org/vt-1", "authors": ["Kim Lee", "Ada Roos"],
         "body": "Dock workers at Tarsk voted on Monday to end a 12-day strike, the union said."},
        {"title": "Tram fares rise", "source": {"id": "cw", "name": "Continental Wire"}, "publishedAt": "2026-03-03",
         "content": "Tram fares in Velm will rise by 15% in April, the transport authority said on Tuesday."},
        {"title": "No body here", "summary": "A summary is not the article."},
    ]  # fmt: skip
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli("ingest", tmp_path, "--db", db_path)
    got = [(a.external_id, a.title, a.outlet, a.published[:10], a.url, a.author) for a in articles(db_path)]
    assert got == [
        ("vt-1", "Port strike ends", "Valley Times", "2026-03-02", "https://example.org/vt-1", "Kim Lee, Ada Roos"),
        (None, "Tram fares rise", "Continental Wire", "2026-03-03", None, None),
    ]
    assert "feed.jsonl:3" in result.stderr and 'missing "text"' in result.stderr and "body, content" in result.stderr


def test_json_from_a_news_api_with_numbers_and_objects_where_text_is_expected(cli, tmp_path, db_path):
    rows = [
        {"id": 42, "title": "Port strike ends", "publishedAt": 1764403200, "authors": [{"name": "Kim Lee"}],
         "source": {"name": "Valley Times"}, "text": "Dock workers at Tarsk voted on Monday to end a 12-day strike."},
        {"id": 43, "title": "Bad row", "text": ["not", "a", "string"]},
    ]  # fmt: skip
    (tmp_path / "api.json").write_text(json.dumps(rows))
    result = cli("ingest", tmp_path, "--db", db_path)
    (art,) = articles(db_path)
    assert (art.external_id, art.author, art.outlet, art.published[:10]) == (
        "42",
        "Kim Lee",
        "Valley Times",
        "2025-11-29",
    )
    assert "api.json" in result.stderr and 'missing "text"' in result.stderr


def test_json_claims_are_imported_with_spans_and_the_extractor_is_not_run(cli, tmp_path, db_path):
    text = "The city will close 3 libraries in June, the council said. Residents protested on Saturday."
    (tmp_path / "desk.json").write_text(
        json.dumps(
            {
                "id": "desk-7",
                "text": text,
                "claims": [
                    "The city will close 3 libraries in June",
                    {"text": "Residents protested on Saturday", "speaker": "police", "verdict": "true"},
                    {"text": "The mayor opposed the plan"},
                ],
            }
        )
    )
    result = cli("ingest", tmp_path, "--db", db_path)
    assert result.exit_code == 0
    assert "claim 3 is not in the article text; stored without a span" in result.stderr
    got = claims(db_path)
    assert [c.text for c in got] == [
        "The city will close 3 libraries in June",
        "Residents protested on Saturday",
        "The mayor opposed the plan",
    ]
    assert all(c.origin == "imported" for c in got)
    assert text[got[0].start : got[0].end] == got[0].text
    assert (got[1].speaker, got[1].verdict, got[1].status) == ("police", "true", "approved")
    assert got[2].start is None and got[2].status == "pending"


def test_html_article_text_and_metadata_come_from_the_page(cli, tmp_path, db_path):
    (tmp_path / "page.html").write_text(
        """<html><head><title>Council cuts bus routes | Valley Times</title>
        <meta property="og:site_name" content="Valley Times"><meta name="author" content="Kim Lee">
        <meta property="article:published_time" content="2026-02-10T09:00:00Z"></head>
        <body><nav>Home | News | Sport</nav><article><h1>Council cuts bus routes</h1>
        <p>The county council voted on Monday to cut 14 bus routes from April, saving 2 million euros a year, officials said.</p>
        <p>Opposition councillors said the cuts would leave 9 villages without any service.</p></article>
        <footer>Subscribe to our newsletter</footer></body></html>"""
    )
    assert cli("ingest", tmp_path, "--db", db_path).exit_code == 0
    (art,) = articles(db_path)
    assert art.title == "Council cuts bus routes"
    assert (art.outlet, art.author, art.published[:10]) == ("Valley Times", "Kim Lee", "2026-02-10")
    assert "cut 14 bus routes" in art.text
    assert "Subscribe" not in art.text and "Home | News" not in art.text


def test_an_html_page_keeps_its_paragraphs_apart_so_an_embedded_post_is_its_authors(cli, tmp_path, db_path):
    # a short paragraph with no full stop (a post's signature) must not run into the next one
    (tmp_path / "page.html").write_text(
        """<html><head><title>Minister's absence puzzles Velm</title></head><body><article>
        <h1>Minister's absence puzzles Velm</h1>
        <p>The finance minister, Ada Roos, has not been seen in public since November 2, her office confirmed on Friday.</p>
        <blockquote><p>Roos is in intensive care after a stroke. \u2014 @velm_watch November 20, 2026</p></blockquote>
        <p>The account that posted the message has 900 followers and has spread false reports about officials before.</p>
        </article></body></html>"""
    )
    assert cli("ingest", tmp_path, "--db", db_path).exit_code == 0
    (art,) = articles(db_path)
    assert "November 20, 2026\n\nThe account" in art.text
    by_text = {c.text: c for c in claims(db_path)}
    post = by_text["Roos is in intensive care after a stroke."]
    assert (post.speaker, post.core) == ("@velm_watch", "Roos is in intensive care after a stroke")
    assert (
        by_text[
            "The account that posted the message has 900 followers and has spread false reports about officials before."
        ].speaker
        is None
    )


def test_an_html_page_stored_by_an_earlier_version_is_not_added_again(cli, tmp_path, db_path):
    # earlier versions stored an HTML page's paragraphs one per line; the same page ingested again
    # must be recognised, not stored a second time with its claims
    from app.pipeline import content_hash

    (tmp_path / "page.html").write_text(
        "<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
        "<p>Dock workers at Tarsk voted on Monday to end a 12-day strike, the union said.</p>"
        "<p>The port authority said 40 ships had waited outside the harbour.</p></article></body></html>"
    )
    assert cli("ingest", tmp_path, "--db", db_path).exit_code == 0
    (art,) = articles(db_path)
    eng = open_database(db_path)
    with session(eng) as s:
        stored = s.get(Article, art.id)
        stored.content_hash = content_hash(stored.text.replace("\n\n", "\n"))
        s.add(stored)
        s.commit()
    eng.dispose()
    result = cli("ingest", tmp_path, "--db", db_path)
    assert result.exit_code == 0 and "1 already present" in result.stdout
    assert len(articles(db_path)) == 1


def test_progress_bar_stays_quiet_when_stderr_is_not_a_terminal(cli, tmp_path, db_path):
    for i in range(25):
        (tmp_path / f"s{i:02d}.txt").write_text(
            f"Story {i}\n\nThe club signed {i + 2} players on Monday, its manager said.\n"
        )
    result = cli("ingest", tmp_path, "--db", db_path)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "25 articles added" in result.stdout
