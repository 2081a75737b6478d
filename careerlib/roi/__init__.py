"""Education ROI: is a degree or certificate worth it, against staying as you are?

One :class:`Option` describes a programme and the person taking it; the answer is a net
present value, a break-even age, a spread over simulated futures and the assumptions
that move it most. The parts:

* :mod:`careerlib.roi.inputs`: :class:`Option` and its checks, ``load_settings`` (the
  report's settings) and ``check_draws``; :mod:`careerlib.roi.options_file`: ``load_options``
  (the options file, with where each value came from) and ``report_overrides``;
  :mod:`careerlib.roi.reference`: the reference tables and the typical pay-by-age profiles;
* :mod:`careerlib.roi.model`: the cash flows and ``evaluate`` (the model is described in
  that module's docstring); :mod:`careerlib.roi.scenarios`: ``simulate``, ``sensitivity``,
  ``compare`` (many futures, many options);
* :mod:`careerlib.roi.words`: the verdict, sentences and ``report_summary``.

Every public name is re-exported here, so ``from careerlib import roi; roi.evaluate(...)``
works as it always did.
"""

from careerlib.roi.inputs import (
    ALIASES,
    MAX_AGE,
    MAX_PREMIUM,
    MIN_AMOUNT,
    PARAMETERS,
    PROFILES,
    REPLACED_BY,
    SETTINGS_FILE,
    SETTINGS_PATH,
    TIMINGS,
    Option,
    check_draws,
    load_settings,
    option_defaults,
    validate,
)
from careerlib.roi.model import (
    DROPOUT_YEARS,
    Evaluation,
    cash_flows,
    discount_factors,
    evaluate,
    irr,
    pay_without_at,
    payback,
)
from careerlib.roi.options_file import OPTIONS_FILE, REFERENCE_KEYS, load_options, report_overrides
from careerlib.roi.reference import (
    BLS_PATH,
    EARNINGS_BY_AGE_PATH,
    EXECUTIVE_PATH,
    WEEKS_PER_YEAR,
    load_bls_education_pays,
    load_earnings_by_age,
    load_executive_education,
    typical_earnings,
)
from careerlib.roi.scenarios import (
    BLOCK_CELLS,
    COMPARE_COLUMNS,
    DRAWS,
    LABELS,
    Simulation,
    compare,
    npv_histogram,
    pick,
    sensitivity,
    simulate,
    swings,
)
from careerlib.roi.words import (
    SAMPLE_OPTIONS,
    SHARE_NOTE,
    assumptions,
    comparison_table,
    options_note,
    payback_text,
    report_summary,
    run_settings,
    spread_note,
    timing_text,
    typical_profiles_table,
    verdict,
)

__all__ = [
    "ALIASES",
    "EARNINGS_BY_AGE_PATH",
    "MAX_AGE",
    "REFERENCE_KEYS",
    "load_earnings_by_age",
    "typical_earnings",
    "typical_profiles_table",
    "BLOCK_CELLS",
    "PROFILES",
    "REPLACED_BY",
    "SAMPLE_OPTIONS",
    "TIMINGS",
    "check_draws",
    "comparison_table",
    "option_defaults",
    "options_note",
    "pay_without_at",
    "report_overrides",
    "spread_note",
    "timing_text",
    "BLS_PATH",
    "COMPARE_COLUMNS",
    "DRAWS",
    "DROPOUT_YEARS",
    "EXECUTIVE_PATH",
    "LABELS",
    "MAX_PREMIUM",
    "MIN_AMOUNT",
    "OPTIONS_FILE",
    "PARAMETERS",
    "SETTINGS_FILE",
    "SETTINGS_PATH",
    "SHARE_NOTE",
    "WEEKS_PER_YEAR",
    "Evaluation",
    "Option",
    "Simulation",
    "assumptions",
    "cash_flows",
    "compare",
    "discount_factors",
    "evaluate",
    "irr",
    "load_bls_education_pays",
    "load_executive_education",
    "load_options",
    "load_settings",
    "npv_histogram",
    "payback",
    "payback_text",
    "pick",
    "report_summary",
    "run_settings",
    "sensitivity",
    "simulate",
    "swings",
    "validate",
    "verdict",
]
