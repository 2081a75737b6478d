"""The ``careerlib`` command.

    careerlib report funnel -p applications_path data/private/applications.csv -p as_of 2026-01-31
    careerlib report --all --cohort clients/ --out cohort-reports [--dask local|ADDRESS] [--force]
    careerlib report cohort --cohort clients/
    careerlib report --all --config data/private/careerlib.toml [--engine warm|kernel] [--profile]
    careerlib import "My job search.xlsx" data/private/applications.csv --map data/private/mapping.toml
    careerlib import Basic_LinkedInDataExport.zip data/private/ --dry-run
    careerlib import-linkedin "Job Applications.csv" data/private/applications.csv
    careerlib list

Exit code 0 on success, 1 when a report or file failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Sequence

from careerlib.errors import DataError, ReportError
from careerlib.root import project_root

# Each command imports what it runs inside its own function, so `careerlib --help` and
# `careerlib list` start without pandas or nbconvert (those imports are the only ones
# inside functions here; tests/test_architecture.py lists them).


def run() -> None:
    """The console script: :func:`main`, then leave without the interpreter's teardown.
    After a report run this process holds about a thousand modules (pandas, plotly,
    nbconvert, IPython), and tearing them down takes 0.3-0.4 s, longer than a report.
    By the time ``main`` returns every file is written and closed and every worker
    process joined and every cluster closed, so there is nothing left to clean up.
    (An exception out of ``main`` takes the ordinary way out, traceback and all.)"""
    try:
        code = main()
    except BrokenPipeError:  # the reader went away (`careerlib list | head`): nothing to say
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away (`| head`), or the stream is closed
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # SIGTERM (cron, systemd, kill) unwinds like Ctrl-C: workers stop, staging is removed,
    # earlier reports stay as they were.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return args.func(args)
    except DataError as err:
        print(f"careerlib: {err}", file=sys.stderr)
        return 1
    except ReportError as err:
        print(f"careerlib: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("careerlib: interrupted; earlier reports are untouched", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerlib", description="Career analytics workbook: run reports, import data."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    report = commands.add_parser("report", help="run report notebooks into HTML + JSON")
    report.add_argument("name", nargs="?", help="report to run (see 'careerlib list')")
    report.add_argument("--all", action="store_true", help="run every report, several at once")
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="set a notebook parameter (repeatable)",
    )
    report.add_argument("--config", type=Path, help="TOML file with parameters per report ([reports.NAME] tables)")
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports/)")
    report.add_argument("--share", action="store_true", help="anonymise names and drop free text, for sharing")
    report.add_argument("--jobs", type=int, default=None, help="reports run at once (default: number of cores)")
    report.add_argument("--wait", action="store_true", help="if another run holds the output folder, wait for it")
    report.add_argument(
        "--cohort",
        type=Path,
        help="folder with one sub-folder per person: with --all, everyone's "
        "reports plus the overview; with the report 'cohort', the overview alone",
    )
    report.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="with --cohort: run on a Dask scheduler (tcp://host:8786), or 'local' for a LocalCluster on this machine",
    )
    report.add_argument(
        "--force", action="store_true", help="with --cohort: re-run reports whose inputs did not change"
    )
    report.add_argument(
        "--engine",
        choices=["warm", "kernel"],
        default="warm",
        help="warm (default): cells run in a fresh fork of this already-warm process; "
        "kernel: a new Jupyter kernel per report",
    )
    report.add_argument(
        "--profile", action="store_true", help="print where the time went: start-up, each cell, render, write"
    )
    report.set_defaults(func=_report)

    importer = commands.add_parser(
        "import",
        help="read your own log (spreadsheet, tracker export, LinkedIn CSV or zip), say what was "
        "understood, and merge it into the template log",
    )
    importer.add_argument("source", type=Path, help="the file to read (.csv, .xlsx, or LinkedIn's .zip)")
    importer.add_argument(
        "log",
        type=Path,
        nargs="?",
        help="template log to create or merge into (a folder for LinkedIn's zip); without it nothing is written",
    )
    importer.add_argument("--map", type=Path, dest="mapping", help="TOML mapping: headers, statuses, date order")
    importer.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    importer.add_argument(
        "--no-wait",
        dest="wait",
        action="store_false",
        help="if another careerlib command is writing the log, stop instead of waiting for it",
    )
    importer.add_argument(
        "--save-map",
        type=Path,
        metavar="FILE",
        help="save the mapping (--map's entries and your answers) to FILE, even with --dry-run",
    )
    importer.add_argument(
        "--no-input",
        action="store_true",
        help="never ask: open questions end in one error with a mapping to fill in (as on a pipe or in cron)",
    )
    importer.set_defaults(func=_import)

    linkedin = commands.add_parser(
        "import-linkedin", help="convert LinkedIn's 'Job Applications.csv' into the log template"
    )
    linkedin.add_argument("export", type=Path, help="LinkedIn's export file")
    linkedin.add_argument("log", type=Path, help="applications log to create or merge into")
    linkedin.add_argument(
        "--no-wait",
        dest="wait",
        action="store_false",
        help="if another careerlib command is writing the log, stop instead of waiting for it",
    )
    linkedin.set_defaults(func=_import_linkedin)

    listing = commands.add_parser("list", help="list reports and their parameters")
    listing.set_defaults(func=_list)
    return parser


def _report(args: argparse.Namespace) -> int:
    # nbformat validates with jsonschema, whose format checkers import rfc3987_syntax when
    # it is installed (JupyterLab's dependencies bring it): building its grammar costs this
    # process 1.5-2 CPU s, for the "iri" format that no notebook schema uses. Only this
    # command's process is affected; jsonschema simply skips that one format.
    sys.modules.setdefault("rfc3987_syntax", None)
    from careerlib import report

    if bool(args.all) == bool(args.name):
        raise ReportError("name one report, or pass --all")
    if args.cohort is not None or args.dask or args.force:
        return _report_cohort(args)
    if args.all and args.parameter:
        raise ReportError("-p sets one report's parameters; with --all use --config")
    config = _read_config(args.config) if args.config else {}
    names = report.person_reports() if args.all else [args.name]
    jobs = {}
    for name in names:
        declared = report.declared_parameters(name)
        # [defaults] apply where a report takes them; per-report values and -p are checked strictly.
        defaults = {k: v for k, v in config.get("defaults", {}).items() if k in declared}
        given = {key: _path_parameter(key, value) for key, value in args.parameter}
        specific = {**config.get("reports", {}).get(name, {}), **given}
        if args.share:
            specific["share"] = True
        jobs[name] = {**defaults, **specific}
        if args.config:  # a value of the wrong type in the file is a fault of the file: say which
            _check_config_values(report, name, {**defaults, **config.get("reports", {}).get(name, {})}, args.config)
    unknown = set(config.get("reports", {})) - set(report.available_reports())
    if unknown:
        raise ReportError(f"the config names unknown report(s): {', '.join(sorted(unknown))}")

    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    print(
        f"careerlib: running {len(jobs)} report(s) into {out}/ ({args.engine} engine) ...", file=sys.stderr, flush=True
    )
    results = report.run_many(
        jobs, out, workers=args.jobs, on_done=_progress, wait_for_lock=args.wait, engine=args.engine, on_start=_started
    )
    failed = [r for r in results if not r.ok]
    if args.profile:
        _print_profile(results, report.warm_up_seconds())
    cpu = sum(r.cpu_seconds for r in results)
    print(
        f"careerlib: {len(results) - len(failed)} of {len(results)} report(s) ok; "
        f"{cpu:.1f} CPU s in the reports ({cpu / max(1, len(results)):.1f} per report); "
        f"index: {out / 'index.html'}",
        file=sys.stderr,
    )
    return 1 if failed else 0


def _report_cohort(args: argparse.Namespace) -> int:
    from careerlib import report
    from careerlib.cohort import run

    if args.cohort is None:
        raise ReportError("--dask and --force go with --cohort DIR")
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    if not args.all:
        if args.name != run.OVERVIEW or args.dask or args.force:
            raise ReportError("with --cohort, run --all (everyone's reports) or the report 'cohort' (the overview)")
        parameters = {**{k: _path_parameter(k, v) for k, v in args.parameter}, "cohort_dir": str(args.cohort.resolve())}
        result = report.run_report(run.OVERVIEW, parameters, out, engine=args.engine)
        _progress(result, 1, 1)
        return 0 if result.ok else 1
    if args.parameter or args.config or args.share:
        raise ReportError("with --cohort, each person's parameters come from their own careerlib.toml")
    print(f"careerlib: running everyone's reports in {args.cohort}/ into {out}/ ...", file=sys.stderr, flush=True)
    index = run.run_cohort(
        args.cohort,
        out,
        force=args.force,
        dask=args.dask,
        workers=args.jobs,
        on_progress=_cohort_progress,
        wait_for_lock=args.wait,
        engine=args.engine,
    )
    counts, failed = index["cohort"], run.failed(index)
    overview = index["overview"] or {}
    print(
        f"careerlib: {counts['people']} people, {counts['reports']} report(s): {counts['ok']} ok, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed; overview {overview.get('status')}; "
        f"index: {out / 'index.html'}",
        file=sys.stderr,
    )
    if overview.get("status") == "failed":
        print(f"      overview: {overview['error']}", file=sys.stderr)
    return 1 if failed else 0


def _cohort_progress(outcome, progress) -> None:
    eta = "" if progress.eta_seconds is None else f", about {progress.eta_seconds:.0f} s left"
    print(
        f"  [people {progress.people_done}/{progress.people}, reports {progress.reports_done}/{progress.reports}, "
        f"{progress.failed} failed{eta}] {outcome.person}/{outcome.report}: {outcome.status}",
        file=sys.stderr,
        flush=True,
    )
    if outcome.status == "failed":
        print(f"      {outcome.error}", file=sys.stderr, flush=True)


def _started(name: str, started: int, total: int) -> None:
    print(f"  [{started}/{total}] {name:<20} started", file=sys.stderr, flush=True)


def _progress(result, done: int, total: int) -> None:
    mark = "ok" if result.ok else "FAILED"
    print(
        f"  [{done}/{total}] {result.name:<20} {mark:<6} {result.seconds:6.1f} s  {result.cpu_seconds:5.1f} CPU s",
        file=sys.stderr,
        flush=True,
    )
    if not result.ok:
        print(f"      {result.error}", file=sys.stderr)
        if result.failed_notebook:
            print(
                f"      partial notebook kept at {result.failed_notebook}; the previous report is untouched",
                file=sys.stderr,
            )
    sys.stderr.flush()


def _print_profile(results, warm_up: float) -> None:
    """Where the time went, per report: start-up, each code cell, render, write."""
    out = sys.stderr
    if warm_up:
        print(
            f"profile: warm-up (imports, IPython shell, HTML exporter) {warm_up:.2f} s, once for all reports", file=out
        )
    for result in results:
        timings = result.timings
        phases = ", ".join(
            f"{phase} {timings[phase]:.2f} s" for phase in ("start-up", "cells", "render", "write") if phase in timings
        )
        print(
            f"profile: {result.name}: {phases or 'no timings (failed early)'}; total {result.seconds:.2f} s, "
            f"{result.cpu_seconds:.2f} CPU s",
            file=out,
        )
        for number, first_line, seconds in sorted(result.cells, key=lambda cell: -cell[2]):
            print(f"    cell {number:>3} {seconds:7.3f} s  {first_line}", file=out)
    out.flush()


def _check_config_values(report, name: str, given: dict, config: Path) -> None:
    try:
        report.coerce_parameters(name, given)
    except ReportError as err:
        raise DataError(str(err), file=str(config), column=f"reports.{name}") from None


def _read_config(path: Path) -> dict:
    from careerlib.settings import read_run_config

    return read_run_config(from_here(path), shown_as=str(from_here(path)))


def from_here(path: str | os.PathLike) -> Path:
    """A path typed on the command line: relative to the folder the command runs in (the
    notebooks get it absolute, so their own 'from the project folder' rule never applies)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


def _path_parameter(key: str, value):
    """``-p applications_path FILE``: a path parameter is taken from the working folder."""
    if isinstance(value, str) and value.strip() and (key.endswith("_path") or key.endswith("_dir")):
        return str(from_here(value))
    return value


def _import(args: argparse.Namespace) -> int:
    from careerlib.importers.merge import import_applications

    args.source = from_here(args.source)  # paths from the folder the command runs in
    args.log = None if args.log is None else from_here(args.log)
    args.mapping = None if not args.mapping else from_here(args.mapping)
    if not _positions(args) and (_asks(args) or args.save_map is not None):
        return _import_answered(args)
    result = import_applications(args.source, args.log, mapping=args.mapping, dry_run=args.dry_run, wait=args.wait)
    if result.summary is not None:
        print(result.summary.text())
    return _merged(args, result)


def _merged(args: argparse.Namespace, result) -> int:
    """What the merge did (or, on a dry run, would do)."""
    from careerlib.career_history import describe_merge

    if result.target is not None and result.written:
        print(
            f"careerlib: added {result.added} application(s) to {result.target}; "
            f"{result.present} were already there and were left as they are."
        )
    elif result.target is not None:
        print(
            f"careerlib: dry run: would add {result.added} application(s) to {result.target} "
            f"({result.present} already there); nothing written."
        )
    if result.career is not None:
        print(f"careerlib: career history ({result.roles} role(s) read):")
        print(describe_merge(result.career))
    elif result.roles:
        print(f"careerlib: {result.roles} role(s) of career history read.")
    if args.log is None:
        print("careerlib: nothing written (give a LOG to merge into).")
    return 0


def _asks(args: argparse.Namespace) -> bool:
    """Questions only on a terminal, and never with --no-input (pipes and cron get the one error)."""
    return not args.no_input and sys.stdin is not None and sys.stdin.isatty()


def _positions(args: argparse.Namespace) -> bool:
    """LinkedIn's Positions.csv (career history): no questions to ask about it."""
    from careerlib import career_history

    return args.source.suffix.lower() != ".zip" and career_history.is_positions_file(args.source)


def _import_answered(args: argparse.Namespace) -> int:
    """``careerlib import`` asking its questions (on a terminal) and/or saving the mapping:
    the questions, the summary, the mapping saved, then the merge. Ending the questions
    (Ctrl-D, Ctrl-C) writes nothing."""
    from careerlib.importers import ask
    from careerlib.importers.merge import import_applications

    try:
        if _asks(args):
            answered = ask.ask_all(args.source, args.mapping, stdin=sys.stdin, stdout=sys.stderr)
        else:
            answered = ask.Answered(ask.mapping_content(args.mapping))
        try:
            preview = import_applications(args.source, args.log, mapping=answered.mapping, dry_run=True)
        except DataError as err:
            if not answered.asked:
                raise
            print(f"careerlib: {err}", file=sys.stderr)  # a fault no answer fixes: keep the answers for later
            saved = _save_mapping(args, answered)
            if saved is not None:
                print(f"careerlib: your answers are saved in {saved}; once the file is fixed: --map {saved}")
            return 1
        if preview.summary is not None:
            print(preview.summary.text(), flush=True)
        saved = _save_mapping(args, answered)
    except (ask.Stopped, KeyboardInterrupt):
        print("\ncareerlib: import stopped; nothing written.", file=sys.stderr)
        return 1
    if saved is not None:
        print(f"careerlib: mapping saved to {saved}; next time: --map {saved}")
    if args.log is None or args.dry_run:
        return _merged(args, preview)
    return _merged(args, import_applications(args.source, args.log, mapping=answered.mapping, wait=args.wait))


def _save_mapping(args: argparse.Namespace, answered) -> Path | None:
    """--save-map FILE, else (when questions were asked) offer the file beside the source."""
    from careerlib.importers import ask

    if args.save_map is not None:
        return ask.write_mapping(args.save_map.absolute(), answered.mapping, source=args.source)
    if not answered.asked:
        return None
    beside = ask.mapping_beside(args.source)
    verb = "Replace" if beside.exists() else "Save your answers as"
    if ask.confirm(f"{verb} {beside}?", default=True, stdin=sys.stdin, stdout=sys.stderr):
        return ask.write_mapping(beside, answered.mapping, source=args.source)
    return None


def _import_linkedin(args: argparse.Namespace) -> int:
    from careerlib.applications import import_linkedin

    added, present = import_linkedin(from_here(args.export), from_here(args.log), wait=args.wait)
    print(
        f"careerlib: added {added} application(s) to {args.log}; {present} were already there. "
        "Contact e-mails and phone numbers were not copied. Fill in later stages and outcomes as they happen."
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    """Each report, each parameter with its default and the help its comment gives.
    Loads only report discovery: no pandas, no nbconvert."""
    from careerlib.report import discovery

    print(f"reports in {project_root() / 'notebooks'}:")
    for name in discovery.available_reports():
        print(f"  {name}:")
        helps = discovery.parameter_help(name)
        for key, default in discovery.declared_parameters(name).items():
            print(f"    -p {key} {default!r}" + (f"\n        {helps[key]}" if helps.get(key) else ""))
    return 0


if __name__ == "__main__":
    run()
