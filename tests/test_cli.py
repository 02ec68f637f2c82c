"""The command line end to end: samples in, stats and export out, demo."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import defaultdict

import pytest

from .conftest import ROOT, SAMPLES


def test_samples_give_rumors_spanning_three_or_more_stories(cli, db_path):
    result = cli("ingest", SAMPLES, "--db", db_path)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", db_path, "--status", "all").stdout)))
    stories = defaultdict(set)
    for r in rows:
        if r["rumor_id"]:
            stories[r["rumor_id"]].add(r["article_id"])
            assert int(r["rumor_articles"]) == len({x["article_id"] for x in rows if x["rumor_id"] == r["rumor_id"]})
    big = [rid for rid, arts in stories.items() if len(arts) >= 3]
    assert len(big) >= 3, f"rumors spanning 3+ stories: {len(big)}"
    # the stories about one president tell different rumors: his illness, a coup, his surgery;
    # each is its own rumor, however often his name comes up
    topics = {"cancer": "illness", "coup": "coup", "back surgery": "surgery"}
    for rid in stories:
        cores = [r["core"].lower() for r in rows if r["rumor_id"] == rid]
        told = {t for c in cores for w, t in topics.items() if w in c and sum(x in c for x in topics) == 1}
        assert len(told) <= 1, f"rumor {rid} mixes {told}: {cores}"


def test_stats_counts_statuses_and_lists_top_rumors(cli, db_path):
    cli("ingest", SAMPLES, "--db", db_path)
    out = cli("stats", "--db", db_path).stdout
    assert "by status:" in out and "pending" in out
    assert "by verdict:" in out
    assert "rumors spanning 2+ stories:" in out
    assert " stories, " in out


def test_demo_loads_the_samples_into_a_fresh_database(cli, tmp_path):
    demo_db = tmp_path / "demo.db"
    first = cli("demo", "--db", demo_db)
    assert first.exit_code == 0, first.output
    again = cli("demo", "--db", demo_db)  # fresh each time: nothing "already present"
    assert "15 articles added, 0 already present" in again.stdout


def test_python_dash_m_app_is_the_same_command():
    out = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True, text=True, cwd=ROOT, check=True)
    for command in ("ingest", "export", "stats", "demo", "review"):
        assert command in out.stdout


def test_bad_config_is_reported(cli, tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[review]\nverdicts = 'true'\n")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(cfg))
    result = cli("ingest", SAMPLES, "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert "verdicts must be a non-empty list" in result.stderr


def test_match_flag_overrides_thresholds_for_one_run(cli, db_path, tmp_path):
    result = cli("--match", "auto_threshold=101", "ingest", SAMPLES, "--db", db_path)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", db_path, "--status", "all").stdout)))
    assert rows and not any(r["rumor_id"] for r in rows), "no score reaches 101: nothing is linked automatically"
    bad = cli("--match", "auto=50", "ingest", SAMPLES, "--db", tmp_path / "other.db")
    assert bad.exit_code != 0
    assert "--match auto=50: expected KEY=VALUE with KEY one of auto_threshold" in bad.stderr


@pytest.mark.parametrize(
    ("args", "content", "says"),
    [
        (["eval", "match"], '{"text": "a", "rumor": "r1"}\n{"text": "b"\n', "data.jsonl:2: not a JSON object"),
        (["eval", "match"], '{"text": "a", "rumor": "r1"}\n{"text": "b"}\n', "data.jsonl:2: no rumor"),
        (["eval", "extract", "--dataset", "hedge"], "id\ttext\n1\tIt may rain.\n", "no uncertain column"),
        (["eval", "extract", "--dataset", "checkworthy"], b"sentence_id\ttext\tlabel\n1\t\xff\xfe\t1\n", "not UTF-8"),
        (["eval", "extract", "--dataset", "attribution"], "", "attributions.jsonl: No such file"),
    ],
)
def test_an_evaluation_file_in_the_wrong_shape_gets_a_message_naming_it(cli, tmp_path, args, content, says):
    """A mistyped path or a file of another dataset: the file (and line) and what was expected,
    never a traceback."""
    data = tmp_path / "data.jsonl"
    if isinstance(content, bytes):
        data.write_bytes(content)
    else:
        data.write_text(content, encoding="utf-8")
    out = cli(*args, data)
    assert out.exit_code != 0
    assert says in out.output and "README.md" in out.output
    assert "Traceback" not in out.output


@pytest.mark.parametrize(
    ("config", "flags", "says"),
    [
        ('[match]\nauto_threshold = "high"\n', [], "[match] auto_threshold must be a number of at least 0, not 'high'"),
        ("[match]\nmin_auto_words = 7.5\n", [], "[match] min_auto_words must be a whole number"),
        ('[extract]\nmin_score = "x"\n', [], "[extract] min_score must be a number from 0 to 1"),
        ("[ingest]\nmax_file_mb = -1\n", [], "[ingest] max_file_mb must be a number"),
        ("", ["--match", "suggest_threshold=60"], "suggest_threshold (60) is above auto_threshold (45)"),
        ("", ["--match", "max_candidates=0"], "--match max_candidates must be a whole number of at least 1"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_named_before_anything_runs(cli, tmp_path, monkeypatch, config, flags, says):
    """A threshold written as a word, or a suggested bar above the automatic one, stops the command
    with the file (or flag) and the setting, not a traceback in the middle of matching."""
    cfg = tmp_path / "config.toml"
    cfg.write_text(config)
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(cfg))
    result = cli(*flags, "ingest", SAMPLES, "--db", tmp_path / "x.db")
    assert result.exit_code != 0
    assert says in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()  # nothing was ingested with settings half-read
