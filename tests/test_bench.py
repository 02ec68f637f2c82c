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


def test_store_benchmark_matches_new_articles_against_stored_claims(tmp_path):
    r = bench_store(3000, articles=3, path=tmp_path / "store.db")
    assert r["stored"] == 3000
    assert r["linked"] > 0, "planted retellings of stored claims are found"
    assert r["median_ms"] > 0 and r["peak_rss_mb"] > 0
