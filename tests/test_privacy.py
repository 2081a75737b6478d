"""Share mode: stable pseudonyms, free text removed."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from careerlib.privacy import letters, pseudonyms, share_applications


def test_letters_run_like_spreadsheet_columns():
    assert [letters(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_pseudonyms_ignore_case_spacing_and_row_order():
    names = pd.Series(["Zeta", "acme ", "Acme", "beta"])
    assert pseudonyms(names).tolist() == ["Company C", "Company A", "Company A", "Company B"]
    assert pseudonyms(names[::-1]).tolist() == ["Company B", "Company A", "Company A", "Company C"]


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=30))
def test_pseudonyms_are_one_to_one_on_distinct_names(values):
    series = pd.Series(values)
    mapped = pseudonyms(series)
    folded = series.str.strip().str.casefold()
    assert mapped.nunique() == folded.nunique()
    assert not set(mapped) & set(values) - {v for v in values if v.startswith("Company ")}


def test_share_applications_hides_names_and_notes_only_when_asked():
    apps = pd.DataFrame(
        {"company": ["Acme"], "role": ["Analyst"], "notes": ["call Jo on 555-0100"], "channel": ["referral"]}
    )
    shared = share_applications(apps)
    assert shared.loc[0, ["company", "role", "notes", "channel"]].tolist() == ["Company A", "Role 1", "", "referral"]
    assert share_applications(apps, share=False) is apps


def test_status_words_become_numbered_in_share_mode():
    import pandas as pd

    from careerlib.privacy import share_status_table

    table = pd.DataFrame({"value": ["Rejected by Dana", "Applied"], "rows": [2, 5]})
    shared = share_status_table(table, share=True)
    assert set(shared["value"]) == {"status 1", "status 2"} and list(shared["rows"]) == [2, 5]
    assert share_status_table(table, share=False).equals(table)
