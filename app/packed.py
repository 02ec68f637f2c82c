"""Scoring many pairs at once: a MemoryIndex's claims as arrays.

Clustering scores about twenty-five candidates for each of 100,000 claims. Worked out pair by
pair in Python (``similarity.score_shared``) most of the time went in reaching each candidate's
word set and piece signature, scattered over the heap among 100,000 others (an intersection of
two 14-word sets costs 0.3 us when both are in the cache and 1.5-2.5 us here). Here the claims'
words are rows of a sparse matrix and their piece signatures rows of a bit matrix, so the shared
words, the IDF cosine, the rarest shared word and the shared pieces of a whole batch of pairs are
worked out in C, and rapidfuzz scores the batch's strings in one call each.

The scores are the pair model's (``similarity.score_shared``), the same to the last bits but
for the order in which a pair's shared words are summed into its cosine (a difference of about
1e-14 in a score); a test holds the two to the same matches.
"""

from __future__ import annotations

import math
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from app.similarity import PIECE_BITS, _word_mask, says_when_or_how_many

if TYPE_CHECKING:
    from app.similarity import MemoryIndex, ScoreModel

_WORDS = PIECE_BITS // 64  # a piece signature as 64-bit words
assert _WORDS * 64 == PIECE_BITS
_BLOCK = 4096  # claims whose piece signatures are worked out at once


def _rows_of_one_array(vecs: list[np.ndarray]) -> np.ndarray:
    """The vectors as one matrix: the array they are the rows of, in order, where they are (as
    encode's and the benchmark's are: no copy of 150 MB for 100,000 claims), else stacked."""
    base = vecs[0].base if vecs else None
    if isinstance(base, np.ndarray) and base.ndim == 2 and base.shape[0] == len(vecs) and base.flags.c_contiguous:
        start, step = base.__array_interface__["data"][0], base.strides[0]
        if all(v.base is base and v.__array_interface__["data"][0] == start + i * step for i, v in enumerate(vecs)):
            return base
    return np.stack(vecs)


class PackedIndex:
    """The claims of a MemoryIndex (all of them, once added) as arrays: built once before
    scoring; forked scoring workers share it."""

    def __init__(self, index: MemoryIndex) -> None:
        items = index.items
        n = len(items)
        # every word of every claim added, in an order that does not hang on the hash seed (a row's
        # shared words are summed in it)
        tokens = sorted(index.idf)
        column = {t: j for j, t in enumerate(tokens)}
        idf = np.fromiter(map(index.idf.__getitem__, tokens), dtype=np.float64, count=len(tokens))
        lengths = np.fromiter(map(len, (p.tokens for p in items)), dtype=np.int64, count=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        cols = np.fromiter(
            map(column.__getitem__, chain.from_iterable(p.tokens for p in items)), dtype=np.int32, count=int(indptr[-1])
        )
        shape = (n, len(tokens))
        #: each claim's IDF weights (its words' columns)
        self.weights = sparse.csr_array((idf[cols], cols, indptr), shape=shape)
        self.weights.sort_indices()
        #: the same words, each 1.0
        self.has = sparse.csr_array((np.ones(len(cols)), self.weights.indices, self.weights.indptr), shape=shape)
        # (the arrays are shared with ``has``: nothing below changes them in place)
        what = np.fromiter((not says_when_or_how_many(t) for t in tokens), dtype=bool, count=len(tokens))
        indices, data = self.weights.indices, self.weights.data
        #: the IDF of the words that do not say when or how many (Prepared.what): rarest_shared's words
        self.what = sparse.csr_array((np.where(what[indices], data, 0.0), indices.copy(), indptr.copy()), shape=shape)
        self.what.eliminate_zeros()
        # piece signatures: each word's bits as 64-bit words, ORed over a claim's words in C (a block
        # of claims at a time: every word's row at once would take 700 MB for 100,000 claims)
        masks = np.frombuffer(
            b"".join([_word_mask(t).to_bytes(PIECE_BITS // 8, "little") for t in tokens]), dtype=np.uint64
        ).reshape(len(tokens), _WORDS)
        pieces = np.zeros((n, _WORDS), dtype=np.uint64)
        for a in range(0, n, _BLOCK):
            b = min(a + _BLOCK, n)
            rows = np.flatnonzero(lengths[a:b])
            if len(rows):
                starts = indptr[a:b][rows]
                block = masks[indices[starts[0] : indptr[b]]]
                pieces[a + rows] = np.bitwise_or.reduceat(block, starts - starts[0], axis=0)
        #: each claim's piece signature, and how many bits it has set
        self.pieces = pieces
        self.piece_count = np.bitwise_count(pieces).sum(axis=1, dtype=np.int64)
        self.norms = np.asarray(index.norms, dtype=np.float64)
        self.words = np.fromiter((p.words for p in items), dtype=np.int64, count=n)
        self.norm_text = [p.norm for p in items]
        self.sorted_text = [p._sorted or p.sorted_words for p in items]
        self.min_cos = index.min_cos
        #: the claims' meaning vectors (app.meaning) when every claim has one, and their squared norms
        self.vecs: np.ndarray | None = None
        self.vec_norms: np.ndarray | None = None
        if n and all(p.vec is not None for p in items):
            from app.meaning import squared_norms

            self.vecs = _rows_of_one_array([p.vec for p in items])  # type: ignore[misc]
            self.vec_norms = squared_norms(self.vecs)

    def score(
        self, queries: list[int], candidates: list[list[int]], limit: int, floor: float, model: ScoreModel, top: float
    ) -> list[tuple[list[tuple[int, float]], int]]:
        """For each query claim (a position; the queries in ascending order), its candidates
        (positions, in blocking's order) kept as MemoryIndex.candidates keeps them (IDF cosine >=
        min_cos, the ``limit`` best by cosine) and scored: (the (position, score) of those scoring
        >= ``floor``, best cosine first; how many were scored). ``top`` is idf_top of the count of
        claims."""
        sizes = list(map(len, candidates))
        total = sum(sizes)
        if not total:
            return [([], 0) for _q in queries]
        qi = np.repeat(np.asarray(queries, dtype=np.int64), sizes)
        kk = np.fromiter(chain.from_iterable(candidates), dtype=np.int64, count=total)
        shared = self.weights[qi].multiply(self.weights[kk]).tocsr()  # IDF squared of each shared word
        cos = shared.sum(axis=1) / (self.norms[qi] * self.norms[kk])
        n_shared = np.diff(shared.indptr)
        # as blocking keeps them: cosine >= min_cos, best first (ties in blocking's order), `limit` a claim
        keep = np.flatnonzero(cos >= self.min_cos)
        keep = keep[np.lexsort((-cos[keep], qi[keep]))]
        if not len(keep):
            return [([], 0) for _q in queries]
        qi, kk, cos, n_shared = qi[keep], kk[keep], cos[keep], n_shared[keep]
        first = np.flatnonzero(np.r_[True, qi[1:] != qi[:-1]])
        group_start = np.repeat(first, np.diff(np.r_[first, len(qi)]))
        within = np.flatnonzero(np.arange(len(qi)) - group_start < limit)
        qi, kk, cos, n_shared = qi[within], kk[within], cos[within], n_shared[within]
        query_of = np.searchsorted(queries, qi)  # each pair's place among the queries
        scored = np.bincount(query_of, minlength=len(queries))
        # the rarest shared word (of the query's words that do not say when or how many)
        rare = self.what[qi].multiply(self.has[kk]).tocsr()
        rarest = np.zeros(len(qi))
        filled = np.diff(rare.indptr) > 0
        if filled.any():
            rarest[filled] = np.maximum.reduceat(rare.data, rare.indptr[:-1][filled])
        rarest /= top
        # word pieces in common, over the smaller signature and over the larger
        both = np.bitwise_count(self.pieces[qi] & self.pieces[kk]).sum(axis=1, dtype=np.int64)
        pq, pk = self.piece_count[qi], self.piece_count[kk]
        q_smaller = pq < pk
        with np.errstate(divide="ignore", invalid="ignore"):
            by_q, by_k = both / pq, both / pk
        small = np.where(both > 0, np.where(q_smaller, by_q, by_k), 0.0)
        large = np.where(both > 0, np.where(q_smaller, by_k, by_q), 0.0)
        wq, wk = self.words[qi], self.words[kk]
        length_ratio = np.minimum(wq, wk) / np.maximum(np.maximum(wq, wk), 1)
        qi_l, kk_l = qi.tolist(), kk.tolist()
        sorted_text = self.sorted_text
        token_sort = process.cpdist(
            list(map(sorted_text.__getitem__, qi_l)), list(map(sorted_text.__getitem__, kk_l)),
            scorer=fuzz.ratio, dtype=np.float64,
        )  # fmt: skip
        # the pair model as score_shared works it out, operation for operation
        w0, w1, w2, w3, w4, w5, w6, w7 = model.weights[:8]
        z = (
            model.bias
            + w1 * token_sort / 100.0
            + w2 * cos
            + w3 * np.minimum(n_shared, 5) / 5.0
            + w4 * length_ratio
            + w5 * rarest
            + w6 * small
            + w7 * large
        )
        if model.meaning:
            if self.vecs is None:
                raise ValueError("the pair model reads meaning vectors, and some claims have none")
            from app.meaning import cosines

            z = z + model.weights[8] * cosines(self.vecs, self.vec_norms, qi, kk)
        # token_set_ratio (the costliest) only where the pair can still reach the floor
        z_floor = math.log(floor / (100.0 - floor)) if 0.0 < floor < 100.0 else -math.inf
        reach = np.flatnonzero(z + (w0 if w0 > 0 else 0.0) >= z_floor)
        if not len(reach):
            return [([], int(c)) for c in scored]
        norm_text = self.norm_text
        reach_l = reach.tolist()
        token_set = process.cpdist(
            [norm_text[qi_l[j]] for j in reach_l], [norm_text[kk_l[j]] for j in reach_l],
            scorer=fuzz.token_set_ratio, dtype=np.float64,
        )  # fmt: skip
        z = z[reach] + w0 * token_set / 100.0
        # the logistic in Python (math.exp), where numpy's may differ in the last bit, for the pairs
        # near or over the floor
        near = np.flatnonzero(100.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))) >= floor - 1e-6)
        exp = math.exp
        matches: list[list[tuple[int, float]]] = [[] for _q in queries]
        query_l = query_of.tolist()
        for j, zj in zip(near.tolist(), z[near].tolist(), strict=True):
            s = 100.0 / (1.0 + exp(-(zj if -30 < zj < 30 else (30 if zj > 0 else -30))))
            if s >= floor:
                r = reach_l[j]
                matches[query_l[r]].append((kk_l[r], s))
        return [(m, int(c)) for m, c in zip(matches, scored, strict=True)]
