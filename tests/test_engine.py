"""careerlib's papermill engine: cells run in a forked child that behaves like a kernel,
outputs recorded as a kernel would send them, failures raised as papermill raises them,
nothing kept between runs. (The comparison with the kernel engine, notebook by notebook,
is in test_engine_conformance.py.)

Each papermill call happens in a forked child of the test process, so papermill's and
the engine's state never live in the test process."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from multiprocessing import get_context
from pathlib import Path

import nbformat
import papermill
import pytest
from jupyter_client.kernelspec import NoSuchKernel
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}


def notebook_of(*sources: str):
    return new_notebook(cells=[new_code_cell(source) for source in sources], metadata=KERNELSPEC)


def _child(writer, notebook, path, engine, kwargs):
    try:
        from careerlib import engine as careerlib_engine

        careerlib_engine.register()
        result = papermill.execute_notebook(
            notebook, str(path), engine_name=engine, progress_bar=False, kernel_name="python3", **kwargs
        )
        writer.send(("ok", nbformat.writes(result)))
    except papermill.PapermillExecutionError as err:
        writer.send(
            (
                "error",
                {
                    "cell_index": err.cell_index,
                    "exec_count": err.exec_count,
                    "ename": err.ename,
                    "evalue": err.evalue,
                    "type": type(err).__name__,
                },
            )
        )
    except (CellTimeoutError, DeadKernelError, NoSuchKernel) as err:  # the run ended as a kernel's would
        writer.send(("ended", {"type": type(err).__name__, "message": str(err)}))
    except BaseException:  # noqa: BLE001 - shown in the test failure
        writer.send(("crash", traceback.format_exc()))


def execute(notebook, tmp_path, engine="careerlib", **kwargs):
    """Run ``notebook`` through papermill in a forked child; (status, notebook or error details)."""
    context = get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(writer, notebook, tmp_path / "out.ipynb", engine, kwargs))
    process.start()
    writer.close()
    status, payload = reader.recv()
    process.join()
    assert status != "crash", payload
    return status, (nbformat.reads(payload, as_version=4) if status == "ok" else payload)


def saved(tmp_path):
    """The notebook papermill wrote (also for a run that ended with an error)."""
    return nbformat.read(tmp_path / "out.ipynb", as_version=4)


def test_outputs_are_recorded_in_order_with_their_types(tmp_path):
    status, executed = execute(
        notebook_of(
            "import sys\nfrom IPython.display import Markdown, display\n"
            "print('one')\nprint('two')\ndisplay(Markdown('*three*'))\n"
            "print('four', file=sys.stderr)\nprint('five')\n21 * 2",
        ),
        tmp_path,
    )
    assert status == "ok"
    outputs = executed.cells[0].outputs
    assert [o.output_type for o in outputs] == ["stream", "display_data", "stream", "stream", "execute_result"]
    assert outputs[0].name == "stdout" and outputs[0].text == "one\ntwo\n"
    assert outputs[1].data == {"text/markdown": "*three*", "text/plain": "<IPython.core.display.Markdown object>"}
    # stdout and stderr are two streams, each in order; between them a kernel promises no order either
    assert sorted((o.name, o.text) for o in outputs[2:4]) == [("stderr", "four\n"), ("stdout", "five\n")]
    assert (
        outputs[4].data == {"text/plain": "42"} and outputs[4].execution_count == executed.cells[0].execution_count == 1
    )


def test_display_metadata_ids_and_clear_output(tmp_path):
    status, executed = execute(
        notebook_of(
            "from IPython.display import display, clear_output, update_display\n"
            "display({'text/plain': 'raw', 'image/png': 'iVBORw0KGgo='}, raw=True, "
            "metadata={'image/png': {'width': 12}})",
            "handle = display({'text/plain': 'first'}, raw=True, display_id=True)",
            "handle.update({'text/plain': 'second'}, raw=True)\nprint('gone')\nclear_output(wait=True)\nprint('kept')",
            "x = 1;",
        ),
        tmp_path,
    )
    assert status == "ok"
    first, second, third, fourth = (cell.outputs for cell in executed.cells)
    assert first[0].metadata == {"image/png": {"width": 12}} and first[0].data["image/png"] == "iVBORw0KGgo="
    assert second[0].data == {"text/plain": "second"}  # updated in place through its display id
    assert [(o.output_type, o.get("text")) for o in third] == [("stream", "kept\n")]
    assert fourth == []  # a trailing semicolon hides the value, as in a kernel


def test_plotly_figures_and_widgets_display_as_in_a_kernel(tmp_path):
    status, executed = execute(
        notebook_of(
            "from careerlib import notebook as nb\nimport plotly.graph_objects as go\nnb.setup()",
            "go.Figure(go.Bar(x=['a'], y=[1]))",
            "import ipywidgets\nipywidgets.IntSlider(value=3)",
            "nb.publish({'n': 1})",
        ),
        tmp_path,
    )
    assert status == "ok"
    figure, slider, summary = (executed.cells[i].outputs for i in (1, 2, 3))
    assert [o.output_type for o in figure] == ["display_data"]
    assert set(figure[0].data) == {"application/vnd.plotly.v1+json", "text/html"}
    assert figure[0].data["application/vnd.plotly.v1+json"]["data"][0]["type"] == "bar"
    assert "Plotly.newPlot" in figure[0].data["text/html"] and "cdn" not in figure[0].data["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in slider[0].data
    assert summary[0].data["application/vnd.careerlib.summary+json"] == {"n": 1}


def test_a_failing_cell_raises_papermills_error_and_stops_the_run(tmp_path):
    notebook = notebook_of("x = 1", "print('before')\nraise ValueError('bad value')", "print('never')")
    status, error = execute(notebook, tmp_path)
    assert status == "error"
    assert error == {
        "cell_index": 1,
        "exec_count": 2,
        "ename": "ValueError",
        "evalue": "bad value",
        "type": "PapermillExecutionError",
    }
    saved = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    code = [cell for cell in saved.cells if cell.cell_type == "code"]  # papermill adds markdown error banners
    failed, never = code[1], code[2]
    assert [o.output_type for o in failed.outputs] == [
        "stream",
        "error",
    ] and failed.metadata.papermill.status == "failed"
    assert never.outputs == [] and never.metadata.papermill.status == "pending"


@pytest.mark.slow
def test_a_failing_cell_fails_the_same_way_with_a_kernel(tmp_path):
    notebook = notebook_of("x = 1", "print('before')\nraise ValueError('bad value')", "print('never')")
    warm = execute(notebook, tmp_path)
    kernel = execute(notebook, tmp_path, engine=None)
    assert warm == kernel


def test_syntax_errors_and_timeouts_fail_the_cell(tmp_path):
    status, error = execute(notebook_of("def broken(:\n    pass"), tmp_path)
    assert status == "error" and error["ename"] == "SyntaxError"
    status, error = execute(notebook_of("import time\ntime.sleep(30)"), tmp_path, execution_timeout=1)
    assert status == "ended" and error["type"] == "CellTimeoutError" and "after 1 seconds" in error["message"]


def test_no_state_is_kept_between_runs_in_one_process(tmp_path):
    """Even when one process runs two notebooks (``papermill --engine careerlib`` in a
    script), the second starts with an empty namespace and a count of 1."""
    from careerlib import engine as careerlib_engine

    def twice(writer):
        careerlib_engine.register()
        first = papermill.execute_notebook(
            notebook_of("secret = 41"), str(tmp_path / "a.ipynb"), engine_name="careerlib", progress_bar=False
        )
        second = papermill.execute_notebook(
            notebook_of("'secret' in globals()"), str(tmp_path / "b.ipynb"), engine_name="careerlib", progress_bar=False
        )
        writer.send(
            (
                first.cells[0].execution_count,
                second.cells[0].outputs[0]["data"]["text/plain"],
                second.cells[0].execution_count,
            )
        )

    context = get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=twice, args=(writer,))
    process.start()
    writer.close()
    assert reader.recv() == (1, "False", 1)
    process.join()


def test_markdown_cells_and_empty_cells_are_skipped(tmp_path):
    notebook = notebook_of("", "1 + 1")
    notebook.cells.insert(0, new_markdown_cell("# Title"))
    status, executed = execute(notebook, tmp_path)
    assert status == "ok" and executed.cells[1].outputs == [] and executed.cells[2].outputs[0].data["text/plain"] == "2"
    assert executed.metadata.language_info["name"] == "python"


def test_registering_the_engine_keeps_papermill_start_up_light():
    """papermill imports every engine entry point when it starts: ours pulls in no
    pandas, plotly, IPython or nbconvert."""
    code = (
        "import sys, careerlib.engine\n"
        "heavy = [m for m in ('pandas', 'plotly', 'IPython', 'nbconvert', 'ipywidgets') if m in sys.modules]\n"
        "print(heavy)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.mark.slow
def test_papermill_command_line_runs_a_report_with_the_engine(tmp_path):
    papermill_bin = Path(sys.executable).parent / "papermill"
    out = tmp_path / "funnel.ipynb"
    run = subprocess.run(
        [
            str(papermill_bin),
            "--engine",
            "careerlib",
            "--no-progress-bar",
            "--cwd",
            str(ROOT),
            str(ROOT / "notebooks" / "funnel.ipynb"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    executed = nbformat.read(out, as_version=4)
    summaries = [
        o
        for c in executed.cells
        for o in c.get("outputs", [])
        if "application/vnd.careerlib.summary+json" in o.get("data", {})
    ]
    assert len(summaries) == 1 and summaries[0].data["application/vnd.careerlib.summary+json"]["report"] == "funnel"


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
def test_a_report_runs_warm_from_a_process_that_has_an_ipython_shell(tmp_path):
    """A test session or a notebook calling ``run_report`` already holds an IPython
    shell; the forked worker leaves it to the parent and gets one of its own."""
    script = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "InteractiveShell.instance()\n"
        "from careerlib import report\n"
        f"result = report.run_report('funnel', {{}}, {str(tmp_path)!r})\n"
        "print(result.status, result.error)\n"
        f"(many,) = report.run_many({{'self_assessment': {{}}}}, {str(tmp_path)!r})\n"  # warms up this process first
        "print(many.status, many.error)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.stdout.split("\n")[:2] == ["ok None", "ok None"], run.stdout + run.stderr
    assert (tmp_path / "funnel.json").exists() and (tmp_path / "self_assessment.json").exists()


def test_nothing_a_notebook_does_reaches_the_caller_or_the_next_notebook(tmp_path):
    """Through papermill's Python API, in one process: notebook A changes the working
    directory, the environment, sys.path, warning filters, numpy's print options and
    a display id; neither the caller nor notebook B sees any of it, and B's
    update_display does not reach the notebook returned for A."""
    from careerlib import engine as careerlib_engine

    changes = notebook_of(
        "import os, sys, warnings, numpy\nos.chdir('/')\nos.environ['CAREERLIB_LEAK'] = '1'\n"
        "sys.path.append('/leaked')\nwarnings.simplefilter('error')\nnumpy.set_printoptions(precision=2)",
        "from IPython.display import display\ndisplay({'text/plain': 'A'}, raw=True, display_id='shared')",
    )
    looks = notebook_of(
        "import os, sys, warnings, numpy\n"
        "print(os.getcwd(), os.environ.get('CAREERLIB_LEAK'), '/leaked' in sys.path, "
        "warnings.filters[0][0], numpy.get_printoptions()['precision'])",
        "from IPython.display import update_display\n"
        "update_display({'text/plain': 'B'}, raw=True, display_id='shared')",
    )

    def caller(writer):
        import warnings

        import numpy

        careerlib_engine.register()
        before = (os.getcwd(), dict(os.environ), list(sys.path), list(warnings.filters), numpy.get_printoptions())
        first = papermill.execute_notebook(
            changes, str(tmp_path / "a.ipynb"), engine_name="careerlib", cwd=str(tmp_path)
        )
        second = papermill.execute_notebook(
            looks, str(tmp_path / "b.ipynb"), engine_name="careerlib", cwd=str(tmp_path)
        )
        after = (os.getcwd(), dict(os.environ), list(sys.path), list(warnings.filters), numpy.get_printoptions())
        writer.send((before == after, first.cells[1].outputs[0].data["text/plain"], second.cells[0].outputs[0].text))

    context = get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=caller, args=(writer,))
    process.start()
    writer.close()
    unchanged, shown_in_a, seen_by_b = reader.recv()
    process.join()
    assert unchanged and shown_in_a == "A"
    assert seen_by_b == f"{tmp_path} None False default 8\n"


def test_streams_have_file_descriptors_and_catch_what_is_written_to_them(tmp_path):
    """Difference 6 in docs/engine.md: fileno() always works (ipykernel's only when it
    captures descriptors), so faulthandler can be enabled; C-level and subprocess output
    lands in the cell that wrote it."""
    status, executed = execute(
        notebook_of(
            "import faulthandler, os, subprocess, sys\nfaulthandler.enable()\n"
            "print(sys.stdout.fileno(), sys.stderr.fileno(), faulthandler.is_enabled())",
            "os.write(sys.stdout.fileno(), b'raw\\n')\nsubprocess.run(['sh', '-c', 'echo err >&2'])\nprint('python')",
        ),
        tmp_path,
    )
    assert status == "ok"
    first, second = (cell.outputs for cell in executed.cells)
    assert [o.text for o in first] == ["1 2 True\n"]
    assert {o.name: o.text for o in second} == {"stdout": "raw\npython\n", "stderr": "err\n"}


def test_a_notebook_runs_from_a_daemonic_worker(tmp_path):
    """Schedulers run tasks in daemonic multiprocessing workers, which multiprocessing
    forbids to start processes of their own; the engine forks without that rule."""
    context = get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(writer, notebook_of("print('ran')"), tmp_path / "out.ipynb", "careerlib", {}), daemon=True
    )
    process.start()
    writer.close()
    status, payload = reader.recv()
    process.join()
    assert status == "ok", payload
    assert nbformat.reads(payload, as_version=4).cells[0].outputs[0].text == "ran\n"
