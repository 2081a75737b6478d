"""Offers: what each offer is really worth over the years, the counter-package to
send, and whether to keep searching instead of accepting.

``inputs`` reads the offers file, ``model`` values offers (with their uncertainty),
builds the counter and asks the funnel how soon another offer may come, and
``words`` says it in sentences and builds the report's JSON summary.
"""

from careerlib.offers.inputs import Offer, deadline, load_negotiation_reference, load_offers, load_search
from careerlib.offers.model import (
    COMPONENTS,
    CounterPackage,
    SearchOutlook,
    best,
    chance_of_offer,
    compare,
    compensation,
    counter_package,
    default_target,
    keep_searching,
    offer_rate_draws,
    pipeline,
    stage_rate_draws,
    partial_yeses,
    pick,
    search,
    simulate,
    vested_share,
)
from careerlib.offers.words import (
    checklist,
    component_table,
    counter_text,
    reply_draft,
    report_summary,
    search_text,
    verdict,
    waiting_table,
)

__all__ = [
    # inputs
    "Offer", "deadline", "load_negotiation_reference", "load_offers", "load_search",
    # model
    "COMPONENTS", "CounterPackage", "SearchOutlook", "best", "chance_of_offer", "compare", "compensation",
    "counter_package", "default_target", "keep_searching", "offer_rate_draws", "partial_yeses", "pick", "pipeline",
    "search", "simulate", "stage_rate_draws", "vested_share",
    # words
    "checklist", "component_table", "counter_text", "reply_draft", "report_summary", "search_text", "verdict",
    "waiting_table",
]
