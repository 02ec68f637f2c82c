"""Evaluation against annotated data (``claimdesk eval``): precision, recall, F1.

Reads the data where it lies (../shared/eval in a checkout); ships none of it.
"""

from __future__ import annotations

import csv
import json
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from app.extract import analyse, is_hedged
from app.sentences import split


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
    with (folder / "attributions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rel = json.loads(line)
            gold[rel["article_id"]].append(rel)
    sent = PRF()
    speaker = PRF()
    content = PRF()
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if only_held_out and not held_out(art["id"]):
                continue
            text = art["text"]
            rels = gold.get(art["id"], [])
            for a in analyse(text, split(text)):
                inside = [r for r in rels if r["cue"] and a.start <= r["cue"][0]["start"] < a.end]
                is_gold = bool(inside)
                sent.add(a.attributed, is_gold)
                predicted = a.attribution is not None
                sources = [(p["start"], p["end"]) for r in inside for p in r["source"]]
                contents = [(p["start"], p["end"]) for r in inside for p in r["content"]]
                got_speaker = predicted and a.attribution.speaker_span is not None  # type: ignore[union-attr]
                if sources or got_speaker:
                    hit = got_speaker and _overlaps(a.attribution.speaker_span, sources)  # type: ignore[union-attr, arg-type]
                    if hit:
                        speaker.tp += 1
                    else:
                        if got_speaker:
                            speaker.fp += 1
                        if sources:
                            speaker.fn += 1
                if contents or predicted:
                    hit = predicted and _overlaps(a.attribution.content_span, contents)  # type: ignore[union-attr]
                    if hit:
                        content.tp += 1
                    else:
                        if predicted:
                            content.fp += 1
                        if contents:
                            content.fn += 1
    return {
        "attributed sentences": sent,
        "speaker overlaps gold source": speaker,
        "content overlaps gold content": content,
    }


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def eval_checkworthy(path: Path, only_held_out: bool = False, threshold: float | None = None) -> dict[str, PRF]:
    from app.extract import default_min_score
    from app.sentences import Segment

    threshold = default_min_score() if threshold is None else threshold
    m = PRF()
    for row in _tsv(path):
        if only_held_out and not held_out(row["sentence_id"]):
            continue
        text = row["text"]
        a = analyse(text, [Segment(0, len(text), "sentence")])[0]
        m.add(a.skip is None and a.score >= threshold, row["label"] == "1")
    return {"check-worthy sentences": m}


def eval_hedge(path: Path, only_held_out: bool = False) -> dict[str, PRF]:
    m = PRF()
    for row in _tsv(path):
        if only_held_out and not held_out(row["id"]):
            continue
        m.add(is_hedged(row["text"]), row["uncertain"] == "1")
    return {"hedged sentences": m}


DATASETS = {"attribution": eval_attribution, "checkworthy": eval_checkworthy, "hedge": eval_hedge}
