"""Offers in words: verdicts say how sure they are, the checklist and reply draft hold
what they must, share mode hides names (and amounts when asked), and the JSON contract."""

from __future__ import annotations

import json

import pytest

from careerlib import offers, privacy
from careerlib.offers import Offer, words

SEED = 1


def offer(**changes) -> Offer:
    return Offer(**{"company": "Acme", "role": "Analyst", "base": 80_000.0, **changes})


@pytest.fixture(scope="module")
def sample():
    held = offers.load_offers("data/sample/offers.toml")
    table = offers.compare(held, seed=SEED)
    apps = offers.load_search("data/sample/applications.csv")
    outlook = offers.search(apps, held, table, as_of="2026-10-17", current_pay=0, seed=SEED)
    package = offers.counter_package(offers.pick(held, table), 0, buffer=0.10)
    return held, table, outlook, package


@pytest.mark.parametrize("birch_base, sure", [(120_000, "fairly sure"), (90_500, "too close to call")])
def test_verdict_names_the_best_offer_and_how_sure(birch_base, sure):
    # Acme: 80,000 + equity worth 10,000 a year in expectation, but uncertain; Birch: cash only.
    held = [offer(base=80_000, equity_grant=40_000, equity_volatility=0.5), offer(company="Birch", base=birch_base)]
    text = words.verdict(offers.compare(held, seed=SEED), years=4, discount_rate=0.04)
    assert sure in text and "4 year(s)" in text and "4.0 %" in text and "P10-P90" in text
    assert text.split(" is worth the most")[0].endswith("Birch")


def test_verdict_on_a_single_offer_says_there_is_nothing_to_compare():
    assert "nothing to compare" in words.verdict(offers.compare([offer()]), years=4, discount_rate=0.04)


def test_sureness_thresholds():
    assert [words.sureness(p) for p in (0.95, 0.8, 0.55)] == ["fairly sure", "likely, not certain", "too close to call"]


def test_counter_text_gives_the_three_asks_and_what_refusals_leave():
    package = offers.counter_package(offer(base=50_000), 55_000)
    text = words.counter_text(package, "Acme")
    assert "$52,500" in text and "$5,000" in text and "$2,500" in text and "$55,000" in text
    assert "not above" in words.counter_text(offers.counter_package(offer(), 10_000), "Acme")


def test_checklist_covers_the_articles_rules():
    table = words.checklist()
    assert list(table.columns) == ["do_not", "instead"] and len(table) == 6
    text = " ".join(table["do_not"]).lower()
    for rule in ("ultimatum", "vacation", "live", "one number", "without a counter"):
        assert rule in text


def test_reply_draft_holds_the_package_and_the_offer_and_no_threat():
    package = offers.counter_package(offer(base=50_000, company="Acme <b>", role="Data Analyst"), 55_000)
    draft = words.reply_draft(offer(company="Acme <b>", role="Data Analyst"), package)
    assert "Acme <b>" in draft and "Data Analyst" in draft  # plain text; escaped where it is shown
    assert "$52,500" in draft and "$5,000" in draft and "$2,500" in draft
    assert "otherwise" not in draft.lower() and "[name]" in draft


def test_search_text_says_how_sure_and_what_would_change_it(sample):
    _, _, outlook, _ = sample
    text = words.search_text(outlook)
    assert "95 % interval" in text and "What would change the answer" in text and "deadline" in text
    assert "No applications log" in words.search_text(None)
    assert words.waiting_table(None).empty and len(words.waiting_table(outlook)) == 4


def test_component_table_sums_to_the_totals(sample):
    held, table, _, _ = sample
    wide = words.component_table(offers.compensation(held))
    discounted = wide.set_index("component").loc["total, discounted"]
    assert discounted.to_numpy() == pytest.approx(table.set_index("company").loc[discounted.index, "total"], abs=1)


def test_report_summary_is_the_contract(sample):
    _, table, outlook, package = sample
    summary = json.loads(json.dumps(words.report_summary(table, package, outlook)))
    assert summary["report"] == "offers" and summary["best"] == "Juniper Software"
    assert [set(o) for o in summary["offers"]] == [{"company", "first_year", "total", "p10", "p90"}] * 2
    assert all(o["p10"] <= o["total"] <= o["p90"] or o["p10"] == o["p90"] for o in summary["offers"])
    assert set(summary["counter"]) == {"base", "bonus", "sign_on"} and summary["counter"]["base"] == package.base
    assert 0 <= summary["p_offer_by_deadline"] <= 1
    assert words.report_summary(table, package, None)["p_offer_by_deadline"] is None


def test_share_mode_pseudonymises_and_can_hide_amounts():
    held = [offer(company="Zorblax", base=100_000, sign_on=5_000), offer(company="Quill", role="Lead", base=50_000)]
    plain = privacy.share_offers(held, share=False)
    assert plain.offers == held and plain.scale == 1 and plain.currency == "$"
    named = privacy.share_offers(held, share=True)
    assert [o.company for o in named.offers] == ["Company B", "Company A"] and named.offers[0].base == 100_000
    hidden = privacy.share_offers(held, share=True, share_amounts=False)
    assert hidden.offers[0].base == 1_000 and hidden.offers[0].sign_on == 50 and hidden.offers[1].base == 500
    assert hidden.amounts == "index" and "hidden" in hidden.note and hidden.currency == ""
    # Shares, chances and the ranking do not depend on the unit.
    a = offers.compare(named.offers, seed=SEED)
    b = offers.compare(hidden.offers, seed=SEED)
    assert (b["total"] / a["total"]).to_numpy() == pytest.approx([hidden.scale] * 2)
    assert a["p_highest"].tolist() == b["p_highest"].tolist()
    package = offers.counter_package(hidden.offers[0], 0, buffer=0.1)
    assert "100,000" not in json.dumps(words.report_summary(b, package, None))


def test_report_notebook_takes_the_documented_parameters_and_publishes_the_summary():
    import ast

    import nbformat

    notebook = nbformat.read("notebooks/offers.ipynb", as_version=4)
    (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(parameters.source).body}
    assert set(values) >= {
        "offers_path",
        "applications_path",
        "mapping_path",
        "as_of",
        "years",
        "discount_rate",
        "target_total",
        "current_pay",
        "equity_haircut",
        "share",
        "share_amounts",
    }
    assert values["mapping_path"] == "" and values["share"] is False and values["target_total"] == 0
    assert offers.load_offers(values["offers_path"]) and offers.load_search(values["applications_path"]) is not None
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert any("interactive" in c.metadata.get("tags", []) and "offers_explorer(" in c.source for c in code)
    assert "nb.publish(offers.report_summary(" in code[-1].source
