"""The education ROI options file (TOML or YAML): a ``[defaults]`` table and one ``[[option]]``
table per programme, read into :class:`careerlib.roi.Option` objects that remember where each
value came from (``Option.sources``: the file's ``[defaults]`` or the option, a report
parameter, a reference table with its source and year).

One input can be given in several forms (a salary and a growth rate, or pay by age; a premium
or an amount; a figure or a reference table's row). An option's own form wins over another
form in ``[defaults]``, and its source says what it replaced; two forms in one table are
refused, naming both as typed."""

from __future__ import annotations

import os
from typing import Any

from careerlib import settings
from careerlib.errors import DataError
from careerlib.roi.inputs import _NUMBERS, ALIASES, PARAMETERS, Option
from careerlib.roi.reference import (
    BLS_PATH,
    EARNINGS_BY_AGE_PATH,
    WEEKS_PER_YEAR,
    _profile_source,
    load_bls_education_pays,
    load_earnings_by_age,
    typical_earnings,
)

REFERENCE_KEYS = ("current_attainment", "attainment_after", "typical_earnings_without", "typical_earnings_with")
# Forms of one input that exclude each other. An option that gives one form sets aside the
# other forms in [defaults] (and says so in its sources); two forms in one table are an error.
_FORMS = (
    (("earnings_without",), ("typical_earnings_without",), ("current_salary", "salary_growth", "current_attainment")),
    (
        ("earnings_with",),
        ("typical_earnings_with",),
        ("salary_after", "salary_after_is_premium", "salary_after_growth", *ALIASES, "attainment_after"),
    ),
    (
        ("salary_after", "salary_after_is_premium"),
        ("salary_after_amount",),
        ("salary_after_premium",),
        ("attainment_after",),
    ),
    (("current_salary",), ("current_attainment",)),
)
_FILLS = {
    "current_attainment": "current_salary",
    "attainment_after": "salary_after",
    "typical_earnings_without": "earnings_without",
    "typical_earnings_with": "earnings_with",
}
FROM_DEFAULTS = "options file, [defaults]"
FROM_OPTION = "options file, this option"
FROM_CAREERLIB = "careerlib's default"


def load_options(path: str | os.PathLike, **overrides: Any) -> list[Option]:
    """Options from a TOML or YAML file: a list under ``option`` (``[[option]]`` in
    TOML), each with a ``name``, plus an optional ``[defaults]`` table that every
    option starts from (the person's salary, age, tax ...). ``overrides`` (e.g. a
    report's ``discount_rate`` given on the command line) replace any value in the file;
    each option's ``sources`` says where every value came from.

    A bad entry raises a DataError naming the file, the option (in the message) and
    the key path (``column``, e.g. ``option[1].cost_per_year``; options count from 0)."""
    shown = str(path)
    document = settings.check(settings.read(path, shown_as=shown), OPTIONS_FILE, file=shown)
    defaults = document["defaults"]
    _one_form_per_table(defaults, shown, "defaults", "defaults")
    options = []
    for index, entry in enumerate(document["option"]):  # a few options
        label = f"option {index + 1} ({entry.get('name', 'no name')!s})"
        _one_form_per_table(entry, shown, label, f"option[{index}]")
        kept, set_aside = _defaults_kept(defaults, entry)
        where = {**dict.fromkeys(kept, "defaults"), **dict.fromkeys(entry, f"option[{index}]")}
        merged = {**kept, **entry}
        filled, reference = _from_reference(merged, shown, label, where)
        values = {**kept, **filled, **entry, **overrides}
        for key in REFERENCE_KEYS:  # used above to fill salaries, not inputs of an Option
            values.pop(key, None)
        values.setdefault("name", f"option {index + 1}")
        sources = _sources(kept, entry, reference, set_aside, overrides, merged)
        try:
            options.append(Option(**values, sources=sources))
        except DataError as err:
            key = str(err.column).split(".")[0]  # a profile's point is blamed as earnings_with.30
            column = err.column if key not in where or key in overrides else f"{where[key]}.{err.column}"
            raise DataError(f"{label}: {err.problem}", file=shown, column=column, value=err.value) from None
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        duplicate = next(name for name in names if names.count(name) > 1)
        raise DataError("two options have the same name; give each its own", file=shown, column="name", value=duplicate)
    return options


def _one_form_per_table(table: dict, shown: str, label: str, at: str) -> None:
    """Two forms of one input in the same table (``earnings_without`` and ``current_salary``)
    are refused, naming both keys as the user typed them."""
    for forms in _FORMS:  # four groups of forms
        given = [next(key for key in form if key in table) for form in forms if any(key in table for key in form)]
        if len(given) > 1:
            first, second = given[:2]
            raise DataError(
                f"{label}: give {first} or {second}, not both (they are two ways of giving the same pay)",
                file=shown,
                column=f"{at}.{second}",
                value=table[second],
            )


def _defaults_kept(defaults: dict, entry: dict) -> tuple[dict, dict[str, str]]:
    """[defaults] without the keys the option replaces with another form of the same input
    (and, for a full-time option, without a part-time share): ``(kept, {key set aside:
    the option's key that replaced it})``."""
    set_aside: dict[str, str] = {}
    for forms in _FORMS:
        mine = [form for form in forms if any(key in entry for key in form)]
        if not mine:
            continue
        replacing = next(key for key in mine[0] if key in entry)
        for form in forms:
            if form not in mine:
                set_aside.update({key: replacing for key in form if key in defaults})
    if entry.get("full_time") is True and "part_time_fraction" in defaults:
        set_aside["part_time_fraction"] = "full_time"
    return {key: value for key, value in defaults.items() if key not in set_aside}, set_aside


def _sources(
    kept: dict, entry: dict, reference: dict[str, str], set_aside: dict[str, str], overrides: dict, merged: dict
) -> dict[str, str]:
    """input -> where its value came from, in words (what the assumptions table shows)."""
    sources = {key: FROM_DEFAULTS for key in kept}
    sources.update(reference)
    sources.update({key: FROM_OPTION for key in entry})
    for key, replacing in set_aside.items():
        target = _FILLS.get(replacing, replacing)  # a reference key's note goes on the input it fills
        if target in sources:
            sources[target] += f" (replaces {key} in [defaults])"
    for key in overrides:
        was = f"; the file says {merged[key]!r}" if key in merged else ""
        sources[key] = f"report parameter {key}{was}"
    for alias in ALIASES:
        if alias in sources:
            sources["salary_after"] = sources["salary_after_is_premium"] = f"{sources.pop(alias)} ({alias})"
    return sources


# Every key an option may hold; their values are checked by Option itself (types and ranges).
_INPUTS = {key: settings.Anything(default=settings.OMIT) for key in (*PARAMETERS, *ALIASES, *REFERENCE_KEYS)}
OPTIONS_FILE = settings.Table(
    {
        "defaults": settings.Table(_INPUTS, default={}),  # what every option starts from
        "option": settings.ListOf(settings.Table(_INPUTS), min_items=1),  # [[option]] tables in TOML
    }
)


def _from_reference(entry: dict, shown: str, label: str, where: dict) -> tuple[dict, dict[str, str]]:
    """Inputs named by a reference table's row instead of given: ``current_attainment`` /
    ``attainment_after`` (e.g. "bachelor's degree") fill ``current_salary`` / ``salary_after``
    with BLS median annual earnings; ``typical_earnings_without`` / ``typical_earnings_with``
    fill ``earnings_without`` / ``earnings_with`` with a typical pay-by-age profile
    (:func:`typical_earnings`). Figures given in the file win. Returns the values and their
    sources (the table, its source and year)."""
    filled, sources = {}, {}
    if any(key in entry for key in ("current_attainment", "attainment_after")):
        filled, sources = _from_bls(entry, shown, label, where)
    for key, target in (("typical_earnings_without", "earnings_without"), ("typical_earnings_with", "earnings_with")):
        if key in entry and target not in entry:
            profiles = load_earnings_by_age()
            known = sorted(profiles["profile"].unique())
            if entry[key] not in known:
                raise DataError(
                    f"{label}: not a profile in {EARNINGS_BY_AGE_PATH}{settings.did_you_mean(str(entry[key]), known)};"
                    f" use one of {', '.join(map(repr, known))}",
                    file=shown,
                    column=f"{where[key]}.{key}",
                    value=entry[key],
                )
            filled[target] = typical_earnings(entry[key], profiles)
            sources[target] = f"{_profile_source(entry[key], profiles)} ({key} in the {_table_of(where[key])})"
    return filled, sources


def _table_of(where: str) -> str:
    return "[defaults]" if where == "defaults" else "option"


def _from_bls(entry: dict, shown: str, label: str, where: dict) -> tuple[dict, dict[str, str]]:
    """``current_salary`` / ``salary_after`` from BLS "Education pays" (see :func:`_from_reference`)."""
    wanted = {key: entry[key] for key in ("current_attainment", "attainment_after") if key in entry}
    table = load_bls_education_pays().set_index("attainment")
    earnings = table["annual_earnings_usd"]
    filled, sources = {}, {}
    for key, level in wanted.items():  # at most two
        if level not in earnings.index:
            hint = settings.did_you_mean(str(level), list(earnings.index))
            raise DataError(
                f"{label}: not an attainment level in {BLS_PATH}{hint}; use one of"
                f" {', '.join(map(repr, earnings.index))}",
                file=shown,
                column=f"{where[key]}.{key}",
                value=level,
            )
    for key, target in (("current_attainment", "current_salary"), ("attainment_after", "salary_after")):
        if key in wanted and target not in entry:
            level = wanted[key]
            filled[target] = float(earnings[level])
            sources[target] = (
                f"{table.loc[level, 'source']}, {table.loc[level, 'year']}: median for {level} "
                f"(weekly x {WEEKS_PER_YEAR}; {key} in the {_table_of(where[key])})"
            )
    if "salary_after" in filled:
        filled["salary_after_is_premium"] = False
        sources["salary_after_is_premium"] = sources["salary_after"]
    return filled, sources


def report_overrides(**parameters: Any) -> dict[str, Any]:
    """A report's parameters that override the options file, checked: empty (``""`` or
    None) means "use the file" and is left out; a number given as text on the command
    line (``-p discount_rate 0.03``) is read as a number."""
    out: dict[str, Any] = {}
    for name, value in parameters.items():  # a couple of parameters
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if name in _NUMBERS and isinstance(value, str):
            try:
                value = float(value.replace("_", ""))
            except ValueError:
                raise DataError(
                    "must be a number, or empty to use the options file", column=name, value=value
                ) from None
        out[name] = value.strip() if isinstance(value, str) else value
    return out
