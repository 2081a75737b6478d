"""Shared reading helpers (most of io is exercised through the loaders' tests)."""

from __future__ import annotations

import pandas as pd
import pytest

from careerlib import DataError
from careerlib.io import distinct, read_yaml


def test_read_yaml_refuses_a_key_given_twice_with_its_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\nb:\n  c: 2\n  c: 3\n")
    with pytest.raises(DataError, match="'c' appears twice") as caught:
        read_yaml(path)
    assert caught.value.line == 4 and "s.yaml" in str(caught.value)


def test_read_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: [1, 2\nb: 3\n")
    with pytest.raises(DataError, match="not valid YAML") as caught:
        read_yaml(path)
    assert caught.value.line is not None


def test_distinct_codes_map_back_to_every_row():
    values = pd.Series(["b", "a", "b", ""])
    codes, uniques = distinct(values)
    assert list(uniques[codes]) == list(values)
    codes, uniques = distinct(pd.Series([], dtype=object))
    assert len(codes) == 0 and len(uniques) == 0
