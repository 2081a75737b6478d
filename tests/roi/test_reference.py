"""Education ROI reference tables (careerlib/roi/reference.py): BLS earnings by education,
the CEOs' education, the typical pay-by-age profiles."""

from __future__ import annotations

import pytest

from careerlib import DataError, roi


# --------------------------------------------------------------------------- reference data
def test_reference_tables():
    bls = roi.load_bls_education_pays()
    assert bls.set_index("attainment").loc["bachelor's degree", "annual_earnings_usd"] == 1493 * 52
    assert (bls["year"] == "2023").all() and bls["source"].str.contains("Bureau of Labor Statistics").all()
    executives = roi.load_executive_education().set_index("group")
    assert executives.loc["hold a Harvard degree", "share_of_ceos"] == pytest.approx(0.13)


def test_bad_reference_file_names_file_line_and_column(tmp_path):
    path = tmp_path / "bls.csv"
    path.write_text(
        "attainment,median_weekly_earnings_usd,unemployment_rate_pct,source,year\nx,1000,2,s,2023\ny,lots,2,s,2023\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        roi.load_bls_education_pays(str(path))
    assert err.value.line == 3 and err.value.column == "median_weekly_earnings_usd"


def test_typical_profiles_are_built_from_the_published_figures():
    # Bachelor's: $61,600 at 25-34 (taken at age 30), growing 5.3 % a year to 35, 3.0 % to 45, 0.5 % to 52.
    profile = roi.typical_earnings("bachelor's degree")
    assert profile[30] == 61_600
    assert profile[25] == pytest.approx(61_600 / 1.053**5, abs=0.01)
    assert profile[35] == pytest.approx(61_600 * 1.053**5, abs=0.01)
    assert profile[45] == pytest.approx(61_600 * 1.053**5 * 1.03**10, abs=0.01)
    assert profile[52] == pytest.approx(profile[45] * 1.005**7, abs=0.01)
    table = roi.load_earnings_by_age()
    assert table["source"].str.len().gt(0).all() and set(table["year"]) == {"2019", "2021"}
