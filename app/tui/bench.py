"""``claimdesk bench tui``: the review screen on a large database, timed as a user sees it.

The app runs headless in a fresh process (so imports count towards the first paint) and every
frame it would send to the terminal is rendered to its escape codes and time-stamped. A key's
latency is the time from the key press to the last frame that followed it: what the screen shows
once the key's work is done. Figures are printed, never asserted in tests.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

#: how long the screen must stay still after a key before its last frame counts as the result
SETTLE = 0.08


@dataclass
class Timings:
    first_paint_process_s: float = 0.0
    first_paint_app_s: float = 0.0
    keys: dict[str, list[float]] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, seconds: float | None) -> None:
        if seconds is None:  # e.g. j on the last claim: nothing to time
            self.unchanged[name] = self.unchanged.get(name, 0) + 1
        else:
            self.keys.setdefault(name, []).append(seconds)


class _Frames:
    """Time-stamps frames; renders each to escape codes as a terminal driver would."""

    def __init__(self, app: Any) -> None:
        self.times: list[float] = []
        self.first_full: float | None = None
        original = app._display
        console = app.console

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                if hasattr(renderable, "render_segments"):
                    renderable.render_segments(console)
                now = time.perf_counter()
                self.times.append(now)
                if self.first_full is None and getattr(screen, "claim_id", None) is not None:
                    self.first_full = now
            original(screen, renderable)

        app._display = display


#: one round of review keys, in order (the order matters: undo takes back the decisions before it)
REVIEW_PRESSES: list[tuple[str, str]] = [
    *[("next claim (j)", "j")] * 8,
    *[("previous claim (k)", "k")] * 3,
    *[("next article (J)", "J")] * 4,
    *[("previous article (K)", "K")] * 2,
    *[("approve (a)", "a")] * 4,
    *[("reject (x)", "x"), ("skip (space)", "space")] * 2,
    *[("verdict (1-5)", k) for k in "12345"],
    *[("undo (u)", "u")] * 4,
]


async def _settled(pilot: Any, frames: _Frames, t0: float) -> float | None:
    """Seconds from ``t0`` to the last frame before the screen went still.

    Only waits: the app paints on its own refresh timer, as it does in a terminal (Pilot.pause
    would force an extra repaint)."""
    n = len(frames.times)
    while True:
        await asyncio.sleep(SETTLE)
        if len(frames.times) == n:
            break
        n = len(frames.times)
    after = [t for t in frames.times if t >= t0]
    return after[-1] - t0 if after else None  # None: the key changed nothing on screen


async def _drive(path: str, spawned: float, size: tuple[int, int], rounds: int) -> Timings:
    t_app = time.perf_counter()
    from app.config import Settings
    from app.tui import make_app
    from db import open_database, session
    from db.queries import rumor_members

    engine = open_database(path)
    app = make_app(engine, "bench", Settings())
    frames = _Frames(app)
    out = Timings()
    rng = random.Random(3)
    async with app.run_test(size=size) as pilot:
        while frames.first_full is None:
            await asyncio.sleep(0.005)
        out.first_paint_app_s = frames.first_full - t_app
        out.first_paint_process_s = time.time() - spawned - (time.perf_counter() - frames.first_full)
        await _settled(pilot, frames, time.perf_counter())
        screen = app.screen

        async def key(name: str, k: str) -> None:
            t0 = time.perf_counter()
            await app._press_keys([k])  # as the terminal driver posts a key: no waiting on the screen
            out.add(name, await _settled(pilot, frames, t0))

        for _ in range(rounds):
            for name, k in REVIEW_PRESSES:
                await key(name, k)
        # the rumor view, on rumors of every size: the biggest and a sample of the others
        with session(engine) as s:
            from sqlalchemy import text

            biggest = s.execute(
                text("SELECT rumor_id FROM claim WHERE rumor_id IS NOT NULL GROUP BY rumor_id ORDER BY count(*) DESC")
            ).first()[0]
            ids = [r[0] for r in s.execute(text("SELECT id FROM rumor")).all()]
            picks = [biggest, *rng.sample(ids, min(len(ids), 5 * rounds))]
            targets = []
            for rid in picks:
                members = rumor_members(s, rid)
                m = members[-1].claim
                targets.append((rid, m.article_id, m.id, len(members)))
        for rid, article_id, claim_id, n in targets:
            screen.show(article_id, claim_id)
            await _settled(pilot, frames, time.perf_counter())
            t0 = time.perf_counter()
            await app._press_keys(["d"])
            name = f"rumor view (d), {n} members" if rid == biggest else "rumor view (d)"
            out.add(name, await _settled(pilot, frames, t0))
            await key("back from the rumor view", "escape")
        await key("rumor list (r)", "r")
        await key("back from the rumor list", "escape")
    engine.dispose()
    return out


def _child(path: str, spawned: float, size: tuple[int, int], rounds: int, queue: Any) -> None:
    queue.put(asyncio.run(_drive(path, spawned, size, rounds)))


def bench_tui(path: str, size: tuple[int, int] = (160, 48), rounds: int = 3) -> Timings:
    """Run the review screen on a copy of the database at ``path`` in a fresh process."""
    import multiprocessing as mp
    import shutil
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-tui-") as tmp:
        copy = str(Path(tmp) / "review.db")
        shutil.copyfile(path, copy)  # the keys decide claims: keep the built database as it was
        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        proc = ctx.Process(target=_child, args=(copy, time.time(), size, rounds, queue))
        proc.start()
        result = queue.get()
        proc.join()
    return result


def summary(t: Timings) -> list[str]:
    lines = [
        f"first paint: {t.first_paint_process_s * 1000:.0f} ms from process start "
        f"({t.first_paint_app_s * 1000:.0f} ms from building the app)"
    ]
    for name, times in t.keys.items():
        times = sorted(times)
        lines.append(
            f"  {name:<32} median {statistics.median(times) * 1000:6.1f} ms   "
            f"max {times[-1] * 1000:6.1f} ms   ({len(times)} presses)"
        )
    if t.unchanged:
        lines.append(
            "  (not timed, the screen did not change: " + ", ".join(f"{k} x{n}" for k, n in t.unchanged.items()) + ")"
        )
    return lines
