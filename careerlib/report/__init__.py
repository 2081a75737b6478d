"""The report runner: notebooks in, executed notebook + offline HTML + JSON out.

One report is one notebook in ``notebooks/`` (``funnel.ipynb`` is the report
``funnel``). Running it:

1. papermill executes it with the given parameters into a staging folder inside
   the output folder (kernel working directory: the project root);
   Cells tagged ``interactive`` (live widgets) are not run: they are for JupyterLab;
2. nbconvert renders HTML with input cells hidden, through the
   ``careerlib_offline`` template (plotly.js inline once, no CDN, a CSP that
   blocks any request; ``careerlib.plotly_bundle`` picks the partial bundle when it
   holds every chart's trace type);
3. the summary the notebook published (``careerlib.notebook.publish``) becomes
   ``NAME.json``;
4. only then are the three files moved into place with ``os.replace``. A run that
   fails or is killed leaves the previous report untouched; a failed notebook is
   kept as ``NAME.failed.ipynb`` for inspection.

``run_many`` runs several reports at once in worker processes, under a lock file
so two runs never interleave writes in one folder, and writes ``index.html``.

Two engines execute the notebook. ``warm`` (the default): the parent process imports
pandas, plotly, careerlib and nbconvert and builds the HTML exporter once
(:func:`warm_up`), then forks one fresh worker per report, which runs the cells in
its own process through careerlib's papermill engine (``careerlib.engine``): no
kernel start, no imports, nothing shared between reports. ``kernel``: papermill's
default engine, a new Jupyter kernel per report.
"""

import importlib

from careerlib.errors import ReportError

# Where each public name lives. They load on first use, so ``careerlib list`` and
# ``careerlib --help`` (which need only discovery) do not import nbconvert and pandas.
_HOMES = {
    "SUMMARY_MIME": "careerlib.notebook",
    "plotly_js": ("careerlib.plotly_bundle", "full_js"),  # the full plotly.js, read once (a public name)
    **dict.fromkeys(
        (
            "GROUP_REPORTS",
            "available_reports",
            "coerce_parameters",
            "declared_parameters",
            "notebook_path",
            "notebooks_dir",
            "parameter_help",
            "person_reports",
        ),
        "careerlib.report.discovery",
    ),
    **dict.fromkeys(
        (
            "CELL_TIMEOUT",
            "DEFAULT_ENGINE",
            "ENGINES",
            "KERNEL_START_TIMEOUT",
            "STAGING_PREFIX",
            "ReportResult",
            "cell_timings",
            "check_engine",
            "cpu_seconds",
            "run_report_here",
        ),
        "careerlib.report.execute",
    ),
    "write_index": "careerlib.report.index",
    "LOCK_NAME": "careerlib.report.lock",
    "run_lock": "careerlib.report.lock",
    **dict.fromkeys(
        (
            "HIDDEN_CELL_TAGS",
            "TEMPLATE_DIR",
            "TEMPLATE_NAME",
            "extract_summary",
            "for_report",
            "html_exporter",
            "to_html",
            "without_interactive",
        ),
        "careerlib.report.render",
    ),
    "run_many": "careerlib.report.runner",
    "run_report": "careerlib.report.runner",
    "warm_up": "careerlib.report.warm",
    "warm_up_seconds": "careerlib.report.warm",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'careerlib.report' has no attribute {name!r}")
    module, attribute = home if isinstance(home, tuple) else (home, name)
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


__all__ = [
    "CELL_TIMEOUT",
    "DEFAULT_ENGINE",
    "ENGINES",
    "GROUP_REPORTS",
    "HIDDEN_CELL_TAGS",
    "KERNEL_START_TIMEOUT",
    "LOCK_NAME",
    "STAGING_PREFIX",
    "SUMMARY_MIME",
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "ReportError",
    "ReportResult",
    "available_reports",
    "cell_timings",
    "check_engine",
    "coerce_parameters",
    "cpu_seconds",
    "declared_parameters",
    "extract_summary",
    "for_report",
    "html_exporter",
    "notebook_path",
    "notebooks_dir",
    "parameter_help",
    "person_reports",
    "plotly_js",
    "run_lock",
    "run_many",
    "run_report",
    "run_report_here",
    "to_html",
    "warm_up",
    "warm_up_seconds",
    "without_interactive",
    "write_index",
]
