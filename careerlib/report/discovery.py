"""Which reports there are (every notebook in ``notebooks/``), their parameters
cell, and checking and converting the parameters a caller gives."""

from __future__ import annotations

import ast
import functools
import io
import json
import tokenize
from pathlib import Path
from typing import Any

from careerlib.errors import DataError, ReportError
from careerlib.root import project_root


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def available_reports(root: Path | None = None) -> list[str]:
    """Every notebook in ``notebooks/`` is a report, named after its file."""
    return sorted(p.stem for p in notebooks_dir(root).glob("*.ipynb"))


# Reports over a folder of many people, not one person's files: a one-person ``report --all`` skips them.
GROUP_REPORTS = ("cohort",)
# Pages to work in, not reports to read: ``report --all`` skips them (``report import`` runs harmlessly).
PAGES = ("import",)


def person_reports(root: Path | None = None) -> list[str]:
    """The reports about one person (what ``report --all`` runs)."""
    return [name for name in available_reports(root) if name not in GROUP_REPORTS + PAGES]


def notebook_path(name: str, root: Path | None = None) -> Path:
    path = notebooks_dir(root) / f"{name}.ipynb"
    if not path.exists():
        known = ", ".join(available_reports(root)) or "none"
        raise ReportError(f"no report called {name!r} (available: {known})")
    return path


def declared_parameters(name: str, root: Path | None = None) -> dict[str, Any]:
    """The parameters cell's names and default values (literals, by design)."""
    path = notebook_path(name, root)
    stat = path.stat()
    return dict(_parameters_cell(str(path), stat.st_mtime_ns, stat.st_size, name))


@functools.lru_cache(maxsize=64)
def _parameters_cell(path: str, mtime_ns: int, size: int, name: str) -> dict[str, Any]:
    """Read once per version of the file: a run asks for every report's parameters
    several times (checking the command line, the config, then each report's start)."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cells = [c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ReportError(f"notebook {name!r} has no cell tagged 'parameters'")
    declared: dict[str, Any] = {}
    for node in ast.parse(cells[0].source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            declared[node.targets[0].id] = ast.literal_eval(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            declared[node.target.id] = ast.literal_eval(node.value)
    return declared


def parameter_help(name: str, root: Path | None = None) -> dict[str, str]:
    """Each parameter's comment in the parameters cell (``share = False  # bool: ...``),
    by name; a parameter without one maps to ``""``. Reads the notebook as JSON (no
    nbformat, no pandas: ``careerlib list`` stays quick)."""
    path = notebook_path(name, root)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            return _comments_by_name("".join(source) if isinstance(source, list) else source)
    raise ReportError(f"notebook {name!r} has no cell tagged 'parameters'")


def _comments_by_name(source: str) -> dict[str, str]:
    """The comment ending each assignment's last line (or the line above it), by the name assigned."""
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }
    found = {}
    for node in ast.parse(source).body:
        target = (
            node.targets[0]
            if isinstance(node, ast.Assign) and len(node.targets) == 1
            else getattr(node, "target", None)
        )
        if isinstance(target, ast.Name):
            found[target.id] = comments.get(node.end_lineno) or comments.get(node.lineno - 1, "")
    return found


def coerce_parameters(name: str, given: dict[str, Any], root: Path | None = None) -> dict[str, Any]:
    """Check names against the parameters cell and convert text from the command
    line to the type of each default (bool, int, float, str)."""
    declared = declared_parameters(name, root)
    out = {}
    for key, value in given.items():
        if key not in declared:
            raise ReportError(f"report {name!r} has no parameter {key!r} (it takes: {', '.join(declared)})")
        out[key] = _coerce(key, value, declared[key])
    return out


def _utf8(text: str) -> bool:
    """Whether the text is valid Unicode (a file name with a byte that is not UTF-8 arrives
    from the command line with a lone surrogate in its place, which no file can hold)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _same_kind(value: Any, default: Any) -> bool:
    """A value from a settings file fits where the notebook's default is of this type
    (a whole number where a decimal is expected is fine; a flag is never a number)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _coerce(key: str, value: Any, default: Any) -> Any:
    if isinstance(value, str) and not _utf8(value):
        raise DataError(
            "this value holds a byte that is not UTF-8 text (a file name? rename the file)",
            column=key,
            value=value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"),
        )
    if not isinstance(value, str):
        if default is not None and not _same_kind(value, default):
            raise ReportError(
                f"parameter {key!r}: {value!r} is a {type(value).__name__}, not a {type(default).__name__}"
            )
        return value
    if isinstance(default, str) or default is None:
        return value
    try:
        if isinstance(default, bool):
            lowered = value.strip().lower()
            if lowered not in {"true", "false", "yes", "no", "1", "0"}:
                raise ValueError(value)
            return lowered in {"true", "yes", "1"}
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise ReportError(f"parameter {key!r}: {value!r} is not a {type(default).__name__}") from None
