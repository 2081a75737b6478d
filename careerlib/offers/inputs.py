"""Reading an offers file: TOML ``[[offer]]`` tables -> a list of :class:`Offer`, in file order.

Only ``company``, ``role`` and ``base`` are required; every other key defaults to
"none" (no bonus, no equity, no sign-on ...). A bad entry raises a DataError
naming the file, the offer (its place in the file and its company) and the key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pandas as pd

from careerlib import settings as s
from careerlib.applications import load_applications
from careerlib.errors import DataError
from careerlib.io import fail_first, parse_numbers, read_csv_table, resolve_path


@dataclass(frozen=True)
class Offer:
    """One job offer. Amounts are yearly and before tax unless said otherwise;
    shares are fractions (0.10 = 10 %)."""

    company: str
    role: str
    base: float  # yearly base salary
    base_growth: float = 0.0  # yearly raise you expect on the base (0.03 = 3 %)
    bonus_share: float = 0.0  # target performance bonus as a share of base ...
    bonus_amount: float = 0.0  # ... or as an amount per year (give one of the two)
    bonus_probability: float = 1.0  # chance the bonus is paid in a given year
    sign_on: float = 0.0  # one-off sign-on bonus, paid in the first year
    clawback_months: int = 0  # repaid if you leave before this many months
    clawback_prorated: bool = False  # repay only the unearned part (else all of it)
    equity_grant: float = 0.0  # value of the initial equity grant when granted
    vesting_years: float = 4.0  # the grant vests evenly (monthly) over this many years ...
    cliff_months: int = 12  # ... nothing before the cliff, then the months so far at once
    equity_refresh: float = 0.0  # value of a new grant you expect each year from year 2 (same schedule)
    equity_volatility: float = 0.35  # yearly spread of the equity's value (standard deviation of its log)
    retirement_match: float = 0.0  # employer's retirement contribution as a share of base
    benefits_value: float = 0.0  # what the benefits are worth to you per year (health, meals, ...)
    commute_cost: float = 0.0  # what getting to work (or working remotely) costs you per year
    start_date: dt.date | None = None
    deadline: dt.date | None = None  # when the offer must be answered

    @property
    def bonus_target(self) -> float:
        """The yearly target bonus as an amount (face value, before the chance of payment)."""
        return self.bonus_amount if self.bonus_amount else self.bonus_share * self.base

    @property
    def first_year_cash(self) -> float:
        """Base + target bonus at face value + sign-on: the figure a counter-offer is about."""
        return self.base + self.bonus_target + self.sign_on


FIELDS = tuple(f.name for f in dataclasses.fields(Offer))


def _date_problem(value: Any) -> str | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return None
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value.strip())
            return None
        except ValueError:
            pass
    return "expected a date (YYYY-MM-DD)"


_MONEY = dict(minimum=0, default=0.0)
# One offer, as the settings checker reads it: types, ranges and defaults ("none") per key.
OFFER = s.Table(
    {
        "company": s.Text(),
        "role": s.Text(),
        "base": s.Number(above=0),
        "base_growth": s.Number(above=-0.5, below=1, default=0.0),
        "bonus_share": s.Number(minimum=0, maximum=2, default=0.0),
        "bonus_amount": s.Number(**_MONEY),
        "bonus_probability": s.Number(minimum=0, maximum=1, default=1.0),
        "sign_on": s.Number(**_MONEY),
        "clawback_months": s.Number(minimum=0, maximum=120, integer=True, default=0),
        "clawback_prorated": s.Flag(default=False),
        "equity_grant": s.Number(**_MONEY),
        "vesting_years": s.Number(above=0, maximum=10, default=4.0),
        "cliff_months": s.Number(minimum=0, maximum=60, integer=True, default=12),
        "equity_refresh": s.Number(**_MONEY),
        "equity_volatility": s.Number(minimum=0, maximum=3, default=0.35),
        "retirement_match": s.Number(minimum=0, maximum=1, default=0.0),
        "benefits_value": s.Number(**_MONEY),
        "commute_cost": s.Number(**_MONEY),
        "start_date": s.Anything(default=None, check=_date_problem),
        "deadline": s.Anything(default=None, check=_date_problem),
    },
    rules=(
        s.Rule(
            "bonus_amount",
            lambda t: not (t["bonus_share"] and t["bonus_amount"]),
            "give the bonus as bonus_share or bonus_amount, not both",
        ),
        s.Rule(
            "bonus_share",
            lambda t: t["bonus_share"] <= 1 or t["bonus_amount"] == 0,
            "a bonus share above 1 is more than the base; for an amount use bonus_amount",
        ),
    ),
)
FILE = s.Table({"offer": s.ListOf(s.Anything(), min_items=1)})


def load_offers(path: str | os.PathLike) -> list[Offer]:
    """The offers in a TOML file (``[[offer]]`` tables), in file order."""
    shown = str(path)
    document = s.check(s.read(path, shown_as=shown), FILE, file=shown)
    return [_offer(entry, index, shown) for index, entry in enumerate(document["offer"])]  # a few offers


def _offer(entry: Any, index: int, shown: str) -> Offer:
    """One ``[[offer]]`` table as an Offer; a DataError names the offer (its place in
    the file, counted from 1, and its company) and the key path (counted from 0)."""
    company = entry.get("company") if isinstance(entry, dict) else None
    label = f"offer {index + 1}" + (f" ({company.strip()})" if isinstance(company, str) and company.strip() else "")
    try:
        values = s.check(entry, OFFER, file=shown, path=f"offer[{index}]")
    except DataError as err:
        raise DataError(f"{label}: {err.problem}", file=shown, column=err.column, value=err.value) from None
    for key in ("start_date", "deadline"):
        if isinstance(values[key], str):
            values[key] = dt.date.fromisoformat(values[key].strip())
    numbers_ = {
        key: float(value)
        for key, value in values.items()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key not in _WHOLE
    }
    return Offer(**{**values, **numbers_})


_WHOLE = {"clawback_months", "cliff_months"}


def load_search(applications_path: str | os.PathLike, mapping_path: str = "") -> pd.DataFrame | None:
    """The applications log for the keep-searching question, or None when no path
    is given (the question is then left unanswered, and the report says so).
    ``mapping_path`` is handed to the applications importer when one is given."""
    if not str(applications_path).strip():
        return None
    return load_applications(applications_path, mapping=str(mapping_path).strip() or None)


def deadline(offers: list[Offer], as_of) -> pd.Timestamp | None:
    """The earliest deadline among the offers still open on ``as_of`` (None if none is given)."""
    day = pd.Timestamp(as_of).normalize()
    dates = [pd.Timestamp(o.deadline) for o in offers if o.deadline is not None and pd.Timestamp(o.deadline) >= day]
    return min(dates) if dates else None


REFERENCE_PATH = "data/reference/negotiation.csv"


def load_negotiation_reference(path: str = REFERENCE_PATH) -> dict[str, float]:
    """The reference figures on negotiating (``figure -> value``): the buffer offers
    carry and the seed article's worked example, each with its source in the file."""
    table = read_csv_table(resolve_path(path), shown_as=path, required=("figure", "value", "source", "year"))
    values = parse_numbers(table, "value", file=path)
    fail_first(table, values.isna(), file=path, column="value", problem="needs a number")
    return dict(zip(table["figure"].str.strip(), values.astype(float)))
