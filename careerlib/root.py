"""Where the workbook is, and users' paths resolved from it: the one path resolver
(``careerlib.io`` re-exports both names). Imports nothing heavy, so the ``careerlib``
command can answer ``--help`` and ``list`` without loading pandas."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The workbook folder: the nearest parent of the working directory holding
    ``notebooks/`` and ``data/`` (JupyterLab runs kernels inside ``notebooks/``),
    else the folder this package was installed from."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "data").is_dir():
            return folder
    return Path(__file__).resolve().parents[1]


def resolve_path(path: str | os.PathLike) -> Path:
    """A user's path, relative paths taken from the project root, so a notebook
    parameter means the same thing to papermill, the CLI and JupyterLab."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else project_root() / path
