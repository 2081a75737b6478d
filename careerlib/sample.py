"""Synthetic applications logs: the shipped sample and benchmark-sized data.

Everything here is made up. Rates are set to look like a real small search:
referrals convert far better than cold applications (see DOMAIN.md, section 1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib.applications import COLUMNS

# Per-channel share of applications and chance of passing each step (screen, interview, offer, accept).
CHANNELS = {
    "job board": (0.40, (0.08, 0.45, 0.30, 0.6)),
    "company site": (0.22, (0.12, 0.45, 0.30, 0.6)),
    "linkedin": (0.15, (0.06, 0.40, 0.30, 0.6)),
    "referral": (0.15, (0.60, 0.60, 0.45, 0.7)),
    "recruiter": (0.08, (0.40, 0.50, 0.35, 0.6)),
}
COMPANIES = np.array(
    ["Acme Analytics", "Borealis Health", "Cobalt Logistics", "Dunmore Bank", "Evergreen Retail", "Fathom Labs",
     "Granite Insurance", "Harbor Media", "Ionic Energy", "Juniper Software", "Kestrel Foods", "Lumen Education",
     "Meridian Travel", "Northwind Traders", "Orchid Biotech", "Pinnacle Consulting", "Quarry Games", "Riverton City",
     "Summit Robotics", "Tidewater Shipping", "Umbra Security", "Vantage Telecom", "Willow Care", "Xylo Music",
     "Yardley Legal", "Zephyr Aviation"]
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
    delays = rng.gamma(shape=2.0, scale=(5.0, 7.0, 6.0, 3.0), size=(n, 4)).astype(int) + 1
    stage_dates = applied[:, None] + np.cumsum(delays, axis=1).astype("timedelta64[D]")
    as_of = day0 + np.timedelta64(weeks * 7 + 5, "D")
    happened = passed & (stage_dates <= as_of)
    level = happened.sum(axis=1)  # 0 = applied only ... 4 = accepted

    age = (as_of - applied).astype(int)
    pending = (passed & ~happened).any(axis=1)  # a next step that falls after as_of
    outcome = np.select([level >= 3, age < 21, pending], ["declined", "active", "active"], default="rejected").astype(object)
    outcome = np.where((outcome == "rejected") & (level == 0) & (rng.random(n) < 0.5), "ghosted", outcome)
    outcome = np.where((outcome == "rejected") & (level >= 1) & (rng.random(n) < 0.1), "withdrawn", outcome)
    # One job is accepted at most: earlier offers were declined, the latest one is still being weighed.
    happened[:, 3] = False
    offers_idx = np.flatnonzero(level >= 3)
    if offers_idx.size:
        outcome[offers_idx[np.argmax(stage_dates[offers_idx, 2])]] = "active"

    def fmt(dates, mask):
        text = np.datetime_as_string(dates, unit="D").astype(object)
        return np.where(mask, text, "")

    table = pd.DataFrame(
        {
            "company": COMPANIES[rng.integers(0, COMPANIES.size, size=n)],
            "role": ROLES[rng.integers(0, ROLES.size, size=n)],
            "channel": np.array(names, dtype=object)[channel],
            "applied": np.datetime_as_string(applied, unit="D"),
            "screen": fmt(stage_dates[:, 0], happened[:, 0]),
            "interview": fmt(stage_dates[:, 1], happened[:, 1]),
            "offer": fmt(stage_dates[:, 2], happened[:, 2]),
            "accepted": fmt(stage_dates[:, 3], happened[:, 3]),
            "outcome": outcome,
            "notes": "synthetic sample",
        },
        columns=list(COLUMNS),
    )
    # Distinct postings: the same company and role twice on one day would be a duplicate row.
    table["role"] = table["role"] + np.where(np.arange(n) % 3 == 0, " (remote)", "")
    repeat = table.groupby(["company", "role", "channel", "applied"], sort=False).cumcount()
    table["role"] = table["role"] + np.where(repeat > 0, " #" + (repeat + 1).astype(str), "")
    return table.sort_values("applied", kind="stable", ignore_index=True)


def synthetic_status_sheet(n: int = 160, seed: int = 5, saved_share: float = 0.05) -> pd.DataFrame:
    """The same synthetic search kept the way many people keep it: one row per job with
    its current status only, US dates (``9/25/2026``), and some saved jobs never applied
    to. For the importer's tests and benchmark; made up like everything here."""
    log = synthetic_applications(n, seed=seed)
    level = (log[["screen", "interview", "offer"]] != "").sum(axis=1).to_numpy()
    active = np.array(["Applied", "Phone Screen", "Interviewing", "Offer"], dtype=object)[level]
    status = np.select(
        [log["outcome"].eq("active"), log["outcome"].eq("rejected"), log["outcome"].eq("ghosted"),
         log["outcome"].eq("withdrawn"), log["outcome"].eq("declined")],
        [active, "Rejected", "Ghosted (no reply)", "Withdrawn", "Offer-Declined"],
        default="Applied",
    ).astype(object)
    latest = log[["applied", "screen", "interview", "offer"]].replace("", np.nan).ffill(axis=1)["offer"]

    def us(dates: pd.Series) -> np.ndarray:
        parsed = pd.to_datetime(dates)
        return (parsed.dt.month.astype(str) + "/" + parsed.dt.day.astype(str) + "/" + parsed.dt.year.astype(str)
                ).to_numpy(dtype=object)

    applied, status_date = us(log["applied"]), us(latest)
    saved = np.random.default_rng(seed + 1).random(n) < saved_share
    return pd.DataFrame({
        "Company": log["company"], "Job Title": log["role"], "Source": log["channel"].str.title(),
        "Date Applied": np.where(saved, "", applied), "Status": np.where(saved, "Saved", status),
        "Status Date": np.where(saved, "", status_date), "Notes": "synthetic sample",
    })
