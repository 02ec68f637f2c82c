"""Settings: the verdict vocabulary, limits and matching thresholds, in one place.

Read from a TOML file (``$CLAIMDESK_CONFIG``, else ``config.toml`` in the user
config directory) when one exists; every value has a default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

DEFAULT_VERDICTS = ("unverified", "true", "false", "misleading", "mixed")


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class MatchSettings:
    """Matching thresholds, with what they measured on the Emergent rumor headlines
    (``claimdesk eval match``; the README has the current figures).

    The score is app.similarity's learned combination, 0-100.
    """

    #: a link at or above this is suggested to the reviewer
    #: (held-out rumors: suggested-tier recall 0.896, precision 0.571; all rumors: 0.917, 0.373.
    #: By words alone: 0.87, 0.52; 0.89, 0.30)
    suggest_threshold: float = 18.0
    #: at or above this (and no guard raised) two claims are linked without asking
    #: (held-out rumors: automatic-tier precision 1.000, recall 0.501; all rumors: 0.932, 0.469.
    #: By words alone: 0.994, 0.438; 0.955, 0.412)
    auto_threshold: float = 45.0
    #: claims whose core (attribution and hedge removed) is shorter than this many words are never
    #: linked automatically ("shorter than about 8 words"). All rumor headlines, automatic tier:
    #: 8 words P 0.947 R 0.28; 7 words P 0.954 R 0.35; 6 words P 0.943 R 0.40
    min_auto_words: int = 7
    #: a claim joins a rumor only if it also scores this on average against the rumor's latest 8
    #: members: no drifting, claim by claim, into another story about the same people (all rumor
    #: headlines: automatic-tier precision 0.808 without it, 0.954 with it). Two rumors are merged
    #: by the same two bars, judged as wholes (app.similarity.rumors_alike). Chosen by 5-fold
    #: cross-validation on the training rumors (tools/cv_match.py, automatic tier): 50 P 0.981
    #: R 0.385, 48 P 0.981 R 0.391, 45 P 0.981 R 0.396, 44 P 0.980 R 0.398, 42 P 0.977 R 0.407;
    #: on all training rumors at once, 45 gives P 0.962 R 0.406 and 42 P 0.935
    min_member_average: float = 45.0
    #: how many candidates the blocking index hands to the scorer per claim
    max_candidates: int = 25
    #: read what claims mean (a sentence model, app.meaning) as well as their words, when the
    #: model is installed: automatic-tier recall 0.438 -> 0.501 on the held-out rumors, at a cost
    #: of 4-9 ms a claim when it is ingested. Off, or without the model: words alone
    meaning: bool = True

    def uses_meaning(self) -> bool:
        """Whether matching reads meaning vectors: asked for, and the model installed."""
        if not self.meaning:
            return False
        from app.meaning import available

        return available()


@dataclass(frozen=True)
class Settings:
    verdicts: tuple[str, ...] = DEFAULT_VERDICTS
    max_file_bytes: int = 5 * 1024 * 1024
    #: check-worthiness below which an extracted sentence is not stored; None: the
    #: threshold chosen by cross-validation when the model was trained
    min_score: float | None = None
    match: MatchSettings = field(default_factory=MatchSettings)
    #: review-screen keys remapped by binding id, e.g. {"approve": "y", "reject": "n"}
    keymap: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    env = os.environ.get("CLAIMDESK_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("claimdesk", appauthor=False) / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Settings from ``path`` (or the default config file, if it exists)."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from exc
    settings = Settings()
    review = data.get("review", {})
    if "verdicts" in review:
        verdicts = review["verdicts"]
        if not (isinstance(verdicts, list) and verdicts and all(isinstance(v, str) for v in verdicts)):
            raise ConfigError(f"{path}: [review] verdicts must be a non-empty list of strings")
        settings = replace(settings, verdicts=tuple(verdicts))
    ingest = data.get("ingest", {})
    if "max_file_mb" in ingest:
        mb = _number(ingest["max_file_mb"], f"{path}: [ingest] max_file_mb", 0.001, None)
        settings = replace(settings, max_file_bytes=int(mb * 1024 * 1024))
    extract = data.get("extract", {})
    if "min_score" in extract:
        settings = replace(settings, min_score=_number(extract["min_score"], f"{path}: [extract] min_score", 0, 1))
    keymap = data.get("keymap", {})
    if keymap:
        if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in keymap.items()):
            raise ConfigError(f'{path}: [keymap] maps binding ids to keys, like approve = "y"')
        settings = replace(settings, keymap=dict(keymap))
    match = data.get("match", {})
    known = {f.name for f in fields(MatchSettings)}
    unknown = set(match) - known
    if unknown:
        raise ConfigError(f"{path}: unknown [match] keys: {', '.join(sorted(unknown))}")
    if match:
        settings = replace(settings, match=checked_match(replace(settings.match, **match), f"{path}: [match]"))
    return settings


def _number(value: object, what: str, low: float | None, high: float | None, whole: bool = False) -> float:
    """``value`` as a number within [low, high], or a ConfigError saying what is wanted."""
    wanted = "a whole number" if whole else "a number"
    if low is not None and high is not None:
        wanted += f" from {low:g} to {high:g}"
    elif low is not None:
        wanted += f" of at least {low:g}"
    if isinstance(value, bool) or not isinstance(value, int | float) or (whole and not float(value).is_integer()):
        raise ConfigError(f"{what} must be {wanted}, not {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ConfigError(f"{what} must be {wanted}, not {value!r}")
    return value


def checked_match(m: MatchSettings, where: str) -> MatchSettings:
    """``m`` if its values make sense together, else a ConfigError naming ``where`` and the value."""
    for name in ("suggest_threshold", "auto_threshold", "min_member_average"):
        # (scores run 0-100: a bar over 100 turns that step off, as auto_threshold=101 does)
        _number(getattr(m, name), f"{where} {name}", 0, None)
    _number(m.min_auto_words, f"{where} min_auto_words", 1, None, whole=True)
    _number(m.max_candidates, f"{where} max_candidates", 1, None, whole=True)
    if not isinstance(m.meaning, bool):
        raise ConfigError(f"{where} meaning must be true or false, not {m.meaning!r}")
    if m.suggest_threshold > m.auto_threshold:
        raise ConfigError(
            f"{where} suggest_threshold ({m.suggest_threshold:g}) is above auto_threshold ({m.auto_threshold:g}): "
            "links are suggested from the lower and made automatically from the higher"
        )
    return replace(m, min_auto_words=int(m.min_auto_words), max_candidates=int(m.max_candidates))


def with_match_overrides(settings: Settings, overrides: tuple[str, ...] | list[str]) -> Settings:
    """``settings`` with ``KEY=VALUE`` overrides of its [match] values (the ``--match`` flag)."""
    if not overrides:
        return settings
    types = {f.name: f.type for f in fields(MatchSettings)}
    changes: dict[str, float | int] = {}
    for item in overrides:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or key not in types:
            raise ConfigError(f"--match {item}: expected KEY=VALUE with KEY one of {', '.join(sorted(types))}")
        try:
            if types[key] in (bool, "bool"):
                flag = value.strip().casefold()
                if flag not in ("true", "false", "on", "off", "1", "0", "yes", "no"):
                    raise ValueError
                changes[key] = flag in ("true", "on", "1", "yes")
            else:
                changes[key] = int(value) if types[key] in (int, "int") else float(value)
        except ValueError:
            wanted = "true or false" if types[key] in (bool, "bool") else "a number"
            raise ConfigError(f"--match {item}: {value!r} is not {wanted}") from None
    return replace(settings, match=checked_match(replace(settings.match, **changes), "--match"))
