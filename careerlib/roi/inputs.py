"""Education ROI inputs: the :class:`Option` (one programme for one person), its checks
and the report's settings. The options file is read by :mod:`careerlib.roi.options_file`,
the reference tables by :mod:`careerlib.roi.reference`.

Everything a user can get wrong is refused here with a :class:`careerlib.DataError`
naming the file, the option and the key, so :mod:`careerlib.roi.model` can trust
its inputs. How each input enters the cash flows is in the model's docstring.

The first salary after the programme is given in exactly one of three ways:
``salary_after_amount`` (an absolute salary, e.g. 80_000), ``salary_after_premium``
(a fraction over the pay you would have had, 0.2 = +20 %), or the older pair
``salary_after`` with ``salary_after_is_premium``. A "premium" above
:data:`MAX_PREMIUM` or an "amount" below :data:`MIN_AMOUNT` is refused as a likely
mix-up, saying which field was probably meant.

Pay can also be given by age: ``earnings_without`` (pay by age if you stay as you are)
replaces ``current_salary`` and ``salary_growth``; ``earnings_with`` (pay by age with the
credential) replaces every ``salary_after*`` input. Each is a few points ``{age: pay}``,
read linearly between the points and flat before the first and after the last.
Giving a profile together with an input it replaces is refused, naming both.

Which value came from where (the options file's ``[defaults]`` or the option, a report
parameter, a reference table, careerlib's or the settings' default) is kept in
``Option.sources`` by ``load_options``, so the report can show it beside each value.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import os
from collections.abc import Mapping
from dataclasses import InitVar, dataclass, field
from typing import Any

import numpy as np

from careerlib import paths, settings
from careerlib.errors import DataError
from careerlib.io import resolve_path
from careerlib.text import percent

SETTINGS_PATH = paths.ROI_SETTINGS

# Plausibility limits of the first salary after the programme (see the module docstring).
# Not settings: they catch a value typed into the wrong field, whatever the programme.
MAX_PREMIUM = 5.0  # +500 %: no programme multiplies pay by six; 80_000 "as a premium" is an amount
MIN_AMOUNT = 1_000.0  # a yearly salary below 1,000 is a premium (0.2) typed as an amount
MAX_AGE = 120  # ages (and so the number of yearly flows) stay human: no file can ask for a million years of flows


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
    # pay by age, instead of the constant-growth inputs (see the module docstring)
    earnings_without: dict[float, float] | None = field(default=None, hash=False)  # {age: pay} if you stay
    earnings_with: dict[float, float] | None = field(default=None, hash=False)  # {age: pay} with the credential
    # conventions
    cash_flow_timing: str = "start"  # "start": year 0 undiscounted; "end": every flow at the end of its year
    dropout_share: float | None = None  # share of the programme a non-completer takes (None: the settings' default)
    pay_while_searching: float | None = (
        None  # share of the old pay earned while looking (None: 0 full-time, 1 part-time)
    )
    # where each value came from (filled by load_options; not an input of the model)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # Unambiguous ways to give the first salary (at most one; they set salary_after and
    # salary_after_is_premium, and are not kept as fields of their own).
    salary_after_amount: InitVar[float | None] = None  # an absolute first salary, e.g. 80_000
    salary_after_premium: InitVar[float | None] = None  # a fraction over the pay you would have had, 0.2 = +20 %

    def __post_init__(self, salary_after_amount: float | None, salary_after_premium: float | None) -> None:
        _resolve_salary_after(self, salary_after_amount, salary_after_premium)
        for name in PROFILES:
            object.__setattr__(self, name, _profile_points(name, getattr(self, name)))
        if self.dropout_share is None:
            object.__setattr__(self, "dropout_share", option_defaults()["dropout_share"])
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
    def searching_pay_share(self) -> float:
        """Share of the pay without the programme earned while looking for the new role:
        as given, else 0 for a full-time student (who has left the job) and 1 for a
        part-time one (who kept it)."""
        if self.pay_while_searching is not None:
            return self.pay_while_searching
        return 0.0 if self.full_time else 1.0

    @property
    def cost_paid_per_year(self) -> float:
        """Cost per year of study after the employer's share."""
        if self.sponsorship <= 1:
            return self.cost_per_year * (1 - self.sponsorship)
        return max(self.cost_per_year - self.sponsorship, 0.0)


PARAMETERS = tuple(f.name for f in dataclasses.fields(Option) if f.name != "sources")  # the inputs (not InitVars)
ALIASES = ("salary_after_amount", "salary_after_premium")
PROFILES = ("earnings_without", "earnings_with")
TIMINGS = ("start", "end")
# What each pay profile replaces: giving both is an error naming both.
REPLACED_BY = {
    "earnings_without": ("current_salary", "salary_growth"),
    "earnings_with": ("salary_after", "salary_after_is_premium", "salary_after_growth"),
}
_DEFAULT = Option.__dataclass_fields__


def _profile_points(name: str, points: Any) -> dict[float, float] | None:
    """``{age: pay}`` as floats sorted by age (TOML keys are text: ``{25 = 62000}`` gives
    ``"25"``), or a DataError naming the profile and the bad point."""
    if points is None:
        return None
    if not isinstance(points, Mapping) or not points:
        raise DataError("must be a table of age = pay points, e.g. {25 = 62000, 35 = 80000}", column=name, value=points)
    out = {}
    for age, pay in points.items():  # a handful of points
        try:
            at = float(age)
        except (TypeError, ValueError):
            raise DataError(
                'each key must be an age in years (quote an age with decimals: "25.5" = 60000)',
                column=f"{name}.{age}",
                value=age,
            ) from None
        if not 0 <= at < MAX_AGE:
            raise DataError("each key must be an age in years", column=f"{name}.{age}", value=age)
        if isinstance(pay, (bool, np.bool_)) or not isinstance(pay, numbers.Real) or not math.isfinite(pay) or pay < 0:
            raise DataError(
                'each pay must be a number, not negative (quote an age with decimals: "25.5" = 60000)',
                column=f"{name}.{age}",
                value=pay,
            )
        if at in out:
            raise DataError("this age is given twice", column=f"{name}.{age}", value=age)
        out[at] = float(pay)
    return dict(sorted(out.items()))


def _replaced_inputs_kept(option: Option) -> None:
    """Refuse a profile given with an input it replaces (set away from its default)."""
    for profile, replaced in REPLACED_BY.items():
        if getattr(option, profile) is None:
            continue
        typed = getattr(option, "_salary_field", None)
        for name in replaced:
            if getattr(option, name) != _DEFAULT[name].default or (typed and name.startswith("salary_after")):
                shown = typed if typed and name.startswith("salary_after") else name
                raise DataError(
                    f"give {profile} or {shown}, not both: {profile} (pay by age) replaces {shown}",
                    column=profile,
                    value=getattr(option, name),
                )


@functools.lru_cache(maxsize=1)
def option_defaults() -> dict[str, float]:
    """The defaults of an :class:`Option` that are settings (``option_defaults`` in
    ``data/roi/settings.yaml``, each with its reason there), read once per process."""
    return load_settings()["option_defaults"]


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
_TEXT = {"name", "cash_flow_timing"}
_OPTIONAL = {"pay_while_searching"}  # None means "by the rule" (see Option.searching_pay_share)
_NUMBERS = tuple(p for p in PARAMETERS if p not in _BOOLS | _TEXT | set(PROFILES))

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
    "age": (lambda o: 0 <= o.age < MAX_AGE, "must be an age in years"),
    "retirement_age": (
        lambda o: o.age + o.uplift_year + 1 <= o.retirement_age <= MAX_AGE,
        f"must leave at least one working year after the programme ends, and be an age (at most {MAX_AGE})",
    ),
    "premium_sd": (lambda o: o.premium_sd >= 0, "must not be negative"),
    "growth_sd": (lambda o: o.growth_sd >= 0, "must not be negative"),
    "cash_flow_timing": (lambda o: o.cash_flow_timing in TIMINGS, 'must be "start" or "end"'),
    "dropout_share": (lambda o: 0 <= o.dropout_share <= 1, "must be between 0 and 1"),
    "pay_while_searching": (
        lambda o: o.pay_while_searching is None or 0 <= o.pay_while_searching <= 1,
        "must be between 0 and 1 (a share of the pay you had)",
    ),
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
    if not isinstance(option.cash_flow_timing, str):
        raise DataError('must be "start" or "end"', column="cash_flow_timing", value=option.cash_flow_timing)
    for name in _NUMBERS:
        value = getattr(option, name)
        if name in _OPTIONAL and value is None:
            continue
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise DataError(f"must be a number, not {type(value).__name__}", column=name, value=value)
        if not math.isfinite(value):
            raise DataError("must be a finite number", column=name, value=value)
    for name, (ok, problem) in _RULES.items():
        if not ok(option):
            raise DataError(problem, column=name, value=getattr(option, name))
    _plausible_salary_after(option)
    _replaced_inputs_kept(option)
    if option.full_time and option.part_time_fraction > 0:
        raise DataError(
            "give full_time = true or a part_time_fraction, not both: a full-time student gives up all pay "
            "while studying (set full_time = false to give up only part_time_fraction)",
            column="part_time_fraction",
            value=option.part_time_fraction,
        )
    if option.loan_principal > 0 and option.uplift_year + option.loan_term > option.horizon:
        raise DataError(
            f"the loan would still be repaid after retirement (repayments end at age "
            f"{option.age + option.uplift_year + option.loan_term:g})",
            column="loan_term",
            value=option.loan_term,
        )


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
        "option_defaults": settings.Table({"dropout_share": settings.Number(minimum=0, maximum=1)}),
        "simulation": settings.Table({"max_draws": settings.Number(integer=True, minimum=1)}),
    }
)


def load_settings(path: str | os.PathLike = SETTINGS_PATH) -> dict:
    """The report's settings (``data/roi/settings.yaml``): how far the sensitivity
    analysis moves each input, the defaults of some inputs, the largest simulation.
    Read once by the notebook and passed down."""
    return settings.load(resolve_path(path), SETTINGS_FILE, shown_as=str(path))


def check_draws(n_draws: Any, report_settings: Mapping[str, Any]) -> int:
    """``n_draws`` as a whole number within ``simulation.max_draws`` of the settings, or a
    DataError saying the limit and why: memory grows with the draws, and the percentiles
    stop moving long before the limit."""
    limit = report_settings["simulation"]["max_draws"]
    if isinstance(n_draws, bool) or not isinstance(n_draws, numbers.Integral) or n_draws < 1:
        raise DataError("must be a whole number of simulated futures, at least 1", column="n_draws", value=n_draws)
    if n_draws > limit:
        raise DataError(
            f"at most {limit:,} simulated futures per option (simulation.max_draws in {SETTINGS_PATH}): "
            "more would not change the percentiles shown, only use more memory and time",
            column="n_draws",
            value=n_draws,
        )
    return int(n_draws)
