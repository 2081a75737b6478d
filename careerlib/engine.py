"""careerlib's papermill engine: ``papermill --engine careerlib in.ipynb out.ipynb``.

Cells run in this process, in an IPython shell (``careerlib.inprocess``), instead of
in a kernel started for the run: no kernel start, and when the process has already
imported pandas, plotly and careerlib (``careerlib report`` forks one fresh worker per
report from such a process) no imports either. Outputs are recorded in order as
nbformat outputs, and a failing cell stops the run and raises papermill's
``PapermillExecutionError`` exactly as the kernel engine does.

papermill imports every registered engine while it imports itself, so this module
imports nothing at all at module level (not even papermill: that would be circular
when this module is imported first); the shell is loaded when a notebook runs. It
follows papermill's engine protocol (``execute_notebook``, ``nb_kernel_name``,
``nb_language``) the way ``papermill.engines.Engine`` implements it.
"""

from __future__ import annotations

NAME = "careerlib"


class CareerlibEngine:
    @classmethod
    def execute_notebook(
        cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False, autosave_cell_every=30, **kwargs
    ):
        """Track the run in papermill's execution manager (cell status, timing,
        saves), as every papermill engine does."""
        from papermill.engines import NotebookExecutionManager

        nb_man = NotebookExecutionManager(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        from papermill.utils import nb_kernel_name

        return nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        from papermill.utils import nb_language

        return nb_language(nb, language)

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
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
        target = (
            {"stdout": stdout_file, "stderr": stderr_file}.get(output.get("name"))
            if output.output_type == "stream"
            else None
        )
        if target is not None:
            target.write(output.text)
            target.flush()


def register() -> None:
    """Make the engine known to papermill in this process (the entry point does the
    same for an installed careerlib)."""
    from papermill.engines import papermill_engines

    if NAME not in papermill_engines._engines:
        papermill_engines.register(NAME, CareerlibEngine)
