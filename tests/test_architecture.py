"""The shape of the package: no import cycle among careerlib's modules, and no import
hidden inside a function unless it is listed below with its reason.

Both kinds of import count as edges of the graph: an import inside a function only
delays a cycle to the first call, it does not remove it. Edges are read from the source
(``ast``), so a module that is never imported by the tests is checked too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "careerlib"

# Imports inside functions that are there on purpose, as (module, what it imports): reason.
# A new one fails `test_every_import_inside_a_function_is_listed`; one that dodges a cycle
# does not belong here (move the shared part below both modules instead).
ALLOWED_INSIDE_FUNCTIONS = {
    # pandas on first use: papermill imports careerlib (the engine) at its start-up
    ("careerlib", "careerlib.applications"): "importing careerlib stays cheap (no pandas)",
    ("careerlib", "careerlib.importers.read"): "importing careerlib stays cheap (no pandas)",
    # `careerlib --help` and `list` load no pandas or nbconvert: each command imports what it runs
    ("careerlib.cli", "careerlib.report"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.cohort.run"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.settings"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.importers.merge"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.career_history"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.importers.ask"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.applications"): "a command's own imports (start-up of --help/list)",
    ("careerlib.cli", "careerlib.report.discovery"): "a command's own imports (start-up of --help/list)",
    # dask is optional (the [dask] extra): only `--dask` needs it, and says so when missing
    ("careerlib.cohort.executors", "dask"): "optional dependency",
    ("careerlib.cohort.executors", "dask.distributed"): "optional dependency",
    # papermill imports every engine while importing itself: the engine imports nothing at the top
    ("careerlib.engine", "papermill.engines"): "papermill loads this module during its own import",
    ("careerlib.engine", "papermill.utils"): "papermill loads this module during its own import",
    ("careerlib.engine", "careerlib.engine_fork"): "papermill loads this module during its own import",
    ("careerlib.engine", "careerlib.inprocess"): "papermill loads this module during its own import",
    ("careerlib.engine", "jupyter_client.kernelspec"): "papermill loads this module during its own import",
    ("careerlib.engine", "logging"): "papermill loads this module during its own import",
    ("careerlib.io", "fcntl"): "Unix only: the rest of careerlib imports everywhere",
    ("careerlib.plotly_bundle", "plotly.offline"): "plotly's 3 MB bundle only when a report embeds it",
    ("careerlib.report.discovery", "nbformat"): "`careerlib list` reads parameters cells without jsonschema",
    ("careerlib.report.execute", "papermill"): "papermill (and nbclient) only when a report runs",
    ("careerlib.report.render", "nbformat"): "nbconvert's stack only when a report is rendered",
    ("careerlib.report.render", "jinja2"): "nbconvert's stack only when a report is rendered",
    ("careerlib.report.render", "nbconvert"): "nbconvert's stack only when a report is rendered",
    ("careerlib.report.render", "nbconvert.exporters.templateexporter"): "nbconvert only when rendering",
    ("careerlib.report.render", "nbconvert.filters.highlight"): "nbconvert only when rendering",
    ("careerlib.report.render", "nbconvert.filters.widgetsdatatypefilter"): "nbconvert only when rendering",
    # warm_up's whole point is importing everything once, in the parent, before forking
    ("careerlib.report.warm", "importlib"): "the warm start imports on purpose",
    ("careerlib.report.warm", "pkgutil"): "the warm start imports on purpose",
    ("careerlib.report.warm", "nbformat"): "the warm start imports on purpose",
    ("careerlib.report.warm", "pandas.io.formats.style"): "the warm start imports on purpose",
    ("careerlib.report.warm", "papermill"): "the warm start imports on purpose",
    ("careerlib.report.warm", "plotly.graph_objects"): "the warm start imports on purpose",
    ("careerlib.report.warm", "plotly.io"): "the warm start imports on purpose",
    ("careerlib.report.warm", "careerlib"): "the warm start imports on purpose",
    ("careerlib.report.warm", "careerlib.engine"): "the warm start imports on purpose",
    ("careerlib.report.warm", "careerlib.inprocess"): "the warm start imports on purpose",
    ("careerlib.report.warm", "careerlib.plots"): "the warm start imports on purpose",
    ("careerlib.report.warm", "pandas"): "the warm start imports on purpose",
    ("careerlib.report.warm", "plotly.colors"): "the warm start imports on purpose",
}


def module_names() -> dict[str, tuple[Path, bool]]:
    """Every module of the package: dotted name -> (file, is a package's __init__)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def imported_modules(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, modules) -> list[str]:
    """The dotted names an import statement imports: relative imports made absolute,
    ``from package import submodule`` names the submodule, ``from module import name`` the module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = module.split(".") if is_package else module.split(".")[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    return list(dict.fromkeys(names))


def imports(modules) -> list[tuple[str, str, bool, int]]:
    """(module, imported name, inside a function, line) for every import statement;
    ``if TYPE_CHECKING:`` blocks are skipped (they never run)."""
    found = []

    def visit(module, is_package, node, inside):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for name in imported_modules(module, is_package, child, modules):
                    found.append((module, name, inside, child.lineno))
            else:
                is_function = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                visit(module, is_package, child, inside or is_function)

    for module, (path, is_package) in modules.items():
        visit(module, is_package, ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def graph(modules) -> dict[str, set[str]]:
    """careerlib module -> the careerlib modules it imports (at the top or inside a
    function). Importing ``careerlib.a.b`` also runs ``careerlib/a/__init__.py``: that
    package is an edge too, unless it is one of the importer's own packages."""
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, name, _inside, _line in imports(modules):
        if not name.startswith("careerlib"):
            continue
        while name not in modules:  # `from careerlib.x import function` names careerlib.x
            name = name.rsplit(".", 1)[0]
        parts = name.split(".")
        for depth in range(2, len(parts) + 1):
            target = ".".join(parts[:depth])
            own_package = module == target or module.startswith(target + ".")
            if target in modules and not own_package:
                edges[module].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_among_careerlib_modules():
    found = cycles(graph(module_names()))
    assert found == [], "import cycles (top-level and in-function imports both count):\n" + "\n".join(
        " <-> ".join(component) for component in found
    )


def test_every_import_inside_a_function_is_listed():
    modules = module_names()
    hidden = sorted(
        f"{module} line {line}: {name}"
        for module, name, inside, line in imports(modules)
        if inside and (module, name) not in ALLOWED_INSIDE_FUNCTIONS
    )
    assert hidden == [], "imports inside functions that are not in ALLOWED_INSIDE_FUNCTIONS:\n" + "\n".join(hidden)


def test_the_allowed_list_names_only_imports_that_exist():
    """A listed import that was moved to the top or removed leaves the list too."""
    present = {(module, name) for module, name, inside, _ in imports(module_names()) if inside}
    assert sorted(set(ALLOWED_INSIDE_FUNCTIONS) - present) == []


def test_the_formats_depend_on_nothing_above_them():
    """careerlib.logs sits below the importers and the analyses: it imports only the basics."""
    edges = graph(module_names())
    basics = {"careerlib.io", "careerlib.errors", "careerlib.settings", "careerlib.paths", "careerlib.dates"}
    basics |= {"careerlib.root", "careerlib.logs"}
    for module in [m for m in edges if m.startswith("careerlib.logs")]:
        assert edges[module] <= basics | {m for m in edges if m.startswith("careerlib.logs.")}, module


def test_csv_files_are_parsed_in_one_place():
    """pandas' CSV parser is called by careerlib.io.parse_csv_bytes alone (the one reader, with
    its messages); the csv module only reads a header line on its own (see the comments there)."""
    calls = []
    for module, (path, _) in module_names().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = ast.unparse(node.func.value)
                if node.func.attr in ("read_csv", "read_table") and owner in ("pd", "pandas"):
                    calls.append((module, "pandas." + node.func.attr))
                if node.func.attr in ("reader", "DictReader") and owner == "csv":
                    calls.append((module, "csv." + node.func.attr))
    expected = [
        ("careerlib.importers.source", "csv.reader"),  # the header line, to name a repeated or empty header
        # the first lines of a file, record by record: a note above the rows has fewer cells, which pandas refuses
        ("careerlib.importers.headerless", "csv.reader"),
        ("careerlib.io", "pandas.read_csv"),  # parse_csv_bytes
        ("careerlib.io", "csv.reader"),  # csv_header: the header of a file an append rewrites
        ("careerlib.io", "csv.reader"),  # _ragged_lines: every ragged line, once a file is refused
    ]
    assert sorted(calls) == sorted(expected)


@pytest.mark.parametrize(
    "source, expected",
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set(), "c": {"b"}}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(source, expected):
    assert cycles(source) == expected


def test_an_import_inside_a_function_is_an_edge(tmp_path):
    tree = tmp_path / "careerlib"
    (tree / "sub").mkdir(parents=True)
    (tree / "__init__.py").write_text("")
    (tree / "one.py").write_text("from careerlib.sub import two\n")
    (tree / "sub" / "__init__.py").write_text("")
    (tree / "sub" / "two.py").write_text("def later():\n    from careerlib import one\n")
    modules = {}
    for path in sorted(tree.rglob("*.py")):
        parts = list(path.relative_to(tmp_path).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    edges = graph(modules)
    assert edges["careerlib.one"] == {"careerlib.sub", "careerlib.sub.two"}
    assert cycles(edges) == [["careerlib.one", "careerlib.sub.two"]]
    assert ("careerlib.sub.two", "careerlib.one", True, 2) in imports(modules)
