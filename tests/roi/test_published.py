"""Published education-ROI studies reproduced with careerlib (careerlib/roi/model.py).

FREOPP's graduate-degree ROI
----------------------------
Source: Preston Cooper, "Is Graduate School Worth It? A Comprehensive Return on Investment
Analysis", Foundation for Research on Equal Opportunity (FREOPP), 2021, and its programme
dataset (FREOPP Graduate ROI dataset, 2022, https://freopp.org); the method is described in
"How We Calculated the Return on Investment of a Graduate Degree" (FREOPP, 24 February 2022).
The figures below are the dataset's own, rounded to the dollar: for each programme the age at
which study starts, its length and yearly tuition, estimated median earnings of its graduates
at graduation and at ages 30, 35, ..., 60, the counterfactual earnings of the same students
without the degree at ages 25, 30, ..., 60, the estimated completion rate, and the published
lifetime ROI (before the completion adjustment), the ROI of a drop-out, and the ROI weighted
by completion.

FREOPP's conventions, as careerlib inputs: 3 % real discount rate, every flow discounted to the
end of its year (cash_flow_timing = "end"), no tax, working up to and including age 64
(retirement_age = 65), earnings by age (linear between the published ages, flat outside),
full-time study (no pay), a drop-out takes half of the programme (dropout_share = 0.5), and the
new pay from graduation on (no search delay). The published inputs are rounded and given every
five years only, so the agreement asked for is 1.5 % of the published figure, or $15,000 where
that figure is small. Before its first published age careerlib holds the counterfactual pay
flat, while FREOPP's own path still rises there: drop-outs, whose loss is mostly those early
years, come out $2,000-5,000 more negative than published (within the $15,000).

Georgetown CEW's college NPV
----------------------------
Georgetown University Center on Education and the Workforce, "A First Try at ROI: Ranking
4,500 Colleges" (2019; updated 2022) ranks colleges by the net present value of earnings minus
the net price 10, 15, 20, 30 and 40 years after enrolment. Its conventions as used here: a 2 %
discount rate with the first year undiscounted (cash_flow_timing = "start") and no
counterfactual (pay without the programme is 0). Reproduced on a worked case whose arithmetic
is written out below (annuity formulas, not careerlib's year-by-year sum); the college-level
inputs of CEW's ranking were not at hand, so no published row is reproduced.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from careerlib import roi


@dataclass(frozen=True)
class Published:
    """One programme of FREOPP's dataset: its inputs and its published results."""

    programme: str
    start_age: float
    years: float
    tuition: float  # per year
    completion: float  # estimated completion rate
    earnings_with: dict[float, float]  # graduates' median earnings by age (from graduation)
    earnings_without: dict[float, float]  # counterfactual earnings by age
    roi: float  # lifetime ROI, assuming the degree is completed
    roi_dropout: float  # ROI of a student who drops out
    roi_weighted: float  # ROI weighted by the completion rate


FREOPP = [
    Published(
        "UC Berkeley, information science (professional, 5 years)",
        start_age=24,
        years=5,
        tuition=8_289,
        completion=0.845,
        earnings_with={
            29: 133_055,
            30: 140_202,
            35: 175_916,
            40: 204_290,
            45: 221_378,
            50: 234_895,
            55: 241_967,
            60: 236_917,
        },
        earnings_without={
            25: 62_096,
            30: 79_510,
            35: 92_533,
            40: 97_917,
            45: 101_081,
            50: 102_527,
            55: 99_730,
            60: 91_211,
        },
        roi=1_703_423,
        roi_dropout=-165_125,
        roi_weighted=1_413_798,
    ),
    Published(
        "Carnegie Mellon, design (master's, 2 years)",
        start_age=28,
        years=2,
        tuition=36_508,
        completion=0.806,
        earnings_with={30: 92_565, 35: 110_588, 40: 124_895, 45: 131_999, 50: 136_228, 55: 134_651, 60: 126_270},
        earnings_without={30: 43_251, 35: 51_061, 40: 55_236, 45: 55_783, 50: 55_637, 55: 53_312, 60: 50_248},
        roi=1_256_169,
        roi_dropout=-73_633,
        roi_weighted=998_187,
    ),
    Published(
        "Harvard, urban planning (master's, 1 year)",
        start_age=28,
        years=1,
        tuition=37_938,
        completion=0.806,
        earnings_with={29: 64_081, 30: 65_499, 35: 79_019, 40: 90_458, 45: 96_539, 50: 97_924, 55: 97_462, 60: 93_150},
        earnings_without={30: 65_237, 35: 74_577, 40: 80_026, 45: 81_605, 50: 82_070, 55: 82_362, 60: 76_966},
        roi=121_561,
        roi_dropout=-47_768,
        roi_weighted=88_711,
    ),
    Published(
        "New York University, design (master's, 2 years)",
        start_age=28,
        years=2,
        tuition=36_240,
        completion=0.806,
        earnings_with={30: 35_131, 35: 37_755, 40: 39_166, 45: 40_113, 50: 40_341, 55: 38_435, 60: 35_086},
        earnings_without={30: 55_729, 35: 64_629, 40: 68_905, 45: 69_046, 50: 68_813, 55: 66_238, 60: 62_613},
        roi=-721_436,
        roi_dropout=-84_733,
        roi_weighted=-597_916,
    ),
    Published(
        "San Jose State, engineering (master's, 1 year)",
        start_age=25,
        years=1,
        tuition=7_498,
        completion=0.821,
        earnings_with={
            26: 123_539,
            30: 150_815,
            35: 192_950,
            40: 230_897,
            45: 255_296,
            50: 266_997,
            55: 259_430,
            60: 243_444,
        },
        earnings_without={
            25: 73_816,
            30: 90_571,
            35: 101_422,
            40: 106_454,
            45: 108_464,
            50: 110_065,
            55: 106_498,
            60: 97_097,
        },
        roi=2_389_129,
        roi_dropout=-39_473,
        roi_weighted=1_954_409,
    ),
    Published(
        "Carnegie Mellon, business administration (master's, 2 years)",
        start_age=29,
        years=2,
        tuition=34_670,
        completion=0.806,
        earnings_with={31: 136_256, 35: 159_345, 40: 187_265, 45: 204_542, 50: 211_303, 55: 205_318, 60: 194_567},
        earnings_without={30: 65_465, 35: 77_737, 40: 84_724, 45: 88_473, 50: 88_719, 55: 85_836, 60: 78_782},
        roi=1_874_450,
        roi_dropout=-94_413,
        roi_weighted=1_492_491,
    ),
    Published(
        "Savannah College of Art and Design, design (master's, 2 years)",
        start_age=28,
        years=2,
        tuition=31_467,
        completion=0.806,
        earnings_with={30: 46_116, 35: 52_066, 40: 55_403, 45: 57_278, 50: 58_051, 55: 55_920, 60: 51_459},
        earnings_without={30: 39_672, 35: 45_996, 40: 49_030, 45: 49_124, 50: 48_958, 55: 47_129, 60: 44_552},
        roi=16_192,
        roi_dropout=-65_826,
        roi_weighted=280,
    ),
]


def freopp_option(row: Published, completion: float = 1.0) -> roi.Option:
    """A published programme under FREOPP's conventions (module docstring)."""
    return roi.Option(
        name=row.programme,
        age=row.start_age,
        years=row.years,
        cost_per_year=row.tuition,
        full_time=True,
        earnings_with=row.earnings_with,
        earnings_without=row.earnings_without,
        completion_probability=completion,
        dropout_share=0.5,
        delay_years=0,
        tax_rate=0,
        discount_rate=0.03,
        cash_flow_timing="end",
        retirement_age=65,
    )


def agrees(ours: float, published: float) -> bool:
    """Within 1.5 % of the published figure, or $15,000 where that is more (small figures)."""
    return abs(ours - published) <= max(0.015 * abs(published), 15_000)


@pytest.mark.parametrize("row", FREOPP, ids=[row.programme for row in FREOPP])
def test_freopp_lifetime_roi_is_reproduced(row):
    ours = roi.evaluate(freopp_option(row)).npv
    assert agrees(ours, row.roi), f"{row.programme}: careerlib {ours:,.0f}, FREOPP {row.roi:,.0f}"
    assert (ours > 0) == (row.roi > 0)  # the decision is the same


@pytest.mark.parametrize("row", FREOPP, ids=[row.programme for row in FREOPP])
def test_freopp_dropout_and_completion_weighted_roi_are_reproduced(row):
    option = freopp_option(row, completion=row.completion)
    dropout = roi.cash_flows(option, completed=False)["discounted_difference"].sum()
    assert agrees(dropout, row.roi_dropout), f"{row.programme}: careerlib {dropout:,.0f}, FREOPP {row.roi_dropout:,.0f}"
    assert agrees(roi.evaluate(option).npv, row.roi_weighted)


def test_freopp_tuition_is_discounted_to_the_end_of_each_year():
    # The published ROI minus the published increase in lifetime earnings is the present value of
    # tuition: for Carnegie Mellon's design master's, 1,326,027 - 1,256,169 = 69,858
    # = 36,508 x (1/1.03 + 1/1.03^2). careerlib's cost flows under "end" give the same.
    (row,) = [r for r in FREOPP if r.programme.startswith("Carnegie Mellon, design")]
    option = freopp_option(row)
    flows = roi.cash_flows(option, completed=True)
    tuition = (flows["costs"] * roi.discount_factors(option)).sum()
    assert tuition == pytest.approx(1_326_027 - 1_256_169, abs=15)


def test_freopp_start_of_year_convention_would_not_reproduce_it():
    # The same inputs with year 0 undiscounted overstate every large ROI by about 3 %: the
    # convention matters, and the report states the one in use.
    row = FREOPP[0]
    start = roi.evaluate(dataclasses.replace(freopp_option(row), cash_flow_timing="start"))
    assert not agrees(start.npv, row.roi)
    assert start.npv == pytest.approx(roi.evaluate(freopp_option(row)).npv * 1.03)


# --------------------------------------------------------------------------- Georgetown CEW
def cew_option(horizon: int) -> roi.Option:
    """Four years at a net price of $14,000 a year from age 18, then $52,000 a year, no
    counterfactual: CEW's conventions (module docstring)."""
    return roi.Option(
        name="college",
        age=18,
        years=4,
        cost_per_year=14_000,
        full_time=True,
        earnings_without={18: 0},
        earnings_with={22: 52_000},
        completion_probability=1,
        delay_years=0,
        tax_rate=0,
        discount_rate=0.02,
        cash_flow_timing="start",
        retirement_age=18 + horizon,
    )


@pytest.mark.parametrize("horizon", [10, 40])
def test_cew_net_present_value_at_10_and_40_years(horizon):
    # NPV = -14,000 x (1 + 1/1.02 + 1/1.02^2 + 1/1.02^3) + 52,000 x (1/1.02^4 + ... + 1/1.02^(h-1))
    #     = -14,000 x a(4) + 52,000 x (a(h) - a(4)),  a(n) = (1 - 1.02^-n) / (1 - 1/1.02)
    # 10 years: -14,000 x 3.88388 + 52,000 x (9.16224 - 3.88388) = -54,374 + 274,475 = 220,100.
    def annuity(n: int) -> float:
        return (1 - 1.02**-n) / (1 - 1 / 1.02)

    expected = -14_000 * annuity(4) + 52_000 * (annuity(horizon) - annuity(4))
    assert roi.evaluate(cew_option(horizon)).npv == pytest.approx(expected, rel=1e-12)
    if horizon == 10:
        assert expected == pytest.approx(220_100, abs=1)
