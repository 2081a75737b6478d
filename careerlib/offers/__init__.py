"""Offers: what each offer is really worth over the years, the counter-package to
send, and whether to keep searching instead of accepting.

``inputs`` reads the offers file, ``model`` values offers (with their uncertainty)
and builds the counter, ``outlook`` asks the funnel how soon another offer may come,
and ``words`` says it in sentences and builds the report's JSON summary.
"""

from careerlib.offers.inputs import Offer, deadline, load_negotiation_reference, load_offers, load_search
from careerlib.offers.model import (
    COMPONENTS,
    CounterPackage,
    best,
    compare,
    compensation,
    counter_package,
    default_target,
    partial_yeses,
    pick,
    simulate,
    vested_share,
)
from careerlib.offers.outlook import (
    SearchOutlook,
    chance_of_offer,
    keep_searching,
    offer_rate_draws,
    pipeline,
    search,
    stage_rate_draws,
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
    "Offer",
    "deadline",
    "load_negotiation_reference",
    "load_offers",
    "load_search",
    # model
    "COMPONENTS",
    "CounterPackage",
    "best",
    "compare",
    "compensation",
    "counter_package",
    "default_target",
    "partial_yeses",
    "pick",
    "simulate",
    "vested_share",
    # outlook
    "SearchOutlook",
    "chance_of_offer",
    "keep_searching",
    "offer_rate_draws",
    "pipeline",
    "search",
    "stage_rate_draws",
    # words
    "checklist",
    "component_table",
    "counter_text",
    "reply_draft",
    "report_summary",
    "search_text",
    "verdict",
    "waiting_table",
]
