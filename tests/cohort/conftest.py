"""Fixtures for the cohort tests (folders built here; helpers in ``tests/cohort_data.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib.sample import write_cohort


@pytest.fixture
def sample_cohort(tmp_path) -> Path:
    write_cohort(tmp_path / "cohort", people=8, seed=3, linkedin_people=1)
    return tmp_path / "cohort"


@pytest.fixture
def mixed_cohort(tmp_path) -> Path:
    """Three people: a good log, a broken log (bad date), and only a LinkedIn export."""
    root = tmp_path / "mixed"
    write_cohort(root, people=3, seed=4, linkedin_people=1)
    broken = root / "person-2" / "applications.csv"
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(lines[2].split(",")[3], "2026-13-45", 1)
    broken.write_text("".join(lines), encoding="utf-8")
    return root
