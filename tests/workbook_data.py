"""A complete set of input files for every report, derived from the sample data with
chosen strings in every user-text field, and a config that points the reports at them.

Used by the share-mode test (private values must not leak) and the hostile-text
browser test (script-like names must show as typed and never run)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


@dataclass(frozen=True)
class Strings:
    companies: tuple[str, ...]
    roles: tuple[str, ...]
    notes: tuple[str, ...]
    employers: tuple[str, ...]
    titles: tuple[str, ...]
    peers: tuple[str, ...]
    option_names: tuple[str, ...]


def _cycle(values: tuple[str, ...], n: int) -> list[str]:
    return [values[i % len(values)] for i in range(n)]


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE / name, dtype=str, keep_default_na=False)


def write_inputs(folder: Path, strings: Strings) -> Path:
    """Write the inputs into ``folder`` and return the TOML config for ``--all``."""
    folder.mkdir(parents=True, exist_ok=True)

    apps = _read("applications.csv")
    # Put the strings on the first rows (distinct dates there, so no duplicate postings).
    n = len(apps)
    apps["company"] = _cycle(strings.companies, n)
    apps["role"] = [f"{r} {i}" for i, r in enumerate(_cycle(strings.roles, n))]
    apps["notes"] = _cycle(strings.notes, n)
    apps.to_csv(folder / "applications.csv", index=False)

    career = _read("career.csv")
    employers = {
        old: new
        for old, new in zip(career["employer"].unique(), _cycle(strings.employers, career["employer"].nunique()))
    }
    career["employer"] = career["employer"].map(employers)
    career["title"] = [f"{t} {i}" for i, t in enumerate(_cycle(strings.titles, len(career)))]
    career.to_csv(folder / "career.csv", index=False)

    answers = _read("assessments.csv")
    peers = sorted(p for p in answers["respondent"].unique() if p.startswith("peer:"))
    answers["respondent"] = answers["respondent"].replace(
        {old: f"peer:{new}" for old, new in zip(peers, strings.peers)}
    )
    answers.to_csv(folder / "assessments.csv", index=False)
    _read("stuck_responses.csv").to_csv(folder / "stuck_responses.csv", index=False)

    names = iter(strings.option_names)
    options = re.sub(
        r'^name = "[^"]*"',
        lambda _: f"name = {_toml_string(next(names))}",
        (SAMPLE / "education_options.toml").read_text(),
        flags=re.M,
    )
    (folder / "education_options.toml").write_text(options)

    offers = iter(zip(strings.companies, strings.roles))  # the first companies and roles name the offers
    (folder / "offers.toml").write_text(
        re.sub(
            r'^company = "[^"]*"\nrole = "[^"]*"',
            lambda _: "company = {}\nrole = {}".format(*map(_toml_string, next(offers))),
            (SAMPLE / "offers.toml").read_text(),
            flags=re.M,
        )
    )

    config = folder / "careerlib.toml"
    config.write_text(
        "[reports.funnel]\n"
        f"applications_path = {_toml_string(str(folder / 'applications.csv'))}\n"
        "[reports.stuck_diagnostics]\n"
        f"career_path = {_toml_string(str(folder / 'career.csv'))}\n"
        f"responses_path = {_toml_string(str(folder / 'stuck_responses.csv'))}\n"
        "[reports.self_assessment]\n"
        f"responses_path = {_toml_string(str(folder / 'assessments.csv'))}\n"
        "[reports.education_roi]\n"
        f"options_path = {_toml_string(str(folder / 'education_options.toml'))}\n"
        "[reports.offers]\n"
        f"offers_path = {_toml_string(str(folder / 'offers.toml'))}\n"
        f"applications_path = {_toml_string(str(folder / 'applications.csv'))}\n"
    )
    return config


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
