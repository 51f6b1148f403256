"""`python -m jiceng`: the command line, the only layer of jiceng that prints.

The main job runs the ``loudi-year`` scenario: a 娄底-scale year of grid events (9,773
grids, about 250,000 events) with the villages' points and dividends, and prints a report.
Progress goes to stderr; the report to stdout.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NoReturn, TextIO

import attrs

import jiceng
from jiceng.exceptions import MissingExtraError
from jiceng.plugins import default_registry
from jiceng.sim import (
    MAX_SCALE,
    PRESET_NAMES,
    SCENARIOS,
    VALUE_SETS,
    GridResult,
    GridScenario,
    MediationResult,
    MeetingResult,
    PetitionResult,
    PointsResult,
    PointsScenario,
    Scenario,
    Sink,
    YearResult,
    YearScenario,
    preset_scenario,
    record_fields,
    row,
    run,
    summary,
    value_set,
)
from jiceng.sim._common import SCALE

_DESCRIPTIONS = {
    "loudi-year": "the main job: a 娄底-scale year of grid events, points and dividends",
    "grids": "grid events at city scale: members, departments, SLAs, escalation",
    "petitions": "a county's petitions: backlog, capacity, reviews, overdue counts",
    "points": "villages' points schemes: stars, red and black lists, dividends",
    "meeting": "村民会议 turnout: the odds of a quorum and of passing, exact and simulated",
    "mediation": "屋场会 frequency against disputes resolved and escalated",
}


def _epilog() -> str:
    presets = [plugin.name for plugin in default_registry().plugins]
    lines = ["scenarios (--scenario):"]
    lines += [f"  {name:<12} {_DESCRIPTIONS.get(name, '')}" for name in SCENARIOS]
    lines.append("value sets (--values): " + ", ".join(VALUE_SETS))
    lines.append("presets: " + (", ".join(presets) if presets else "none registered yet"))
    lines.append("presets with a scenario (--preset): " + ", ".join(PRESET_NAMES))
    lines.append(
        "examples: python -m jiceng --scale 0.01    python -m jiceng --scenario mediation    "
        "python -m jiceng --preset julu --scale 0.1"
    )
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """Argparse, with an error on one line and a pointer to ``--help`` (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def _scale(text: str) -> float:
    """A scale factor from the command line: finite and within `SCALE`'s range."""
    try:
        factor = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number, got {text!r}") from None
    if not SCALE.ok(factor):
        raise argparse.ArgumentTypeError(SCALE.problems(factor, "")[0].message)
    return factor


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m jiceng",
        description=(
            "jiceng (基层): typed entities and state machines for grassroots governance. "
            "Runs a policy simulation on the real workflows and prints its report."
        ),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--scenario", choices=tuple(SCENARIOS), default=None, help="what to simulate"
    )
    which.add_argument(
        "--preset",
        choices=PRESET_NAMES,
        default=None,
        help="simulate a preset on its own rules (default: --scenario loudi-year)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="the random seed (default 2026)")
    parser.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help=f"size relative to the scenario, up to {MAX_SCALE:g} (0.01 for a quick run; "
        "default 1)",
    )
    parser.add_argument(
        "--values",
        choices=tuple(VALUE_SETS),
        default=None,
        help="the rule values to run on (default: the scenario's own)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: the report; json: every figure (keys documented in docs/simulation.md); "
        "csv: the per-entity records",
    )
    parser.add_argument("--out", metavar="PATH", help="write the output to PATH, not stdout")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--version", action="version", version=f"jiceng {jiceng.__version__}")
    return parser


class _Progress:
    """Progress on `stream`: a live bar with an ETA on a terminal; elsewhere (a file, a
    pipe, a CI log) a plain line at every tenth, and never a carriage return."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, live: bool | None = None) -> None:
        self.stream = stream
        self.live = stream.isatty() if live is None else live
        self.phase: str | None = None
        self.shown = -1  # the percentage (live) or the tenth (plain) last written
        self.began = time.perf_counter()

    def __call__(self, phase: str, done: float) -> None:
        if phase != self.phase:
            self.end()
            self.phase, self.shown, self.began = phase, -1, time.perf_counter()
        if self.live:
            percent = int(done * 100)
            if percent != self.shown:
                self.shown = percent
                self.stream.write(f"\r{self._bar(phase, done)}")
                self.stream.flush()
        else:
            tenth = int(done * 10)
            if tenth != self.shown:
                self.shown = tenth
                self.stream.write(f"{phase}: {tenth * 10}%\n")
                self.stream.flush()

    def _bar(self, phase: str, done: float) -> str:
        filled = int(done * self.WIDTH)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        elapsed = time.perf_counter() - self.began
        eta = f"ETA {_clock(elapsed / done - elapsed)}" if 0 < done < 1 else " " * 11
        return f"{phase}: [{bar}] {int(done * 100):3d}% {eta}"

    def end(self) -> None:
        """Finish the current phase's line (a live bar ends with a newline)."""
        if self.live and self.phase is not None and self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()
        self.phase = None


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds + 0.5), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{rest:02d}"


def _pct(value: Fraction | None) -> str:
    return "n/a" if value is None else f"{float(value) * 100:.2f}%"


def _money(value: Decimal) -> str:
    return f"{value:,.2f} 元"


def _report_grids(r: GridResult, out: list[str]) -> None:
    s = r.scenario
    categories = value_set(s.values).categories
    out.append(f"网格事件 Grid events — {s.grids:,} grids, {s.members:,} members, "
               f"{s.departments} departments × {s.handlers} handlers")  # fmt: skip
    out.append(f"  reported            {r.reported:,}")
    out.append(f"  resolved on the spot {r.spot_resolved:,}   voided {r.voided:,}   "
               f"sent back {r.sent_back:,}   escalated (吹哨) {r.escalated:,}")  # fmt: skip
    out.append(f"  办结率 closure rate            {r.closure_rate}")
    out.append(f"  按期办结率 on-time closure rate {r.on_time_closure_rate}")
    out.append(f"  返工率 rework rate             {r.rework_rate}")
    out.append(f"  延期率 extension rate          {r.extension_rate}")
    hours = r.average_handling_hours
    out.append(
        f"  average handling time         {'n/a' if hours is None else f'{float(hours):.1f} h'}"
    )
    out.append(f"  overdue: closed late {r.closed_late:,}; still open {r.open:,}, "
               f"of which overdue {r.open_overdue:,}")  # fmt: skip
    target = _pct(s.target)
    out.append(f"  departments at or above {target} on time: "
               f"{r.departments_meeting_target} of {len(r.departments)}")  # fmt: skip
    out.append(f"  grid members at or above {target} on time: "
               f"{r.members_meeting_target:,} of {len(r.member_rates):,}")  # fmt: skip
    out.append("  busiest categories:")
    for code, n in r.by_category[:5]:
        label = categories.item(code).label
        out.append(f"    {label.zh} ({label.en}): {n:,}")
    busy = [d for d in r.departments if d.on_time_closure_rate.fraction is not None]
    worst = sorted(busy, key=lambda d: d.on_time_closure_rate.fraction or 0)[:3]
    out.append("  departments least on time:")
    out.extend(f"    {d.department}: {d.on_time_closure_rate} of {d.events:,}" for d in worst)


def _report_points(r: PointsResult, out: list[str]) -> None:
    s = r.scenario
    out.append(f"积分制 Points — {s.villages} villages, {r.households:,} households")
    out.append(f"  entries {r.entries:,}; objections {r.objections:,}, upheld {r.upheld:,}")
    out.append(f"  points earned {r.total_points:,}; points Gini {_pct(r.points_gini)}")
    stars = ", ".join(f"{n}★ {count:,}" for n, count in r.stars)
    out.append(f"  stars (星级): {stars}")
    out.append(f"  红榜 red list {r.red_list:,}; 黑榜 black list {r.black_list:,}")
    out.append(f"  dividends (分红): pool {_money(r.pool)}, paid {_money(r.paid)}, "
               f"Gini {_pct(r.dividend_gini)}")  # fmt: skip


def _report_petitions(r: PetitionResult, out: list[str]) -> None:
    out.append(f"信访 Petitions — {r.registered:,} registered")
    out.append(f"  办结率 completion rate    {r.completion_rate}")
    out.append(f"  按期办结率 on-time rate   {r.on_time_rate}")
    out.append(f"  化解率 resolution rate    {r.resolution_rate}")
    out.append(f"  复查 review rate          {r.review_rate}; 复核 re-review {r.re_review_rate}")
    out.append(f"  extended {r.extended:,}; answered late {r.overdue_answers:,}")
    out.append(f"  backlog at year end: {r.year_end_backlog.open:,} open, "
               f"{r.year_end_backlog.overdue:,} overdue")  # fmt: skip
    out.append(f"  mean days to answer {_pct_free(r.mean_days_to_answer)}")


def _pct_free(value: Fraction | None) -> str:
    return "n/a" if value is None else f"{float(value):.1f}"


def _report_meeting(r: MeetingResult, out: list[str]) -> None:
    s = r.scenario
    out.append(f"会议 Meetings — {s.kind.label.zh}, {s.members} members, "
               f"turnout {_pct(s.turnout)}, support {_pct(s.support)}")  # fmt: skip
    out.append(f"  quorum: simulated {r.quorum_rate}, exact {_pct(r.exact_quorum)}")
    out.append(f"  passed: simulated {r.pass_rate}, exact {_pct(r.exact_pass)}")


def _report_mediation(r: MediationResult, out: list[str]) -> None:
    s = r.scenario
    out.append(f"调解 Mediation — {s.villages} villages, 屋场会 every "
               f"{s.meeting_interval_days:g} days")  # fmt: skip
    out.append(f"  disputes {r.disputes:,}: resolved {r.resolved:,}, escalated {r.escalated:,}, "
               f"pending {r.pending:,}")  # fmt: skip
    out.append(f"  调解成功率 success rate {r.success_rate}; escalation rate {r.escalation_rate}")
    out.append(f"  meetings {r.meetings:,}, sessions {r.sessions:,}, "
               f"average days to an outcome {_pct_free(r.average_duration_days)}")  # fmt: skip


def report(result: object) -> str:
    """The readable report of a result."""
    out: list[str] = []
    if isinstance(result, YearResult):
        _report_grids(result.grids, out)
        out.append("")
        _report_points(result.points, out)
    elif isinstance(result, GridResult):
        _report_grids(result, out)
    elif isinstance(result, PointsResult):
        _report_points(result, out)
    elif isinstance(result, PetitionResult):
        _report_petitions(result, out)
    elif isinstance(result, MeetingResult):
        _report_meeting(result, out)
    else:
        assert isinstance(result, MediationResult)
        _report_mediation(result, out)
    return "\n".join(out)


def _with_values(scenario: Scenario[object], values: str | None) -> Scenario[object]:
    if values is None:
        return scenario
    if isinstance(scenario, YearScenario):
        return attrs.evolve(
            scenario,
            grids=attrs.evolve(scenario.grids, values=values),
            points=attrs.evolve(scenario.points, values=values),
        )
    if isinstance(scenario, GridScenario | PointsScenario):
        return attrs.evolve(scenario, values=values)
    return scenario


FORMATS = ("text", "json", "csv")


def _write(
    args: argparse.Namespace, scenario: Scenario[object], result: object, out: TextIO
) -> None:
    if args.format == "json":
        document = {
            "jiceng": jiceng.__version__,
            "scenario": scenario.name,
            "seed": args.seed,
            "scale": args.scale,
            "result": summary(result),
        }
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format != "csv":  # csv rows were written as the run went (`_csv_sink`)
        out.write(f"jiceng {jiceng.__version__} — scenario {scenario.name}, seed {args.seed}, "
                  f"scale {args.scale:g}\n")  # fmt: skip
        out.write(report(result) + "\n")


def _csv_sink(scenario: Scenario[object], out: TextIO) -> Sink:
    """Write the header of `scenario`'s records to `out`, and give the sink that writes each
    record as a row: the run keeps none of them, so a city of any scale fits in memory."""
    writer = csv.DictWriter(out, fieldnames=record_fields(scenario), lineterminator="\n")
    writer.writeheader()

    def write(record: object) -> None:
        writer.writerow(row(record))

    return write


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.format != "text":
        try:
            import jiceng.serde  # noqa: F401, PLC0415 - only json and csv need the extra
        except MissingExtraError as error:
            parser.error(str(error))
    chosen = (
        preset_scenario(args.preset) if args.preset else SCENARIOS[args.scenario or "loudi-year"]
    )
    scenario = _with_values(chosen, args.values)
    if args.scale != 1:
        scenario = scenario.scaled(args.scale)
    try:
        out = sys.stdout if args.out is None else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        parser.error(f"--out: cannot write {args.out}: {error.strerror}")
    progress = None if args.quiet else _Progress(sys.stderr)
    try:
        began = time.perf_counter()
        sink = _csv_sink(scenario, out) if args.format == "csv" else None
        result = run(scenario, args.seed, progress, sink=sink)
        if progress is not None:
            progress.end()
            print(f"simulated in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        _write(args, scenario, result, out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through main()
    sys.exit(main())
