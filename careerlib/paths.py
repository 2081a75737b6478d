"""Every file careerlib reads from ``data/``, in one place.

Paths are relative to the project root (see :func:`careerlib.io.resolve_path`), as a
user would write them in a notebook parameter, so error messages show them that way.
An analysis names its files here and nowhere else; a test that needs another file
passes its own path to the loader.
"""

from __future__ import annotations

DATA = "data"

# Questionnaires: data/instruments/<id>.yaml (format in data/instruments/README.md).
INSTRUMENTS = f"{DATA}/instruments"

# Settings of each analysis, with the reasoning beside each value.
ASSESSMENT_SETTINGS = f"{DATA}/assessment/settings.yaml"
ROI_SETTINGS = f"{DATA}/roi/settings.yaml"
DIAGNOSTICS_THRESHOLDS = f"{DATA}/diagnostics/thresholds.yaml"
DIAGNOSTICS_WEIGHTS = f"{DATA}/diagnostics/weights.yaml"

# Channel words that name no one: the only channels share mode and the cohort overview show.
KNOWN_CHANNELS = f"{DATA}/importers/channels.csv"

# Reference tables, each with its source and year in data/reference/README.md.
REFERENCE = f"{DATA}/reference"
REFERENCE_FUNNEL = f"{REFERENCE}/reference_funnel.csv"
BLS_EDUCATION_PAYS = f"{REFERENCE}/bls_education_pays.csv"
EXECUTIVE_EDUCATION = f"{REFERENCE}/executive_education.csv"
CPI_US = f"{REFERENCE}/cpi_us.csv"
EARNINGS_BY_AGE = f"{REFERENCE}/earnings_by_age.csv"

# Synthetic sample data (the reports' defaults), empty templates, and the user's own files.
SAMPLE = f"{DATA}/sample"
TEMPLATES = f"{DATA}/templates"
PRIVATE = f"{DATA}/private"


def instrument(instrument_id: str) -> str:
    """The file of the questionnaire ``instrument_id`` (an id already checked as a name)."""
    return f"{INSTRUMENTS}/{instrument_id}.yaml"
