"""Synthetic applications logs: the shipped sample and benchmark-sized data.

Everything here is made up. Rates are set to look like a real small search:
referrals convert far better than cold applications (see DOMAIN.md, section 1).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from careerlib.logs.applications import COLUMNS

# Per-channel share of applications and chance of passing each step (screen, interview, offer, accept).
CHANNELS = {
    "job board": (0.40, (0.08, 0.45, 0.30, 0.6)),
    "company site": (0.22, (0.12, 0.45, 0.30, 0.6)),
    "linkedin": (0.15, (0.06, 0.40, 0.30, 0.6)),
    "referral": (0.15, (0.60, 0.60, 0.45, 0.7)),
    "recruiter": (0.08, (0.40, 0.50, 0.35, 0.6)),
}
COMPANIES = np.array(
    [
        "Acme Analytics",
        "Borealis Health",
        "Cobalt Logistics",
        "Dunmore Bank",
        "Evergreen Retail",
        "Fathom Labs",
        "Granite Insurance",
        "Harbor Media",
        "Ionic Energy",
        "Juniper Software",
        "Kestrel Foods",
        "Lumen Education",
        "Meridian Travel",
        "Northwind Traders",
        "Orchid Biotech",
        "Pinnacle Consulting",
        "Quarry Games",
        "Riverton City",
        "Summit Robotics",
        "Tidewater Shipping",
        "Umbra Security",
        "Vantage Telecom",
        "Willow Care",
        "Xylo Music",
        "Yardley Legal",
        "Zephyr Aviation",
    ]
)
ROLES = np.array(["Data Analyst", "Senior Data Analyst", "Analytics Engineer", "BI Developer", "Product Analyst"])


def synthetic_applications(n: int = 160, seed: int = 5, start: str = "2026-08-03", weeks: int = 10) -> pd.DataFrame:
    """A synthetic log in the template's text form, vectorised (fast for 10^6 rows)."""
    rng = np.random.default_rng(seed)
    names = list(CHANNELS)
    shares = np.array([CHANNELS[c][0] for c in names])
    channel = rng.choice(len(names), size=n, p=shares / shares.sum())
    step_p = np.array([CHANNELS[c][1] for c in names])[channel]  # (n, 4)
    passed = np.logical_and.accumulate(rng.random((n, 4)) < step_p, axis=1)

    day0 = np.datetime64(start, "D")
    applied = day0 + rng.integers(0, weeks * 7, size=n).astype("timedelta64[D]")
    stage_dates = _stage_dates(rng, applied)
    as_of = day0 + np.timedelta64(weeks * 7 + 5, "D")
    happened = passed & (stage_dates <= as_of)
    level = happened.sum(axis=1)  # 0 = applied only ... 4 = accepted

    age = (as_of - applied).astype(int)
    pending = (passed & ~happened).any(axis=1)  # a next step that falls after as_of
    outcome = _outcomes(rng, level, age, pending)
    # One job is accepted at most: earlier offers were declined, the latest one is still being weighed.
    happened[:, 3] = False
    offers_idx = np.flatnonzero(level >= 3)
    if offers_idx.size:
        outcome[offers_idx[np.argmax(stage_dates[offers_idx, 2])]] = "active"

    table = pd.DataFrame(
        _log_columns(rng, names, channel, applied, stage_dates, happened, outcome), columns=list(COLUMNS)
    )
    # Distinct postings: the same company and role twice on one day would be a duplicate row.
    table["role"] = table["role"] + np.where(np.arange(n) % 3 == 0, " (remote)", "")
    repeat = table.groupby(["company", "role", "channel", "applied"], sort=False).cumcount()
    table["role"] = table["role"] + np.where(repeat > 0, " #" + (repeat + 1).astype(str), "")
    return table.sort_values("applied", kind="stable", ignore_index=True)


# --------------------------------------------------------------------------- cohorts
COHORT_AS_OF = "2026-10-30"  # every synthetic person's search is seen as it stood on this day


def synthetic_cohort(
    people: int = 12, seed: int = 11, as_of: str = COHORT_AS_OF, mean_size: float = 60.0, change_share: float = 0.5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A made-up group of job seekers, every row generated at once (fast for 10^6 rows).

    Returns ``(applications, people)``: the applications in the template's text form
    with a ``person`` column, and one row per person (``person, change_date``; an
    empty date when that person set no change of tactic). People differ in search
    size (a few heavy appliers, many light ones), channel mix, how well their
    applications land, start date, and whether they changed tactic part-way: those
    who did send more referrals afterwards and tailor better (a higher screen rate)."""
    rng = np.random.default_rng(seed)
    names = list(CHANNELS)
    base_shares = np.array([CHANNELS[c][0] for c in names])
    base_steps = np.array([CHANNELS[c][1] for c in names])  # (channels, 4)

    # Sizes: lognormal, so a few people send hundreds and most send tens.
    sizes = np.clip(rng.lognormal(np.log(mean_size) - 0.32, 0.8, size=people), 3, 50 * mean_size).astype(np.int64)
    mix = rng.dirichlet(base_shares * 8.0, size=people)  # each person's own channel mix
    skill = rng.lognormal(0.0, 0.35, size=people)  # multiplies the screen chance
    day_end = np.datetime64(as_of, "D")
    weeks = rng.integers(4, 27, size=people)
    start = day_end - (weeks * 7).astype("timedelta64[D]")
    changes = rng.random(people) < change_share
    change_day = start + (weeks * 7 * rng.uniform(0.35, 0.65, size=people)).astype("timedelta64[D]")

    person = np.repeat(np.arange(people), sizes)
    n = person.size
    applied = start[person] + (rng.random(n) * (weeks[person] * 7)).astype("timedelta64[D]")
    after = changes[person] & (applied >= change_day[person])
    # After a change of tactic, a third of the cold applications become referrals.
    cum = np.cumsum(mix[person], axis=1)
    channel = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, len(names) - 1)
    referral = names.index("referral")
    channel = np.where(after & (rng.random(n) < 0.33), referral, channel)
    step_p = base_steps[channel].copy()
    step_p[:, 0] = np.clip(step_p[:, 0] * skill[person] * np.where(after, 1.4, 1.0), 0.0, 0.95)
    passed = np.logical_and.accumulate(rng.random((n, 4)) < step_p, axis=1)

    stage_dates = _stage_dates(rng, applied)
    happened = passed & (stage_dates <= day_end)
    level = happened[:, :3].sum(axis=1)
    age = (day_end - applied).astype(int)
    pending = (passed & ~happened)[:, :3].any(axis=1)
    outcome = _outcomes(rng, level, age, pending)
    # Each person accepts at most one job: their latest offer, once the acceptance date has come.
    offered = np.flatnonzero(level >= 3)
    latest = pd.Series(stage_dates[offered, 2]).groupby(person[offered]).idxmax().to_numpy()
    chosen = offered[latest] if offered.size else offered
    accepted = np.zeros(n, dtype=bool)
    accepted[chosen] = happened[chosen, 3]
    outcome[chosen] = np.where(accepted[chosen], "accepted", "active")
    happened[:, 3] = accepted

    width = len(str(max(people, 1)))
    ids = np.array([f"person-{i + 1:0{width}d}" for i in range(people)], dtype=object)
    columns = _log_columns(rng, names, channel, applied, stage_dates, happened, outcome)
    table = pd.DataFrame({"person": ids[person], **columns}, columns=["person", *COLUMNS])
    # One person never sends the same posting twice on one day (that would be a duplicate row).
    repeat = table.groupby(["person", "company", "role", "channel", "applied"], sort=False).cumcount()
    table["role"] = table["role"] + np.where(repeat > 0, " #" + (repeat + 1).astype(str), "")
    table = table.sort_values(["person", "applied"], kind="stable", ignore_index=True)
    roster = pd.DataFrame({"person": ids, "change_date": _dated(change_day, changes)})
    return table, roster


def write_cohort(folder, people: int = 12, seed: int = 11, linkedin_people: int = 0, **options) -> list[str]:
    """Write :func:`synthetic_cohort` as a cohort folder: ``folder/<person>/applications.csv``
    and, for people who changed tactic, a ``careerlib.toml`` with the funnel's
    ``change_date``. The last ``linkedin_people`` people get only a LinkedIn export
    (``Job Applications.csv``: application dates, no later stages) instead. The CSV
    text is rendered once and cut per person (fast for 20,000 folders). Returns the
    person folder names."""
    folder = Path(folder)
    table, roster = synthetic_cohort(people, seed, **options)
    linkedin = set(roster["person"].iloc[people - linkedin_people :]) if linkedin_people else set()
    exported = table.loc[table["person"].isin(linkedin)]
    table = table.loc[~table["person"].isin(linkedin)]
    roster_csv = roster.loc[~roster["person"].isin(linkedin)]
    _write_linkedin_exports(folder, exported)
    text = table.drop(columns="person").to_csv(index=False, lineterminator="\n")
    header, _, body = text.partition("\n")
    lines = body.splitlines(keepends=True)
    bounds = np.concatenate(([0], np.cumsum(table.groupby("person", sort=True).size().reindex(roster_csv["person"]))))
    for i, (person, change) in enumerate(roster_csv.itertuples(index=False)):  # one loop step per folder, not per row
        home = folder / person
        home.mkdir(parents=True, exist_ok=True)
        rows = "".join(lines[bounds[i] : bounds[i + 1]])
        (home / "applications.csv").write_text(header + "\n" + rows, encoding="utf-8")
        if change:
            (home / "careerlib.toml").write_text(
                "# synthetic: this made-up person changed tactic on this day\n"
                f'[reports.funnel]\nchange_date = "{change}"\n',
                encoding="utf-8",
            )
    return list(roster["person"])


def _write_linkedin_exports(folder, table: pd.DataFrame) -> None:
    """Each person's rows as LinkedIn's 'Job Applications.csv' (only what LinkedIn knows)."""
    # LinkedIn has one channel, so postings that differed only by channel would now repeat.
    repeat = table.groupby(["person", "company", "role", "applied"], sort=False).cumcount()
    table = table.assign(role=table["role"] + np.where(repeat > 0, " (" + (repeat + 1).astype(str) + ")", ""))
    applied = pd.to_datetime(table["applied"]) + pd.to_timedelta(9 * 60 + np.arange(len(table)) % 480, unit="min")
    export = pd.DataFrame(
        {
            "Application Date": applied.dt.strftime("%-m/%-d/%y, %-I:%M %p").to_numpy(),
            "Contact Email": "",
            "Contact Phone Number": "",
            "Company Name": table["company"].to_numpy(),
            "Job Title": table["role"].to_numpy(),
            "Job Url": "",
            "Resume Name": "",
            "Question And Answers": "",
        }
    )
    for person, rows in export.groupby(table["person"].to_numpy()):  # one step per person
        home = folder / person
        home.mkdir(parents=True, exist_ok=True)
        rows.to_csv(home / "Job Applications.csv", index=False, lineterminator="\n")


def synthetic_status_sheet(n: int = 160, seed: int = 5, saved_share: float = 0.05) -> pd.DataFrame:
    """The same synthetic search kept the way many people keep it: one row per job with
    its current status only, US dates (``9/25/2026``), and some saved jobs never applied
    to. For the importer's tests and benchmark; made up like everything here."""
    log = synthetic_applications(n, seed=seed)
    level = (log[["screen", "interview", "offer"]] != "").sum(axis=1).to_numpy()
    active = np.array(["Applied", "Phone Screen", "Interviewing", "Offer"], dtype=object)[level]
    status = np.select(
        [
            log["outcome"].eq("active"),
            log["outcome"].eq("rejected"),
            log["outcome"].eq("ghosted"),
            log["outcome"].eq("withdrawn"),
            log["outcome"].eq("declined"),
        ],
        [active, "Rejected", "Ghosted (no reply)", "Withdrawn", "Offer-Declined"],
        default="Applied",
    ).astype(object)
    latest = log[["applied", "screen", "interview", "offer"]].replace("", np.nan).ffill(axis=1)["offer"]

    def us(dates: pd.Series) -> np.ndarray:
        parsed = pd.to_datetime(dates)
        return (
            parsed.dt.month.astype(str) + "/" + parsed.dt.day.astype(str) + "/" + parsed.dt.year.astype(str)
        ).to_numpy(dtype=object)

    applied, status_date = us(log["applied"]), us(latest)
    saved = np.random.default_rng(seed + 1).random(n) < saved_share
    return pd.DataFrame(
        {
            "Company": log["company"],
            "Job Title": log["role"],
            "Source": log["channel"].str.title(),
            "Date Applied": np.where(saved, "", applied),
            "Status": np.where(saved, "Saved", status),
            "Status Date": np.where(saved, "", status_date),
            "Notes": "synthetic sample",
        }
    )


# --------------------------------------------------------------------------- shared steps
def _stage_dates(rng: np.random.Generator, applied: np.ndarray) -> np.ndarray:
    """The day each later stage would fall on: gamma-distributed waits after applying."""
    delays = rng.gamma(shape=2.0, scale=(5.0, 7.0, 6.0, 3.0), size=(applied.size, 4)).astype(int) + 1
    return applied[:, None] + np.cumsum(delays, axis=1).astype("timedelta64[D]")


def _outcomes(rng: np.random.Generator, level: np.ndarray, age: np.ndarray, pending: np.ndarray) -> np.ndarray:
    """Offers declined, recent or still-moving applications active, the rest rejected,
    with some silent rejections ghosted and some later ones withdrawn."""
    n = level.size
    outcome = np.select([level >= 3, age < 21, pending], ["declined", "active", "active"], default="rejected")
    outcome = outcome.astype(object)
    outcome = np.where((outcome == "rejected") & (level == 0) & (rng.random(n) < 0.5), "ghosted", outcome)
    return np.where((outcome == "rejected") & (level >= 1) & (rng.random(n) < 0.1), "withdrawn", outcome)


def _dated(dates: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """YYYY-MM-DD where ``mask`` holds, else empty (each distinct day formatted once)."""
    days, index = np.unique(dates, return_inverse=True)
    return np.where(mask, np.datetime_as_string(days, unit="D").astype(object)[index.reshape(-1)], "")


def _log_columns(rng, names, channel, applied, stage_dates, happened, outcome) -> dict[str, np.ndarray]:
    """The template's columns for generated applications (company and role drawn here)."""
    n = channel.size
    return {
        "company": COMPANIES[rng.integers(0, COMPANIES.size, size=n)],
        "role": ROLES[rng.integers(0, ROLES.size, size=n)],
        "channel": np.array(names, dtype=object)[channel],
        "applied": np.datetime_as_string(applied, unit="D"),
        **{
            stage: _dated(stage_dates[:, i], happened[:, i])
            for i, stage in enumerate(("screen", "interview", "offer", "accepted"))
        },
        "outcome": outcome,
        "notes": "synthetic sample",
    }
