"""Education ROI in words: the verdict, the payback sentence, the assumptions table and
the ``education_roi.json`` summary. Sentences are plain text holding the option's
name: show them through ``nb.say``, which escapes them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from careerlib.roi.inputs import PARAMETERS, Option
from careerlib.roi.model import Evaluation
from careerlib.roi.scenarios import Simulation
from careerlib.text import json_value, money, percent


def verdict(option: Option, result: Evaluation, spread: Simulation, swings: pd.DataFrame) -> str:
    """A plain-language verdict on one option with its main uncertainty (plain
    text: it contains the option's name, so show it through ``nb.say``)."""
    pays = "pays for itself" if result.npv > 0 else "does not pay for itself"
    # Discounted, like the NPV beside it and the break-even the cumulative chart marks.
    when = (
        f"counting the discount rate, the money comes back by age {result.discounted_breakeven_age:.0f}, "
        f"{result.discounted_payback_years:.1f} years after starting"
        if result.discounted_breakeven_age is not None
        else f"counting the discount rate, the money does not come back before retiring at {option.retirement_age:g}"
    )
    top = swings.iloc[0]
    return (
        f"On these assumptions, {option.name} {pays}: its expected net present value is {money(result.npv)} "
        f"at a {percent(option.discount_rate, 1)} discount rate, and {when}. "
        f"In {percent(spread.prob_npv_positive)} of {spread.n:,} simulated futures the value is positive "
        f"(10th to 90th percentile {money(spread.p10)} to {money(spread.p90)}). "
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


def run_settings(**parameters: Any) -> pd.DataFrame:
    """The report's parameters as a two-column table, so the exported HTML says
    what it was run with."""
    return pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]})


# Options are programmes, not people: share mode changes no figure, it only says so.
SHARE_NOTE = "Anonymised for sharing: the options are programmes, not people, so no figure is hidden or changed."


_MONEY_INPUTS = {"cost_per_year", "current_salary", "loan_principal"}
_YEAR_INPUTS = {"years", "delay_years", "loan_term", "age", "retirement_age"}


def _input_text(option: Option, parameter: str) -> str:
    """One input as a reader would write it: $75,000, 4 %, 2 years, yes."""
    value = getattr(option, parameter)
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


def assumptions(options: Sequence[Option]) -> pd.DataFrame:
    """Every input of every option side by side, as text (one row per input), so
    the exported report says what it assumed."""
    inputs = [p for p in PARAMETERS if p != "name"]
    table = pd.DataFrame({o.name: [_input_text(o, p) for p in inputs] for o in options})
    table.insert(0, "input", [p.replace("_", " ") for p in inputs])
    return table


def report_summary(comparison: pd.DataFrame) -> dict:
    """The ``education_roi.json`` contract, one entry per option."""
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
    ]
    return {
        "report": "education_roi",
        "options": [{key: json_value(row[key]) for key in fields} for row in comparison[fields].to_dict("records")],
    }
