"""Train the shipped sentence classifiers on the development data.

    .venv/bin/pip install scikit-learn && .venv/bin/python tools/train_models.py ../shared/eval

Rows whose id falls in the held-out fifth (app.evaluation.held_out) are never
used here, so `claimdesk eval extract --held-out` scores text the model has not seen.
The threshold is chosen by cross-validation on the training rows only.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.evaluation import held_out
from app.textmodel import MODELS, features


def rows(path: Path, id_col: str, label_col: str) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as fh:
        data = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if not held_out(r[id_col])]
    return [r["text"] for r in data], np.array([int(r[label_col]) for r in data])


def train(
    name: str,
    texts: list[str],
    y: np.ndarray,
    c: float,
    min_count: int = 3,
    extra: dict | None = None,
    offset: np.ndarray | None = None,
    decision=None,  # type: ignore[no-untyped-def]
) -> None:
    """Fit and write one model. ``decision(text, feats, probability, threshold) -> bool``, when
    given, is what the product does with the model's probability (rules included): the threshold
    is then chosen by repeated cross-validation of that whole decision, not of the model alone."""
    counts: dict[str, int] = {}
    feats = [features(t, every_pair=True) for t in texts]
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    dicts = [{f: 1 for f in fs if counts[f] >= min_count} for fs in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(dicts)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    proba = cross_val_predict(model, x, y, cv=5, method="predict_proba")[:, 1]
    if decision is not None:
        best = _decision_threshold(texts, feats, x, y, model, decision)
    elif offset is not None:  # the log-odds the product adds at run time (app.extract.news_boost)
        p = np.clip(proba, 1e-6, 1 - 1e-6)
        proba = 1 / (1 + np.exp(-(np.log(p / (1 - p)) + offset)))
    if decision is None:
        best = max(
            ((t, f1(proba >= t, y)) for t in np.arange(0.2, 0.81, 0.02)),
            key=lambda tf: tf[1],
        )
    model.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 0.02}
    out = {
        "bias": float(model.intercept_[0]),
        "threshold": round(float(best[0]), 2),
        "weights": dict(sorted(weights.items())),
        "meta": {"trained_rows": len(texts), "cv_f1": round(best[1], 3), "C": c, "min_count": min_count},
        **(extra or {}),
    }
    (MODELS / f"{name}.json").write_text(json.dumps(out, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(
        f"{name}: {len(texts)} rows, {len(weights)} weights, threshold {best[0]:.2f}, cross-validated F1 {best[1]:.3f}"
    )


def _decision_threshold(texts, feats, x, y, model, decision, repeats: int = 4) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The threshold with the best mean F1 of ``decision`` over repeated 5-fold cross-validation."""
    from sklearn.model_selection import StratifiedKFold

    grid = [round(t, 2) for t in np.arange(0.3, 0.71, 0.02)]
    totals = dict.fromkeys(grid, 0.0)
    for seed in range(repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        proba = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
        for t in grid:
            pred = np.array([decision(s, f, float(p), t) for s, f, p in zip(texts, feats, proba, strict=True)])
            totals[t] += f1(pred, y) / repeats
    return max(totals.items(), key=lambda tf: tf[1])


def f1(pred: np.ndarray, y: np.ndarray) -> float:
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def training_articles(folder: Path):  # type: ignore[no-untyped-def]
    """(text, gold attribution relations) of each PolNeAR article outside the held-out fifth."""
    gold: dict[str, list[dict]] = {}
    with (folder / "attributions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rel = json.loads(line)
            gold.setdefault(rel["article_id"], []).append(rel)
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if not held_out(art["id"]):
                yield art["text"], gold.get(art["id"], [])


def attribution_rows(folder: Path) -> tuple[list[str], np.ndarray, dict[str, int], dict[str, int]]:
    """Sentences of the training articles, labelled by whether a gold cue starts in them."""
    from app.extract import rule_attribution
    from app.sentences import split
    from app.textmodel import tokens

    texts: list[str] = []
    labels: list[int] = []
    as_cue: dict[str, int] = {}
    seen: dict[str, int] = {}
    for text, rels in training_articles(folder):
        for rel in rels:
            if rel["cue"]:
                toks = tokens(rel["cue"][0]["text"])
                if toks:
                    as_cue[toks[0]] = as_cue.get(toks[0], 0) + 1
        for tok in tokens(text):
            seen[tok] = seen.get(tok, 0) + 1
        for seg in split(text):
            inside = any(r["cue"] and seg.start <= r["cue"][0]["start"] < seg.end for r in rels)
            sent = text[seg.start : seg.end]
            rule = rule_attribution(text, seg.start, seg.end, use_lexicon=False) is not None
            texts.append(("<rule> " if rule else "") + sent)
            labels.append(int(inside))
    return texts, np.array(labels), as_cue, seen


def train_speaker(folder: Path, c: float = 0.3, min_count: int = 3) -> None:
    """The token tagger of app.speaker: which tokens of an attributed sentence make up its source."""
    from app.extract import analyse
    from app.sentences import split
    from app.speaker import _lexicons, decode, rule_marks, token_features, tokenize

    cues, sources = _lexicons()
    rows_: list[list[str]] = []
    labels: list[int] = []
    sentences: list[tuple] = []  # row of each token (-1: punctuation), words, token offsets, gold source spans
    for text, rels in training_articles(folder):
        segments = split(text)
        # the sentences the tagger will see: those the attribution model calls attributed (its
        # false alarms teach the tagger to name no one), and the gold ones
        analysed = {a.start: a for a in analyse(text, segments, with_reasons=False, rules_only=True)}
        called = {k for k, a in analysed.items() if a.attributed}
        for seg in segments:
            inside = [r for r in rels if r["cue"] and seg.start <= r["cue"][0]["start"] < seg.end]
            if not inside and seg.start not in called:
                continue
            spans = [(p["start"], p["end"]) for r in inside for p in r["source"]]
            toks = tokenize(text, seg.start, seg.end)
            found = analysed[seg.start].attribution
            feats = token_features([m.group() for m in toks], cues, sources, rule_marks(toks, found))
            rows_at = []
            for m, f in zip(toks, feats, strict=True):
                if f is None:  # punctuation: never scored, never a source
                    rows_at.append(-1)
                    continue
                rows_at.append(len(rows_))
                rows_.append(f)
                labels.append(int(any(s <= m.start() < e for s, e in spans)))
            sentences.append((rows_at, [m.group() for m in toks], [(m.start(), m.end()) for m in toks], spans))
    counts: dict[str, int] = {}
    for fs in rows_:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in fs if counts[f] >= min_count} for fs in rows_])
    y = np.array(labels)
    model = LogisticRegression(C=c, max_iter=3000)
    proba = cross_val_predict(model, x, y, cv=3, method="predict_proba")[:, 1]

    def score(threshold: float) -> tuple[float, float, float]:
        """Source overlap of what app.speaker.decode picks from the cross-validated probabilities."""
        tp = fp = fn = 0
        for rows_at, words, offs, spans in sentences:
            run = decode([proba[r] if r >= 0 else 0.0 for r in rows_at], words, threshold)
            if run is not None:
                s, e = offs[run[0]][0], offs[run[1]][1]
                if any(s < ge and gs < e for gs, ge in spans):
                    tp += 1
                    continue
                fp += 1
            if spans:
                fn += 1
        return tp / max(1, tp + fp), tp / max(1, tp + fn), 2 * tp / max(1, 2 * tp + fp + fn)

    # the best F1 of source overlap, cross-validated on the training sentences
    threshold, p, r, f = max(((t, *score(t)) for t in np.arange(0.15, 0.91, 0.05)), key=lambda g: g[3])
    model.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 0.02}
    out = {
        "bias": float(model.intercept_[0]),
        "threshold": round(float(threshold), 2),
        "weights": dict(sorted(weights.items())),
        "meta": {"trained_tokens": len(rows_), "sentences": len(sentences), "cv_p": round(p, 3), "cv_r": round(r, 3),
                 "C": c, "min_count": min_count},
    }  # fmt: skip
    (MODELS / "speaker.json").write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    print(f"speaker: {len(sentences)} sentences, {len(weights)} weights, threshold {threshold:.2f}, "
          f"cross-validated source overlap P {p:.3f} R {r:.3f} F1 {f:.3f}")  # fmt: skip


def main() -> None:
    root = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "../shared/eval"))
    if "--match-only" in sys.argv:
        train_match(root)
        return
    if "--meaning-only" in sys.argv:
        train_match(root, meaning=True)
        return
    if "--speaker-only" in sys.argv:
        train_speaker(root / "attribution_train")
        return
    if "--checkworthy-only" in sys.argv:
        train_checkworthy(root)
        return
    if "--hedge-only" in sys.argv:
        train_hedge(root)
        return
    # C and min_count chosen by cross-validated F1 on the training rows (a plateau: 0.05-0.3 differ by < 0.01)
    train_checkworthy(root)
    train_hedge(root)
    texts, labels, as_cue, seen = attribution_rows(root / "attribution_train")
    # cue words: single tokens that, where they occur, mostly introduce an attribution
    cues = sorted(w for w, n in as_cue.items() if n >= 8 and w.isalpha() and n / seen.get(w, n) >= 0.3)
    train("attribution", texts, labels, c=0.1, min_count=3, extra={"cues": cues})
    train_speaker(root / "attribution_train")
    train_match(root)
    train_match(root, meaning=True)


def train_checkworthy(root: Path) -> None:
    from app.extract import news_boost, rule_attribution

    texts, labels = rows(root / "checkworthy_claimbuster.tsv", "sentence_id", "label")
    boost = np.array(
        [news_boost(features(t), rule_attribution(t, 0, len(t), use_lexicon=False) is not None) for t in texts]
    )
    train("checkworthy", texts, labels, c=0.1, min_count=3, offset=boost)


def train_hedge(root: Path) -> None:
    from app.extract import hedge_cue

    def hedged(text: str, feats: set[str], p: float, t: float) -> bool:
        return hedge_cue(text, feats, probability=p, threshold=t) is not None

    train("hedge", *rows(root / "hedge_train.tsv", "id", "uncertain"), c=0.05, min_count=5, decision=hedged)


def match_pairs(rows: list[dict], meaning: bool = False) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """The pair model's training pairs: each headline with the earlier ones that blocking hands it
    (up to 100), as features (with the meaning vectors' cosine when ``meaning``), labels (same
    rumor) and the two rumors."""
    from app.evaluation import prepare_headlines
    from app.similarity import MemoryIndex, features, idf_top, overlap_of

    prepared, vocab = prepare_headlines(rows, meaning=meaning)
    index = MemoryIndex(vocab)
    idf = {t: vocab.idf(t) for t in vocab.df}
    x, y, rumors = [], [], []
    top = idf_top(vocab.docs)
    for p in prepared:
        for k, cos, common in index.candidates(p, 100):
            ov = overlap_of(p, index.items[k], common, cos, idf, top)
            x.append(features(p, index.items[k], idf, top, ov))
            a, b = str(rows[p.key]["rumor"]), str(rows[k]["rumor"])
            y.append(int(a == b))
            rumors.append((a, b))
        index.add(p)
    return np.array(x), np.array(y), rumors


def train_match(root: Path, meaning: bool = False) -> None:
    """The pair-score combiner, on pairs of training-rumor headlines that share a rare word: of
    the words alone (match.json), or with the sentence model's cosine too (match_meaning.json)."""
    from app.evaluation import read_headlines
    from app.similarity import FEATURES, MEANING_FEATURES, MEANING_MODEL, MODEL

    rows = read_headlines(root / "rumor_headlines_train.jsonl", only_training=True)
    x, y, _rumors = match_pairs(rows, meaning=meaning)
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    out = {
        "features": list(MEANING_FEATURES if meaning else FEATURES),
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 4),
        "meta": {"trained_pairs": len(y), "positive_pairs": int(sum(y)), "rumors": len({r["rumor"] for r in rows})},
    }
    path = MEANING_MODEL if meaning else MODEL
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(y)} candidate pairs ({sum(y)} same rumor), weights {out['weights']}, bias {out['bias']}")


if __name__ == "__main__":
    main()
