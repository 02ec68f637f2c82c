"""The evaluation commands on the real annotated data (skipped where ../shared/eval is absent)."""

from __future__ import annotations

import re

import pytest

from .conftest import SHARED_EVAL

pytestmark = pytest.mark.skipif(not SHARED_EVAL.exists(), reason="../shared/eval is not here")

# the simple-rule floors the issue names; the held-out fifth must stay clear of them
FLOORS = {
    "attribution": ("attribution_train", "attributed sentences", 0.64),
    "checkworthy": ("checkworthy_claimbuster.tsv", "check-worthy sentences", 0.53),
    "hedge": ("hedge_train.tsv", "hedged sentences", 0.42),
}


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_eval_extract_prints_precision_recall_f1_above_the_floor(cli, dataset):
    path, label, floor = FLOORS[dataset]
    result = cli("eval", "extract", "--dataset", dataset, "--held-out", SHARED_EVAL / path)
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stdout.splitlines() if label in ln)
    p, r, f1 = (float(x) for x in re.findall(r"(?:P|R|F1) (\d\.\d+)", line))
    assert 0 < p <= 1 and 0 < r <= 1
    assert f1 > floor + 0.1


def test_eval_match_beats_plain_token_set_ratio(cli):
    result = cli("eval", "match", SHARED_EVAL / "rumor_headlines_train.jsonl")
    assert result.exit_code == 0, result.output
    best = float(re.search(r"best pairwise F1 (\d\.\d+)", result.stdout).group(1))
    assert best > 0.639  # token_set_ratio at its best threshold (../shared/eval/README.md)
    auto = next(ln for ln in result.stdout.splitlines() if "automatic tier" in ln)
    assert float(re.search(r"P (\d\.\d+)", auto).group(1)) > 0.8
