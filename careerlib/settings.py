"""The one checker for settings files (YAML or TOML): instruments, weights, thresholds, options.

A settings file is described by a *schema* built from a few specs::

    from careerlib import settings as s

    OFFER = s.Table({
        "name": s.Text(),
        "base_salary": s.Number(minimum=0),
        "remote": s.Flag(default=False),
        "equity": s.Table({"vesting_years": s.Number(above=0, maximum=10)}, default=s.OMIT),
    })
    FILE = s.Table({"offer": s.ListOf(OFFER, min_items=1)})
    document = s.load("data/private/offers.toml", FILE)

:func:`check` (and :func:`load`, which reads the file first) returns plain dicts and
lists with the defaults filled in, or raises :class:`careerlib.DataError` with

* ``file``: the file, as the caller showed it;
* ``column``: the key path of the fault, e.g. ``offer[2].equity.vesting_years``
  (list positions count from 0, as in Python; ``None`` for the whole document);
* ``value``: the offending value, and a problem that says what was expected:
  the type, the range, or for an unknown key the closest known one ("did you mean").

Every spec takes ``default``: :data:`REQUIRED` (the key must be there), :data:`OMIT`
(optional; left out of the result when missing) or a value used when the key is
missing. A spec's ``check`` is an extra test, ``value -> problem or None``; a table's
``rules`` test several keys together (``Rule("max", lambda t: t["max"] > t["min"], "...")``).
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import math
import numbers
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerlib.errors import DataError
from careerlib.io import read_text, read_yaml


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REQUIRED = _Marker("REQUIRED")  # the key must be present
OMIT = _Marker("OMIT")  # optional, and absent from the result when missing

Problem = Callable[[Any], "str | None"]


# --------------------------------------------------------------------------- specs
@dataclass(frozen=True)
class Spec:
    """What one value must be. Subclasses implement :meth:`_convert`."""

    # keyword-only, so each spec's own first field can be given by position: Table({...}), ListOf(Text())
    default: Any = field(default=REQUIRED, kw_only=True)
    check: Problem | None = field(default=None, kw_only=True)  # extra test: value -> None if fine, else the problem

    def validate(self, value: Any, at: _At) -> Any:
        converted = self._convert(value, at)
        if self.check is not None:
            problem = self.check(converted)
            if problem:
                raise at.fault(problem, value)
        return converted

    def _convert(self, value: Any, at: _At) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Anything(Spec):
    """Any value, unchecked (free-form notes)."""

    def _convert(self, value: Any, at: _At) -> Any:
        return value


@dataclass(frozen=True)
class Number(Spec):
    """A finite number (never a boolean or a quoted number). ``minimum``/``maximum``
    are inclusive bounds, ``above``/``below`` exclusive ones; ``integer`` asks for a
    whole number (returned as int). Other numbers are returned as written."""

    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None
    below: float | None = None
    integer: bool = False

    def _convert(self, value: Any, at: _At) -> Any:
        what = "a whole number" if self.integer else "a number"
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise at.fault(f"expected {what}{self._range()}, not {_kind(value)}", value)
        if not math.isfinite(value):
            raise at.fault(f"expected a finite number{self._range()}", value)
        if self.integer and not float(value).is_integer():
            raise at.fault(f"expected a whole number{self._range()}", value)
        if (
            (self.minimum is not None and value < self.minimum)
            or (self.maximum is not None and value > self.maximum)
            or (self.above is not None and value <= self.above)
            or (self.below is not None and value >= self.below)
        ):
            raise at.fault(f"must be{self._range()}", value)
        return int(value) if self.integer else value

    def _range(self) -> str:
        parts = []
        if self.minimum is not None:
            parts.append(f"at least {self.minimum:g}")
        if self.above is not None:
            parts.append(f"above {self.above:g}")
        if self.maximum is not None:
            parts.append(f"at most {self.maximum:g}")
        if self.below is not None:
            parts.append(f"below {self.below:g}")
        return " " + " and ".join(parts) if parts else ""


@dataclass(frozen=True)
class Text(Spec):
    """A non-empty text, stripped of surrounding space. ``choices`` limits it to a few
    words (with "did you mean"); ``pattern`` is a regular expression it must match in
    full, explained to the user by ``pattern_hint``; ``numbers_ok`` accepts a number
    as text (``version: 1.0``); ``empty_ok`` accepts ''."""

    choices: Sequence[str] | None = None
    pattern: str | None = None
    pattern_hint: str = "not in the expected form"
    numbers_ok: bool = False
    empty_ok: bool = False

    def _convert(self, value: Any, at: _At) -> Any:
        number = isinstance(value, numbers.Real) and not isinstance(value, bool)
        if not (isinstance(value, str) or (self.numbers_ok and number)):
            raise at.fault(f"expected a text, not {_kind(value)}", value)
        text = str(value).strip()
        if text == "" and not self.empty_ok:
            raise at.fault("expected a non-empty text", value)
        if self.choices is not None and text not in self.choices:
            raise at.fault(f"not one of {_listed(self.choices)}{did_you_mean(text, self.choices)}", value)
        if self.pattern is not None and text and not re.fullmatch(self.pattern, text):
            raise at.fault(self.pattern_hint, value)
        return text


@dataclass(frozen=True)
class Flag(Spec):
    """true or false (not 'yes', not 1)."""

    def _convert(self, value: Any, at: _At) -> Any:
        if not isinstance(value, bool):
            raise at.fault(f"expected true or false, not {_kind(value)}", value)
        return value


@dataclass(frozen=True)
class ListOf(Spec):
    """A list whose every element meets ``item``. ``single`` also accepts one bare
    element (``actions: Do this.``) and returns it as a one-element list."""

    item: Spec = field(default_factory=Anything)
    min_items: int = 0
    max_items: int | None = None
    single: bool = False

    def _convert(self, value: Any, at: _At) -> Any:
        if self.single and not isinstance(value, list):
            value = [value]
        if not isinstance(value, list):
            raise at.fault(f"expected a list, not {_kind(value)}", value)
        if len(value) < self.min_items or (self.max_items is not None and len(value) > self.max_items):
            raise at.fault(f"expected a list of {self._count()}, found {len(value)}", None)
        return [self.item.validate(element, at.index(i)) for i, element in enumerate(value)]

    def _count(self) -> str:
        if self.max_items is None:
            return f"at least {self.min_items} item(s)"
        if self.min_items == self.max_items:
            return f"exactly {self.min_items} item(s)"
        return f"{self.min_items} to {self.max_items} items"


@dataclass(frozen=True)
class Rule:
    """A test over a whole table, blamed on ``key``: ``ok(table) -> bool``; ``problem``
    is a text or ``table -> text``."""

    key: str
    ok: Callable[[dict], bool]
    problem: str | Callable[[dict], str]


@dataclass(frozen=True)
class Table(Spec):
    """A mapping with known keys, each with its spec; any other key is refused with
    the closest known key as a hint. The result keeps the document's order of keys
    (defaults after them). ``rules`` run after every key is checked."""

    fields: Mapping[str, Spec] = field(default_factory=dict)
    rules: Sequence[Rule] = ()

    def _convert(self, value: Any, at: _At) -> Any:
        if not isinstance(value, dict):
            raise at.fault(f"expected a table of keys and values, not {_kind(value)}", value)
        for key in value:
            if key not in self.fields:
                raise at.key(key).fault(
                    f"unknown key{did_you_mean(str(key), self.fields)}; allowed: {_listed(self.fields)}", None
                )
        out = {key: self.fields[key].validate(element, at.key(key)) for key, element in value.items()}
        for key, spec in self.fields.items():  # the keys as written keep their order; defaults follow
            if key in value:
                continue
            if spec.default is REQUIRED:
                raise at.key(key).fault("missing required key", None)
            elif spec.default is not OMIT:
                out[key] = copy.deepcopy(spec.default)
        for rule in self.rules:
            if not rule.ok(out):
                problem = rule.problem(out) if callable(rule.problem) else rule.problem
                raise at.key(rule.key).fault(problem, out.get(rule.key))
        return out


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping with keys chosen by the user (cause names, labels ...): each key must
    meet ``keys`` (a :class:`Text`) and each value ``value``."""

    value: Spec = field(default_factory=Anything)
    keys: Spec = field(default_factory=Text)
    min_items: int = 0

    def _convert(self, value: Any, at: _At) -> Any:
        if not isinstance(value, dict):
            raise at.fault(f"expected a table of keys and values, not {_kind(value)}", value)
        if len(value) < self.min_items:
            raise at.fault(f"expected at least {self.min_items} key(s), found {len(value)}", None)
        out = {}
        for key, element in value.items():
            name = self.keys.validate(key, at.key(key))
            out[name] = self.value.validate(element, at.key(key))
        return out


# --------------------------------------------------------------------------- checking
@dataclass(frozen=True)
class _At:
    """Where a value sits: the file and the key path, for error messages."""

    file: str | None
    path: str

    def key(self, name: Any) -> _At:
        name = str(name)
        return _At(self.file, f"{self.path}.{name}" if self.path else name)

    def index(self, i: int) -> _At:
        return _At(self.file, f"{self.path}[{i}]")

    def fault(self, problem: str, value: Any) -> DataError:
        err = DataError(problem, file=self.file, column=self.path or None, value=value)
        err.key = self.path  # the key path without parsing the message
        return err


def check(value: Any, spec: Spec, *, file: str | os.PathLike | None = None, path: str = "") -> Any:
    """``value`` checked against ``spec``: plain data with defaults filled in, or a
    DataError naming ``file`` and the key path (``path`` prefixes it)."""
    try:
        return spec.validate(value, _At(None if file is None else str(file), path))
    except RecursionError:
        raise _too_deep(None if file is None else str(file)) from None


MAX_DEPTH = 100  # tables or lists nested deeper than this are no settings anyone writes


def _too_deep(shown: str | None) -> DataError:
    return DataError(f"tables or lists are nested too deeply (more than {MAX_DEPTH} levels)", file=shown)


def read(path: str | os.PathLike, *, shown_as: str | None = None) -> Any:
    """A settings file's contents, parsed by its suffix (.yaml, .yml or .toml),
    unchecked. DataError on a missing file, bad syntax or a key given twice."""
    shown = shown_as or str(path)
    suffix = Path(path).suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return read_yaml(path, shown_as=shown)
    if suffix == ".toml":
        return read_toml(path, shown_as=shown)
    raise DataError("settings must be a .yaml, .yml or .toml file", file=shown)


def read_toml(path: str | os.PathLike, *, shown_as: str | None = None) -> Any:
    """A TOML file's contents, unchecked; DataError (with the line) on bad syntax, on
    nesting no settings file has, or when the file cannot be read."""
    shown = shown_as or str(path)
    text = read_text(path, shown_as=shown)
    if _nesting(text) > MAX_DEPTH:  # tomllib parses nesting by recursion: refuse before it overflows
        raise _too_deep(shown)
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise _too_deep(shown) from None
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+)", str(err))
        raise DataError(
            f"not valid TOML ({str(err).split(' (at line')[0]})",
            file=shown,
            line=int(found.group(1)) if found else None,
        ) from None


def _nesting(text: str) -> int:
    """An upper bound of the nesting of TOML's inline arrays and tables (brackets inside
    strings are counted too, which only makes the bound larger)."""
    depth = deepest = 0
    for char in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if char in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def load(path: str | os.PathLike, spec: Spec, *, shown_as: str | None = None) -> Any:
    """Read a settings file (:func:`read`) and :func:`check` it against ``spec``."""
    shown = shown_as or str(path)
    return check(read(path, shown_as=shown), spec, file=shown)


# A file of report parameters (`careerlib report --config`, a cohort member's careerlib.toml):
# [defaults] for every report that takes a key, [reports.NAME] for one report.
RUN_CONFIG = Table(
    {
        "defaults": MapOf(Anything(), default={}),
        "reports": MapOf(MapOf(Anything()), default={}),
    }
)


def read_run_config(path: str | os.PathLike, *, shown_as: str | None = None) -> dict[str, Any]:
    """A TOML file of report parameters, checked: ``{"defaults": {...}, "reports": {NAME: {...}}}``.
    A TOML date written without quotes (``as_of = 2026-10-17``) is that date, as the text
    ``"2026-10-17"`` every report takes."""
    config = load(path, RUN_CONFIG, shown_as=shown_as)
    config["defaults"] = _dates_as_text(config["defaults"])
    config["reports"] = {name: _dates_as_text(table) for name, table in config["reports"].items()}
    return config


def _dates_as_text(table: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, (_dt.date, _dt.time)) else v for k, v in table.items()}


# --------------------------------------------------------------------------- wording
def did_you_mean(word: str, known: Sequence[str] | Mapping[str, Any]) -> str:
    """`` (did you mean 'x'?)`` for the closest known word, or '' when none is close."""
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _listed(words) -> str:
    return ", ".join(map(str, words))


def _kind(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 40 else "a text"
    if isinstance(value, numbers.Real):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
