"""What offers are worth, the counter-package, and whether to keep searching: pure
functions on :class:`~careerlib.offers.inputs.Offer` lists and the applications log.

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

from careerlib import funnel
from careerlib.errors import DataError
from careerlib.offers.inputs import Offer
from careerlib.stats import beta_draws

YEARS = 4  # a typical vesting schedule: four years
DISCOUNT_RATE = 0.04  # yearly; what money later is worth against money now
DRAWS = 20_000  # simulated futures per offer: stable P10/P90, a report that runs in seconds
COMPONENTS = ("base", "bonus", "sign_on", "clawback", "equity", "retirement", "benefits", "commute")
HORIZONS_WEEKS = (4, 8, 12)
PACE_WEEKS = 4  # the application pace is measured over the last four weeks of the log
WEEKS_PER_YEAR = 52


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
        since_end - 12.0, offer.vesting_years, offer.cliff_months)
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


def compensation(offers: list[Offer], years: int = YEARS, discount_rate: float = DISCOUNT_RATE,
                 equity_haircut: float = 0.0) -> pd.DataFrame:
    """Tidy: one row per offer, year and component: ``offer, company, year, component,
    amount, discounted`` (expected values; ``offer`` counts from 0 in file order)."""
    _check_rates(discount_rate, equity_haircut)
    factors = discount_factors(years, discount_rate)
    frames = []
    for index, offer in enumerate(offers):  # a few offers
        parts = components(offer, years, equity_haircut)
        amounts = np.stack([parts[c] for c in COMPONENTS])  # (components, years)
        frames.append(pd.DataFrame({
            "offer": index,
            "company": offer.company,
            "year": np.tile(np.arange(1, years + 1), len(COMPONENTS)),
            "component": np.repeat(COMPONENTS, years),
            "amount": amounts.ravel(),
            "discounted": (amounts * factors).ravel(),
        }))
    return pd.concat(frames, ignore_index=True)


def simulate(offer: Offer, years: int = YEARS, discount_rate: float = DISCOUNT_RATE, equity_haircut: float = 0.0,
             draws: int = DRAWS, seed: int = 0) -> np.ndarray:
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


def compare(offers: list[Offer], years: int = YEARS, discount_rate: float = DISCOUNT_RATE,
            equity_haircut: float = 0.0, draws: int = DRAWS, seed: int = 0) -> pd.DataFrame:
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
    return pd.DataFrame({
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
    })


def best(comparison: pd.DataFrame) -> pd.Series:
    """The row of the offer with the highest expected discounted total."""
    return comparison.loc[comparison["total"].idxmax()]


def _check_years(years: int) -> None:
    if isinstance(years, bool) or not isinstance(years, (int, float)) or not float(years).is_integer() \
            or not 1 <= years <= 30:
        raise DataError("must be a whole number of years from 1 to 30", column="years", value=years)


def _check_rates(discount_rate: float, equity_haircut: float) -> None:
    if not -0.5 < discount_rate < 1:
        raise DataError("must be a yearly rate between -50 % and 100 % (0.04 = 4 %)", column="discount_rate",
                        value=discount_rate)
    if not 0 <= equity_haircut <= 1:
        raise DataError("must be between 0 (trust the equity fully) and 1 (count it as nothing)",
                        column="equity_haircut", value=equity_haircut)


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


def counter_package(offer: Offer, target_total: float = 0.0, buffer: float | None = None,
                    step: float = 100.0) -> CounterPackage:
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
    rows = [{"answer": answer, **{part: (asked if part in yes else offered)[part] for part in asked}}
            for answer, yes in ANSWERS]  # seven answers
    table = pd.DataFrame(rows)
    table["first_year"] = table[["base", "bonus", "sign_on"]].sum(axis=1)
    table["reaches_target"] = table["first_year"] >= package.target - 1e-6
    return table


# --------------------------------------------------------------------------- keep searching
@dataclass(frozen=True)
class SearchOutlook:
    """The chance of another offer, and what waiting for it is worth.

    ``chances``: ``label, weeks, applications, p_offer, p_low, p_high`` (95 % interval
    of the chance over the rate and pace uncertainty) and, when offer values were
    given, ``value_accept, value_continue, p_better``. ``p_by_deadline`` is None
    when there is no deadline or no observed offer rate (``reason`` says which)."""

    p_by_deadline: float | None
    weeks_to_deadline: float | None
    chances: pd.DataFrame
    rate: float | None
    rate_low: float | None
    rate_high: float | None
    pace: float
    pace_low: float
    pace_high: float
    recent_applications: int
    lag_weeks: float
    offers_seen: int
    reason: str
    offer_spread: float = 0.10  # how far a new offer's value may differ from the offers in hand (log-normal sd)

    @staticmethod
    def empty_chances() -> pd.DataFrame:
        return pd.DataFrame({"label": pd.Series(dtype=object), "weeks": pd.Series(dtype=float),
                             "applications": pd.Series(dtype=float), "p_offer": pd.Series(dtype=float),
                             "p_low": pd.Series(dtype=float), "p_high": pd.Series(dtype=float)})


def stage_rate_draws(apps: pd.DataFrame, as_of=None, draws: int = DRAWS, seed: int = 0) -> np.ndarray | None:
    """Posterior draws of each step's rate up to the offer (applied -> screen ->
    interview -> offer), shape ``(draws, 3)``, each from its Beta posterior (uniform
    prior) as in ``funnel.offer_forecast``. None when no offer has been seen yet."""
    return _step_draws(funnel.summary(apps, as_of=as_of), draws, seed)


def _step_draws(table: pd.DataFrame, draws: int, seed: int) -> np.ndarray | None:
    steps = table.iloc[1 : funnel.OFFER + 1]
    if steps["reached"].iloc[-1] == 0:
        return None
    return beta_draws(steps["reached"], steps["decided"], draws, np.random.default_rng(seed))


def offer_rate_draws(apps: pd.DataFrame, as_of=None, draws: int = DRAWS, seed: int = 0) -> np.ndarray | None:
    """Posterior draws of the end-to-end offer rate per application (the product of
    the step rates). None when no offer has been seen yet."""
    steps = stage_rate_draws(apps, as_of, draws, seed)
    return None if steps is None else steps.prod(axis=1)


def stage_gaps_days(apps: pd.DataFrame, as_of=None) -> np.ndarray:
    """Median days of each step up to the offer (0 where a step was never observed)."""
    gaps = funnel.time_in_stage(apps, as_of=as_of).iloc[: funnel.OFFER]
    return gaps["median_days"].fillna(0.0).to_numpy(dtype=float)


def application_lag_weeks(apps: pd.DataFrame, as_of=None) -> float:
    """Median weeks from application to offer: the sum of the median step times."""
    return float(stage_gaps_days(apps, as_of).sum()) / 7.0


def pipeline(apps: pd.DataFrame, as_of=None, gaps_days: np.ndarray | None = None) -> pd.DataFrame:
    """Applications in flight before the offer stage: ``level`` (0 applied, 1 screen,
    2 interview) and ``weeks_to_offer``, the median time still to go from their stage
    to an offer less the time already waited (at least 0). ``gaps_days``: the median
    step times, when the caller has them already (:func:`stage_gaps_days`)."""
    gaps_days = stage_gaps_days(apps, as_of) if gaps_days is None else gaps_days
    waiting = funnel.in_flight(apps, as_of=as_of)
    level = pd.Series(waiting["stage"]).map({stage: i for i, stage in enumerate(funnel.STAGE_LABELS)})
    waiting = waiting.assign(level=level.to_numpy()).loc[lambda t: t["level"] < funnel.OFFER]
    remaining = np.cumsum(gaps_days[::-1])[::-1]  # days from each level to the offer
    days = remaining[waiting["level"].to_numpy(dtype=np.int64)] - waiting["days_waiting"].to_numpy(dtype=float)
    return pd.DataFrame({"level": waiting["level"].to_numpy(dtype=np.int64),
                         "weeks_to_offer": np.clip(days, 0.0, None) / 7.0})


def chance_of_offer(rate_draws: np.ndarray, applications) -> np.ndarray:
    """P(at least one offer) from ``applications`` more applications, per rate draw:
    ``1 - (1 - p) ** n`` (broadcast over draws)."""
    return 1.0 - (1.0 - np.asarray(rate_draws, dtype=float)) ** np.asarray(applications, dtype=float)


def keep_searching(apps: pd.DataFrame, deadline=None, as_of=None, horizons=HORIZONS_WEEKS, pace: float | None = None,
                   pace_weeks: int = PACE_WEEKS, offer_values=(), current_pay: float | None = None,
                   offer_spread: float = 0.10, draws: int = DRAWS, seed: int = 0) -> SearchOutlook:
    """The chance of at least one more offer by ``deadline`` and within each of
    ``horizons`` weeks, from new applications sent at the current pace.

    * offer rate: the funnel's, with its uncertainty (:func:`offer_rate_draws`);
    * pace: applications per week over the last ``pace_weeks`` weeks, uncertain as a
      Poisson rate (Gamma(k + 1/2, weeks) draws); give ``pace`` to fix it;
    * timing: an application sent now becomes an offer after the median time from
      application to offer in the log, so only applications sent by
      ``weeks - lag`` count for a horizon of ``weeks``;
    * applications in flight (before the offer stage) count too: each has the chance
      of the steps still ahead of it and arrives after the median time still to go
      (:func:`pipeline`).

    With ``offer_values`` (yearly values of the offers in hand) and ``current_pay``
    (yearly, 0 = not working), each horizon also compares, over the next 52 weeks,
    accepting the best offer now with declining it and searching: current pay
    during the search, then the best new offer (values like the ones in hand,
    log-normal spread ``offer_spread``), or current pay if none comes. The new job
    is assumed to start at the end of the search (a cautious reading)."""
    day = funnel.resolve_as_of(apps, as_of)
    if current_pay is not None and not current_pay >= 0:
        raise DataError("must be your yearly pay now, 0 if you are not working", column="current_pay",
                        value=current_pay)
    rng = np.random.default_rng(seed + 1)
    recent = int(((apps["applied"] > day - pd.Timedelta(weeks=pace_weeks)) & (apps["applied"] <= day)).sum())
    if pace is None:
        pace_draws = rng.gamma(recent + 0.5, 1.0 / pace_weeks, size=draws)
        pace_point = recent / pace_weeks
    else:
        pace_draws = np.full(draws, float(pace))
        pace_point = float(pace)
    gaps = stage_gaps_days(apps, as_of=day)
    lag = float(gaps.sum()) / 7.0
    table = funnel.summary(apps, as_of=day)
    steps = _step_draws(table, draws, seed)
    rate = None if steps is None else steps.prod(axis=1)
    offers_seen = int(table["reached"].iloc[funnel.OFFER])
    weeks_left = None if deadline is None else (pd.Timestamp(deadline) - day).days / 7.0
    pace_low, pace_high = (float(x) for x in np.quantile(pace_draws, [0.025, 0.975]))
    if rate is None:
        return SearchOutlook(None, weeks_left, SearchOutlook.empty_chances(), None, None, None, pace_point, pace_low,
                             pace_high,
                             recent, lag, offers_seen, "no offer in the log yet, so there is no offer rate to go on")

    labels = [f"within {w} weeks" for w in horizons]
    weeks = [float(w) for w in horizons]
    if weeks_left is not None:
        labels.insert(0, "by the deadline")
        weeks.insert(0, max(weeks_left, 0.0))
    weeks_arr = np.asarray(weeks)
    sending = np.clip(weeks_arr - lag, 0.0, None)  # weeks in which an application can still become an offer in time
    n = np.rint(pace_draws[:, None] * sending[None, :])  # (draws, horizons)
    # Applications in flight: each level's chance of an offer is the product of the
    # steps still ahead; an application counts for a horizon its remaining time fits in.
    flight = pipeline(apps, as_of=day, gaps_days=gaps)
    ahead = np.flip(np.cumprod(np.flip(steps, axis=1), axis=1), axis=1)  # (draws, levels): P(offer | at level)
    in_time = (flight["weeks_to_offer"].to_numpy()[:, None] <= weeks_arr[None, :])  # (applications, horizons)
    counts = np.stack([in_time[flight["level"].to_numpy() == level].sum(axis=0) for level in range(funnel.OFFER)])
    none_in_flight = np.exp(np.log1p(-np.minimum(ahead, 1 - 1e-12)) @ counts)  # (draws, horizons)
    chance = 1.0 - (1.0 - chance_of_offer(rate[:, None], n)) * none_in_flight
    low, high = np.quantile(chance, [0.025, 0.975], axis=0)
    chances = pd.DataFrame({"label": labels, "weeks": weeks_arr, "applications": n.mean(axis=0),
                            "p_offer": chance.mean(axis=0), "p_low": low, "p_high": high})
    values = [float(v) for v in offer_values]
    if values and current_pay is not None:
        worth = _waiting_value(values, float(current_pay), chance, weeks_arr, offer_spread, rng)
        if weeks_left is not None:  # until the deadline nothing is declined yet: no waiting cost to weigh
            worth = {key: np.where(np.arange(weeks_arr.size) == 0, np.nan, value) for key, value in worth.items()}
        chances = chances.assign(**worth)
    rate_low, rate_high = (float(x) for x in np.quantile(rate, [0.025, 0.975]))
    p_deadline = float(chances["p_offer"].iloc[0]) if weeks_left is not None else None
    reason = "" if weeks_left is not None else "no deadline was given, so only the fixed horizons are shown"
    return SearchOutlook(p_deadline, weeks_left, chances, float(np.median(rate)), rate_low, rate_high, pace_point,
                         pace_low, pace_high, recent, lag, offers_seen, reason, offer_spread)


def _waiting_value(values: list[float], current_pay: float, chance: np.ndarray, weeks: np.ndarray,
                   spread: float, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Expected money over the next 52 weeks: accept the best offer now, or search.
    ``chance`` is P(at least one new offer) per draw and horizon; the best new offer is
    one offer like those in hand (log-normal around their mean, mean preserved)."""
    accept = max(values)
    typical = float(np.mean(values))
    new_offers = rng.random(chance.shape) < chance  # (draws, horizons)
    best_new = typical * np.exp(spread * rng.standard_normal(chance.shape) - 0.5 * spread**2)
    share_searching = np.minimum(weeks, WEEKS_PER_YEAR) / WEEKS_PER_YEAR
    after = np.where(new_offers > 0, best_new, current_pay) * (1.0 - share_searching)
    searching = current_pay * share_searching + after
    return {"value_accept": np.full(weeks.size, accept), "value_continue": searching.mean(axis=0),
            "p_better": (searching > accept).mean(axis=0)}


def pick(offer_list: list[Offer], comparison: pd.DataFrame) -> Offer:
    """The offer with the highest expected discounted total (the one to counter first)."""
    return offer_list[int(best(comparison)["offer"])]


def search(apps: pd.DataFrame | None, offer_list: list[Offer], comparison: pd.DataFrame, as_of=None,
           current_pay: float | None = None, seed: int = 0, **options) -> SearchOutlook | None:
    """:func:`keep_searching` for a report: the earliest open deadline among the offers,
    their yearly values (discounted total / years) as the offers in hand. None when
    no applications log was given (the report then says so)."""
    if apps is None:
        return None
    day = funnel.resolve_as_of(apps, as_of)
    open_deadlines = [pd.Timestamp(o.deadline) for o in offer_list if o.deadline is not None
                      and pd.Timestamp(o.deadline) >= day]
    return keep_searching(apps, min(open_deadlines) if open_deadlines else None, as_of=day,
                          offer_values=comparison["yearly_value"], current_pay=current_pay, seed=seed, **options)
