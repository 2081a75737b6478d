"""Shared small-sample statistics against scipy (which careerlib itself does not import)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sps

from careerlib.stats import Z95, prob_at_least


def test_z95_is_the_normal_quantile():
    assert Z95 == pytest.approx(sps.norm.ppf(0.975), abs=1e-12)


@given(k=st.integers(1, 6), n=st.integers(0, 3000), p=st.floats(0, 1))
def test_prob_at_least_matches_the_binomial_tail(k, n, p):
    assert prob_at_least(k, n, p) == pytest.approx(sps.binom.sf(k - 1, n, p), abs=1e-9)


def test_prob_at_least_broadcasts():
    grid = np.array([0, 10, 100])[:, None]
    rates = np.array([0.0, 0.05, 1.0])[None, :]
    assert np.allclose(prob_at_least(2, grid, rates), sps.binom.sf(1, grid, rates))
