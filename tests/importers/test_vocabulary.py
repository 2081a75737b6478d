"""The tables in data/importers/ are well-formed: every row means something the code knows."""

from __future__ import annotations

import pytest

from careerlib.importers import vocabulary as v


def test_every_status_names_a_known_stage_and_outcome():
    for word, status in v.statuses().items():
        assert status.stage in (*v.STAGES, v.NOT_APPLIED), word
        assert status.outcome in ("", "unknown", *v.OUTCOMES), word


def test_issue_statuses_are_covered():
    for word in (
        "Applied",
        "Pending",
        "Interview",
        "Interviewing",
        "Rejected",
        "Ghosted (no reply)",
        "Rejected after assessment",
        "SAVED",
        "offer-accepted",
        "Wishlist",
        "WITHDRAWN",
        "new",
        "draft",
        "offer",
        "offer-declined",
        "expired",
        "archived",
        "withdrawn",
    ):
        assert v.fold(word) in v.statuses(), word


def test_issue_headers_are_covered():
    expected = {
        "company": ["Company", "Company Name", "company_name", "Employer", "Organization", "Name"],
        "role": ["Job Title", "Title", "Role", "Role name", "Position"],
        "applied": [
            "Applied Date",
            "Date Applied",
            "Application Date",
            "applied_on",
            "application_date",
            "Date",
            "First Contact",
        ],
        "channel": ["Source", "JobSource", "applied_via", "application_site", "Channel"],
        "updated": ["Status Date", "response_date", "first_reply_on", "Last Contact"],
        "status": ["Status", "Stage", "final_status", "List"],
    }
    synonyms = v.column_synonyms()
    for field, headers in expected.items():
        for header in headers:
            assert v.fold(header) in synonyms[field], (field, header)


def test_stage_columns_and_cell_words_are_known():
    assert set(v.stage_columns().values()) <= set(v.STAGES)
    assert set(v.cell_meanings().values()) == {"missing", "reached", "not reached"}
    assert {v.fold(t) for t in ("", "null", "N/A", "-", "none")} <= v.missing_tokens()


def test_trackers_and_months():
    names = [name for name, _, _ in v.trackers()]
    assert {"LinkedIn export", "JobSync export", "Simplify export"} <= set(names)
    assert v.months()["sept"] == 9 and len(set(v.months().values())) == 12


def test_german_and_chinese_headers_and_everyday_status_words_are_known():
    synonyms = v.column_synonyms()
    for field, headers in {
        "company": ["公司", "公司名称"],
        "role": ["职位", "岗位"],
        "applied": ["Einreichdatum", "申请日期", "投递日期"],
        "status": ["状态", "当前状态"],
        "channel": ["投递渠道"],
        "updated": ["最后更新时间"],
        "url": ["链接"],
    }.items():
        for header in headers:
            assert v.fold(header) in synonyms[field], (field, header)
    applied = synonyms["applied"]  # exact date names before the loose 'Datum'
    assert applied.index(v.fold("Einreichdatum")) < applied.index(v.fold("Datum"))
    meaning = {
        word: (v.statuses()[v.fold(word)].stage, v.statuses()[v.fold(word)].outcome)
        for word in (
            "abgesagt",
            "Panel Interview",
            "interview_invite",
            "follow_up",
            "Ready",
            "Ghosted after assessment",
            "Declined Offer",
            "Role Filled",
            "面试",
        )
    }
    assert meaning["abgesagt"] == ("applied", "rejected")
    assert meaning["Panel Interview"][0] == "interview"
    assert meaning["interview_invite"][0] == "interview" and meaning["follow_up"] == ("applied", "active")
    assert meaning["Ready"][0] == v.NOT_APPLIED
    assert meaning["Ghosted after assessment"] == ("screen", "ghosted")
    assert meaning["Declined Offer"] == ("offer", "declined") and meaning["Role Filled"][1] == "rejected"
    assert meaning["面试"][0] == "interview"


def test_no_status_word_has_two_meanings():
    import csv

    with open(v.DATA / "statuses.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    meanings: dict[str, set] = {}
    for row in rows:
        meanings.setdefault(v.fold(row["value"]), set()).add((row["stage"], row["outcome"]))
    assert not {word: m for word, m in meanings.items() if len(m) > 1}


def test_common_status_role_and_board_headers_are_known():
    synonyms = v.column_synonyms()
    for field, headers in {
        "status": ["Application Status", "Job Status"],
        "outcome": ["Result"],
        "role": ["Position Title", "Job Position"],
        "channel": ["Job Board", "site", "Applied where", "Where"],
    }.items():
        for header in headers:
            assert v.fold(header) in synonyms[field], (field, header)
    assert v.statuses()[v.fold("Negative")].outcome == "rejected"
    assert v.statuses()[v.fold("一面")].stage == "interview"
    assert v.statuses()[v.fold("Awaiting Recruiter Action")] == v.Status("applied", "active")


def test_header_parts_split_alternatives_and_pairs_but_not_words():
    assert v.header_parts("Company Name + Link") == ("companyname+link", "companyname", "link")
    assert v.header_parts("Şirket / Kurum")[1:] == ("sirket", "kurum")
    assert v.header_parts("C++ Role") == ("c++role",)
    assert v.fold("Applied where") in v.header_parts("Applied where?")


@pytest.mark.parametrize(
    "header, stage",
    [
        ("Kennenlerngespräch", "screen"),
        ("Zweitgespräch", "interview"),
        ("Drittgespräch", "interview"),  # by the compound's tail 'gespräch'
        ("Panelinterview", "interview"),
        ("Offered", None),  # 'offer' is too short to be a compound's tail
        ("Gesprächsabschluss", None),  # 'gespräch' at the start is not the tail
    ],
)
def test_a_compound_header_is_named_by_its_tail(header, stage):
    found = v.named_in_header(header)
    assert (found.stage if found else None) == stage


def test_other_headers_are_well_formed_and_never_name_a_status_header():
    import csv

    with open(v.DATA / "other_headers.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["words", "names", "source"] and all(len(row) == 3 for row in rows)
    status_headers = set(v.column_synonyms()["status"])
    assert not {v.fold(row[0]) for row in rows[1:]} & status_headers
    assert v.named_other("企业性质") == "a kind of company" and v.named_other("Contact Status") is None


def test_status_clues_are_negations_or_applying_words_and_never_known_statuses_alone():
    clues = v.status_clues()
    assert set(clues) == {"negation", "applying", "interest"}
    assert {"not", "kein", "pas", "niet", "nie"} <= clues["negation"] and "beworben" in clues["applying"]
    assert not clues["negation"] & (clues["applying"] | clues["interest"])
    assert v.status_tokens("Not_Applied") == v.status_tokens("NotApplied") == ("not", "applied")
    assert v.status_tokens("Prêt à envoyer") == ("pret", "a", "envoyer")


def test_not_applied_words_of_the_languages_are_known():
    meaning = {w: v.statuses()[v.fold(w)].stage for w in ("Not_Applied", "Prêt à envoyer", "Entwurf", "Guardado")}
    assert set(meaning.values()) == {v.NOT_APPLIED}


def test_channel_headers_of_trackers_and_extensions_are_known():
    headers = ["Application Method", "site_name ", "Applied via", "Platform", "Job board", "Portal", "Plataforma"]
    assert all(v.fold(h) in v.column_synonyms()["channel"] for h in headers)
