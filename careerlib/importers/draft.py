"""The import page's model: a file, the person's edits to its mapping, their answers
to the open questions, and what the import would give under them.

The page (``careerlib.widgets.import_page``) keeps two things: ``edits`` (a mapping in the
Contract's shape, changed by the column, status-word and date-order dropdowns) and
``answers`` (question key -> chosen index, for the other questions). :func:`preview`
answers every question left open with its answer or its proposal, the same way the
terminal does (``answers_to_mapping`` over ``open_questions``), and reads the file
under the resulting mapping. Nothing here draws or writes; the functions return new
values and leave their arguments as they were.
"""

from __future__ import annotations

import copy
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.ask import askable, this_round
from careerlib.importers.mapping import FIELDS, load_mapping
from careerlib.importers.questions import STATUS_CHOICES, Choice, Question, answers_to_mapping
from careerlib.importers.read import open_questions, read_applications, read_table
from careerlib.importers.summary import ImportSummary
from careerlib.importers.vocabulary import NOT_APPLIED, OUTCOMES, STAGES
from careerlib.io import LINE

MAX_ROUNDS = 10
IGNORE = "ignore"
AUTO = ""  # no reading set: the importer decides (shown while the file does not import)
STAGE, OUTCOME = "stage:", "outcome:"  # role values for stage columns and outcome (yes/no) columns
FIRST_ROWS = 5


def column_roles() -> list[tuple[str, str]]:
    """(label, value) of every reading a column can be given."""
    roles = [(name, name) for name in FIELDS]
    roles += [(f"{stage}: its date or yes/no", STAGE + stage) for stage in STAGES if stage != "applied"]
    roles += [(f"ended {outcome} (yes/no)", OUTCOME + outcome) for outcome in OUTCOMES if outcome != "active"]
    return [("as the importer decides", AUTO), *roles, ("ignore (not read)", IGNORE)]


@dataclass
class Preview:
    """What the import gives under ``mapping`` (the edits plus every answer)."""

    mapping: dict
    questions: list[Question] = field(default_factory=list)  # every question met, in the order met
    log: pd.DataFrame | None = None
    summary: ImportSummary | None = None
    error: str | None = None  # a DataError's message when the file does not import


def first_rows(
    path: str | os.PathLike, sheet: str | None = None, rows: int = FIRST_ROWS, mapping: dict | None = None
) -> pd.DataFrame:
    """The file's first rows as read (every cell text), with their line numbers: read as
    the import reads them (``mapping``'s sheet, note lines and header names; a sheet or a
    header line still asked about is read as proposed)."""
    rules = load_mapping({**(mapping or {}), **({"sheet": sheet} if sheet else {})} or None)
    raw, _, _ = read_table(path, rules)
    return raw.head(rows).set_index(LINE)


def preview(path: str | os.PathLike, edits: dict | None = None, answers: dict | None = None) -> Preview:
    """Answer every open question (the given answer, else the proposal) until none is
    left, then read the file under the mapping that gives. Never raises for bad input:
    a DataError becomes ``error``."""
    current = copy.deepcopy(edits or {})
    met: list[Question] = []
    for _ in range(MAX_ROUNDS):
        seen = {q.key for q in met}
        fresh = this_round([q for q in askable(open_questions(path, current or None)) if q.key not in seen])
        if not fresh:
            break
        met += fresh
        current = answers_to_mapping(fresh, answers or {}, base=current)
    try:
        log, summary = read_applications(path, current or None)
    except DataError as err:
        return Preview(current, met, error=str(err))
    return Preview(current, met, log, summary)


def roles(headers: list[str], result: Preview) -> dict[str, str]:
    """Each header's reading: from what the import did (its summary) or, when the file
    does not import, from the mapping (``AUTO`` for the rest); a header the import read as
    nothing is ``ignore``."""
    out = {h: IGNORE if result.summary is not None else AUTO for h in headers}
    out.update({h: IGNORE for h in result.mapping.get("ignore", [])})
    if result.summary is not None:
        fields, stages = result.summary.fields, result.summary.stages
        outcomes = getattr(result.summary, "outcome_columns", None) or {}
    else:
        fields = result.mapping.get("columns", {})
        stages, outcomes = result.mapping.get("stages", {}), result.mapping.get("outcomes", {})
    for name, header in fields.items():  # the template names its stage columns as fields ('screen')
        out[header] = STAGE + name if name in STAGES and name not in FIELDS else name
    for stage, found in stages.items():
        out.update({h: STAGE + stage for h in _listed(found)})
    for outcome, found in outcomes.items():
        out.update({h: OUTCOME + outcome for h in _listed(found)})
    known = {value for _, value in column_roles()}
    return {h: role if role in known else AUTO for h, role in out.items() if h in headers}


def with_role(edits: dict, header: str, role: str) -> dict:
    """``edits`` with ``header`` read as ``role`` (and as nothing else)."""
    out = copy.deepcopy(edits)
    columns = {k: v for k, v in out.get("columns", {}).items() if v != header}
    ignore = [h for h in out.get("ignore", []) if h != header]
    for table in ("stages", "outcomes"):
        lists = {k: [h for h in _listed(v) if h != header] for k, v in out.get(table, {}).items()}
        out[table] = {k: v for k, v in lists.items() if v}
    if role == AUTO:
        pass
    elif role == IGNORE:
        ignore.append(header)
    elif role.startswith(STAGE):
        out["stages"].setdefault(role[len(STAGE) :], []).append(header)
    elif role.startswith(OUTCOME):
        out["outcomes"].setdefault(role[len(OUTCOME) :], []).append(header)
    else:
        columns[role] = header
    out["columns"], out["ignore"] = columns, ignore
    return {k: v for k, v in out.items() if v not in ({}, [])}


def with_status(edits: dict, word: str, rule: str) -> dict:
    """``edits`` with the status word ``word`` meaning ``rule`` (a stage, an outcome, ...)."""
    out = copy.deepcopy(edits)
    out.setdefault("statuses", {})[word] = rule
    return out


def with_order(edits: dict, order: str | None) -> dict:
    """``edits`` with the date order set (``None``: as the importer decides)."""
    out = copy.deepcopy(edits)
    dates = {k: v for k, v in out.get("dates", {}).items() if k != "order"}
    if order:
        dates["order"] = order
    out["dates"] = dates
    return {k: v for k, v in out.items() if v != {}}


def rule_of(stage: str, outcome: str | None) -> str:
    """A status's meaning written as a mapping's ``[statuses]`` value."""
    if stage == NOT_APPLIED:
        return NOT_APPLIED
    if not outcome or outcome == "active":
        return stage
    if stage in ("applied", outcome):
        return outcome
    return f"{stage}/{outcome}"


def status_words(result: Preview) -> pd.DataFrame:
    """Each status word read (value, rows, column, rule): what the preview made of it."""
    table = result.summary.statuses if result.summary is not None else pd.DataFrame()
    if table.empty or "value" not in table:
        return pd.DataFrame(columns=["value", "rows", "column", "rule"])
    dated = table["stage"] == "as dated"  # history cells: dated stages, no single meaning to change
    table = table[~dated]
    rules = [rule_of(s, o) for s, o in zip(table["stage"], table["outcome"])]  # distinct words: a short list
    return pd.DataFrame({"value": table["value"], "rows": table["rows"], "column": table["column"], "rule": rules})


def status_options(rule: str) -> list[tuple[str, str]]:
    """(label, value) for a status word's dropdown: the terminal's choices, plus ``rule``
    when it is another one (a mapping's own ``screen/withdrawn``)."""
    options = [(_label(c), c.value) for c in STATUS_CHOICES]
    if rule not in {value for _, value in options}:
        options.append((rule, rule))
    return options


def other_questions(result: Preview) -> list[Question]:
    """The questions the column, status and date-order dropdowns do not already ask."""
    return [q for q in result.questions if q.key[0] not in ("statuses", "columns") and q.key != ("dates", "order")]


def counts(result: Preview) -> dict:
    """Applications, stages reached and outcomes of the preview (empty when it failed)."""
    if result.log is None:
        return {}
    log = result.log
    reached = {stage: int(log[stage].notna().sum()) for stage in STAGES if stage in log}
    if "applied" in reached:
        reached["applied"] = len(log)  # an undated log's applications are all applied
    outcomes = log["outcome"].value_counts().to_dict() if "outcome" in log else {}
    return {"applications": len(log), "reached": reached, "outcomes": {str(k): int(v) for k, v in outcomes.items()}}


def save_upload(name: str, content: bytes, folder: str | os.PathLike | None = None) -> Path:
    """An uploaded file written into a fresh temporary folder under its own name (its
    suffix says how to read it); only the name's last part is used."""
    folder = Path(folder or tempfile.mkdtemp(prefix="careerlib-upload-"))
    target = folder / (Path(str(name)).name or "upload.csv")
    target.write_bytes(bytes(content))
    return target


def _label(choice: Choice) -> str:
    return f"{choice.label}: {choice.explain}" if choice.explain else choice.label


def _listed(headers) -> list[str]:
    return [headers] if isinstance(headers, str) else list(headers)


def sentence(result: Preview | None) -> str:
    """What the import gives, in one plain sentence (for the page's static part)."""
    if result is None:
        return "No file is open yet: type a path or upload a file above."
    if result.error:
        return f"The file does not import yet: {result.error}"
    figures = counts(result)
    answered = len(result.questions)
    asked = f"{answered} question(s) answered (by you or with the proposal)" if answered else "no question needed"
    return (
        f"{figures['applications']} application(s) would be imported, {figures['reached'].get('interview', 0)} "
        f"reached an interview and {figures['reached'].get('offer', 0)} an offer; {asked}."
    )


def page_summary(result: Preview | None) -> dict:
    """The page's JSON summary: how many applications, questions, and whether it imports."""
    figures = counts(result) if result is not None else {}
    return {
        "report": "import",
        "imports": bool(figures),
        "applications": figures.get("applications"),
        "questions": len(result.questions) if result is not None else 0,
        "error": result.error if result is not None else "no file open",
    }
