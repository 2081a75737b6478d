"""The floor every report benchmark divides by: what the ``papermill`` command line
needs to run a one-cell notebook that imports pandas and plotly.express, from an
environment that holds papermill, pandas and plotly at the versions installed here
but not careerlib.

    python benchmarks/floor.py      # prints the floor (builds the environment once)

The environment is a plain venv under ``~/.cache/careerlib-bench/`` (or
``$CAREERLIB_BENCH_CACHE``), named after the pinned versions, so it is built once
per set of versions and reused; ``pip install`` reads the same package indexes as
any other install on this machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

# What the floor environment pins to the versions installed here: the three the
# floor names, plus the kernel stack papermill runs the notebook with.
PINNED = ("papermill", "pandas", "plotly", "numpy", "ipykernel", "jupyter_client", "nbclient", "nbformat")
FLOOR_SOURCE = "import pandas\nimport plotly.express\n"


def pinned_requirements() -> list[str]:
    """``name==version`` for each pinned package, read from this environment."""
    return [f"{name}=={metadata.version(name)}" for name in PINNED]


def cache_dir() -> Path:
    return Path(os.environ.get("CAREERLIB_BENCH_CACHE", Path.home() / ".cache" / "careerlib-bench"))


def floor_env(requirements: list[str] | None = None) -> Path:
    """A venv with only ``requirements`` (default: :func:`pinned_requirements`);
    built on first use, reused after. Returns its ``bin`` folder."""
    requirements = requirements or pinned_requirements()
    key = hashlib.sha256("\n".join(requirements + [sys.version]).encode()).hexdigest()[:12]
    env = cache_dir() / f"floor-{key}"
    done = env / ".installed"
    if not done.exists():
        env.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(env)], check=True)
        subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", *requirements], check=True)
        # The kernel spec lives inside the venv, so the floor's kernel is the venv's python.
        subprocess.run(
            [str(env / "bin" / "python"), "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        done.write_text("\n".join(requirements) + "\n")
    return env / "bin"


def one_cell_notebook(path: Path) -> Path:
    """The floor's notebook: one code cell importing pandas and plotly.express."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "imports",
                "metadata": {},
                "outputs": [],
                "source": FLOOR_SOURCE,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook))
    return path


def floor_command(bin_dir: Path, source: Path, executed: Path) -> list[str]:
    return [str(bin_dir / "papermill"), "--no-progress-bar", "-k", "python3", str(source), str(executed)]


def floor_env_vars(bin_dir: Path) -> dict[str, str]:
    """The environment the floor runs in: the venv first on PATH and its own
    Jupyter paths, so nothing from the careerlib environment is picked up."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH"}}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    env["JUPYTER_PATH"] = str(bin_dir.parent / "share" / "jupyter")
    return env


def measure_floor(runs: int = 3) -> float:
    """The fastest of ``runs`` wall-clock runs of the floor command (seconds);
    the first, unmeasured run warms the disk cache."""
    bin_dir = floor_env()
    env = floor_env_vars(bin_dir)
    with tempfile.TemporaryDirectory() as tmp:
        source = one_cell_notebook(Path(tmp) / "floor.ipynb")
        command = floor_command(bin_dir, source, Path(tmp) / "floor-out.ipynb")
        subprocess.run(command, check=True, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            timings.append(time.perf_counter() - started)
    return min(timings)


if __name__ == "__main__":
    print("floor environment:", ", ".join(pinned_requirements()))
    print(f"floor: papermill runs a one-cell notebook (import pandas, plotly.express) in {measure_floor():.2f} s")
