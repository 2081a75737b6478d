"""careerlib: the helper library behind the career-analytics workbook.

The notebooks in ``notebooks/`` tell the story; this package does the work:
``logs`` (careerlib's own formats), ``importers`` (the files people keep) and ``io``
load and validate files, one module per analysis
(``funnel``, ``roi``, ``assessment``, ``diagnostics``) computes tidy tables,
``plots`` draws them, and ``report``/``cli`` run notebooks into shareable HTML.
"""

from careerlib.errors import DataError

__all__ = ["DataError", "load_applications", "read_applications"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # load_applications pulls in pandas: imported on first use, so importing the
    # package (papermill loads careerlib.engine at its start-up) stays cheap.
    if name == "load_applications":
        from careerlib.applications import load_applications

        return load_applications
    if name == "read_applications":  # the log and what the importer understood (ImportSummary)
        from careerlib.importers.read import read_applications

        return read_applications
    raise AttributeError(f"module 'careerlib' has no attribute {name!r}")
