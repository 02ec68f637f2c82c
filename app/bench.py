"""Benchmarks behind ``claimdesk bench``: figures printed, never asserted in tests."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from app.ingest import read_file


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
