"""Reading the job-search logs people already keep (issue 10: bring your own data).

``read_applications(path, mapping)`` detects the layout (our template, LinkedIn's CSV or
whole data download, a known tracker export, a status-column, stage-per-column or
history-cell sheet; CSV in any common dialect or .xlsx) and returns the validated log
with an :class:`ImportSummary` of everything it decided. What it cannot decide it does
not guess: one DataError lists every open question with a mapping snippet to fill in.

Modules: ``source`` (files to text tables), ``mapping`` (the user's TOML), ``vocabulary``
(the tables in data/importers/), ``detect`` (layout and headers), ``dates``, ``statuses``,
``history``, ``build`` (rows to the log), ``questions`` (the open questions as values, the
mapping they give, as TOML), ``decisions`` (the one error, made from those questions), ``summary``.
"""

from careerlib.importers.mapping import Mapping, load_mapping
from careerlib.importers.questions import Choice, Question, answers_to_mapping, mapping_toml
from careerlib.importers.read import open_questions, read_applications
from careerlib.importers.summary import ImportSummary

__all__ = [
    "Choice",
    "ImportSummary",
    "Mapping",
    "Question",
    "answers_to_mapping",
    "load_mapping",
    "mapping_toml",
    "open_questions",
    "read_applications",
]
