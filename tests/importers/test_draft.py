"""The import page's model: edits and answers to a mapping, and the preview under it."""

from __future__ import annotations

import pytest

from careerlib.importers import draft, open_questions, read_applications
from import_files import UNKNOWN_WORDS_HEADER, csv_text, two_log_workbook, unknown_words_log, write

HEADER = UNKNOWN_WORDS_HEADER
APPLIED = {"statuses": {"Kwak": "applied", "Plonk": "applied", "Zorb": "applied"}}  # no clue in them: asked


@pytest.fixture
def source(tmp_path):
    return unknown_words_log(tmp_path / "log.csv", rows=4)


def test_the_preview_answers_every_question_with_its_proposal(source):
    result = draft.preview(source)
    assert result.error is None and len(result.log) == 0 and result.summary.not_applied == 4  # proposed: not applied
    assert {q.key for q in result.questions} == {
        ("dates", "order"),
        ("statuses", "Kwak"),
        ("statuses", "Plonk"),
        ("statuses", "Zorb"),
    }
    assert open_questions(source, result.mapping) == []  # the same mapping the terminal would write


def test_a_status_edit_changes_the_outcomes(source):
    before = draft.counts(draft.preview(source, APPLIED))
    after = draft.counts(draft.preview(source, draft.with_status(APPLIED, "Plonk", "rejected")))
    assert before["outcomes"] == {"active": 4}
    assert after["outcomes"] == {"active": 3, "rejected": 1}
    rules = draft.status_words(draft.preview(source, draft.with_status({}, "Zorb", "interview/rejected")))
    assert dict(zip(rules["value"], rules["rule"]))["Zorb"] == "interview/rejected"


def test_an_answer_to_a_question_is_kept(source):
    month_first = draft.preview(source, APPLIED, answers={("dates", "order"): 1})
    assert month_first.mapping["dates"] == {"order": "month-first"}
    assert str(month_first.log.loc[month_first.log["company"] == "Acme", "applied"].iloc[0].date()) == "2025-03-02"


def test_roles_follow_what_the_import_read(source):
    result = draft.preview(source)
    assert draft.roles(HEADER, result) == {
        "Company": "company",
        "Role": "role",
        "Applied": "applied",
        "Status": "status",
        "Notes": "notes",
    }


def test_a_role_moves_a_header_out_of_every_other_place():
    edits = {"columns": {"company": "Firma"}, "stages": {"screen": ["Call", "Firma"]}, "ignore": ["Call"]}
    moved = draft.with_role(edits, "Firma", draft.STAGE + "interview")
    assert moved == {"stages": {"screen": ["Call"], "interview": ["Firma"]}, "ignore": ["Call"]}
    assert draft.with_role(moved, "Call", draft.IGNORE) == {"stages": {"interview": ["Firma"]}, "ignore": ["Call"]}
    assert draft.with_role({}, "Ende", draft.OUTCOME + "rejected") == {"outcomes": {"rejected": ["Ende"]}}
    assert edits["columns"] == {"company": "Firma"}  # the argument is left as it was


def test_date_order_is_set_and_cleared():
    assert draft.with_order({"dates": {"year": 2025}}, "day-first") == {"dates": {"year": 2025, "order": "day-first"}}
    assert draft.with_order({"dates": {"order": "day-first"}}, None) == {}


@pytest.mark.parametrize(
    ("stage", "outcome", "rule"),
    [("applied", "", "applied"), ("applied", "rejected", "rejected"), ("interview", "rejected", "interview/rejected"),
     ("accepted", "accepted", "accepted"), ("not applied", "", "not applied"), ("offer", "active", "offer")],
)  # fmt: skip
def test_rule_of_reads_back_as_the_same_status(stage, outcome, rule):
    from careerlib.importers.vocabulary import parse_status_rule

    assert draft.rule_of(stage, outcome) == rule
    parsed = parse_status_rule(rule)
    assert parsed.stage == stage and (parsed.outcome or "") in (outcome, "" if outcome == "active" else outcome)


def test_a_file_that_does_not_import_gives_its_message(tmp_path):
    broken = write(tmp_path / "b.csv", csv_text(HEADER, [["Acme", "x", "not a date", "applied", ""]]))
    result = draft.preview(broken)
    assert result.log is None and "not a date" in result.error and draft.counts(result) == {}
    assert "not found" in draft.preview(tmp_path / "missing.csv").error


def test_an_upload_keeps_only_its_name(tmp_path):
    saved = draft.save_upload("../../evil/My log.csv", b"Company\n", folder=tmp_path)
    assert saved == tmp_path / "My log.csv" and saved.read_bytes() == b"Company\n"


def test_status_options_add_a_rule_the_choices_lack():
    values = [value for _, value in draft.status_options("screen/withdrawn")]
    assert values[-1] == "screen/withdrawn" and "rejected" in values
    assert len(draft.status_options("rejected")) == len(values) - 1


def test_the_defaults_import_the_file(source):
    result = draft.preview(source)
    log, _ = read_applications(source, result.mapping)
    assert len(log) == len(result.log)


def test_while_the_file_does_not_import_unset_columns_are_left_to_the_importer(tmp_path):
    broken = write(tmp_path / "b.csv", csv_text(HEADER, [["Acme", "x", "not a date", "applied", ""]]))
    result = draft.preview(broken, draft.with_role({}, "Notes", draft.IGNORE))
    assert draft.roles(HEADER, result) == {h: draft.AUTO for h in HEADER[:4]} | {"Notes": draft.IGNORE}
    assert draft.with_role({"ignore": ["Notes"]}, "Notes", draft.AUTO) == {}


def test_a_yes_no_column_read_as_a_stage_or_as_an_ending(tmp_path):
    flags = write(
        tmp_path / "flags.csv",
        csv_text(
            ["Company", "Applied", "Status", "Phone screen"],
            [
                ["Acme", "2025-03-02", "Kwak", "Y"],
                ["Beta", "2025-03-04", "Plonk", "N"],
                ["Gamma", "2025-03-05", "Kwak", "Y"],
            ],
        ),
    )
    as_stage = draft.preview(flags, APPLIED)
    assert draft.roles(["Phone screen"], as_stage) == {"Phone screen": draft.STAGE + "screen"}
    assert draft.counts(as_stage)["reached"]["screen"] == 2
    ending = draft.preview(flags, draft.with_role(APPLIED, "Phone screen", draft.OUTCOME + "rejected"))
    assert draft.counts(ending)["reached"]["screen"] == 0 and draft.counts(ending)["outcomes"]["rejected"] == 2


def test_the_template_reads_its_stage_columns_as_stages():
    from careerlib.io import resolve_path

    sample = resolve_path("data/sample/applications.csv")
    headers = list(draft.first_rows(sample).columns)
    roles = draft.roles(headers, draft.preview(sample))
    assert roles["screen"] == draft.STAGE + "screen" and roles["company"] == "company"
    assert set(roles.values()) <= {value for _, value in draft.column_roles()}


def test_terminal_page_and_error_give_one_mapping(source):
    """The same questions, answered with their proposals, give the same mapping in the
    terminal, on the page, and in the one DataError's snippet."""
    import io
    import tomllib

    from careerlib import DataError
    from careerlib.importers import ask

    terminal = ask.ask_all(source, stdin=io.StringIO("\n" * 10), stdout=io.StringIO()).mapping
    with pytest.raises(DataError) as raised:
        read_applications(source)
    snippet = tomllib.loads(str(raised.value).split("\n\n", 1)[1])
    assert terminal == draft.preview(source).mapping == snippet


def test_the_sheet_is_a_question_of_the_page(tmp_path):
    """Issue 18: two sheets look like logs: the page asks which (with the other questions
    its dropdowns do not ask), previews the proposed one, and an answer switches sheets."""
    path = two_log_workbook(tmp_path / "search.xlsx")
    proposed = draft.preview(path)
    assert ("sheet",) in [q.key for q in draft.other_questions(proposed)]
    assert proposed.mapping["sheet"] == "2024" and proposed.log["company"].tolist() == [
        "Acme"
    ]  # Beta's 'Wibble': not applied
    chosen = draft.preview(path, answers={("sheet",): 1})
    assert chosen.error is None and chosen.mapping["sheet"] == "2025" and len(chosen.log) == 3


def test_the_first_rows_of_a_file_with_no_header_line_are_shown_under_the_proposed_names(tmp_path):
    path = tmp_path / "no_header.csv"
    path.write_text("Acme,Analyst,2025-01-02,Rejected\nBeta,Engineer,2025-01-05,Interview\n", encoding="utf-8")
    rows = draft.first_rows(path)
    assert list(rows.index) == [1, 2] and rows.iloc[0].tolist() == ["Acme", "Analyst", "2025-01-02", "Rejected"]
    named = draft.first_rows(path, mapping={"header": ["Firm", "Role", "Sent", "Status"]})
    assert list(named.columns) == ["Firm", "Role", "Sent", "Status"]
    assert draft.preview(path, {"header": ["Firm", "Role", "Sent", "Status"]}).error is None
