"""Where tasks run: in this process, a local process pool, or on a Dask scheduler.
Each yields an :class:`~careerlib.cohort.tasks.Outcome` per task as it finishes; a
worker that dies gives a ``failed`` outcome, never an exception."""

from __future__ import annotations

import contextlib
import hashlib
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from typing import Iterator

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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"))
    try:
        pending = {pool.submit(execute, task): task for task in tasks}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                try:
                    yield future.result()
                except Exception as err:  # the worker process itself died
                    yield Outcome(task.person, task.report, "failed", error=f"worker died: {err}")
    finally:
        _stop_pool(pool)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """On the way out (also on SIGTERM/Ctrl-C) stop the workers still running a report."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _on_dask(tasks: list[Task], address: str, workers: int | None) -> Iterator[Outcome]:
    """Tasks on a Dask scheduler (``local``: a LocalCluster on this machine, one
    single-threaded worker process per core). Dask retries a task whose worker died."""
    try:
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
