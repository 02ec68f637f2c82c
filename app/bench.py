"""Benchmarks behind ``claimdesk bench``: figures printed, never asserted in tests."""

from __future__ import annotations

import itertools
import statistics
import time
from pathlib import Path

from sqlalchemy import text as sql_text

from app.ingest import read_file


def machine_speed() -> float:
    """Milliseconds this machine takes for a fixed piece of pure Python (best of five): printed with
    every benchmark, so figures from different machines (or a busy one) can be compared."""
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        d: dict[int, int] = {}
        for i in range(1_000_000):
            d[i & 1023] = d.get(i & 1023, 0) + i
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def sample_article(samples: Path, size: int = 5000) -> str:
    """A realistic article of ``size`` characters, stitched from the sample stories' bodies."""
    bodies: list[str] = []
    for path in sorted(samples.glob("*.md")):
        for item in read_file(path, max_bytes=1 << 20):
            text = getattr(item, "text", None)
            if text:
                bodies.append(text.strip())
    text = ""
    i = 0
    while len(text) < size:
        text += bodies[i % len(bodies)] + "\n\n"
        i += 1
    return text[:size]


def bench_extract(samples: Path, runs: int = 300, size: int = 5000) -> dict[str, float]:
    from app.extract import extract

    text = sample_article(samples, size)
    extract(text)  # load the models once, as a running app has
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        extract(text)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {
        "chars": len(text),
        "claims": len(extract(text).claims),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(len(times) * 0.95)] * 1000,
    }


# --- matching at scale -------------------------------------------------------------------

_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["ar", "el", "in", "or", "us", "an"]
_FUNCTION = "the a of in on to and was is has had for with by from at that said after".split()


class SyntheticCorpus:
    """Claims in a made-up language with planted rewordings: realistic word frequencies
    (Zipf), names, function words; a fifth of the claims retell an earlier one.

    The sentence model cannot read the made-up language, so with ``meaning`` the claims' meaning
    vectors are planted too (``vectors``, one row per claim made): a story's vector is random
    around a direction all stories share (two stories' cosine about 0.17, as news claims that
    share a few words have), and a retelling's is its story's with noise added (cosine about 0.89
    with it). They cost what real vectors cost to store, read and compare; encoding is measured
    apart, on real text."""

    def __init__(self, seed: int = 7, vocabulary: int = 40_000, names: int = 3_000, meaning: bool = False) -> None:
        import random

        self.meaning = meaning
        self.vectors: list = []  # (numpy rows, float16) of the claims made, with meaning
        self.stories: list[int] = []  # the story each claim made tells
        self._story_vectors: list = []  # of the stories (bases), in order
        if meaning:
            import numpy as np

            self._np_rng = np.random.default_rng(seed)
            shared = self._np_rng.standard_normal(384)
            self._shared = shared / np.linalg.norm(shared)
        self.rng = random.Random(seed)
        rng = self.rng
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = sorted(words)
        rng.shuffle(self.words)
        self.cum = list(itertools.accumulate(1.0 / (r + 10) for r in range(len(self.words))))
        self.names = [w.capitalize() for w in self.words[:names]]

    def base(self) -> str:
        rng = self.rng
        n = rng.randint(9, 16)
        out = rng.choices(self.words, cum_weights=self.cum, k=n)
        for _ in range(rng.randint(2, 5)):
            out.insert(rng.randrange(len(out) + 1), rng.choice(_FUNCTION))
        out.insert(rng.randrange(len(out) + 1), " ".join(rng.sample(self.names, rng.randint(1, 2))))
        if rng.random() < 0.4:
            out.insert(rng.randrange(len(out) + 1), str(rng.randint(2, 2000)))
        return " ".join(out)

    def reword(self, text: str) -> str:
        rng = self.rng
        w = text.split()
        for _ in range(rng.randint(1, 3)):
            op = rng.random()
            i = rng.randrange(len(w))
            if op < 0.35 and len(w) > 8:
                del w[i]
            elif op < 0.6:
                w.insert(i, rng.choice(_FUNCTION + rng.choices(self.words, cum_weights=self.cum, k=1)))
            elif op < 0.8:
                j = rng.randrange(len(w))
                w[i], w[j] = w[j], w[i]
            elif not w[i][:1].isupper() and not w[i].isdigit():
                w[i] = rng.choices(self.words, cum_weights=self.cum, k=1)[0]
        return " ".join(w)

    def claims(self, n: int) -> list[str]:
        """``n`` claims; with ``meaning``, their vectors are in ``vectors``, and the story each
        tells (its place among this call's stories) in ``stories`` (this call's only)."""
        out: list[str] = []
        bases: list[str] = []
        told: list[int] = []  # the story each claim tells (its place in bases)
        for _ in range(n):
            if bases and self.rng.random() < 0.2:
                k = self.rng.randrange(max(0, len(bases) - 5000), len(bases))  # (as choice(bases[-5000:]))
                out.append(self.reword(bases[k]))
                told.append(-1 - k)
            else:
                b = self.base()
                bases.append(b)
                out.append(b)
                told.append(len(bases) - 1)
        self.stories = [t if t >= 0 else -1 - t for t in told]
        if self.meaning:
            self.vectors = self._plant(told, len(bases))
        return out

    def _plant(self, told: list[int], stories: int):  # type: ignore[no-untyped-def]
        import numpy as np

        rng = self._np_rng
        story = rng.standard_normal((stories, 384), dtype=np.float32) / np.float32(np.sqrt(384))
        story += np.float32(0.45) * self._shared.astype(np.float32)
        story /= np.linalg.norm(story, axis=1, keepdims=True)
        vec = story[np.array([t if t >= 0 else -1 - t for t in told])]
        del story
        retold = np.array([t < 0 for t in told])
        noise = rng.standard_normal((int(retold.sum()), 384), dtype=np.float32) / np.float32(np.sqrt(384))
        vec[retold] += np.float32(0.5) * noise
        vec /= np.linalg.norm(vec, axis=1, keepdims=True)
        return vec.astype(np.float16)


def _peak_rss_mb() -> float:
    """Peak resident memory of this process. VmHWM where Linux has it: unlike ru_maxrss it is not
    inherited from the parent a spawned process was forked from."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_cluster(  # type: ignore[no-untyped-def]
    n: int = 100_000, queries: int = 100, seed: int = 7, workers: int = 2, settings=None
) -> dict[str, float]:
    """Cluster ``n`` synthetic claims from scratch; check blocking against brute force on a sample."""
    import random

    from app.config import MatchSettings
    from app.similarity import Vocabulary, cluster, gc_paused, pair_model, prepare

    settings = settings or MatchSettings()
    meaning = settings.uses_meaning()
    corpus = SyntheticCorpus(seed, meaning=meaning)
    texts = corpus.claims(n)
    t0 = time.perf_counter()
    with gc_paused():  # as in cluster(): 100,000 claims of new objects, none of them in a cycle
        prepared = [prepare(i, t) for i, t in enumerate(texts)]
        vocab = Vocabulary()
        for p in prepared:
            vocab.add(p.tokens)
        if meaning:  # (vectors worked out when the claims were stored: read, not encoded, here)
            for p, v in zip(prepared, corpus.vectors, strict=True):
                p.vec = v
    result = cluster(
        prepared,
        vocab,
        suggest=settings.suggest_threshold,
        auto=settings.auto_threshold,
        min_auto_words=settings.min_auto_words,
        min_member_average=settings.min_member_average,
        limit=settings.max_candidates,
        model=pair_model(meaning),
        workers=workers,
    )
    elapsed = time.perf_counter() - t0
    found = {(min(a, b), max(a, b)) for a, b, _s, _auto in result.links}
    sample = random.Random(seed).sample(range(n), queries)
    recall = {}
    for tier, threshold in (("suggest", settings.suggest_threshold), ("auto", settings.auto_threshold)):
        brute = brute_force_pairs(prepared, vocab, sample, threshold, pair_model(meaning), corpus.vectors)
        hit = sum(1 for pair in brute if pair in found)
        recall[tier] = (hit, len(brute))
    return {
        "claims": n,
        "meaning": meaning,
        "seconds": elapsed,
        "rumors": sum(not r.merged for r in result.rumors),
        "pairs_scored": result.scored_pairs,
        "suggest_found": recall["suggest"][0],
        "suggest_brute": recall["suggest"][1],
        "auto_found": recall["auto"][0],
        "auto_brute": recall["auto"][1],
        "peak_rss_mb": _peak_rss_mb(),
    }


def brute_force_pairs(
    prepared, vocab, sample: list[int], threshold: float, model=None, vectors=None
) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Every pair (earlier claim, sample claim) scoring >= threshold, found by scoring each sample
    claim against all earlier claims: the model's exact formula, vectorised with rapidfuzz's cdist
    (and the meaning vectors' cosines, when the model reads them: ``vectors``, the claims' rows)."""
    import math

    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    from app.similarity import idf_top, load_model, says_when_or_how_many

    model = model or load_model()
    w = model.weights
    if model.meaning:
        vecs = vectors if vectors is not None else np.stack([p.vec for p in prepared])  # float32 (float16 values)
        vec_norms = np.array([math.sqrt(float(np.dot(v, v))) for v in map(np.float64, vecs)])
    z_min = math.log(threshold / (100 - threshold))
    norms = [p.norm for p in prepared]
    postings: dict[str, list[int]] = {}
    for p in prepared:
        for t in p.tokens:
            postings.setdefault(t, []).append(p.key)
    idf = {t: vocab.idf(t) for t in vocab.df}
    top = idf_top(vocab.docs)
    unit = np.array([math.sqrt(sum(idf[t] ** 2 for t in p.tokens)) or 1.0 for p in prepared])
    words = np.array([p.words for p in prepared], dtype=np.float64)
    # word-piece signatures as rows of 64-bit words, shared bits counted with bitwise_count
    from app.similarity import PIECE_BITS

    words64 = PIECE_BITS // 64
    sigs = np.zeros((len(prepared), words64), dtype=np.uint64)
    for p in prepared:
        sigs[p.key] = np.frombuffer(p.pieces[0].to_bytes(PIECE_BITS // 8, "little"), dtype=np.uint64)
    n_pieces = np.array([p.pieces[1] for p in prepared], dtype=np.float64)
    out: set[tuple[int, int]] = set()
    for q in sample:
        if q == 0:
            continue
        p = prepared[q]
        tsr = cdist([p.norm], norms[:q], scorer=fuzz.token_set_ratio, workers=-1)[0] / 100.0
        tso = cdist([p.norm], norms[:q], scorer=fuzz.token_sort_ratio, workers=-1)[0] / 100.0
        dot = np.zeros(q)
        shared = np.zeros(q)
        rarest = np.zeros(q)
        for t in p.tokens:
            when = says_when_or_how_many(t)  # (as the model: "three", "Monday" are never the rarest shared)
            for k in postings[t]:
                if k < q:
                    dot[k] += idf[t] ** 2
                    shared[k] += 1
                    if not when:
                        rarest[k] = max(rarest[k], idf[t])
        cos = dot / (unit[q] * unit[:q])
        lr = np.minimum(words[:q], p.words) / np.maximum(np.maximum(words[:q], p.words), 1)
        in_common = np.bitwise_count(sigs[:q] & sigs[q]).sum(axis=1, dtype=np.float64)
        small = np.minimum(n_pieces[:q], p.pieces[1])
        large = np.maximum(n_pieces[:q], p.pieces[1])
        p_small = np.divide(in_common, small, out=np.zeros(q), where=small > 0)
        p_large = np.divide(in_common, large, out=np.zeros(q), where=large > 0)
        z = (
            model.bias
            + w[0] * tsr
            + w[1] * tso
            + w[2] * cos
            + w[3] * np.minimum(shared, 5) / 5
            + w[4] * lr
            + w[5] * rarest / top
            + w[6] * p_small
            + w[7] * p_large
        )
        if model.meaning:
            qv = vecs[q].astype(np.float64)
            dots = np.concatenate([vecs[a : min(a + 20_000, q)].astype(np.float64) @ qv for a in range(0, q, 20_000)])
            with np.errstate(divide="ignore", invalid="ignore"):
                meant = np.nan_to_num(dots / (vec_norms[:q] * vec_norms[q]))
            z = z + w[8] * np.round(meant, 6)
        out.update((int(k), q) for k in np.nonzero(z >= z_min)[0])
    return out


def build_store(path, n: int, seed: int = 11, per_article: int = 20, meaning: bool = False) -> SyntheticCorpus:  # type: ignore[no-untyped-def]
    """A claimdesk database of ``n`` synthetic claims with its blocking index, written in bulk;
    with ``meaning``, the claims' (planted) meaning vectors too, as matching would have stored them.
    A story told more than once is a rumor (its first telling canonical, every telling a member
    joined automatically), as matching would have made it: a new claim that retells one of them
    is judged against the whole rumor."""
    import sqlite3

    from app.meaning import digest, to_bytes
    from app.similarity import prepare
    from db import open_database

    open_database(path).dispose()
    corpus = SyntheticCorpus(seed, meaning=meaning)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    now = "2026-01-01 00:00:00.000000"
    df: dict[str, int] = {}
    claim_id = 0
    rumor_id = 0
    batch = 20_000
    for start in range(0, n, batch):
        texts = corpus.claims(min(batch, n - start))
        arts, claims, tokens, vectors = [], [], [], []
        tellings: dict[int, list[int]] = {}  # story -> the claim ids telling it
        for k, story in enumerate(corpus.stories):
            tellings.setdefault(story, []).append(claim_id + k + 1)
        for i in range(0, len(texts), per_article):
            article_id = (start + i) // per_article + 1
            chunk = texts[i : i + per_article]
            body = "\n\n".join(t + "." for t in chunk)
            arts.append((article_id, f"Story {article_id}", body, now, f"h{article_id}"))
            pos = 0
            for t in chunk:
                claim_id += 1
                claims.append((claim_id, article_id, pos, pos + len(t) + 1, t + ".", t, now))
                pos += len(t) + 3
                for tok in prepare(claim_id, t).tokens:
                    tokens.append((tok, claim_id))
                    df[tok] = df.get(tok, 0) + 1
                if meaning:
                    vectors.append((claim_id, digest(t), to_bytes(corpus.vectors[claim_id - start - 1])))
        with con:
            con.executemany(
                "INSERT INTO article (id, title, text, ingested_at, content_hash) VALUES (?, ?, ?, ?, ?)", arts
            )
            con.executemany(
                'INSERT INTO claim (id, article_id, start, "end", text, core, negated, score, origin, status, '
                "version, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0.5, 'extracted', 'pending', 1, ?)",
                claims,
            )
            con.executemany("INSERT INTO claim_token (token, claim_id) VALUES (?, ?)", tokens)
            con.executemany("INSERT INTO claim_meaning (claim_id, digest, vec) VALUES (?, ?, ?)", vectors)
            rumors, joins = [], []
            for ids in tellings.values():
                if len(ids) > 1:
                    rumor_id += 1
                    rumors.append((rumor_id, ids[0], now, now, now))
                    joins.extend((rumor_id, i) for i in ids)
            con.executemany(
                "INSERT INTO rumor (id, canonical_claim_id, first_seen, last_seen, created_at) VALUES (?, ?, ?, ?, ?)",
                rumors,
            )
            con.executemany("UPDATE claim SET rumor_id = ?, rumor_join = 'automatic' WHERE id = ?", joins)
    with con:
        con.executemany("INSERT INTO token_stat (token, df) VALUES (?, ?)", df.items())
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('indexed_claims', ?)", (str(n),))
    con.close()
    return corpus


WARM_UP = 3
STORE_SEED = 11


def _forget_article(tokens: list[frozenset[str]]) -> None:
    """Take a rolled-back article's claims back out of matching's document-frequency cache, so it
    holds the store's counts again, as it would after a committed article in an app (the
    benchmark leaves the store as it was). Every count it holds was read or counted up after the
    article's claims were indexed."""
    from app import matching

    cache = matching._DF
    indexed = [t for t in tokens if t]
    if not indexed:
        return
    df = cache["df"]
    for words in indexed:
        for t in words:
            if t in df:
                df[t] -= 1
    cache["docs"] -= len(indexed)


def _match_articles(path: str, n_articles: int, per_article: int, seed: int, queue, settings, real: list[str]) -> None:  # type: ignore[no-untyped-def]
    """In a fresh process: match new articles against the store, timing only the matching; with
    meaning, the new claims' vectors are planted (as the store's: a retelling's is the stored
    claim's with noise) and encoding the same claims for real is timed apart."""
    import random

    from app.matching import match_claims, prepared
    from db import open_database, session
    from db.models import Article, Claim

    meaning = settings.uses_meaning()
    engine = open_database(path)
    corpus = SyntheticCorpus(seed)
    rng = random.Random(seed)
    times = []
    encode_times = []
    found = 0
    if meaning:
        import numpy as np

        from app.meaning import digest, encoder, from_bytes, to_bytes

        shared = SyntheticCorpus(STORE_SEED, vocabulary=1, names=1, meaning=True)._shared
        np_rng = np.random.default_rng(seed)
    with session(engine) as s:
        stored = s.execute(sql_text("SELECT max(id) FROM claim")).scalar_one()
        for a in range(n_articles + WARM_UP):
            # a new story: some claims retell stored ones, the rest are new
            texts = []
            vectors = []
            for _ in range(per_article):
                if rng.random() < 0.3:
                    pick = {"i": rng.randint(1, stored)}
                    old = s.execute(sql_text("SELECT core FROM claim WHERE id = :i"), pick).scalar_one()
                    texts.append(corpus.reword(old))
                    if meaning:
                        raw = s.execute(sql_text("SELECT vec FROM claim_meaning WHERE claim_id = :i"), pick).scalar()
                        base = from_bytes(raw) if raw is not None else np_rng.standard_normal(384) / np.sqrt(384)
                        vectors.append(base + 0.5 * np_rng.standard_normal(384) / np.sqrt(384))
                else:
                    texts.append(corpus.base())
                    if meaning:
                        vectors.append(np_rng.standard_normal(384) / np.sqrt(384) + 0.45 * shared)
            body = "\n\n".join(t + "." for t in texts)
            article = Article(title=f"new {a}", text=body, content_hash=f"bench-{a}-{rng.random()}")
            s.add(article)
            s.flush()
            claims, pos = [], 0
            for t in texts:
                claims.append(Claim(article_id=article.id, start=pos, end=pos + len(t) + 1, text=t + ".", core=t))
                pos += len(t) + 3
            s.add_all(claims)
            s.flush()
            if meaning:
                rows = []
                for c, v in zip(claims, vectors, strict=True):
                    rows.append({"c": c.id, "d": digest(c.core), "v": to_bytes(v / np.linalg.norm(v))})
                s.execute(sql_text("INSERT INTO claim_meaning (claim_id, digest, vec) VALUES (:c, :d, :v)"), rows)
            t0 = time.perf_counter()
            r = match_claims(s, claims, settings)
            if a >= WARM_UP:  # the first ones warm the page cache, as in an app that has been running
                times.append(time.perf_counter() - t0)
                found += len(r.linked_claims)
            s.rollback()  # leave the store as it was
            _forget_article([prepared(c).tokens for c in claims])
            if meaning:
                # the real cost, uncached, on 20 real claims (the made-up words of ``texts`` break
                # into three times the word pieces real words do)
                start = a * per_article % max(1, len(real) - per_article)
                t0 = time.perf_counter()
                encoder().encode(real[start : start + per_article] or texts)  # type: ignore[union-attr]
                if a >= WARM_UP:
                    encode_times.append(time.perf_counter() - t0)
    queue.put({"times": times, "encode_times": encode_times, "linked": found, "peak_rss_mb": _peak_rss_mb()})


def bench_store(  # type: ignore[no-untyped-def]
    n: int = 1_000_000, articles: int = 30, per_article: int = 20, path=None, settings=None, samples=None
) -> dict[str, float]:
    """Match new 20-claim articles against ``n`` stored claims; peak memory of the matching process.
    With meaning, encoding is timed on 20 real claims at a time: those extracted from ``samples``."""
    import multiprocessing as mp
    import tempfile
    from pathlib import Path
    from queue import Empty

    tmp = None
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="claimdesk-bench-")
        path = Path(tmp.name) / "store.db"
    from app.config import MatchSettings

    settings = settings or MatchSettings()
    meaning = settings.uses_meaning()
    real_claims: list[str] = []
    if meaning and samples is not None:
        from app.extract import extract

        for path_ in sorted(Path(samples).glob("*.md")):
            for item in read_file(path_, max_bytes=1 << 20):
                real_claims.extend(c.core or c.text for c in extract(getattr(item, "text", "") or "").claims)
    t0 = time.perf_counter()
    build_store(path, n, seed=STORE_SEED, meaning=meaning)
    built = time.perf_counter() - t0
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    args = (str(path), articles, per_article, 23, queue, settings, real_claims)
    proc = ctx.Process(target=_match_articles, args=args)
    proc.start()
    while True:
        try:
            res = queue.get(timeout=1.0)
            break
        except Empty:
            if not proc.is_alive():  # it died before reporting: say so rather than wait for ever
                raise RuntimeError(f"the matching process exited (code {proc.exitcode}) before reporting") from None
    proc.join()
    size_mb = Path(path).stat().st_size / 1048576
    if tmp is not None:
        tmp.cleanup()
    times = sorted(res["times"])
    encode = sorted(res["encode_times"])
    return {
        "stored": n,
        "meaning": meaning,
        "encode_median_ms": statistics.median(encode) * 1000 if encode else 0.0,
        "encode_p95_ms": encode[max(0, int(len(encode) * 0.95) - 1)] * 1000 if encode else 0.0,
        "build_s": built,
        "db_mb": size_mb,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[max(0, int(len(times) * 0.95) - 1)] * 1000,
        "linked": res["linked"],
        "peak_rss_mb": res["peak_rss_mb"],
    }


# --- the review screen at scale ----------------------------------------------------------

_OUTLETS = [
    f"{a} {b}"
    for a in ("Harbor", "Northgate", "Cinder", "Lowland", "Meridian", "Quarry", "Riverside", "Talon")
    for b in ("Daily", "Courier", "Ledger", "Wire", "Review")
]
_SPEAKERS = ["", "", "", "a ministry spokesman", "Ilse Marova", "an unnamed official", "the governor", "Dario Lenk"]
_FILLER = [
    "The office did not answer questions sent on Tuesday.",
    "Officials have given no timetable for the next steps.",
    "Reporters were kept outside the building for most of the day.",
    "The figures could not be checked against other records.",
]


def build_review_db(path, articles: int = 10_000, per_article: int = 20, seed: int = 5) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A database shaped like a busy desk's: ``articles`` stories of ``per_article`` claims from 40
    outlets over a year, the oldest 30% already reviewed (with their audit log), a fifth of the claims
    retelling earlier ones (rumors with automatic links), one rumor printed by ~3% of stories, and
    suggested links for a tenth of the claims. Written in bulk; the claims' blocking index too."""
    import json
    import random
    import sqlite3
    from datetime import date, timedelta

    from app.similarity import prepare
    from db import open_database

    open_database(path).dispose()
    corpus = SyntheticCorpus(seed)
    rng = random.Random(seed)
    now = "2026-01-01 00:00:00.000000"
    day0 = date(2025, 1, 1)
    days = sorted(rng.randrange(365) for _ in range(articles))  # article ids in date order, as usual
    reviewed_until = int(articles * 0.3)
    big = corpus.base()
    bases: list[tuple[int, str]] = []  # (claim id, text) of claims others retell
    rumor_of: dict[int, int] = {}  # base claim id -> rumor id
    rumors: dict[int, list] = {}  # rumor id -> [canonical, first, last]
    seen: dict[int, str] = {}  # claim id -> its article's date
    arts, claims, links, events, tokens = [], [], [], [], []
    df: dict[str, int] = {}
    cid = 0
    for a in range(1, articles + 1):
        published = (day0 + timedelta(days[a - 1])).isoformat()
        parts, pos = [], 0
        for k in range(per_article):
            cid += 1
            retell: int | None = None
            if cid == 1:
                text = big
            elif k == 0 and rng.random() < 0.03:
                retell, text = 1, corpus.reword(big)
            elif bases and rng.random() < 0.2:
                retell, old = rng.choice(bases[-5000:])
                text = corpus.reword(old)
            else:
                text = corpus.base()
                bases.append((cid, text))
            seen[cid] = published
            text = text[0].upper() + text[1:] + "."
            speaker = rng.choice(_SPEAKERS)
            sentence = f"{text[:-1]}, {speaker} said." if speaker else text
            if parts:
                pos += 1
            start = pos
            parts.append(sentence)
            pos += len(sentence)
            if rng.random() < 0.5:
                filler = rng.choice(_FILLER)
                parts.append(filler)
                pos += 1 + len(filler)
            end = start + len(text) - (1 if speaker else 0)
            status = verdict = reviewer = reviewed_at = None
            if a <= reviewed_until:
                status = "approved" if rng.random() < 0.7 else "rejected"
                verdict = rng.choice(["true", "false", "misleading", "unverified"]) if status == "approved" else None
                reviewer, reviewed_at = "desk", now
                events.append(
                    (now, "desk", "decide", cid, json.dumps({"status": "pending"}), json.dumps({"status": status}))
                )
            rumor_id = None
            if retell is not None:
                rumor_id = rumor_of.setdefault(retell, len(rumor_of) + 1)
                rumors.setdefault(rumor_id, [retell, seen[retell], published])[2] = published
                links.append((retell, cid, round(rng.uniform(72, 96), 1), "confirmed", "auto", now))
            elif rng.random() < 0.1 and cid > 50:
                other = rng.randrange(max(1, cid - 20_000), cid - per_article)
                links.append((other, cid, round(rng.uniform(20, 69), 1), "suggested", None, None))
            core = text[:-1]
            score = round(rng.uniform(0.45, 0.98), 2)
            claims.append([cid, a, start, end, text[: end - start], start, start + len(sentence), core, speaker or None,
                           rng.choice([None, None, None, "reportedly", "may", "alleged"]), score,
                           json.dumps(["+number" if any(ch.isdigit() for ch in text) else "+named person"]),
                           status or "pending", verdict, reviewer, reviewed_at, rumor_id,
                           "automatic" if rumor_id else None, now])  # fmt: skip
            for tok in prepare(cid, core).tokens:
                tokens.append((tok, cid))
                df[tok] = df.get(tok, 0) + 1
        body = " ".join(parts)
        title = parts[0][:70]
        arts.append((a, f"bench-{a}", title, rng.choice(_OUTLETS), published, body, now, f"h{a}"))
    for base_id, rumor_id in rumor_of.items():  # the claim first told joins the rumor its retellings made
        claims[base_id - 1][16], claims[base_id - 1][17] = rumor_id, "automatic"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    with con:
        con.executemany(
            "INSERT INTO article (id, external_id, title, outlet, published, text, ingested_at, content_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arts,
        )
        con.executemany(
            "INSERT INTO rumor (id, canonical_claim_id, first_seen, last_seen, created_at) VALUES (?, ?, ?, ?, ?)",
            [(rid, c, f, last, now) for rid, (c, f, last) in rumors.items()],
        )
        con.executemany(
            'INSERT INTO claim (id, article_id, start, "end", text, sentence_start, sentence_end, core, speaker, '
            "hedge, negated, score, reasons, origin, status, verdict, reviewer, reviewed_at, rumor_id, rumor_join, "
            "version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'extracted', ?, ?, ?, ?, ?, ?, 1, ?)",
            claims,
        )
        con.executemany(
            "INSERT OR IGNORE INTO claim_link (claim_a, claim_b, score, method, state, decided_by, decided_at, "
            "created_at) VALUES (?, ?, ?, 'similarity', ?, ?, ?, '2026-01-01')",
            links,
        )
        con.executemany(
            "INSERT INTO review_event (at, reviewer, action, claim_id, old, new) VALUES (?, ?, ?, ?, ?, ?)", events
        )
        con.executemany("INSERT INTO claim_token (token, claim_id) VALUES (?, ?)", tokens)
        con.executemany("INSERT INTO token_stat (token, df) VALUES (?, ?)", df.items())
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('indexed_claims', ?)", (str(cid),))
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {
        "articles": articles,
        "claims": cid,
        "rumors": len(rumors),
        "links": len(links),
        "big_rumor": rumor_of.get(1, 0),
    }
