"""The ``claimdesk`` command line (click: subcommands, typed options and help for free)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from app import __version__
from app.config import ConfigError, Settings, load_settings, with_match_overrides
from app.wording import counted
from db.models import CLAIM_STATUSES


def _settings() -> Settings:
    try:
        settings = load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    ctx = click.get_current_context(silent=True)
    overrides = (ctx.find_root().obj or {}).get("match", ()) if ctx is not None else ()
    try:
        return with_match_overrides(settings, overrides)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def _engine(db: Path | None, create: bool = True):  # type: ignore[no-untyped-def]
    from db import DatabaseError, default_db_path, open_database

    path = db or default_db_path()
    try:
        return open_database(path, create=create)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file (default: $CLAIMDESK_DB, else claimdesk.db in the user data folder).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimdesk")
@click.option(
    "--match",
    "match_overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a matching setting for this run, e.g. --match auto_threshold=60 "
    "(keys as under [match] in config.toml; repeatable).",
)
@click.pass_context
def main(ctx: click.Context, match_overrides: tuple[str, ...]) -> None:
    """claimdesk: find, review and export the claims that news stories repeat."""
    ctx.obj = {"match": match_overrides}


@contextmanager
def _model_errors() -> Iterator[None]:
    """A sentence model that cannot be loaded (app.meaning.MeaningError) as a one-line error
    saying what to do, not a traceback."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, "whole_message", False):
            raise click.ClickException(str(exc)) from None
        raise


class _Bar:
    """A progress bar on stderr (a terminal's, for 20 steps or more), shown once work starts."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.progress = None
        self.task = None

    def say(self, line: str) -> None:
        if self.progress is not None:
            from rich.text import Text

            self.progress.console.print(Text(line), highlight=False)
        else:
            click.echo(line, err=True)

    def advance(self, done: int, total: int) -> None:
        if self.progress is None and total >= 20 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=total)
        if self.progress is not None:
            self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def run_ingest(engine, paths: list[Path], settings: Settings) -> int:  # type: ignore[no-untyped-def]
    """Ingest with one stderr line per problem and a summary; returns the exit status."""
    from app.pipeline import ingest_paths

    bar = _Bar("ingesting")

    def report(problem) -> None:  # type: ignore[no-untyped-def]
        bar.say(f"{'error' if problem.fatal else 'note'}: {problem}")

    try:
        summary = ingest_paths(engine, paths, settings, report=report, advance=bar.advance)
    finally:
        bar.stop()
    click.echo(f"ingest: {summary.line()}")
    return 1 if summary.skipped_any else 0


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--max-size", type=float, default=None, metavar="MB", help="Skip files larger than this (default 5 MB).")
def ingest(paths: tuple[Path, ...], db: Path | None, max_size: float | None) -> None:
    """Read articles (.txt, .md, .json, .jsonl, .html; folders recursively) and extract their claims."""
    settings = _settings()
    if max_size is not None:
        from dataclasses import replace

        settings = replace(settings, max_file_bytes=int(max_size * 1024 * 1024))
    sys.exit(run_ingest(_engine(db), list(paths), settings))


def _statuses(value: str) -> list[str] | None:
    if value.strip().lower() == "all":
        return None
    out = [s.strip().lower() for s in value.split(",") if s.strip()]
    bad = [s for s in out if s not in CLAIM_STATUSES]
    if bad or not out:
        raise click.BadParameter(
            f"use 'all' or a comma-separated list of {', '.join(CLAIM_STATUSES)}", param_hint="--status"
        )
    return out


@main.command()
@db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@click.option(
    "--status",
    "status",
    default="approved",
    show_default=True,
    help="Statuses to export: a comma-separated list, or all.",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option("--excel", is_flag=True, help="CSV for Excel: byte-order mark and CRLF line endings.")
def export(db: Path | None, output: Path | None, status: str, fmt: str, excel: bool) -> None:
    """Write reviewed claims as CSV or JSONL."""
    from app.export import export as do_export
    from db import session

    statuses = _statuses(status)
    engine = _engine(db, create=False)
    with session(engine) as s:
        try:
            n = do_export(s, output, statuses, fmt, excel, stdout=sys.stdout)
        except OSError as exc:
            raise click.ClickException(
                f"{output}: cannot write the export ({exc.strerror or exc}); nothing was written"
            ) from exc
    if output is not None:
        click.echo(f"export: {n} claims written to {output}", err=True)


@main.command()
@db_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="How many rumors to list.")
def stats(db: Path | None, top: int) -> None:
    """Counts by status and verdict, and the rumors repeated most across stories."""
    from app.stats import compute
    from db import session

    with session(_engine(db, create=False)) as s:
        st = compute(s, top)
    click.echo(f"articles: {st.articles}   claims: {st.claims}")
    click.echo("by status:  " + ", ".join(f"{k} {v}" for k, v in st.by_status.items()))
    click.echo("by verdict: " + ", ".join(f"{k} {v}" for k, v in st.by_verdict.items()))
    click.echo(f"rumors spanning 2+ stories: {st.multi_story_rumors}")
    for r in st.top_rumors:
        text = r.canonical if len(r.canonical) <= 90 else r.canonical[:87] + "..."
        click.echo(
            f"  #{r.rumor_id:<5} {counted(r.stories, 'story', 'stories')}, {counted(r.outlets, 'outlet')}, "
            f"first seen {r.first_seen or '?'}: {text}"
        )


def samples_dir() -> Path:
    """samples/ of a checkout, or the copy packaged inside a wheel."""
    packaged = Path(__file__).parent / "_samples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "samples"


@main.command()
@db_option
@click.option("--reviewer", default=None, help="Your name in the audit log (default: your login).")
def demo(db: Path | None, reviewer: str | None) -> None:
    """Load the sample stories into a fresh demo database and open the review screen."""
    from platformdirs import user_data_path

    path = db or user_data_path("claimdesk", appauthor=False) / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = _engine(path)
    settings = _settings()
    click.echo(f"demo database: {path}")
    status = run_ingest(engine, [samples_dir()], settings)
    if status:
        sys.exit(status)
    _review(engine, path, reviewer, settings)


def _review(engine, path: Path, reviewer: str | None, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Open the review screen; without a terminal, say what is in the database instead."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from app.stats import compute
        from db import session

        with session(engine) as s:
            st = compute(s, 5)
        click.echo(
            f"loaded {st.articles} articles, {st.claims} claims, {st.multi_story_rumors} rumors spanning 2+ stories"
        )
        for r in st.top_rumors:
            click.echo(
                f"  {counted(r.stories, 'story', 'stories')}, {counted(r.outlets, 'outlet')}, "
                f"first seen {r.first_seen}: {r.canonical}"
            )
        click.echo(f"(the review screen needs a terminal: run claimdesk review --db {path} in one)")
        return
    from app.tui import run as run_tui

    run_tui(engine, reviewer=reviewer, settings=settings)


@main.command()
@db_option
@click.option("--reviewer", default=None, help="Your name in the audit log (default: your login).")
def review(db: Path | None, reviewer: str | None) -> None:
    """Open the review screen."""
    from db import default_db_path

    _review(_engine(db, create=False), db or default_db_path(), reviewer, _settings())


@main.group(name="eval")
def eval_group() -> None:
    """Measure extraction and matching against annotated data (see ../shared/eval/README.md)."""


@eval_group.command(name="extract")
@click.option(
    "--dataset", type=click.Choice(["attribution", "checkworthy", "hedge"]), required=True, help="Which annotation set."
)
@click.option("--held-out", "held", is_flag=True, help="Score only the fixed fifth that training and tuning never saw.")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def eval_extract(dataset: str, held: bool, path: Path) -> None:
    """Precision, recall and F1 of claim extraction on PATH (a .tsv, or the attribution folder)."""
    from app.evaluation import DATASETS, DatasetError

    t0 = time.perf_counter()
    try:
        results = DATASETS[dataset](path, only_held_out=held)
    except DatasetError as e:
        raise click.ClickException(f"{e} (--dataset {dataset})") from None
    click.echo(f"{dataset} on {path}{' (held-out fifth)' if held else ''}:")
    for name, prf in results.items():
        click.echo("  " + prf.line(name))
    click.echo(f"  ({time.perf_counter() - t0:.1f} s)")


@main.group(name="bench", invoke_without_command=True)
@click.pass_context
def bench_group(ctx: click.Context) -> None:
    """Speed benchmarks; they print figures. Without a subcommand: all of them (several minutes)."""
    from app.bench import machine_speed

    click.echo(f"machine: the calibration loop takes {machine_speed():.0f} ms (lower is faster; see the README)")
    if ctx.invoked_subcommand is None:
        ctx.invoke(bench_extract_cmd)
        ctx.invoke(bench_match_cmd)
        ctx.invoke(bench_tui_cmd)


@bench_group.command(name="extract")
@click.option("--runs", default=300, show_default=True)
@click.option("--chars", default=5000, show_default=True, help="Article length.")
def bench_extract_cmd(runs: int, chars: int) -> None:
    """Median time to extract the claims of one article, on one core."""
    from app.bench import bench_extract

    r = bench_extract(samples_dir(), runs=runs, size=chars)
    click.echo(
        f"extract: {r['chars']}-character article, {r['claims']} claims: "
        f"median {r['median_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms over {runs} runs"
    )


@eval_group.command(name="match")
@click.option("--held-out", "held", is_flag=True, help="Score only the fixed fifth of rumors that training never saw.")
@click.option(
    "--pairs",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Also score graded headline pairs (sts_headlines .tsv): ROC-AUC and F1.",
)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def eval_match_cmd(held: bool, pairs: Path | None, path: Path) -> None:
    """Pairwise precision, recall and F1 of "same rumor" at both tiers, and the B-cubed cluster score."""
    from app.evaluation import DatasetError, eval_match, eval_pairs

    settings = _settings()
    m = settings.match
    t0 = time.perf_counter()
    try:
        with _model_errors():
            e = eval_match(path, settings, only_held_out=held)
    except DatasetError as err:
        raise click.ClickException(str(err)) from None
    click.echo(
        f"rumor headlines {path}{' (held-out rumors)' if held else ''}: {e.headlines} headlines, {e.rumors} rumors, "
        f"{e.scored_pairs} pairs scored; {_meaning_line(m)}"
    )
    click.echo("  " + e.auto.line(f"automatic tier (>= {m.auto_threshold:g})"))
    click.echo("  " + e.suggest.line(f"suggested tier (>= {m.suggest_threshold:g})"))
    click.echo(
        f"  best pairwise F1 {e.best_f1:.3f} (P {e.best_p:.3f} R {e.best_r:.3f}) at score {e.best_threshold:.1f}"
    )
    click.echo(f"  B-cubed clusters                   P {e.bcubed_p:.3f}  R {e.bcubed_r:.3f}  F1 {e.bcubed_f1:.3f}")
    if pairs is not None:
        try:
            auc, prf = eval_pairs(pairs, m.suggest_threshold, meaning=m.uses_meaning())
        except DatasetError as err:
            raise click.ClickException(str(err)) from None
        click.echo(f"headline pairs {pairs}: ROC-AUC {auc:.3f}")
        click.echo("  " + prf.line(f"same claim at >= {m.suggest_threshold:g}"))
    click.echo(f"  ({time.perf_counter() - t0:.1f} s)")


def _meaning_line(m) -> str:  # type: ignore[no-untyped-def]
    """Which pair model matching uses, and how to get the other."""
    from app.meaning import INSTALL_HINT

    if m.uses_meaning():
        return "words and meaning (sentence model)"
    if not m.meaning:
        return "words only (meaning = false)"
    return f"words only (the sentence model is not installed: {INSTALL_HINT})"


@main.command()
@click.argument("text", required=False)
@db_option
@click.option("--top", default=5, show_default=True, type=click.IntRange(min=1), help="How many stored claims to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--queries", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="A file with one text per line: one JSON line of results per query, in order.",
)  # fmt: skip
def similar(text: str | None, db: Path | None, top: int, fmt: str, queries: Path | None) -> None:
    """The stored claims most like TEXT: has this been checked before?"""
    import json

    from app.export import fetch_rows
    from app.matching import similar as find_similar
    from db import session

    if (text is None) == (queries is None):
        raise click.UsageError("give a TEXT or --queries FILE (one of them)")
    settings = _settings()
    texts = [text] if text is not None else _query_lines(queries)  # type: ignore[arg-type]
    with _model_errors(), session(_engine(db, create=False)) as s:
        for q in texts:
            hits = find_similar(s, q, settings.match, top) if q.strip() else []
            rows = {r["claim_id"]: r for r in fetch_rows(s, None, [cid for cid, _s, _d in hits])}
            # the export's fields ("score" stays the claim's check-worthiness), the similarity to
            # the query, and how the two differ where they do ("one is negated": a denial)
            results = [dict(rows[cid], similarity=score, differences=diff) for cid, score, diff in hits if cid in rows]
            if queries is not None or fmt == "json":
                click.echo(json.dumps({"query": q, "results": results}, ensure_ascii=False))
                continue
            if not results:
                click.echo("no stored claim is like this one")
            for r in results:
                told = counted(r["rumor_articles"], "story", "stories")
                rumor = f"rumor #{r['rumor_id']} ({told})" if r["rumor_id"] else "no rumor"
                differs = f" ({', '.join(r['differences'])})" if r["differences"] else ""
                click.echo(
                    f"{r['similarity']:5.1f}  claim {r['claim_id']} [{r['status']}, verdict {r['verdict'] or '-'}; "
                    f"{rumor}]{differs} {r['outlet'] or '?'} {r['published'] or ''}: {r['claim']}"
                )


def _query_lines(path: Path) -> list[str]:
    """The lines of a --queries file, in whatever encoding it was saved (as ingest reads articles):
    a file that is not text stops with a message naming it, one in another encoding goes on with a
    caveat on stderr."""
    from app.ingest import decode

    text, problem = decode(path.read_bytes(), str(path))
    if text is None:
        raise click.ClickException(str(problem))
    if problem is not None:
        click.echo(f"warning: {problem}", err=True)
    return text.splitlines()


@main.command()
@db_option
def rematch(db: Path | None) -> None:
    """Match all stored claims again (after changing thresholds); reviewer decisions stand."""
    from app.matching import fill_meaning, rematch_all
    from db import session

    settings = _settings()
    with _model_errors(), session(_engine(db, create=False)) as s:
        if settings.match.uses_meaning():
            # claims stored before the sentence model was installed have no vectors yet: worked
            # out here, with a bar (about 7 ms a claim), rather than unseen inside the rematch
            bar = _Bar("meaning vectors")
            try:
                done = fill_meaning(s, advance=bar.advance)
            finally:
                bar.stop()
            if done:
                click.echo(f"rematch: {counted(done, 'claim')} given meaning vectors")
        r = rematch_all(s, settings.match)
        s.commit()
    click.echo(f"rematch: {r.automatic} automatic links, {r.suggested} suggested")


@bench_group.command(name="match")
@click.option("--claims", default=100_000, show_default=True, help="Claims clustered from scratch.")
@click.option("--queries", default=200, show_default=True, help="Sampled claims checked by brute-force scoring.")
@click.option("--stored", default=1_000_000, show_default=True, help="Claims in the store new articles are matched to.")
@click.option("--articles", default=30, show_default=True, help="New 20-claim articles matched against the store.")
@click.option("--workers", default=2, show_default=True, help="Cores for clustering from scratch.")
def bench_match_cmd(claims: int, queries: int, stored: int, articles: int, workers: int) -> None:
    """Matching at scale on synthetic corpora with planted rewordings."""
    from app.bench import bench_cluster, bench_store

    if claims:
        settings = _settings()
        click.echo(f"pair model: {_meaning_line(settings.match)}")
        r = bench_cluster(claims, queries=queries, workers=workers, settings=settings.match)
        click.echo(
            f"cluster from scratch: {r['claims']:,} claims in {r['seconds']:.1f} s on {workers} cores "
            f"({r['pairs_scored']:,} pairs scored, {r['rumors']:,} rumors, peak memory {r['peak_rss_mb']:.0f} MB)"
            + (" (meaning vectors planted, read as stored ones)" if r["meaning"] else "")
        )
        for tier in ("auto", "suggest"):
            found, brute = r[f"{tier}_found"], r[f"{tier}_brute"]
            share = f"{found / brute:.1%}" if brute else "n/a"
            click.echo(
                f"  {tier} tier: found {found} of the {brute} pairs brute-force scoring finds for "
                f"{queries} sampled claims ({share})"
            )
    if stored:
        r = bench_store(stored, articles=articles, settings=_settings().match, samples=samples_dir())
        click.echo(
            f"match a new 20-claim article against {r['stored']:,} stored claims: median {r['median_ms']:.1f} ms, "
            f"p95 {r['p95_ms']:.1f} ms over {articles} articles; peak memory {r['peak_rss_mb']:.0f} MB "
            f"(store {r['db_mb']:.0f} MB on disk, built in {r['build_s']:.0f} s)"
        )
        if r["meaning"]:
            click.echo(
                f"  encoding the article's 20 claims (sentence model, done once when they are stored): median "
                f"{r['encode_median_ms']:.1f} ms, p95 {r['encode_p95_ms']:.1f} ms"
            )


@bench_group.command(name="tui")
@click.option("--articles", default=10_000, show_default=True, help="Stories in the synthetic database.")
@click.option("--per-article", default=20, show_default=True, help="Claims per story.")
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=None,
    help="Keep the synthetic database here and reuse it on later runs (built when missing).",
)
@click.option("--rounds", default=3, show_default=True, help="Rounds of the key sequence.")
@click.option("--size", default="160x48", show_default=True, help="Terminal size, COLUMNSxROWS.")
def bench_tui_cmd(articles: int, per_article: int, db: Path | None, rounds: int, size: str) -> None:
    """The review screen on a large database: first paint, each key, the rumor view."""
    import tempfile

    from app.bench import build_review_db
    from app.tui.bench import bench_tui, summary

    cols, _, rows = size.partition("x")
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-") as tmp:
        path = db or Path(tmp) / "review.db"
        if not path.exists():
            t0 = time.perf_counter()
            built = build_review_db(path, articles, per_article)
            click.echo(
                f"built {built['articles']:,} articles, {built['claims']:,} claims, {built['rumors']:,} rumors, "
                f"{built['links']:,} links in {time.perf_counter() - t0:.0f} s"
            )
        for line in summary(bench_tui(str(path), (int(cols), int(rows)), rounds)):
            click.echo(line)
