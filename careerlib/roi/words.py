"""Education ROI in words: the verdict, the payback sentence, the assumptions table and
the ``education_roi.json`` summary. Sentences are plain text holding the option's
name: show them through ``nb.say``, which escapes them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from careerlib import paths
from careerlib.io import resolve_path
from careerlib.roi.inputs import PARAMETERS, PROFILES, REPLACED_BY, SETTINGS_PATH, Option
from careerlib.roi.model import Evaluation
from careerlib.roi.options_file import FROM_CAREERLIB
from careerlib.roi.reference import typical_earnings
from careerlib.roi.scenarios import Simulation
from careerlib.text import json_value, money, percent


def timing_text(option: Option) -> str:
    """The discounting convention in words."""
    if option.cash_flow_timing == "end":
        return "each year's flows counted at the end of the year (every flow discounted)"
    return "each year's flows counted at the start of the year (the first year not discounted)"


def verdict(option: Option, result: Evaluation, spread: Simulation, swings: pd.DataFrame) -> str:
    """A plain-language verdict on one option from its simulated futures: the chance of a
    positive NPV and the median future first, then the NPV of the expected flows and the
    mean of the draws, each named for what it is, and one break-even age, discounted
    (plain text: it contains the option's name, so show it through ``nb.say``).
    It never says "pays for itself" when fewer than half of the futures do."""
    share = f"{percent(spread.prob_npv_positive)} of {spread.n:,} simulated futures"
    if spread.prob_npv_positive >= 0.5:
        head = f"On these assumptions, {option.name} pays for itself in {share}"
    else:
        head = (
            f"On these assumptions, {option.name} does not pay for itself in most futures: "
            f"only {share} have a positive net present value"
        )
    when = (
        f"discounted, the money comes back by age {result.discounted_breakeven_age:.0f}, "
        f"{result.discounted_payback_years:.1f} years after starting"
        if result.discounted_breakeven_age is not None
        else f"discounted, the money does not come back before retiring at {option.retirement_age:g}"
    )
    top = swings.iloc[0]
    return (
        f"{head}. The median future is worth {money(spread.p50)} (10th to 90th percentile {money(spread.p10)} "
        f"to {money(spread.p90)}), at a {percent(option.discount_rate, 1)} discount rate with "
        f"{timing_text(option)}. The net present value of the expected flows (every input as stated, "
        f"finishing weighted by its chance) is {money(result.npv)}; the mean over the simulated futures is "
        f"{money(spread.mean)}. Break-even age: {when}. "
        f"The biggest uncertainty is the {top['label']}: over its range ({top['range']}) the value moves "
        f"between {money(min(top['npv_low'], top['npv_high']))} and {money(max(top['npv_low'], top['npv_high']))}."
    )


def payback_text(result: Evaluation) -> str:
    """One sentence on the undiscounted break-even and the lifetime gain (plain text)."""
    if result.payback_years is None:
        back = "Not discounted, the money does not come back before retirement"
    else:
        back = (
            f"Not discounted, the money comes back after {result.payback_years:.1f} years "
            f"(age {result.breakeven_age:.1f})"
        )
    return f"{back}; the lifetime gain after tax, not discounted, is {money(result.lifetime_gain)}."


def spread_note(options: Sequence[Option]) -> str:
    """Where the spreads of the simulation come from, in one sentence (plain text)."""
    guesses = [o.name for o in options if "premium_sd" not in o.sources and "growth_sd" not in o.sources]
    stated = "the spreads in the options file are the file's own guesses, not published figures"
    if guesses:
        stated = (
            f"{', '.join(guesses)} use careerlib's default spreads ({percent(_DEFAULT_PREMIUM_SD)} of the uplift, "
            f"{percent(_DEFAULT_GROWTH_SD, 1)} of pay growth), a guess with no published source"
        )
    return (
        "How wide the futures spread (premium_sd, growth_sd) is a guess, not a measured figure: "
        f"{stated}. Set both to 0 to see the answer without them."
    )


def options_note(options_path: str) -> str:
    """What the options are: synthetic sample data (it says so) or the user's own file."""
    if resolve_path(options_path) == resolve_path(SAMPLE_OPTIONS):
        return (
            "These options are synthetic sample data, made up to show the report: not real programmes, "
            "prices or people. Copy data/templates/education_options.toml to data/private/ to use your own."
        )
    return "The options are the ones in your options file."


def typical_profiles_table(table: pd.DataFrame) -> pd.DataFrame:
    """The typical pay-by-age profiles (:func:`careerlib.roi.typical_earnings`) side by side:
    one row per age point, one column per profile (dollars a year)."""
    profiles = list(dict.fromkeys(table["profile"]))
    columns = {profile: pd.Series(typical_earnings(profile, table)) for profile in profiles}  # a few profiles
    frame = pd.DataFrame(columns).round(0).rename_axis("age").reset_index()
    return frame.astype({"age": int})


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison as shown: each figure named for what it is, one break-even age
    (discounted, as in the verdict)."""
    shown = {
        "name": "option",
        "npv": "NPV of the expected flows",
        "npv_mean_of_draws": "mean NPV of the futures",
        "npv_p50": "median future",
        "npv_p10": "10th percentile",
        "npv_p90": "90th percentile",
        "prob_npv_positive": "chance NPV > 0",
        "irr": "IRR",
        "breakeven_age_discounted": "break-even age (discounted)",
        "discount_rate": "discount rate",
    }
    return comparison[list(shown)].rename(columns=shown)


SAMPLE_OPTIONS = f"{paths.SAMPLE}/education_options.toml"
_FROM_FILE = "not given: each option's own value from the options file"


def run_settings(**parameters: Any) -> pd.DataFrame:
    """The report's parameters as a two-column table, so the exported HTML says
    what it was run with; an empty override says the file's values were used."""
    values = [
        _FROM_FILE if v is None or (isinstance(v, str) and not v.strip()) else str(v) for v in parameters.values()
    ]
    return pd.DataFrame({"parameter": list(parameters), "value": values})


# Options are programmes, not people: share mode changes no figure, it only says so.
SHARE_NOTE = "Anonymised for sharing: the options are programmes, not people, so no figure is hidden or changed."


_MONEY_INPUTS = {"cost_per_year", "current_salary", "loan_principal"}
_YEAR_INPUTS = {"years", "delay_years", "loan_term", "age", "retirement_age"}
_DEFAULT = Option.__dataclass_fields__
_DEFAULT_PREMIUM_SD = _DEFAULT["premium_sd"].default
_DEFAULT_GROWTH_SD = _DEFAULT["growth_sd"].default
_GUESSES = {"premium_sd", "growth_sd"}


def _input_text(option: Option, parameter: str) -> str:
    """One input as a reader would write it: $75,000, 4 %, 2 years, yes."""
    value = getattr(option, parameter)
    if parameter in _unused(option):
        return "not used"
    if parameter == "pay_while_searching":
        return percent(option.searching_pay_share)
    if parameter in PROFILES:
        return "; ".join(f"age {age:g}: {money(pay)}" for age, pay in value.items()) if value else "not given"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if parameter in _MONEY_INPUTS or (parameter == "sponsorship" and value > 1):
        return money(value)
    if parameter == "salary_after":
        return f"+{percent(value, 1)}" if option.salary_after_is_premium else money(value)
    if parameter in _YEAR_INPUTS:
        return f"{value:g}"
    return percent(value, 1)


def _unused(option: Option) -> set[str]:
    """Inputs the model does not use for this option (replaced by pay by age, or part-time
    only)."""
    unused = set()
    if option.earnings_without is not None:
        unused |= set(REPLACED_BY["earnings_without"])
    if option.earnings_with is not None:
        unused |= set(REPLACED_BY["earnings_with"])
    if option.full_time:
        unused.add("part_time_fraction")
    return unused


def _source_text(option: Option, parameter: str) -> str:
    """Where one input came from, in words."""
    if parameter in _unused(option):
        replaced_by = next((p for p, names in REPLACED_BY.items() if parameter in names), "full_time")
        return f"replaced by {replaced_by}"
    source = option.sources.get(parameter)
    if parameter in _GUESSES:
        return f"{source}: your guess" if source else "careerlib's default: a guess with no published source"
    if source:
        return source
    if parameter == "dropout_share":
        return f"settings default ({SETTINGS_PATH}, option_defaults)"
    if parameter == "pay_while_searching" and option.pay_while_searching is None:
        return f"rule: {'0 after full-time study' if option.full_time else '1 after part-time study (job kept)'}"
    if parameter in PROFILES and getattr(option, parameter) is None:
        return "not given"
    if getattr(option, parameter) == _DEFAULT[parameter].default:
        return FROM_CAREERLIB
    return "given"


def assumptions(options: Sequence[Option]) -> pd.DataFrame:
    """Every input of every option side by side, as text (one row per input): the value
    the model used and, in the column ``NAME: from``, where it came from (options file,
    report parameter, reference table with source and year, settings or careerlib default)."""
    inputs = [p for p in PARAMETERS if p != "name"]
    columns = {}
    for o in options:  # a few options
        columns[o.name] = [_input_text(o, p) for p in inputs]
        columns[f"{o.name}: from"] = [_source_text(o, p) for p in inputs]
    table = pd.DataFrame(columns)
    table.insert(0, "input", [p.replace("_", " ") for p in inputs])
    return table


def report_summary(comparison: pd.DataFrame) -> dict:
    """The ``education_roi.json`` contract, one entry per option: ``npv`` is the NPV of the
    expected flows, ``npv_mean_of_draws`` the mean over the simulated futures;
    ``breakeven_age`` is not discounted, ``breakeven_age_discounted`` is."""
    fields = [
        "name",
        "npv",
        "irr",
        "payback_years",
        "breakeven_age",
        "prob_npv_positive",
        "npv_p10",
        "npv_p50",
        "npv_p90",
        "npv_mean_of_draws",
        "breakeven_age_discounted",
        "discount_rate",
        "cash_flow_timing",
    ]
    return {
        "report": "education_roi",
        "options": [{key: json_value(row[key]) for key in fields} for row in comparison[fields].to_dict("records")],
    }
