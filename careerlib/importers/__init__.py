"""Reading the job-search logs people already keep (issue 10: bring your own data).

``read_applications(path, mapping)`` detects the layout (our template, LinkedIn's CSV or
whole data download, a known tracker export, a status-column, stage-per-column or
history-cell sheet; CSV in any common dialect or .xlsx) and returns the validated log
with an :class:`ImportSummary` of everything it decided. What it cannot decide it does
not guess: one DataError lists every open question with a mapping snippet to fill in.

Modules: ``source`` (files to text tables), ``mapping`` (the user's TOML), ``vocabulary``
(the tables in data/importers/), ``detect`` (layout and headers), ``dates``, ``statuses``,
``history``, ``build`` (rows to the log), ``decisions`` (the one error), ``summary``.
"""

from careerlib.importers.mapping import Mapping, load_mapping
from careerlib.importers.read import read_applications
from careerlib.importers.summary import ImportSummary

__all__ = ["ImportSummary", "Mapping", "load_mapping", "read_applications"]
