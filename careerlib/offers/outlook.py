"""Keep searching or accept? The chance of another offer by a deadline and within a few
weeks, from the person's own applications log, and what waiting is worth.

Pure functions over the applications log (``careerlib.load_applications``): the offer
rate and its uncertainty come from ``careerlib.funnel`` (posterior draws via
``careerlib.stats``), the pace from the log's last weeks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib import funnel
from careerlib.errors import DataError
from careerlib.offers.inputs import Offer
from careerlib.offers.model import DRAWS
from careerlib.stats import beta_draws

HORIZONS_WEEKS = (4, 8, 12)
PACE_WEEKS = 4  # the application pace is measured over the last four weeks of the log
WEEKS_PER_YEAR = 52


@dataclass(frozen=True)
class SearchOutlook:
    """The chance of another offer, and what waiting for it is worth.

    ``chances``: ``label, weeks, applications, p_offer, p_low, p_high`` (95 % interval
    of the chance over the rate and pace uncertainty) and, when offer values were
    given, ``value_accept, value_continue, p_better``. ``p_by_deadline`` is None
    when there is no deadline or no observed offer rate (``reason`` says which).
    An undated log (``undated``): no chance at all, pace and lag NaN, ``reason`` is
    ``funnel.NOT_MEASURED``."""

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
    undated: bool = False  # the log has no dates: pace and timing, hence every chance, are not measured

    @staticmethod
    def empty_chances() -> pd.DataFrame:
        return pd.DataFrame(
            {
                "label": pd.Series(dtype=object),
                "weeks": pd.Series(dtype=float),
                "applications": pd.Series(dtype=float),
                "p_offer": pd.Series(dtype=float),
                "p_low": pd.Series(dtype=float),
                "p_high": pd.Series(dtype=float),
            }
        )


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
    return pd.DataFrame(
        {"level": waiting["level"].to_numpy(dtype=np.int64), "weeks_to_offer": np.clip(days, 0.0, None) / 7.0}
    )


def chance_of_offer(rate_draws: np.ndarray, applications) -> np.ndarray:
    """P(at least one offer) from ``applications`` more applications, per rate draw:
    ``1 - (1 - p) ** n`` (broadcast over draws)."""
    return 1.0 - (1.0 - np.asarray(rate_draws, dtype=float)) ** np.asarray(applications, dtype=float)


def keep_searching(
    apps: pd.DataFrame,
    deadline=None,
    as_of=None,
    horizons=HORIZONS_WEEKS,
    pace: float | None = None,
    pace_weeks: int = PACE_WEEKS,
    offer_values=(),
    current_pay: float | None = None,
    offer_spread: float = 0.10,
    draws: int = DRAWS,
    seed: int = 0,
) -> SearchOutlook:
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
    is assumed to start at the end of the search (a cautious reading).

    An undated log (``funnel.is_undated``) has neither a pace nor a time to an offer, so
    nothing is forecast: see :func:`undated_outlook`."""
    if current_pay is not None and not current_pay >= 0:
        raise DataError(
            "must be your yearly pay now, 0 if you are not working", column="current_pay", value=current_pay
        )
    if funnel.is_undated(apps):
        return undated_outlook(apps)
    day = funnel.resolve_as_of(apps, as_of)
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
        return SearchOutlook(
            None,
            weeks_left,
            SearchOutlook.empty_chances(),
            None,
            None,
            None,
            pace_point,
            pace_low,
            pace_high,
            recent,
            lag,
            offers_seen,
            "no offer in the log yet, so there is no offer rate to go on",
        )

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
    in_time = flight["weeks_to_offer"].to_numpy()[:, None] <= weeks_arr[None, :]  # (applications, horizons)
    counts = np.stack([in_time[flight["level"].to_numpy() == level].sum(axis=0) for level in range(funnel.OFFER)])
    none_in_flight = np.exp(np.log1p(-np.minimum(ahead, 1 - 1e-12)) @ counts)  # (draws, horizons)
    chance = 1.0 - (1.0 - chance_of_offer(rate[:, None], n)) * none_in_flight
    low, high = np.quantile(chance, [0.025, 0.975], axis=0)
    chances = pd.DataFrame(
        {
            "label": labels,
            "weeks": weeks_arr,
            "applications": n.mean(axis=0),
            "p_offer": chance.mean(axis=0),
            "p_low": low,
            "p_high": high,
        }
    )
    values = [float(v) for v in offer_values]
    if values and current_pay is not None:
        worth = _waiting_value(values, float(current_pay), chance, weeks_arr, offer_spread, rng)
        if weeks_left is not None:  # until the deadline nothing is declined yet: no waiting cost to weigh
            worth = {key: np.where(np.arange(weeks_arr.size) == 0, np.nan, value) for key, value in worth.items()}
        chances = chances.assign(**worth)
    rate_low, rate_high = (float(x) for x in np.quantile(rate, [0.025, 0.975]))
    p_deadline = float(chances["p_offer"].iloc[0]) if weeks_left is not None else None
    reason = "" if weeks_left is not None else "no deadline was given, so only the fixed horizons are shown"
    return SearchOutlook(
        p_deadline,
        weeks_left,
        chances,
        float(np.median(rate)),
        rate_low,
        rate_high,
        pace_point,
        pace_low,
        pace_high,
        recent,
        lag,
        offers_seen,
        reason,
        offer_spread,
    )


def undated_outlook(apps: pd.DataFrame) -> SearchOutlook:
    """The outlook of a log with no dates: the offers it saw, and no chance, pace or lag
    (each needs time), with ``funnel.NOT_MEASURED`` as the reason."""
    offers_seen = int(funnel.summary(apps)["reached"].iloc[funnel.OFFER])
    nan = float("nan")
    return SearchOutlook(
        None,
        None,
        SearchOutlook.empty_chances(),
        None,
        None,
        None,
        nan,
        nan,
        nan,
        0,
        nan,
        offers_seen,
        funnel.NOT_MEASURED,
        undated=True,
    )


def _waiting_value(
    values: list[float],
    current_pay: float,
    chance: np.ndarray,
    weeks: np.ndarray,
    spread: float,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
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
    return {
        "value_accept": np.full(weeks.size, accept),
        "value_continue": searching.mean(axis=0),
        "p_better": (searching > accept).mean(axis=0),
    }


def search(
    apps: pd.DataFrame | None,
    offer_list: list[Offer],
    comparison: pd.DataFrame,
    as_of=None,
    current_pay: float | None = None,
    seed: int = 0,
    **options,
) -> SearchOutlook | None:
    """:func:`keep_searching` for a report: the earliest open deadline among the offers,
    their yearly values (discounted total / years) as the offers in hand. None when
    no applications log was given (the report then says so)."""
    if apps is None:
        return None
    if funnel.is_undated(apps):
        return undated_outlook(apps)
    day = funnel.resolve_as_of(apps, as_of)
    open_deadlines = [
        pd.Timestamp(o.deadline) for o in offer_list if o.deadline is not None and pd.Timestamp(o.deadline) >= day
    ]
    return keep_searching(
        apps,
        min(open_deadlines) if open_deadlines else None,
        as_of=day,
        offer_values=comparison["yearly_value"],
        current_pay=current_pay,
        seed=seed,
        **options,
    )
