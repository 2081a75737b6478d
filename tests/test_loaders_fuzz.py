"""Every loader, fed mutated copies of its own shipped file, gives a result or a DataError.

A mutation cuts, inserts or overwrites a few bytes anywhere (long values, quotes, line
breaks, NUL bytes, non-UTF-8 bytes, YAML and TOML punctuation). Anything other than a
result or a :class:`careerlib.DataError` (an OSError, a KeyError, a pandas traceback) is a
defect: this test found the 5,000-character instrument id that reached the file system."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError, assessment, diagnostics, funnel, load_applications, roi

ROOT = Path(__file__).resolve().parents[1]

# (name, loader, the shipped file it reads)
LOADERS = [
    ("applications", load_applications, "data/sample/applications.csv"),
    ("assessment responses", assessment.load_responses, "data/sample/assessments.csv"),
    ("instrument", assessment.load_instrument, "data/instruments/promotion_readiness.yaml"),
    ("assessment settings", assessment.load_settings, "data/assessment/settings.yaml"),
    ("career", diagnostics.load_career, "data/sample/career.csv"),
    ("stuck responses", diagnostics.load_stuck_responses, "data/sample/stuck_responses.csv"),
    ("thresholds", diagnostics.load_thresholds, "data/diagnostics/thresholds.yaml"),
    ("weights", diagnostics.load_weights, "data/diagnostics/weights.yaml"),
    ("cpi", diagnostics.load_cpi, "data/reference/cpi_us.csv"),
    ("education options", roi.load_options, "data/sample/education_options.toml"),
    ("roi settings", roi.load_settings, "data/roi/settings.yaml"),
    ("bls", roi.load_bls_education_pays, "data/reference/bls_education_pays.csv"),
    ("executives", roi.load_executive_education, "data/reference/executive_education.csv"),
    ("earnings by age", roi.load_earnings_by_age, "data/reference/earnings_by_age.csv"),
    ("reference funnel", funnel.reference_funnel, "data/reference/reference_funnel.csv"),
]

PIECES = st.one_of(
    st.binary(max_size=8),
    st.sampled_from([b",", b'"', b"\n", b"\r\n", b":", b"- ", b"[", b"]", b"=", b"{", b"#", b"\x00", b"\xff\xfe"]),
    st.integers(1, 6_000).map(lambda n: b"x" * n),  # a value far longer than any name
)


@pytest.mark.parametrize("name, loader, shipped", LOADERS, ids=[entry[0] for entry in LOADERS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_file_gives_a_result_or_a_data_error(tmp_path, name, loader, shipped, data):
    original = (ROOT / shipped).read_bytes()
    position = data.draw(st.integers(0, len(original)), label="position")
    cut = data.draw(st.integers(0, 12), label="cut")
    insert = data.draw(PIECES, label="insert")
    path = tmp_path / Path(shipped).name
    path.write_bytes(original[:position] + insert + original[position + cut :])
    try:
        loader(path)
    except DataError as err:
        assert err.problem  # says what is wrong
