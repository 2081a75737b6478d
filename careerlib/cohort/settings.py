"""The overview's settings file (``data/cohort/settings.toml``), checked."""

from __future__ import annotations

from careerlib.errors import DataError
from careerlib.settings import read_toml

SETTINGS_PATH = "data/cohort/settings.toml"
LIMITS = {"min_people": (2, 1000)}


def read_settings(path: str = SETTINGS_PATH) -> dict[str, int]:
    """``{"min_people": int}``; DataError naming the key otherwise."""
    settings = read_toml(path, shown_as=path)
    if not isinstance(settings, dict):
        raise DataError("not a TOML table", file=path)
    for key in settings:
        if key not in LIMITS:
            raise DataError(f"unknown setting; known: {', '.join(LIMITS)}", file=path, column=key)
    for key, (low, high) in LIMITS.items():
        value = settings.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise DataError(f"must be a whole number from {low} to {high}", file=path, column=key, value=value)
    return settings
