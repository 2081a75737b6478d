"""Every bad file gets a DataError, never a traceback (issue 19, point 6): deep or malformed
TOML and YAML, an unquoted TOML date, wrongly typed settings, a file name that is not
UTF-8, and an output folder careerlib cannot write to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careerlib import DataError, cli, settings
from careerlib.importers.mapping import load_mapping
from careerlib.io import atomic_write_text, read_yaml
from careerlib.report.lock import run_lock

DEEP_ARRAY = "x = " + "[" * 900 + "]" * 900 + "\n"
DEEP_TABLE = "x = " + "{a=" * 900 + "1" + "}" * 900 + "\n"


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE])
def test_deep_toml_is_a_data_error_everywhere(tmp_path, text):
    path = tmp_path / "deep.toml"
    path.write_text(text)
    for read in (settings.read_run_config, settings.read, load_mapping):
        with pytest.raises(DataError, match="nested too deeply"):
            read(path) if read is load_mapping else read(path, shown_as="deep.toml")


def test_deep_yaml_is_a_data_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DataError):
        read_yaml(path)


def test_reasonable_nesting_still_reads(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text("[defaults]\nx = " + "[" * 20 + "1" + "]" * 20 + "\n")
    assert settings.read_run_config(path)["defaults"]["x"] is not None


def test_an_unquoted_toml_date_is_that_date(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[defaults]\nas_of = 2026-10-17\n[reports.funnel]\nchange_date = 2026-09-14\n")
    config = settings.read_run_config(path)
    assert config["defaults"]["as_of"] == "2026-10-17" and config["reports"]["funnel"]["change_date"] == "2026-09-14"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("share = 3", "is a int, not a bool"),
        ('target_offers = "many"', "is not a int"),
        ("as_of = 5", "is a int, not a str"),
        ("confidence = true", "is a bool, not a float"),
    ],
)
def test_a_wrongly_typed_config_value_is_a_data_error(tmp_path, capsys, line, said):
    config = tmp_path / "c.toml"
    config.write_text(f"[reports.funnel]\n{line}\n")
    assert cli.main(["report", "funnel", "--config", str(config), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert said in err and "c.toml" in err and "Traceback" not in err


@pytest.mark.parametrize("flag", ["--config", "--map"])
def test_deep_toml_on_the_command_line_exits_1_with_a_message(tmp_path, capsys, flag):
    path = tmp_path / "deep.toml"
    path.write_text(DEEP_TABLE)
    log = tmp_path / "log.csv"
    log.write_text("company,channel,applied,outcome\nAcme,referral,2026-01-02,active\n")
    args = (
        ["report", "--all", "--config", str(path)] if flag == "--config" else ["import", str(log), "--map", str(path)]
    )
    assert cli.main([*args, *(["--out", str(tmp_path / "out")] if flag == "--config" else [])]) == 1
    assert "nested too deeply" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_a_data_error(tmp_path, capsys):
    name = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"log-\xff.csv"))
    Path(name).write_text("company,channel,applied,outcome\nAcme,referral,2026-01-02,active\n")
    code = cli.main(["report", "funnel", "-p", "applications_path", name, "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "not UTF-8" in err and "Traceback" not in err


def test_an_output_folder_that_cannot_be_made_is_a_data_error(tmp_path, monkeypatch):
    def refused(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(DataError, match="cannot make the output folder"):
        with run_lock(tmp_path / "reports"):
            pass


def test_a_folder_that_refuses_the_new_file_is_a_data_error(tmp_path, monkeypatch):
    real_open = os.open

    def refused(path, flags, *args, **kwargs):
        if ".careerlib-tmp-" in str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(DataError, match="cannot write in this folder"):
        atomic_write_text(tmp_path / "index.html", "x")
