"""Shared small-sample statistics against scipy (which careerlib itself does not import)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from careerlib.stats import Z95, prob_at_least, wilson_interval


def test_z95_is_the_normal_quantile():
    assert Z95 == pytest.approx(sps.norm.ppf(0.975), abs=1e-12)


@given(k=st.integers(1, 6), n=st.integers(0, 3000), p=st.floats(0, 1))
def test_prob_at_least_matches_the_binomial_tail(k, n, p):
    assert prob_at_least(k, n, p) == pytest.approx(sps.binom.sf(k - 1, n, p), abs=1e-9)


def test_prob_at_least_broadcasts():
    grid = np.array([0, 10, 100])[:, None]
    rates = np.array([0.0, 0.05, 1.0])[None, :]
    assert np.allclose(prob_at_least(2, grid, rates), sps.binom.sf(1, grid, rates))


# --------------------------------------------------------------------------- Wilson
def test_wilson_matches_the_textbook_formula():
    # 38 of 127: computed independently from the closed form.
    p, low, high = wilson_interval(38, 127)
    z = sps.norm.ppf(0.975)
    n, ph = 127, 38 / 127
    centre = (ph + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n))
    assert p == pytest.approx(ph) and low == pytest.approx(centre - half) and high == pytest.approx(centre + half)


def test_wilson_edges():
    p, low, high = wilson_interval([0, 5, 0], [5, 5, 0])
    assert low[0] == 0.0 and 0 < high[0] < 1
    assert high[1] == 1.0 and 0 < low[1] < 1
    assert np.isnan(p[2]) and np.isnan(low[2]) and np.isnan(high[2])


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_contains_the_rate_and_stays_in_bounds(kn):
    k, n = kn
    p, low, high = wilson_interval(k, n)
    if n == 0:
        assert np.isnan(p)
    else:
        assert 0 <= low <= p <= high <= 1
