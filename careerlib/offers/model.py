"""What offers are worth and the counter-package: pure functions on
:class:`~careerlib.offers.inputs.Offer` lists (whether to keep searching is in
:mod:`careerlib.offers.outlook`).

The money, year by year
-----------------------
``compare(offers, years=4)`` values a stay of ``years`` whole years in each job,
leaving at the end of the last one. Year 1 starts on the start date and is not
discounted; year k is discounted by ``(1 + discount_rate) ** (k - 1)``.

* base: ``base * (1 + base_growth) ** (k - 1)``.
* bonus: the target (``bonus_share`` of that year's base, or ``bonus_amount``) times
  ``bonus_probability`` (expected value); the simulation pays it in full or not at all.
* sign-on: paid in year 1. Claw-back: if the stay ends before ``clawback_months``,
  the sign-on (or, with ``clawback_prorated``, its unearned share) is repaid in the
  last year, as a negative ``clawback`` line.
* equity: the grant vests evenly by month over ``vesting_years``; before
  ``cliff_months`` nothing vests, at the cliff every month so far vests at once.
  A refresh grant of ``equity_refresh`` starts each year from year 2 on the same
  schedule. Values are at grant, less the user's ``equity_haircut`` (0.3 = trust 70 %);
  the simulation moves them along one random price path per simulated future
  (log-normal, ``equity_volatility`` a year, mean kept at the stated value).
* retirement match (share of base), benefits value (per year), commute cost (minus).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.offers.inputs import Offer

YEARS = 4  # a typical vesting schedule: four years
DISCOUNT_RATE = 0.04  # yearly; what money later is worth against money now
DRAWS = 20_000  # simulated futures per offer: stable P10/P90, a report that runs in seconds
COMPONENTS = ("base", "bonus", "sign_on", "clawback", "equity", "retirement", "benefits", "commute")


# --------------------------------------------------------------------------- vesting
def vested_share(months, vesting_years: float, cliff_months: int) -> np.ndarray:
    """Share of a grant vested ``months`` after it was granted (0 before the cliff,
    then months / vesting months, at most 1)."""
    months = np.asarray(months, dtype=float)
    share = np.clip(months / (vesting_years * 12.0), 0.0, 1.0)
    return np.where(months < cliff_months, 0.0, share)


def equity_by_year(offer: Offer, years: int) -> np.ndarray:
    """Equity value vesting in each year of the stay, at grant value (no haircut):
    the initial grant plus a refresh granted at the start of each year from year 2."""
    ends = 12.0 * np.arange(1, years + 1)  # month at the end of each year
    starts = np.concatenate(([0.0], 12.0 * np.arange(1, years)))  # when each grant is made
    values = np.concatenate(([offer.equity_grant], np.full(years - 1, offer.equity_refresh)))
    since_end = ends[None, :] - starts[:, None]  # (grants, years)
    vested = vested_share(since_end, offer.vesting_years, offer.cliff_months) - vested_share(
        since_end - 12.0, offer.vesting_years, offer.cliff_months
    )
    return values @ vested


def clawback(offer: Offer, years: int) -> float:
    """What is repaid of the sign-on when leaving after ``years`` years (0 if none)."""
    stay = 12.0 * years
    if offer.sign_on == 0 or stay >= offer.clawback_months:
        return 0.0
    if offer.clawback_prorated:
        return offer.sign_on * (offer.clawback_months - stay) / offer.clawback_months
    return offer.sign_on


# --------------------------------------------------------------------------- one offer
def components(offer: Offer, years: int = YEARS, equity_haircut: float = 0.0) -> dict[str, np.ndarray]:
    """Expected amount of each component in each year of the stay (arrays of ``years``)."""
    _check_years(years)
    k = np.arange(int(years))
    years = int(years)
    base = offer.base * (1.0 + offer.base_growth) ** k
    bonus_target = np.full(years, offer.bonus_amount) if offer.bonus_amount else offer.bonus_share * base
    sign_on = np.zeros(years)
    sign_on[0] = offer.sign_on
    repaid = np.zeros(years)
    repaid[-1] = -clawback(offer, years)
    return {
        "base": base,
        "bonus": bonus_target * offer.bonus_probability,
        "sign_on": sign_on,
        "clawback": repaid,
        "equity": equity_by_year(offer, years) * (1.0 - equity_haircut),
        "retirement": offer.retirement_match * base,
        "benefits": np.full(years, offer.benefits_value),
        "commute": np.full(years, -offer.commute_cost) + 0.0,  # + 0.0: no "-0" when there is no cost
    }


def discount_factors(years: int, discount_rate: float) -> np.ndarray:
    """1 / (1 + r) ** (k - 1) for years k = 1..years (year 1 not discounted)."""
    return (1.0 + discount_rate) ** -np.arange(years, dtype=float)


def compensation(
    offers: list[Offer], years: int = YEARS, discount_rate: float = DISCOUNT_RATE, equity_haircut: float = 0.0
) -> pd.DataFrame:
    """Tidy: one row per offer, year and component: ``offer, company, year, component,
    amount, discounted`` (expected values; ``offer`` counts from 0 in file order)."""
    _check_rates(discount_rate, equity_haircut)
    factors = discount_factors(years, discount_rate)
    frames = []
    for index, offer in enumerate(offers):  # a few offers
        parts = components(offer, years, equity_haircut)
        amounts = np.stack([parts[c] for c in COMPONENTS])  # (components, years)
        frames.append(
            pd.DataFrame(
                {
                    "offer": index,
                    "company": offer.company,
                    "year": np.tile(np.arange(1, years + 1), len(COMPONENTS)),
                    "component": np.repeat(COMPONENTS, years),
                    "amount": amounts.ravel(),
                    "discounted": (amounts * factors).ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def simulate(
    offer: Offer,
    years: int = YEARS,
    discount_rate: float = DISCOUNT_RATE,
    equity_haircut: float = 0.0,
    draws: int = DRAWS,
    seed: int = 0,
) -> np.ndarray:
    """Discounted totals of the stay over ``draws`` simulated futures (vectorised):
    the bonus is paid in full or not at all each year (chance ``bonus_probability``),
    and equity follows one log-normal price path per future (mean = stated value)."""
    rng = np.random.default_rng(seed)
    parts = components(offer, years, equity_haircut)
    factors = discount_factors(years, discount_rate)
    fixed = sum(parts[c] for c in COMPONENTS if c not in ("bonus", "equity")) @ factors
    target = parts["bonus"] / offer.bonus_probability if offer.bonus_probability > 0 else np.zeros(years)
    paid = rng.random((draws, years)) < offer.bonus_probability
    sigma = offer.equity_volatility
    path = np.cumsum(rng.standard_normal((draws, years)) * sigma - 0.5 * sigma**2, axis=1)
    np.exp(path, out=path)
    return fixed + (paid * target) @ factors + (path * parts["equity"]) @ factors


def compare(
    offers: list[Offer],
    years: int = YEARS,
    discount_rate: float = DISCOUNT_RATE,
    equity_haircut: float = 0.0,
    draws: int = DRAWS,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per offer: ``offer, company, role, first_year, total, p10, p50, p90,
    p_highest, yearly_value, deadline``. ``first_year`` is year 1's expected money,
    ``total`` the discounted expected total of the stay; P10/P50/P90 are percentiles
    of the simulated totals; ``p_highest`` the share of futures in which the offer
    has the highest total (futures drawn independently per offer, seeded)."""
    table = compensation(offers, years, discount_rate, equity_haircut)
    sims = np.stack([simulate(o, years, discount_rate, equity_haircut, draws, seed + i) for i, o in enumerate(offers)])
    winner = np.bincount(sims.argmax(axis=0), minlength=len(offers)) / draws
    first = table.loc[table["year"] == 1].groupby("offer")["amount"].sum()
    total = table.groupby("offer")["discounted"].sum()
    p10, p50, p90 = np.quantile(sims, [0.1, 0.5, 0.9], axis=1)
    return pd.DataFrame(
        {
            "offer": np.arange(len(offers)),
            "company": [o.company for o in offers],
            "role": [o.role for o in offers],
            "first_year": first.to_numpy(),
            "total": total.to_numpy(),
            "p10": p10,
            "p50": p50,
            "p90": p90,
            "p_highest": winner,
            "yearly_value": total.to_numpy() / years,
            "deadline": [pd.Timestamp(o.deadline) if o.deadline else pd.NaT for o in offers],
        }
    )


def best(comparison: pd.DataFrame) -> pd.Series:
    """The row of the offer with the highest expected discounted total."""
    return comparison.loc[comparison["total"].idxmax()]


def _check_years(years: int) -> None:
    if (
        isinstance(years, bool)
        or not isinstance(years, (int, float))
        or not float(years).is_integer()
        or not 1 <= years <= 30
    ):
        raise DataError("must be a whole number of years from 1 to 30", column="years", value=years)


def _check_rates(discount_rate: float, equity_haircut: float) -> None:
    if not -0.5 < discount_rate < 1:
        raise DataError(
            "must be a yearly rate between -50 % and 100 % (0.04 = 4 %)", column="discount_rate", value=discount_rate
        )
    if not 0 <= equity_haircut <= 1:
        raise DataError(
            "must be between 0 (trust the equity fully) and 1 (count it as nothing)",
            column="equity_haircut",
            value=equity_haircut,
        )


# --------------------------------------------------------------------------- counter
@dataclass(frozen=True)
class CounterPackage:
    """What to ask for (``base`` is the absolute base, not the raise), with the offer's
    own figures and the target (first-year cash: base + bonus at face value + sign-on)."""

    base: float
    bonus: float
    sign_on: float
    target: float
    offered_base: float
    offered_bonus: float
    offered_sign_on: float

    @property
    def gap(self) -> float:
        return max(self.target - (self.offered_base + self.offered_bonus + self.offered_sign_on), 0.0)

    @property
    def full_yes(self) -> float:
        return self.base + self.bonus + self.sign_on


def default_target(offer: Offer, buffer: float) -> float:
    """The offer's first-year cash plus ``buffer`` times its base: the margin offers
    are said to carry (see ``data/reference/negotiation.csv``)."""
    return offer.first_year_cash + buffer * offer.base


def counter_package(
    offer: Offer, target_total: float = 0.0, buffer: float | None = None, step: float = 100.0
) -> CounterPackage:
    """Split the gap between the offer's first-year cash and ``target_total`` so that a
    partial yes still reaches the target: ask for half the gap on base, the whole
    gap as extra bonus and half the gap as sign-on. Refusing the bonus leaves base +
    sign-on = target; refusing base and sign-on leaves the bonus = target. Each ask
    is rounded up to ``step`` (so the target is still met). ``target_total`` of 0
    means the offer plus ``buffer`` times its base (``buffer`` must then be given)."""
    if target_total is None or target_total <= 0:
        if buffer is None:
            raise ValueError("give target_total, or buffer for the default target")
        target_total = default_target(offer, buffer)
    gap = max(target_total - offer.first_year_cash, 0.0)
    half = math.ceil(gap / 2 / step) * step if step else gap / 2
    whole = math.ceil(gap / step) * step if step else gap
    return CounterPackage(
        base=offer.base + half,
        bonus=offer.bonus_target + whole,
        sign_on=offer.sign_on + half,
        target=float(target_total),
        offered_base=offer.base,
        offered_bonus=offer.bonus_target,
        offered_sign_on=offer.sign_on,
    )


# Which parts of the counter the employer accepts, in each partial yes (the rest stay as offered).
ANSWERS = (
    ("yes to everything", ("base", "bonus", "sign_on")),
    ("no to the bonus", ("base", "sign_on")),
    ("no to the sign-on", ("base", "bonus")),
    ("no to the base raise", ("bonus", "sign_on")),
    ("only the bonus", ("bonus",)),
    ("only the base raise", ("base",)),
    ("no to everything", ()),
)


def partial_yeses(package: CounterPackage) -> pd.DataFrame:
    """What each answer to the counter is worth in first-year cash: ``answer, base,
    bonus, sign_on, first_year, reaches_target``."""
    asked = {"base": package.base, "bonus": package.bonus, "sign_on": package.sign_on}
    offered = {"base": package.offered_base, "bonus": package.offered_bonus, "sign_on": package.offered_sign_on}
    rows = [
        {"answer": answer, **{part: (asked if part in yes else offered)[part] for part in asked}}
        for answer, yes in ANSWERS
    ]  # seven answers
    table = pd.DataFrame(rows)
    table["first_year"] = table[["base", "bonus", "sign_on"]].sum(axis=1)
    table["reaches_target"] = table["first_year"] >= package.target - 1e-6
    return table


def pick(offer_list: list[Offer], comparison: pd.DataFrame) -> Offer:
    """The offer with the highest expected discounted total (the one to counter first)."""
    return offer_list[int(best(comparison)["offer"])]
