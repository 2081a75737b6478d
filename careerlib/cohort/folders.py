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
OVERVIEW = "cohort"  # the overview report, written as OUT/cohort.*
# What a run writes beside the person folders: a person folder of one of these names
# would overwrite them, or be overwritten (compared ignoring case, as some disks do).
RUN_OUTPUTS = frozenset(
    {"index.html", "index.json", *(f"{OVERVIEW}.{ext}" for ext in ("html", "json", "ipynb", "failed.ipynb"))}
)
# A parameter value with one of these endings names a file, whatever its key.
FILE_SUFFIXES = (".csv", ".xlsx", ".xls", ".xlsm", ".zip", ".toml", ".yaml", ".yml", ".json", ".txt", ".ipynb", ".py")
LINK = "this is a symbolic link; careerlib reads only what is inside the person's own folder"
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
    problem: DataError | None = None  # a fault in the folder itself (unreadable settings, its name)
    applications_problem: DataError | None = None  # several files could be the applications log
    refused: dict[str, DataError] = field(default_factory=dict)  # role -> why its file is not read (a link)
    skipped: str = ""  # why the folder was not looked into (it is a link), '' when it was

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
        if self.skipped:
            return False
        key, role = next(iter(wanted.items()))
        if key in self.config.get("reports", {}).get(report, {}):
            return True
        if role in self.refused:
            return True
        return role in self.files or (role == APPLICATIONS and self.applications_problem is not None)

    def file_parameters(self, parameters: dict[str, Any], report: str) -> dict[str, str]:
        """The parameters that name a file (relative to the folder), whatever their key:
        the report's file keys, and any value that looks like a path or names an entry
        of the folder."""
        keys = REPORT_FILES.get(report, {})
        return {
            key: str(value)
            for key, value in parameters.items()
            if value and (key in keys or names_a_file(value, self.folder))
        }

    def input_files(self, parameters: dict[str, Any], report: str) -> list[str]:
        """The files (relative to the folder) a report's parameters point at."""
        return sorted(set(self.file_parameters(parameters, report).values()))

    def file(self, relative: str) -> Path:
        """The file ``relative`` names inside this person's folder, or a DataError when it
        leaves the folder (``..``, an absolute path, a symbolic link on the way) or is not there."""
        return inside(self.folder, relative, shown=f"{self.name}/{relative}")


def discover(cohort_dir: str | Path) -> list[Person]:
    """Every person folder in ``cohort_dir`` (hidden folders skipped), sorted by name. A
    folder that is a symbolic link is listed with ``skipped`` set and not looked into; a
    folder whose name is not UTF-8 or is one of the run's own outputs is listed with its
    ``problem``."""
    root = Path(cohort_dir)
    if not root.is_dir():
        raise DataError("the cohort folder does not exist (one sub-folder per person expected)", file=str(cohort_dir))
    with os.scandir(root) as entries:
        found = sorted((e.name, e.is_symlink()) for e in entries if e.is_dir() and not e.name.startswith("."))
    return [_person(root / name, linked) for name, linked in found]


def shown_name(name: str) -> str:
    """A folder name as text that can be shown and saved: a byte that is not UTF-8 as ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _person(folder: Path, linked: bool = False) -> Person:
    person = Person(shown_name(folder.name), folder)
    if linked:
        person.skipped = (
            "the folder is a symbolic link; careerlib reads only folders inside the cohort, so it was skipped"
        )
        return person
    if person.name != folder.name:
        person.problem = DataError("the folder's name is not UTF-8 text; rename the folder", file=f"{person.name}/")
        return person
    if folder.name.lower() in RUN_OUTPUTS:
        person.problem = DataError(
            "the folder's name is one of the run's own outputs (index.html, index.json, cohort.*); rename the folder",
            file=f"{person.name}/",
        )
        return person
    with os.scandir(folder) as entries:  # file types come with the listing: no stat per file
        listed = [e for e in entries if not e.name.startswith((".", "~$"))]
    names = {e.name: folder / e.name for e in listed if e.is_file(follow_symlinks=False)}
    links = {e.name: folder / e.name for e in listed if e.is_symlink()}
    for name, role in KNOWN_FILES.items():
        if name in names:
            person.files[role] = names[name]
        elif name in links:
            person.refused[role] = DataError(LINK, file=f"{person.name}/{name}")
    if APPLICATIONS not in person.files and APPLICATIONS not in person.refused:
        others = sorted(
            n
            for n, p in {**names, **links}.items()
            if p.suffix.lower() in EXPORT_SUFFIXES and n not in KNOWN_FILES and n != CONFIG_NAME
        )
        if len(others) == 1 and others[0] in links:
            person.refused[APPLICATIONS] = DataError(LINK, file=f"{person.name}/{others[0]}")
        elif len(others) == 1:
            person.files[APPLICATIONS] = names[others[0]]
        elif len(others) > 1:
            person.applications_problem = DataError(
                f"several files could be the applications log ({', '.join(others)}); name one 'applications.csv' "
                f"or set applications_path in {CONFIG_NAME}",
                file=f"{person.name}/",
            )
    if CONFIG_NAME in links:
        person.problem = DataError(LINK, file=f"{person.name}/{CONFIG_NAME}")
    elif CONFIG_NAME in names:
        try:
            person.config = read_person_config(names[CONFIG_NAME], shown=f"{person.name}/{CONFIG_NAME}", folder=folder)
        except DataError as err:
            person.problem = err
    return person


def names_a_file(value: Any, folder: Path | None = None) -> bool:
    """Whether a parameter's value is a path: it has a folder separator, starts with ``~``,
    is ``..``, ends like a file, or names an entry of ``folder``."""
    if not isinstance(value, str) or not value.strip():
        return False
    if (
        "/" in value
        or "\\" in value
        or value.startswith("~")
        or value.strip() == ".."
        or value.lower().endswith(FILE_SUFFIXES)
    ):
        return True
    if folder is None:
        return False
    try:
        return os.path.lexists(folder / value)
    except (OSError, ValueError):  # a name no file system takes: not a file
        return False


def inside(folder: Path, relative: str, *, shown: str) -> Path:
    """``folder / relative`` when it is a file inside ``folder``, reached without a symbolic
    link; else a DataError saying why (it leaves the folder, is a link, or is not there)."""
    parts = Path(relative).parts
    if Path(relative).is_absolute() or relative.startswith("~") or ".." in parts:
        raise DataError("paths are relative to the person's folder and stay inside it", file=shown, value=relative)
    current = folder
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise DataError(LINK, file=shown)
    if not current.is_file():
        raise DataError("file not found", file=shown)
    base = os.path.realpath(folder)
    if os.path.commonpath([base, os.path.realpath(current)]) != base:
        raise DataError("paths are relative to the person's folder and stay inside it", file=shown, value=relative)
    return current


def read_person_config(path: Path, shown: str, folder: Path | None = None) -> dict[str, Any]:
    """A person's ``careerlib.toml``: ``[defaults]`` and ``[reports.NAME]`` tables only,
    and no value naming a file (whatever its key) that leads out of the person's folder."""
    config = read_run_config(path, shown_as=shown)
    tables = [("defaults", config["defaults"])]
    tables += [(f"reports.{name}", table) for name, table in config["reports"].items()]
    for where, table in tables:
        for key, value in table.items():
            if not (key.endswith("_path") and isinstance(value, str) and value) and not names_a_file(value, folder):
                continue
            relative = Path(value)
            if relative.is_absolute() or value.startswith("~") or ".." in relative.parts:
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
