"""Reading offers files: defaults, file order, and DataErrors naming file, offer and key;
mutated files give offers or a DataError, never another exception (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError, offers
from careerlib.offers.inputs import FIELDS

GOOD = """
[[offer]]
company = "Acme"
role = "Analyst"
base = 80000
bonus_share = 0.1
deadline = 2026-10-24

[[offer]]
company = "Birch"
role = "Engineer"
base = "85,000"
"""


def write(tmp_path, text: str, name: str = "offers.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_offer_gets_none_for_everything_else(tmp_path):
    (offer,) = offers.load_offers(write(tmp_path, '[[offer]]\ncompany = "A"\nrole = "R"\nbase = 50000\n'))
    assert (offer.company, offer.role, offer.base) == ("A", "R", 50_000.0)
    assert offer.bonus_target == 0 and offer.sign_on == 0 and offer.equity_grant == 0 and offer.deadline is None
    assert offer.first_year_cash == 50_000


def test_offers_in_file_order_with_dates(tmp_path):
    text = GOOD.replace('base = "85,000"', "base = 85000")
    loaded = offers.load_offers(write(tmp_path, text))
    assert [o.company for o in loaded] == ["Acme", "Birch"]
    assert loaded[0].deadline == dt.date(2026, 10, 24) and loaded[0].bonus_target == pytest.approx(8_000)


def test_dates_as_text_are_read(tmp_path):
    text = '[[offer]]\ncompany = "A"\nrole = "R"\nbase = 1\nstart_date = "2026-12-01"\n'
    (offer,) = offers.load_offers(write(tmp_path, text))
    assert offer.start_date == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "entry, key, problem",
    [
        ('base = "85,000"', "offer[1].base", "number"),
        ("bonus_shar = 0.1", "offer[1].bonus_shar", "did you mean 'bonus_share'"),
        ("bonus_probability = 1.5", "offer[1].bonus_probability", "at most 1"),
        ("cliff_months = 6.5", "offer[1].cliff_months", "whole number"),
        ("bonus_share = 0.1\nbonus_amount = 5000", "offer[1].bonus_amount", "not both"),
        ('deadline = "next friday"', "offer[1].deadline", "date"),
        ("clawback_prorated = 1", "offer[1].clawback_prorated", "true or false"),
    ],
)
def test_errors_name_file_offer_and_key(tmp_path, entry, key, problem):
    path = write(
        tmp_path,
        '[[offer]]\ncompany = "Acme"\nrole = "A"\nbase = 1\n\n[[offer]]\ncompany = "Birch"\n'
        f'role = "E"\nbase = 2\n{entry}\n'.replace("base = 2\nbase", "base"),
    )
    with pytest.raises(DataError) as err:
        offers.load_offers(path)
    message = str(err.value)
    assert str(path) in message and "offer 2 (Birch)" in message and problem in message
    assert err.value.column == key


def test_missing_required_key_is_named(tmp_path):
    with pytest.raises(DataError) as err:
        offers.load_offers(write(tmp_path, '[[offer]]\ncompany = "Acme"\nbase = 1\n'))
    assert err.value.column == "offer[0].role" and "offer 1 (Acme)" in str(err.value)


@pytest.mark.parametrize("text", ["", "[[offer]\n", "title = 'no offers'\n", "offer = 3\n", "[[offer]]\n"])
def test_unreadable_files(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(DataError, match="offers.toml"):
        offers.load_offers(path)


def test_sample_and_template_files_load():
    sample = offers.load_offers("data/sample/offers.toml")
    assert [o.company for o in sample] == ["Juniper Software", "Harbor Analytics"]
    with pytest.raises(DataError, match="offer 1 \\(Company name\\)"):
        offers.load_offers("data/templates/offers.toml")


def test_negotiation_reference_has_the_article_figures():
    figures = offers.load_negotiation_reference()
    assert (figures["buffer_low"], figures["buffer_high"]) == (0.05, 0.10)
    assert figures["example_counter_base"] + figures["example_counter_sign_on"] == figures["example_target"]


def test_load_search_is_none_without_a_path():
    assert offers.load_search("") is None
    assert len(offers.load_search("data/sample/applications.csv")) == 160


# --------------------------------------------------------------------------- fuzzing
lines = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "[[offer]]",
                "[offer]",
                'company = "X"',
                'role = "Y"',
                "base = 50000",
                "base = -1",
                "base = 1e400",
                "bonus_share = 0.2",
                "bonus_amount = 3000",
                "sign_on = 5000",
                "cliff_months = 12",
                "vesting_years = 0",
                "deadline = 2026-10-24",
                "deadline = 2026-13-01",
                'deadline = "soon"',
                "equity_grant = 1e9",
                "clawback_prorated = true",
                "x = [1, 2",
                "= 3",
            ]
        ),
        st.builds(
            lambda key, value: f"{key} = {value}",
            st.sampled_from(FIELDS),
            st.one_of(
                st.integers(-(10**6), 10**6).map(str),
                st.floats(allow_nan=False).map(repr),
                st.text(max_size=20).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
                st.sampled_from(["true", "false", "[]", "{}", "nan", "inf"]),
            ),
        ),
        st.text(max_size=30),
    ),
    max_size=14,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=lines)
def test_mutated_files_give_offers_or_a_data_error(tmp_path, body):
    path = write(tmp_path, "\n".join(body) + "\n")
    try:
        loaded = offers.load_offers(path)
    except DataError:
        return
    assert loaded and all(o.base > 0 and o.company and o.role for o in loaded)


def test_the_search_log_goes_through_the_importer_with_its_mapping(tmp_path):
    log = tmp_path / "tracker.csv"
    log.write_text("Employer,Date,Stage\nAcme,2026-01-05,Tech Screen\nBirch,2026-01-09,Applied\n", encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[columns]\ncompany = "Employer"\napplied = "Date"\nstatus = "Stage"\n[statuses]\n"Tech Screen" = "screen"\n',
        encoding="utf-8",
    )
    apps = offers.load_search(log, str(mapping))
    assert list(apps["company"]) == ["Acme", "Birch"]
    assert apps["screen"].notna().tolist() == [True, False]
    assert offers.load_search("", "") is None
