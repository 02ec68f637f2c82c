"""The benchmarks' machinery on small corpora: blocking loses no automatic pair, the store matches."""

from __future__ import annotations

from app.bench import SyntheticCorpus, bench_cluster, bench_store


def test_synthetic_corpus_plants_rewordings():
    c = SyntheticCorpus(3)
    claims = c.claims(500)
    assert len(claims) == 500 and len(set(claims)) > 450
    base = c.base()
    assert c.reword(base) != base


def test_blocking_finds_every_automatic_pair_brute_force_finds():
    r = bench_cluster(3000, queries=150, workers=1)
    assert r["auto_brute"] > 0, "the sample holds automatic pairs to find"
    assert r["auto_found"] == r["auto_brute"]
    assert r["rumors"] > 0


def test_brute_force_scores_every_pair_as_the_pair_model_does():
    """The benchmark's yardstick: the pairs brute force finds are exactly those the pair model
    scores at the threshold (numbers and weekdays are never a pair's rarest shared word)."""
    from app.bench import brute_force_pairs
    from app.config import MatchSettings
    from app.similarity import Vocabulary, load_model, pair_score, prepare

    texts = SyntheticCorpus(5).claims(400)
    for i in range(0, 400, 40):  # unrelated claims sharing a rare date and number
        texts[i] += " on Wednesday 4417"
    prepared = [prepare(i, t) for i, t in enumerate(texts)]
    vocab = Vocabulary()
    for p in prepared:
        vocab.add(p.tokens)
    idf = {t: vocab.idf(t) for t in vocab.df}
    model, threshold = load_model(), MatchSettings().suggest_threshold
    sample = list(range(1, 400, 7)) + list(range(40, 400, 40))
    expected = {
        (k, q)
        for q in sample
        for k in range(q)
        if pair_score(prepared[q], prepared[k], idf, vocab.docs, model) >= threshold
    }
    assert expected, "the corpus holds pairs at the threshold"
    assert brute_force_pairs(prepared, vocab, sample, threshold) == expected


def test_store_benchmark_matches_new_articles_against_stored_claims(tmp_path):
    r = bench_store(3000, articles=3, path=tmp_path / "store.db")
    assert r["stored"] == 3000
    assert r["linked"] > 0, "planted retellings of stored claims are found"
    assert r["median_ms"] > 0 and r["peak_rss_mb"] > 0


def test_review_database_is_well_formed_and_the_screen_benchmark_times_every_key(tmp_path):
    from sqlalchemy import text

    from app.bench import build_review_db
    from app.tui.bench import bench_tui
    from db import open_database, session

    path = tmp_path / "review.db"
    built = build_review_db(path, articles=120, per_article=10)
    assert built["claims"] == 1200 and built["rumors"] > 0
    with session(open_database(path)) as s:
        bad = s.execute(
            text('SELECT count(*) FROM claim c JOIN article a ON a.id = c.article_id '
                 'WHERE substr(a.text, c.start + 1, c."end" - c.start) != c.text')
        ).scalar_one()  # fmt: skip
        assert bad == 0, "every claim's span is its text"
        lonely = s.execute(
            text("SELECT count(*) FROM (SELECT rumor_id FROM claim WHERE rumor_id IS NOT NULL "
                 "GROUP BY rumor_id HAVING count(*) < 2)")
        ).scalar_one()  # fmt: skip
        assert lonely == 0, "every rumor has two members or more"
    timings = bench_tui(str(path), (100, 30), rounds=1)
    assert timings.first_paint_app_s > 0
    for key in ("next claim (j)", "next article (J)", "approve (a)", "undo (u)", "rumor view (d)"):
        assert timings.keys.get(key), f"{key} was timed"


def test_the_store_benchmark_leaves_matching_caches_holding_the_stores_word_counts(tmp_path):
    """The benchmark rolls each new article back, to leave the store as it was; matching's cache of
    word counts must then hold the store's counts again (as after a committed article in an app),
    not counts that still include the article, nor be thrown away and read again each time."""
    import queue
    import sqlite3

    from app import matching
    from app.bench import _match_articles, build_store
    from app.config import MatchSettings

    path = tmp_path / "store.db"
    build_store(path, 3000)
    _match_articles(str(path), 3, 20, 23, queue.Queue(), MatchSettings(meaning=False), [])
    cached = matching._DF
    con = sqlite3.connect(path)
    assert cached["db"] == str(path) and cached["docs"] == 3000
    assert len(cached["df"]) > 100, "the counts read for the articles are kept"
    stored = dict(con.execute("SELECT token, df FROM token_stat"))
    assert {t: stored.get(t, 0) for t in cached["df"]} == cached["df"]


def test_the_benchmark_store_holds_its_retold_stories_as_rumors(tmp_path):
    """A store matching had built would hold rumors: a new claim retelling a stored one is judged
    against the whole rumor, which the benchmark must time too."""
    import sqlite3

    from app.bench import build_store

    path = tmp_path / "store.db"
    build_store(path, 3000)
    con = sqlite3.connect(path)
    rumors = con.execute(
        "SELECT r.id, r.canonical_claim_id, count(c.id), sum(c.id = r.canonical_claim_id), "
        "sum(c.rumor_join = 'automatic') FROM rumor r JOIN claim c ON c.rumor_id = r.id GROUP BY r.id"
    ).fetchall()
    assert len(rumors) > 100
    assert all(n >= 2 and canonical == 1 and auto == n for _r, _c, n, canonical, auto in rumors)
    # members retell one story: they share most of their words
    for (rumor_id,) in con.execute("SELECT id FROM rumor LIMIT 20").fetchall():
        cores = [set(c.split()) for (c,) in con.execute("SELECT core FROM claim WHERE rumor_id = ?", (rumor_id,))]
        assert all(len(cores[0] & other) >= 0.6 * len(cores[0]) for other in cores[1:])
