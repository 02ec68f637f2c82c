"""Evaluation against annotated data (``claimdesk eval``): precision, recall, F1.

Reads the data where it lies (../shared/eval in a checkout); ships none of it.
"""

from __future__ import annotations

import csv
import json
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.extract import analyse, analysis_copy, is_hedged
from app.sentences import split

_SEE = "see ../shared/eval/README.md for the format"


class DatasetError(Exception):
    """An evaluation file not in the shape its dataset has: the message names the file, the line
    where there is one, and what was expected."""


def _jsonl(path: Path, fields: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """(line number, object) of a JSON-lines file whose objects all carry ``fields``."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as e:
        raise DatasetError(f"{path}: {e.strerror or e}; {_SEE}") from None
    n = 0
    try:
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise DatasetError(f"{path}:{n}: not a JSON object ({e.msg}); {_SEE}") from None
                missing = [f for f in fields if not isinstance(rec, dict) or f not in rec]
                if missing:
                    raise DatasetError(f"{path}:{n}: no {', '.join(missing)} (expected {', '.join(fields)}); {_SEE}")
                yield n, rec
    except UnicodeDecodeError:
        raise DatasetError(f"{path}:{n + 1}: not UTF-8 text; {_SEE}") from None


def _tsv(path: Path, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a tab-separated file with a header naming at least ``fields``."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
            header = rows[0].keys() if rows else []
    except OSError as e:
        raise DatasetError(f"{path}: {e.strerror or e}; {_SEE}") from None
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: not UTF-8 text; {_SEE}") from None
    missing = [f for f in fields if f not in header]
    if missing:
        raise DatasetError(
            f"{path}: no {', '.join(missing)} column (a tab-separated file with the columns "
            f"{', '.join(fields)} is expected); {_SEE}"
        )
    for i, row in enumerate(rows, 2):
        if any(row.get(f) is None for f in fields):
            raise DatasetError(f"{path}:{i}: fewer columns than the header; {_SEE}")
    return rows


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1

    def add_span(self, predicted: tuple[int, int] | None, gold: list[tuple[int, int]]) -> None:
        """A predicted span counts when it overlaps a gold one; a sentence's gold spans missed count once."""
        if predicted is not None and _overlaps(predicted, gold):
            self.tp += 1
            return
        if predicted is not None:
            self.fp += 1
        if gold:
            self.fn += 1

    def line(self, name: str) -> str:
        counts = f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        return f"{name:<34} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  {counts}"


def held_out(key: str) -> bool:
    """A fixed fifth of every development file that no tuning or training looks at."""
    return zlib.crc32(key.encode("utf-8")) % 5 == 0


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def eval_attribution(path: Path, only_held_out: bool = False) -> dict[str, PRF]:
    folder = path if path.is_dir() else path.parent
    gold: dict[str, list[dict]] = defaultdict(list)
    relations = folder / "attributions.jsonl"
    for n, rel in _jsonl(relations, ("article_id", "source", "cue", "content")):
        try:
            for role in ("source", "cue", "content"):
                rel[role] = [(int(p["start"]), int(p["end"])) for p in rel[role]]
        except (KeyError, TypeError, ValueError):
            raise DatasetError(
                f"{relations}:{n}: {role} is not a list of {{start, end}} offsets; {_SEE}"
            ) from None  # fmt: skip
        gold[rel["article_id"]].append(rel)
    sent = PRF()
    speaker = PRF()
    content = PRF()
    for _n, art in _jsonl(folder / "articles.jsonl", ("id", "text")):
        if only_held_out and not held_out(str(art["id"])):
            continue
        text = analysis_copy(str(art["text"]))[0]  # what extraction reads: the same length, so gold spans hold
        rels = gold.get(art["id"], [])
        for a in analyse(text, split(text)):
            inside = [r for r in rels if r["cue"] and a.start <= r["cue"][0][0] < a.end]
            is_gold = bool(inside)
            sent.add(a.attributed, is_gold)
            predicted = a.attribution is not None
            sources = [p for r in inside for p in r["source"]]
            contents = [p for r in inside for p in r["content"]]
            speaker.add_span(a.attribution.speaker_span if predicted else None, sources)  # type: ignore[union-attr]
            content.add_span(a.attribution.content_span if predicted else None, contents)  # type: ignore[union-attr]
    return {
        "attributed sentences": sent,
        "speaker overlaps gold source": speaker,
        "content overlaps gold content": content,
    }


def eval_checkworthy(path: Path, only_held_out: bool = False, threshold: float | None = None) -> dict[str, PRF]:
    from app.extract import default_min_score
    from app.sentences import Segment

    threshold = default_min_score() if threshold is None else threshold
    m = PRF()
    for row in _tsv(path, ("sentence_id", "text", "label")):
        if only_held_out and not held_out(row["sentence_id"]):
            continue
        text = row["text"]
        a = analyse(text, [Segment(0, len(text), "sentence")])[0]
        m.add(a.skip is None and a.score >= threshold, row["label"] == "1")
    return {"check-worthy sentences": m}


def eval_hedge(path: Path, only_held_out: bool = False) -> dict[str, PRF]:
    m = PRF()
    for row in _tsv(path, ("id", "text", "uncertain")):
        if only_held_out and not held_out(row["id"]):
            continue
        m.add(is_hedged(row["text"]), row["uncertain"] == "1")
    return {"hedged sentences": m}


DATASETS = {"attribution": eval_attribution, "checkworthy": eval_checkworthy, "hedge": eval_hedge}


# --- repeated-claim matching --------------------------------------------------------


@dataclass
class MatchEval:
    auto: PRF
    suggest: PRF
    best_f1: float
    best_threshold: float
    best_p: float
    best_r: float
    bcubed_p: float
    bcubed_r: float
    headlines: int
    rumors: int
    scored_pairs: int

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_p, self.bcubed_r
        return 2 * p * r / (p + r) if p + r else 0.0


def read_headlines(path: Path, only_held_out: bool = False, only_training: bool = False) -> list[dict]:
    rows = []
    for _n, r in _jsonl(path, ("text", "rumor")):
        ho = held_out(str(r["rumor"]))
        if (only_held_out and not ho) or (only_training and ho):
            continue
        rows.append(r)
    return rows


def prepare_headlines(rows: list[dict], meaning: bool = False):  # type: ignore[no-untyped-def]
    """The headlines as claims (their cores), with their meaning vectors when ``meaning``."""
    from app.extract import describe
    from app.similarity import Vocabulary, prepare

    prepared = []
    vocab = Vocabulary()
    for i, r in enumerate(rows):
        d = describe(r["text"])
        p = prepare(i, d.core or r["text"], d.negated)
        prepared.append(p)
        vocab.add(p.tokens)
    if meaning:
        from app.meaning import encode

        for p, v in zip(prepared, encode([p.core for p in prepared]), strict=True):
            p.vec = v
    return prepared, vocab


def score_clusters(rows: list[dict], result, suggest: float) -> MatchEval:  # type: ignore[no-untyped-def]
    """Pairwise P/R/F1 at both tiers, best F1 over link scores, and B-cubed of the clusters."""
    labels = [r["rumor"] for r in rows]
    n = len(rows)
    gold_size: dict[str, int] = defaultdict(int)
    for lab in labels:
        gold_size[lab] += 1
    positives = sum(k * (k - 1) // 2 for k in gold_size.values())
    cluster_of = [result.rumor_of.get(i, -1 - i) for i in range(n)]  # singletons get their own number
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(cluster_of):
        members[c].append(i)
    # automatic tier: same cluster
    auto = PRF()
    for ms in members.values():
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                auto.add(True, labels[ms[x]] == labels[ms[y]])
    auto.fn = positives - auto.tp
    # suggested tier: same cluster, or a suggested link from one claim into the other's cluster
    linked: set[tuple[int, int]] = set()
    for ms in members.values():
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                linked.add((min(ms[x], ms[y]), max(ms[x], ms[y])))
    for a, b, s, _auto in result.links:
        if s < suggest:
            continue
        for i, other in ((a, b), (b, a)):
            for j in members[cluster_of[other]]:
                if j != i:
                    linked.add((min(i, j), max(i, j)))
    sug = PRF()
    for i, j in linked:
        sug.add(True, labels[i] == labels[j])
    sug.fn = positives - sug.tp
    # best F1 of "link score >= t" over all pairs (pairs never scored count as below every t)
    scored = sorted(((s, labels[a] == labels[b]) for a, b, s, _ in result.links), reverse=True)
    best = (0.0, 0.0, 0.0, 0.0)
    tp = 0
    for k, (s, same) in enumerate(scored, 1):
        tp += same
        p, r = tp / k, tp / positives if positives else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best[0]:
            best = (f, s, p, r)
    # B-cubed
    bp = br = 0.0
    for i in range(n):
        ms = members[cluster_of[i]]
        same = sum(1 for j in ms if labels[j] == labels[i])
        bp += same / len(ms)
        br += same / gold_size[labels[i]]
    return MatchEval(
        auto, sug, best[0], best[1], best[2], best[3], bp / n, br / n, n, len(gold_size), result.scored_pairs
    )


def eval_match(path: Path, settings, only_held_out: bool = False) -> MatchEval:  # type: ignore[no-untyped-def]
    from app.similarity import cluster, pair_model

    rows = read_headlines(path, only_held_out=only_held_out)
    m = settings.match
    meaning = m.uses_meaning()
    prepared, vocab = prepare_headlines(rows, meaning=meaning)
    result = cluster(
        prepared, vocab, suggest=m.suggest_threshold, auto=m.auto_threshold, min_auto_words=m.min_auto_words,
        min_member_average=m.min_member_average, limit=m.max_candidates, model=pair_model(meaning),
    )  # fmt: skip
    return score_clusters(rows, result, m.suggest_threshold)


def eval_pairs(path: Path, threshold: float, meaning: bool = False) -> tuple[float, PRF]:
    """ROC-AUC and F1 at ``threshold`` of the score on graded headline pairs (same claim: score >= 4),
    with the sentence model when ``meaning``."""
    from app.similarity import Vocabulary, pair_model, pair_score, prepare

    rows = _tsv(path, ("text_a", "text_b", "score"))
    vocab = Vocabulary()
    pairs = []
    for i, r in enumerate(rows):
        a, b = prepare(2 * i, r["text_a"]), prepare(2 * i + 1, r["text_b"])
        vocab.add(a.tokens)
        vocab.add(b.tokens)
        try:
            gold = float(r["score"]) >= 4.0
        except ValueError:
            raise DatasetError(f"{path}:{i + 2}: score {r['score']!r} is not a number (0-5); {_SEE}") from None
        pairs.append((a, b, gold))
    if meaning:
        from app.meaning import encode

        texts = [p.core for a, b, _g in pairs for p in (a, b)]
        for p, v in zip([p for a, b, _g in pairs for p in (a, b)], encode(texts), strict=True):
            p.vec = v
    model = pair_model(meaning)
    idf: dict[str, float] = {}
    scored = []
    for a, b, gold in pairs:
        for t in a.tokens | b.tokens:
            if t not in idf:
                idf[t] = vocab.idf(t)
        scored.append((pair_score(a, b, idf, vocab.docs, model), gold))
    m = PRF()
    for s, gold in scored:
        m.add(s >= threshold, gold)
    pos = [s for s, g in scored if g]
    neg = [s for s, g in scored if not g]
    # AUC by ranks (Mann-Whitney)
    ranked = sorted(scored)
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    auc = (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)) if pos and neg else 0.0
    return auc, m
