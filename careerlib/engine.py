"""careerlib's papermill engine: ``papermill --engine careerlib in.ipynb out.ipynb``.

Each notebook runs in its own forked child of the calling process, in an IPython
shell made to behave like ipykernel (``careerlib.inprocess``), instead of in a
kernel started for the run: no kernel start, and when the caller has already
imported pandas, plotly and careerlib (``careerlib report`` warms its process up
first) no imports either. The notebook returned is built from what the child sent
back, so nothing the notebook does reaches the caller or the next notebook. (A
``careerlib report`` worker, itself a disposable fork its runner watches, runs the
cells itself instead: ``careerlib.report.forks``.) The
parent watches the child (``careerlib.engine_fork``): a failing cell raises
papermill's ``PapermillExecutionError``, a child that dies nbclient's
``DeadKernelError`` and a cell past ``--execution-timeout`` nbclient's
``CellTimeoutError``, exactly as the kernel engine does. A notebook whose kernel is
not a Python one is refused with jupyter_client's ``NoSuchKernel``. The differences
that remain are listed in ``docs/engine.md``.

papermill imports every registered engine while it imports itself, so this module
imports nothing at all at module level (not even papermill: that would be circular
when this module is imported first); the rest is loaded when a notebook runs. It
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
        watched_worker=None,
        **kwargs,
    ):
        """Run the cells in a forked child, or, given ``watched_worker`` (an
        ``engine_fork.WatchedWorker``: this process is a disposable worker its parent
        watches, as ``careerlib report``'s are), in this process."""
        from careerlib import engine_fork, inprocess

        check_python_kernel(nb_man.nb, kernel_name)
        try:
            engine_fork.execute(
                nb_man,
                execution_timeout,
                lambda cell: _echo(cell, stdout_file, stderr_file, log_output),
                watched=watched_worker,
            )
        except Exception as err:
            # papermill writes a notebook only as often as the caller asked; the caller that
            # asked for none (careerlib report) keeps the partial one from here.
            err.notebook = nb_man.nb
            raise
        nb_man.nb.metadata["language_info"] = dict(inprocess.LANGUAGE_INFO)
        return nb_man.nb


def check_python_kernel(nb, kernel_name: str | None) -> None:
    """Refuse, as the kernel engine would, a kernel that is not installed, and a
    kernel of another language (the cells would run as Python)."""
    from jupyter_client.kernelspec import NoSuchKernel

    name = kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
    if kernel_language(name) != "python":
        raise NoSuchKernel(name)


_KERNEL_LANGUAGES: dict[str, str] = {}  # kernel name -> language, as found in this process


def kernel_language(name: str) -> str:
    """The language of the installed kernel ``name`` (jupyter_client's ``NoSuchKernel``
    when none is installed). Looked up once per process: the lookup reads the kernel
    folders, and a warm parent's forked workers inherit the answer."""
    if name not in _KERNEL_LANGUAGES:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec(name)  # NoSuchKernel when it is not installed
        _KERNEL_LANGUAGES[name] = (spec.language or "").lower()
    return _KERNEL_LANGUAGES[name]


def notebook_language(nb) -> str:
    """The language a notebook declares (kernelspec first, then language_info); python if none."""
    declared = nb.metadata.get("kernelspec", {}).get("language") or nb.metadata.get("language_info", {}).get("name")
    return (declared or "python").lower()


def _echo(cell, stdout_file, stderr_file, log_output: bool) -> None:
    """papermill's --stdout-file / --stderr-file / --log-output: the cell's streams
    copied, and logged as papermill's kernel engine logs them (once the cell is done)."""
    import logging

    logger = logging.getLogger("papermill")
    for output in cell.outputs:
        if output.output_type == "stream":
            target = {"stdout": stdout_file, "stderr": stderr_file}.get(output.name)
            if log_output:
                (logger.info if output.name == "stdout" else logger.warning)(output.text)
            if target is not None:
                target.write(output.text)
                target.flush()
        elif log_output and "text/plain" in output.get("data", {}):
            logger.info(output.data["text/plain"])


def register() -> None:
    """Make the engine known to papermill in this process (the entry point does the
    same for an installed careerlib)."""
    from papermill.engines import papermill_engines

    if NAME not in papermill_engines._engines:
        papermill_engines.register(NAME, CareerlibEngine)
