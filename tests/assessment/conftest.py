"""Fixtures of the self-assessment tests: the tiny instrument and a scored history."""

from __future__ import annotations

import pytest

from assessment_helpers import responses, write_instrument
from careerlib import assessment


@pytest.fixture
def tiny(tmp_path) -> assessment.Instrument:
    return assessment.load_instrument(write_instrument(tmp_path))


@pytest.fixture
def history(tiny):
    def full(date, who, a, b):
        """One complete assessment: dimension a answered a (a2 reverse-coded), dimension b answered b."""
        return (
            [(date, who, i, a) for i in ("a1", "a3")]
            + [(date, who, "a2", 6 - a)]
            + [(date, who, i, b) for i in ("b1", "b2", "b3", "b4")]
        )

    rows = responses(
        full("2026-01-05", "self", 2, 3)
        + full("2026-04-05", "self", 4, 3)
        + full("2026-04-05", "manager", 3, 5)
        + full("2026-04-01", "peer:Alex", 5, 1)
    )
    return assessment.score(rows, tiny)
