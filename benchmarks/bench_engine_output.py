"""Output growth: a cell printing many lines, run by papermill's kernel engine and by
``--engine careerlib`` in the same run; the ratio is the cell's papermill ``duration``
(careerlib / kernel). The careerlib engine should stay within 1.5x at every size and
grow linearly (the ratio between sizes follows the ratio of lines).

    python benchmarks/bench_engine_output.py [LINES ...]     # default: 100000 200000 400000
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import papermill
from nbformat.v4 import new_code_cell, new_notebook

from careerlib import engine

KERNELSPEC = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def cell_seconds(lines: int, engine_name: str | None, folder: Path) -> float:
    """The printing cell's duration as papermill recorded it (best of two runs)."""
    notebook = new_notebook(
        cells=[new_code_cell(f"for i in range({lines}):\n    print('line', i)")], metadata=KERNELSPEC
    )
    best = float("inf")
    for _ in range(2):
        executed = papermill.execute_notebook(
            notebook, str(folder / "out.ipynb"), engine_name=engine_name, kernel_name="python3", progress_bar=False
        )
        text = "".join(o.text for o in executed.cells[0].outputs if o.output_type == "stream")
        assert text.count("\n") == lines, "every line recorded"
        best = min(best, executed.cells[0].metadata.papermill.duration)
    return best


def main(sizes: list[int]) -> None:
    engine.register()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'lines':>8} {'kernel s':>9} {'careerlib s':>12} {'ratio':>6}")
        for lines in sizes:
            kernel = cell_seconds(lines, None, Path(folder))
            careerlib = cell_seconds(lines, "careerlib", Path(folder))
            print(f"{lines:>8} {kernel:9.2f} {careerlib:12.2f} {careerlib / kernel:6.2f}x", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100_000, 200_000, 400_000])
