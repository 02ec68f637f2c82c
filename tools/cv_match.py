"""Cross-validated matching on the training rumors: how a setting would do on rumors it never saw.

    .venv/bin/pip install scikit-learn
    .venv/bin/python tools/cv_match.py ../shared/eval [KEY=VALUE ...]

The training rumors (never the held-out fifth) are divided into five folds, four times over with
different divisions. For each fold the pair model is trained as tools/train_models.py trains it,
on the candidate pairs of the other four folds only, and the fold's headlines are clustered alone
with the given [match] settings (as under ``claimdesk --match``). Printed: the automatic tier's
pooled precision and recall for each division, and their mean.

Folds of about 310 headlines seldom hold two rumors about one subject, so a setting that lowers
precision where many rumors share a subject shows it less here than on all training rumors at
once (``claimdesk eval match``): read both.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from train_models import match_pairs  # (this folder is on the path when run as tools/cv_match.py)

from app.config import Settings, with_match_overrides
from app.evaluation import prepare_headlines, read_headlines, score_clusters
from app.similarity import ScoreModel, cluster

FOLDS = 5
DIVISIONS = ("cv", "salt2", "salt3", "salt4")


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval")
    m = with_match_overrides(Settings(), sys.argv[2:]).match
    meaning = m.uses_meaning()  # (the sentence model's cosine as a ninth feature, as claimdesk matches)
    print(f"pair model with meaning: {meaning}")
    rows = read_headlines(root / "rumor_headlines_train.jsonl", only_training=True)
    x, y, pair_rumors = match_pairs(rows, meaning=meaning)
    means = []
    for division in DIVISIONS:

        def fold(rumor: str, division: str = division) -> int:
            return zlib.crc32((division + rumor).encode("utf-8")) % FOLDS

        tp = fp = fn = 0
        for f in range(FOLDS):
            # a pair trains only when neither of its headlines is in the fold
            train = np.array([fold(a) != f and fold(b) != f for a, b in pair_rumors])
            lr = LogisticRegression(C=1.0, max_iter=2000).fit(x[train], y[train])
            model = ScoreModel(tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0]), {})
            part = [r for r in rows if fold(str(r["rumor"])) == f]
            prepared, vocab = prepare_headlines(part, meaning=meaning)
            result = cluster(
                prepared, vocab, suggest=m.suggest_threshold, auto=m.auto_threshold,
                min_auto_words=m.min_auto_words, min_member_average=m.min_member_average,
                limit=m.max_candidates, model=model,
            )  # fmt: skip
            auto = score_clusters(part, result, m.suggest_threshold).auto
            tp, fp, fn = tp + auto.tp, fp + auto.fp, fn + auto.fn
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        means.append((p, r))
        print(f"division {division}: automatic tier P {p:.4f} R {r:.4f}", flush=True)
    print(f"mean over {len(DIVISIONS)} divisions: automatic tier P {np.mean([p for p, _ in means]):.4f} "
          f"R {np.mean([r for _, r in means]):.4f}")  # fmt: skip


if __name__ == "__main__":
    main()
