"""Where tasks run: in this process, in forked workers of this process (one per task,
the report runner's mechanism, ``careerlib.forking``), or on a Dask scheduler. Each
yields an :class:`~careerlib.cohort.tasks.Outcome` per task as it finishes; a worker
that dies fails its own task only, never an exception and never another task."""

from __future__ import annotations

import contextlib
import hashlib
import os
from multiprocessing.connection import wait as wait_for_any
from typing import Iterator

from careerlib import forking
from careerlib.cohort.tasks import Outcome, Task, execute
from careerlib.errors import ReportError

DASK_RETRIES = 2  # a task whose worker died (or that raised) is tried again this many times


def _results(tasks: list[Task], dask: str | None, workers: int | None) -> Iterator[Outcome]:
    if not tasks:
        return
    if dask:
        yield from _on_dask(tasks, dask, workers)
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    if workers == 1:
        for task in tasks:
            yield execute(task)
        return
    yield from _in_forks(tasks, workers)


def _in_forks(tasks: list[Task], workers: int) -> Iterator[Outcome]:
    """Each task in a fresh forked worker, at most ``workers`` at a time; workers still
    running when the caller stops (Ctrl-C, SIGTERM, an exception) are stopped."""
    queue = list(tasks)
    running: dict = {}  # result pipe -> (task, process)
    try:
        while queue or running:
            while queue and len(running) < workers:
                task = queue.pop(0)
                child = forking.start(_worker, (task,))
                running[child.reader] = (task, child.process)
            for reader in wait_for_any(list(running)):
                task, process = running.pop(reader)
                try:
                    outcome = reader.recv()
                except EOFError:  # the worker died before sending its outcome
                    process.join()
                    died = forking.death_note(process.exitcode)
                    outcome = Outcome(task.person, task.report, "failed", error=f"worker died ({died})")
                reader.close()
                process.join()
                yield outcome
    finally:
        forking.stop([process for _, process in running.values()])


def _worker(writer, task: Task) -> None:
    """A forked worker: run one task, send its outcome."""
    writer.send(execute(task))
    writer.close()


def _on_dask(tasks: list[Task], address: str, workers: int | None) -> Iterator[Outcome]:
    """Tasks on a Dask scheduler (``local``: a LocalCluster on this machine, one
    single-threaded worker process per core). Dask retries a task whose worker died."""
    try:  # dask is optional (pip install 'careerlib[dask]'): only --dask needs it
        import dask
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ReportError("--dask needs Dask: pip install 'careerlib[dask]'") from None
    cluster = None
    settings = contextlib.ExitStack()
    if address == "local":
        # Non-daemonic workers: a report may start processes of its own (a kernel, or a fork of a warm one).
        # Kept for the whole run: a worker that died is restarted by its nanny, which reads it again.
        settings.enter_context(dask.config.set({"distributed.worker.daemon": False}))
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        futures = {
            client.submit(execute, task, retries=DASK_RETRIES, pure=False, key=_key(task)): task for task in tasks
        }
        for future in as_completed(futures):
            task = futures[future]
            try:
                yield future.result()
            except Exception as err:  # every retry failed (e.g. the worker kept dying)
                yield Outcome(
                    task.person, task.report, "failed", error=f"the Dask task failed: {type(err).__name__}: {err}"
                )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        settings.close()


def _key(task: Task) -> str:
    """A Dask task name that does not show the person's folder name on a shared dashboard."""
    return f"careerlib-{task.report}-{hashlib.sha1(task.person.encode()).hexdigest()[:12]}-{os.getpid()}"
