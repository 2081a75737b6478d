"""careerlib's papermill engine: ``papermill -e careerlib in.ipynb out.ipynb``.

Cells run in this process, in an IPython shell (``careerlib.inprocess``), instead of
in a kernel started for the run: no kernel start, and when the process has already
imported pandas, plotly and careerlib (``careerlib report`` forks one fresh worker per
report from such a process) no imports either. Outputs are recorded in order as
nbformat outputs, and a failing cell stops the run and raises papermill's
``PapermillExecutionError`` exactly as the kernel engine does.

papermill imports every registered engine when it starts, so this module imports
nothing but papermill's own engine base class; the shell is loaded when a notebook
runs.
"""

from __future__ import annotations

from papermill.engines import Engine

NAME = "careerlib"


class CareerlibEngine(Engine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        from careerlib import inprocess

        ip = inprocess.shell()
        for index, cell in enumerate(nb_man.nb.cells):
            try:
                nb_man.cell_start(cell, index)
                if cell.cell_type == "code" and cell.source.strip():
                    ok = inprocess.run_cell(ip, cell, timeout=execution_timeout)
                    _echo(cell, stdout_file, stderr_file)
                    if not ok and "raises-exception" not in cell.metadata.get("tags", []):
                        nb_man.cell_exception(cell, cell_index=index)
                        break
            finally:
                nb_man.cell_complete(cell, cell_index=index)
        nb_man.nb.metadata["language_info"] = dict(inprocess.LANGUAGE_INFO)
        return nb_man.nb


def _echo(cell, stdout_file, stderr_file) -> None:
    """papermill's --stdout-file / --stderr-file: the cell's streams, copied."""
    for output in cell.outputs:
        target = {"stdout": stdout_file, "stderr": stderr_file}.get(output.get("name")) if output.output_type == "stream" else None
        if target is not None:
            target.write(output.text)
            target.flush()


def register() -> None:
    """Make the engine known to papermill in this process (the entry point does the
    same for an installed careerlib)."""
    from papermill.engines import papermill_engines

    if NAME not in papermill_engines._engines:
        papermill_engines.register(NAME, CareerlibEngine)
