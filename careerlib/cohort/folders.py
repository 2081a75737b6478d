"""A cohort folder: one sub-folder per person, each with that person's files.

``DIR/<person>/`` holds files under the usual names (``applications.csv``,
``career.csv``, ``assessments.csv``, ``stuck_responses.csv``,
``education_options.toml``, ``offers.toml``, ``mapping.toml`` for an export that
needs one) and optionally a ``careerlib.toml`` with report
parameters (``[defaults]``, ``[reports.NAME]``; paths relative to the person's
folder). In place of ``applications.csv`` any one other ``.csv``/``.xlsx``/``.zip``
file is taken as the applications log (a LinkedIn or tracker export).

This module only looks at names and reads the small TOML file; the overview and
the runner read the data files themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerlib.errors import DataError
from careerlib.settings import read_run_config

CONFIG_NAME = "careerlib.toml"
APPLICATIONS = "applications"
# The usual file names and what each one is.
KNOWN_FILES = {
    "applications.csv": APPLICATIONS,
    "career.csv": "career",
    "assessments.csv": "assessments",
    "stuck_responses.csv": "stuck_responses",
    "education_options.toml": "education_options",
    "offers.toml": "offers",
    "mapping.toml": "mapping",  # how to read an applications export (careerlib import --map)
}
EXPORT_SUFFIXES = (".csv", ".xlsx", ".zip")  # what an applications export may be
# Per-person reports: which parameter takes which file; the first one is required.
REPORT_FILES = {
    "funnel": {"applications_path": APPLICATIONS, "mapping_path": "mapping"},
    "offers": {"offers_path": "offers", "applications_path": APPLICATIONS, "mapping_path": "mapping"},
    "education_roi": {"options_path": "education_options"},
    "stuck_diagnostics": {"career_path": "career", "responses_path": "stuck_responses"},
    "self_assessment": {"responses_path": "assessments"},
}
# The notebooks' defaults are dates for the sample data; for a person's own files the
# latest date in them (or today) is the right day, and no change of tactic unless they set one.
PERSON_DEFAULTS = {
    "funnel": {"as_of": "", "change_date": ""},
    "stuck_diagnostics": {"as_of": ""},
    "offers": {"as_of": ""},
}


@dataclass
class Person:
    """One person's folder: the files found under known roles, and their settings."""

    name: str
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)  # role -> file
    config: dict[str, Any] = field(default_factory=dict)
    problem: DataError | None = None  # a fault in the folder itself (unreadable settings)
    applications_problem: DataError | None = None  # several files could be the applications log

    def parameters(self, report: str, declared: Any = None) -> dict[str, Any]:
        """The person's parameters for one report: defaults, then the ``[defaults]`` keys
        the report takes (``declared``: its parameter names; None = all), then
        ``[reports.NAME]``. Paths stay relative to the folder."""
        wanted = REPORT_FILES.get(report, {})
        given = {k: v for k, v in self.config.get("defaults", {}).items() if declared is None or k in declared}
        given.update(self.config.get("reports", {}).get(report, {}))
        out = dict(PERSON_DEFAULTS.get(report, {}))
        for key, role in wanted.items():
            if role in self.files:
                out[key] = self.files[role].relative_to(self.folder).as_posix()
            elif key not in given and key != next(iter(wanted)):
                out[key] = ""  # an optional file that is absent
        out.update(given)
        return out

    def supports(self, report: str) -> bool:
        """Whether the person's files (or settings) give the report its required file."""
        wanted = REPORT_FILES.get(report)
        if not wanted:
            return False
        key, role = next(iter(wanted.items()))
        if key in self.config.get("reports", {}).get(report, {}):
            return True
        return role in self.files or (role == APPLICATIONS and self.applications_problem is not None)

    def input_files(self, parameters: dict[str, Any], report: str) -> list[str]:
        """The files (relative to the folder) a report's parameters point at."""
        keys = REPORT_FILES.get(report, {})
        return sorted({str(parameters[k]) for k in keys if parameters.get(k)})


def discover(cohort_dir: str | Path) -> list[Person]:
    """Every person folder in ``cohort_dir`` (hidden folders skipped), sorted by name."""
    root = Path(cohort_dir)
    if not root.is_dir():
        raise DataError("the cohort folder does not exist (one sub-folder per person expected)", file=str(cohort_dir))
    with os.scandir(root) as entries:
        found = sorted(e.name for e in entries if e.is_dir() and not e.name.startswith("."))
    return [_person(root / name) for name in found]


def _person(folder: Path) -> Person:
    person = Person(folder.name, folder)
    with os.scandir(folder) as entries:  # file types come with the listing: no stat per file
        names = {e.name: folder / e.name for e in entries if e.is_file() and not e.name.startswith((".", "~$"))}
    for name, role in KNOWN_FILES.items():
        if name in names:
            person.files[role] = names[name]
    if APPLICATIONS not in person.files:
        others = sorted(
            n
            for n, p in names.items()
            if p.suffix.lower() in EXPORT_SUFFIXES and n not in KNOWN_FILES and n != CONFIG_NAME
        )
        if len(others) == 1:
            person.files[APPLICATIONS] = names[others[0]]
        elif len(others) > 1:
            person.applications_problem = DataError(
                f"several files could be the applications log ({', '.join(others)}); name one 'applications.csv' "
                f"or set applications_path in {CONFIG_NAME}",
                file=f"{folder.name}/",
            )
    if CONFIG_NAME in names:
        try:
            person.config = read_person_config(names[CONFIG_NAME], shown=f"{folder.name}/{CONFIG_NAME}")
        except DataError as err:
            person.problem = err
    return person


def read_person_config(path: Path, shown: str) -> dict[str, Any]:
    """A person's ``careerlib.toml``: ``[defaults]`` and ``[reports.NAME]`` tables only,
    and no path that leads out of the person's folder."""
    config = read_run_config(path, shown_as=shown)
    tables = [("defaults", config["defaults"])]
    tables += [(f"reports.{name}", table) for name, table in config["reports"].items()]
    for where, table in tables:
        for key, value in table.items():
            if key.endswith("_path") and isinstance(value, str) and value:
                relative = Path(value)
                if relative.is_absolute() or ".." in relative.parts:
                    raise DataError(
                        "paths are relative to the person's folder and stay inside it",
                        file=shown,
                        column=f"{where}.{key}",
                        value=value,
                    )
    return config


def change_date(person: Person) -> str:
    """The day the person changed tactic (the funnel's ``change_date``), or ''."""
    return str(person.parameters("funnel").get("change_date") or "")
