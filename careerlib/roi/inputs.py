"""Education ROI inputs: the :class:`Option` (one programme for one person), its checks,
the options file, the report's settings and the reference tables.

Everything a user can get wrong is refused here with a :class:`careerlib.DataError`
naming the file, the option and the key, so :mod:`careerlib.roi.model` can trust
its inputs. How each input enters the cash flows is in the model's docstring.

The first salary after the programme is given in exactly one of three ways:
``salary_after_amount`` (an absolute salary, e.g. 80_000), ``salary_after_premium``
(a fraction over the pay you would have had, 0.2 = +20 %), or the older pair
``salary_after`` with ``salary_after_is_premium``. A "premium" above
:data:`MAX_PREMIUM` or an "amount" below :data:`MIN_AMOUNT` is refused as a likely
mix-up, saying which field was probably meant.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import os
from dataclasses import InitVar, dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib import paths, settings
from careerlib.errors import DataError
from careerlib.io import LINE, fail_first, parse_numbers, read_csv_table, resolve_path
from careerlib.text import percent

BLS_PATH = paths.BLS_EDUCATION_PAYS
EXECUTIVE_PATH = paths.EXECUTIVE_EDUCATION
SETTINGS_PATH = paths.ROI_SETTINGS
WEEKS_PER_YEAR = 52  # BLS publishes usual weekly earnings; a year of them is 52 weeks

# Plausibility limits of the first salary after the programme (see the module docstring).
# Not settings: they catch a value typed into the wrong field, whatever the programme.
MAX_PREMIUM = 5.0  # +500 %: no programme multiplies pay by six; 80_000 "as a premium" is an amount
MIN_AMOUNT = 1_000.0  # a yearly salary below 1,000 is a premium (0.2) typed as an amount


# --------------------------------------------------------------------------- the option
@dataclass(frozen=True)
class Option:
    """One programme for one person, against not taking it. Amounts per year, in
    today's money; rates as fractions (0.04 = 4 %). See the module docstring for
    how each input enters the flows."""

    name: str = "programme"
    # the programme
    cost_per_year: float = 20_000.0  # tuition, fees, books: paid per year of study
    years: float = 2.0  # length of the programme; fractions allowed (1.5 = a year and a half)
    full_time: bool = True  # full-time students earn nothing while studying
    part_time_fraction: float = 0.0  # part-time: share of pay given up while studying
    sponsorship: float = 0.0  # employer-paid: a share of the cost when <= 1, else an amount per year of study
    completion_probability: float = 1.0  # chance of finishing
    # pay
    current_salary: float = 60_000.0  # pay now, before tax
    salary_growth: float = 0.02  # yearly growth of pay without the programme
    salary_after: float = 0.15  # first salary after it: an amount, or a premium (see next)
    salary_after_is_premium: bool = True  # True: salary_after is a premium over the pay you would have had
    salary_after_growth: float = 0.02  # yearly growth of pay with the programme
    delay_years: float = 0.0  # time after finishing before the better-paid role starts
    # money
    tax_rate: float = 0.25  # marginal tax on the pay difference
    discount_rate: float = 0.04  # yearly, real: what money now is worth against money later
    loan_principal: float = 0.0  # borrowed in year 0
    loan_rate: float = 0.06  # yearly interest on the loan
    loan_term: int = 10  # years of repayment, from the year the programme ends
    # the person
    age: float = 30.0  # at the start of the programme
    retirement_age: float = 65.0  # first year of age not worked
    # uncertainty, for simulate()
    premium_sd: float = 0.5  # standard deviation of the uplift, as a share of the stated uplift
    growth_sd: float = 0.01  # standard deviation of salary_after_growth (in rate units)
    # Unambiguous ways to give the first salary (at most one; they set salary_after and
    # salary_after_is_premium, and are not kept as fields of their own).
    salary_after_amount: InitVar[float | None] = None  # an absolute first salary, e.g. 80_000
    salary_after_premium: InitVar[float | None] = None  # a fraction over the pay you would have had, 0.2 = +20 %

    def __post_init__(self, salary_after_amount: float | None, salary_after_premium: float | None) -> None:
        _resolve_salary_after(self, salary_after_amount, salary_after_premium)
        validate(self)

    # Derived quantities the flows need, named so the formulas read like the docstring.
    @property
    def horizon(self) -> int:
        """Number of yearly flows: study years plus working years before retirement."""
        return int(math.floor(self.retirement_age - self.age + 1e-9))

    @property
    def uplift_year(self) -> int:
        """The first year after the programme: the premium can start then."""
        return int(math.ceil(self.years - 1e-9))

    @property
    def hours_given_up(self) -> float:
        """Share of pay given up while studying."""
        return 1.0 if self.full_time else self.part_time_fraction

    @property
    def cost_paid_per_year(self) -> float:
        """Cost per year of study after the employer's share."""
        if self.sponsorship <= 1:
            return self.cost_per_year * (1 - self.sponsorship)
        return max(self.cost_per_year - self.sponsorship, 0.0)


PARAMETERS = tuple(f.name for f in dataclasses.fields(Option))  # the stored inputs (not the InitVars)
ALIASES = ("salary_after_amount", "salary_after_premium")
_DEFAULT = Option.__dataclass_fields__


def _resolve_salary_after(option: Option, amount: float | None, premium: float | None) -> None:
    """Turn ``salary_after_amount`` / ``salary_after_premium`` into the stored pair."""
    given = {name: value for name, value in zip(ALIASES, (amount, premium)) if value is not None}
    if not given:
        return
    if len(given) > 1:
        raise DataError(
            "give the first salary after the programme once: either salary_after_amount "
            "or salary_after_premium, not both",
            column="salary_after_amount",
            value=amount,
        )
    ((name, value),) = given.items()
    stated = (option.salary_after, option.salary_after_is_premium)
    if stated != (_DEFAULT["salary_after"].default, _DEFAULT["salary_after_is_premium"].default):
        raise DataError(
            f"give {name} or salary_after (with salary_after_is_premium), not both", column=name, value=value
        )
    object.__setattr__(option, "salary_after", value)
    object.__setattr__(option, "salary_after_is_premium", name == "salary_after_premium")
    object.__setattr__(option, "_salary_field", name)  # so a refusal names the field the user typed


def _plausible_salary_after(option: Option) -> None:
    """Refuse a premium or an amount that was almost surely typed into the wrong field."""
    field = getattr(option, "_salary_field", "salary_after")
    value = option.salary_after
    if option.salary_after_is_premium and value > MAX_PREMIUM:
        raise DataError(
            f"a premium of {value * 100:,.0f} % is not plausible (at most {percent(MAX_PREMIUM)}); if {value:,.0f} is "
            "the first salary after the programme, give it as salary_after_amount "
            "(or set salary_after_is_premium = false)",
            column=field,
            value=value,
        )
    if not option.salary_after_is_premium and value < MIN_AMOUNT:
        raise DataError(
            f"a first salary of {value:g} a year is not plausible (at least {MIN_AMOUNT:,.0f}); if it means "
            f"+{percent(value)}, give it as salary_after_premium (or set salary_after_is_premium = true)",
            column=field,
            value=value,
        )


_BOOLS = {"full_time", "salary_after_is_premium"}
_TEXT = {"name"}
_NUMBERS = tuple(p for p in PARAMETERS if p not in _BOOLS | _TEXT)

# parameter -> (test, what the value must be). Each test gets the option.
_RULES: dict[str, tuple[Any, str]] = {
    "cost_per_year": (lambda o: o.cost_per_year >= 0, "must not be negative"),
    "years": (lambda o: o.years > 0, "must be more than 0 years"),
    "part_time_fraction": (lambda o: 0 <= o.part_time_fraction <= 1, "must be between 0 and 1"),
    "sponsorship": (lambda o: o.sponsorship >= 0, "must not be negative"),
    "completion_probability": (lambda o: 0 <= o.completion_probability <= 1, "must be between 0 and 1"),
    "current_salary": (lambda o: o.current_salary >= 0, "must not be negative"),
    "salary_growth": (lambda o: o.salary_growth > -1, "must be more than -100 %"),
    "salary_after": (
        lambda o: o.salary_after > -1 if o.salary_after_is_premium else o.salary_after >= 0,
        "must not be negative (as a premium: more than -100 %)",
    ),
    "salary_after_growth": (lambda o: o.salary_after_growth > -1, "must be more than -100 %"),
    "delay_years": (lambda o: o.delay_years >= 0, "must not be negative"),
    "tax_rate": (lambda o: 0 <= o.tax_rate < 1, "must be at least 0 and below 1"),
    "discount_rate": (lambda o: o.discount_rate > -1, "must be more than -100 %"),
    "loan_principal": (lambda o: o.loan_principal >= 0, "must not be negative"),
    "loan_rate": (lambda o: o.loan_rate > -1, "must be more than -100 %"),
    "loan_term": (
        lambda o: o.loan_term >= 1 and float(o.loan_term).is_integer(),
        "must be a whole number of years, at least 1",
    ),
    "age": (lambda o: 0 <= o.age < 120, "must be an age in years"),
    "retirement_age": (
        lambda o: o.retirement_age >= o.age + o.uplift_year + 1,
        "must leave at least one working year after the programme ends",
    ),
    "premium_sd": (lambda o: o.premium_sd >= 0, "must not be negative"),
    "growth_sd": (lambda o: o.growth_sd >= 0, "must not be negative"),
}


def validate(option: Option) -> None:
    """Raise a DataError naming the first bad parameter and its value.

    Types first (a salary typed as ``"75k"`` must not reach arithmetic), then
    finiteness (no NaN may flow into a chart), then each parameter's range."""
    if not isinstance(option.name, str) or not option.name.strip():
        raise DataError("must be some text naming the option", column="name", value=option.name)
    for name in _BOOLS:
        if not isinstance(getattr(option, name), (bool, np.bool_)):
            raise DataError("must be true or false", column=name, value=getattr(option, name))
    for name in _NUMBERS:
        value = getattr(option, name)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise DataError(f"must be a number, not {type(value).__name__}", column=name, value=value)
        if not math.isfinite(value):
            raise DataError("must be a finite number", column=name, value=value)
    for name, (ok, problem) in _RULES.items():
        if not ok(option):
            raise DataError(problem, column=name, value=getattr(option, name))
    _plausible_salary_after(option)
    if option.loan_principal > 0 and option.uplift_year + option.loan_term > option.horizon:
        raise DataError(
            f"the loan would still be repaid after retirement (repayments end at age "
            f"{option.age + option.uplift_year + option.loan_term:g})",
            column="loan_term",
            value=option.loan_term,
        )


# --------------------------------------------------------------------------- files
def load_options(path: str | os.PathLike, **overrides: Any) -> list[Option]:
    """Options from a TOML or YAML file: a list under ``option`` (``[[option]]`` in
    TOML), each with a ``name``, plus an optional ``[defaults]`` table that every
    option starts from (the person's salary, age, tax ...). ``overrides`` (e.g. a
    notebook's ``discount_rate``) replace any value in the file.

    A bad entry raises a DataError naming the file, the option (in the message) and
    the key path (``column``, e.g. ``option[1].cost_per_year``; options count from 0)."""
    shown = str(path)
    document = settings.check(settings.read(path, shown_as=shown), OPTIONS_FILE, file=shown)
    defaults = document["defaults"]
    options = []
    for index, entry in enumerate(document["option"]):  # a few options
        label = f"option {index + 1} ({entry.get('name', 'no name')!s})"
        where = {**dict.fromkeys(defaults, "defaults"), **dict.fromkeys(entry, f"option[{index}]")}
        values = {**defaults, **_from_reference({**defaults, **entry}, shown, label, where), **entry, **overrides}
        for key in REFERENCE_KEYS:  # used above to fill salaries, not inputs of an Option
            values.pop(key, None)
        values.setdefault("name", f"option {index + 1}")
        try:
            options.append(Option(**values))
        except DataError as err:
            column = (
                err.column
                if err.column not in where or err.column in overrides
                else f"{where[err.column]}.{err.column}"
            )
            raise DataError(f"{label}: {err.problem}", file=shown, column=column, value=err.value) from None
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        duplicate = next(name for name in names if names.count(name) > 1)
        raise DataError("two options have the same name; give each its own", file=shown, column="name", value=duplicate)
    return options


REFERENCE_KEYS = ("current_attainment", "attainment_after")
# Every key an option may hold; their values are checked by Option itself (types and ranges).
_INPUTS = {key: settings.Anything(default=settings.OMIT) for key in (*PARAMETERS, *ALIASES, *REFERENCE_KEYS)}
OPTIONS_FILE = settings.Table(
    {
        "defaults": settings.Table(_INPUTS, default={}),  # what every option starts from
        "option": settings.ListOf(settings.Table(_INPUTS), min_items=1),  # [[option]] tables in TOML
    }
)


def _from_reference(entry: dict, shown: str, label: str, where: dict) -> dict:
    """``current_attainment`` / ``attainment_after`` (e.g. "bachelor's degree") fill
    ``current_salary`` / ``salary_after`` with BLS median annual earnings, for
    people without their own figures. Figures given in the file win."""
    wanted = {key: entry[key] for key in REFERENCE_KEYS if key in entry}
    if not wanted:
        return {}
    earnings = load_bls_education_pays().set_index("attainment")["annual_earnings_usd"]
    filled = {}
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
    if "current_attainment" in wanted:
        filled["current_salary"] = float(earnings[wanted["current_attainment"]])
    if "attainment_after" in wanted:
        filled["salary_after"] = float(earnings[wanted["attainment_after"]])
        filled["salary_after_is_premium"] = False
    return filled


# --------------------------------------------------------------------------- the report's settings
_SWING = settings.Number(minimum=0)
SETTINGS_FILE = settings.Table(
    {
        "version": settings.Text(numbers_ok=True),
        "sensitivity": settings.Table(
            {
                "uplift_share": _SWING,  # the stated uplift times 1 - share and 1 + share
                "cost_share": _SWING,
                "discount_rate_points": _SWING,
                "growth_points": _SWING,  # both pay growths
                "completion_points": _SWING,
                "delay_years": _SWING,  # from no delay to the stated delay plus this
                "tax_points": _SWING,
                "tax_ceiling": settings.Number(minimum=0, below=1),
                "retirement_years": _SWING,
            }
        ),
    }
)


def load_settings(path: str | os.PathLike = SETTINGS_PATH) -> dict:
    """The report's settings (``data/roi/settings.yaml``): how far the sensitivity
    analysis moves each input. Read once by the notebook and passed down."""
    return settings.load(resolve_path(path), SETTINGS_FILE, shown_as=str(path))


# --------------------------------------------------------------------------- reference data
def load_bls_education_pays(path: str = BLS_PATH) -> pd.DataFrame:
    """BLS "Education pays": median usual weekly earnings and unemployment rate by
    educational attainment, plus ``annual_earnings_usd`` (weekly x 52)."""
    table = read_csv_table(
        resolve_path(path),
        shown_as=path,
        required=("attainment", "median_weekly_earnings_usd", "unemployment_rate_pct", "source", "year"),
    )
    weekly = parse_numbers(table, "median_weekly_earnings_usd", file=path, what="an amount in dollars")
    unemployment = parse_numbers(table, "unemployment_rate_pct", file=path, what="a percentage")
    _require_values(table, weekly, "median_weekly_earnings_usd", path)
    _require_values(table, unemployment, "unemployment_rate_pct", path)
    return table.drop(columns=LINE).assign(
        median_weekly_earnings_usd=weekly,
        unemployment_rate_pct=unemployment,
        annual_earnings_usd=weekly * WEEKS_PER_YEAR,
    )


def load_executive_education(path: str = EXECUTIVE_PATH) -> pd.DataFrame:
    """The seed article's figures on Fortune 500 CEOs' education, with each
    count's share of all the CEOs counted (``of_ceos`` in the file: 500)."""
    table = read_csv_table(resolve_path(path), shown_as=path, required=("group", "ceos", "of_ceos", "source", "year"))
    ceos = parse_numbers(table, "ceos", file=path, what="a count of CEOs")
    total = parse_numbers(table, "of_ceos", file=path, what="a count of CEOs")
    _require_values(table, ceos, "ceos", path)
    fail_first(
        table,
        ~(total > 0) | (ceos > total),
        file=path,
        column="of_ceos",
        problem="needs the number of CEOs counted, at least the count in 'ceos'",
    )
    return table.drop(columns=LINE).assign(ceos=ceos, of_ceos=total, share_of_ceos=ceos / total)


def _require_values(table: pd.DataFrame, values: pd.Series, column: str, path: str) -> None:
    fail_first(table, values.isna() | (values < 0), file=path, column=column, problem="needs a non-negative number")
