"""How long `jiceng.serde.from_dict` takes to refuse hostile documents, beside a good one.

A service decodes what clients send and what its store gives back, so one document must
never stall it. The good document is a 巨鹿 grid event worked from report to evaluation
(14 events), as JSON gives it back; each hostile one is that document with one thing
wrong:

  huge_sla        a time limit of 10**30 working days (it used to loop for ever)
  big_sla         a time limit of 10**7 working days (it used to take 2 s)
  long_text       a description of 1,000,000 characters
  junk_history    10,000 more events of an unknown type
  unknown_keys    10,000 unknown fields
  deep_junk       an unknown field holding a list nested 500 deep
  bad_instants    every instant of the history naive

The same goes for a snapshot (`jiceng.serde.snapshot` of the event at version 6) read
with its 8 later event documents by `resume_documents`, each hostile in one way: the
policy's time limits, the description, unknown fields, deep junk as above, and

  bad_version     a version of 10**30
  bad_instants    naive `created` and `last_changed`
  junk_later      10,000 more later events of an unknown type

Time: the best of `--repeat` decodes of each document, good or refused. Printed:
milliseconds per document, and `ratios:` of each hostile document's time to the good
one's. Decoding is linear in the size of the document, so the ratios follow the size.

    python benchmarks/hostile_documents.py            # best of 20
    python benchmarks/hostile_documents.py --quick    # best of 3
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import time
from collections.abc import Callable
from typing import Any

import pendulum

from jiceng import Actor, replay
from jiceng.exceptions import ValidationError
from jiceng.grids import Channel, GridEvent, Priority
from jiceng.plugins import Registry
from jiceng.presets import julu
from jiceng.serde import (
    event_documents,
    from_dict,
    resume_documents,
    snapshot,
    to_dict,
    use_registry,
)

T0 = pendulum.datetime(2026, 3, 16, 9, tz="Asia/Shanghai")
MEMBER = Actor.person("gm-1", "网格员")
CENTER = Actor.department("center", "指挥中心")
CHIEF = Actor.person("chief-1", "中心主任")


def worked_event() -> GridEvent:
    """A grid event from report to evaluation: 14 events."""
    department = julu.POLICY.departments[0].id
    e = GridEvent.report(
        id="JL-2026-0001",
        policy=julu.POLICY,
        grid="130529001001001",
        channel=Channel.PATROL,
        description="村口道路塌陷",
        by=MEMBER,
        at=T0,
    )
    e = e.register(by=CENTER, at=T0.add(minutes=5))
    e = e.classify(
        category="road-collapse", priority=Priority.NORMAL, by=CENTER, at=T0.add(minutes=6)
    )
    e = e.dispatch(to=department, by=CENTER, at=T0.add(minutes=10))
    e = e.start(by=Actor.department(department), at=T0.add(hours=1))
    e = e.handle(evidence=("photo-1",), by=Actor.department(department), at=T0.add(hours=5))
    e = e.reject_feedback(reason="仍有塌陷", by=CENTER, at=T0.add(hours=6))
    e = e.handle(evidence=("photo-2",), by=Actor.department(department), at=T0.add(hours=9))
    e = e.verify(by=CENTER, at=T0.add(hours=10))
    e = e.close(by=CENTER, at=T0.add(hours=11))
    e = e.reopen(reason="雨后又塌", by=MEMBER, at=T0.add(days=1))
    e = e.dispatch(to=department, by=CENTER, at=T0.add(days=1, hours=1))
    e = e.handle(evidence=("photo-3",), by=Actor.department(department), at=T0.add(days=2))
    return e.verify(by=CENTER, at=T0.add(days=2, hours=1))


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def hostile(good: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The hostile variants of `good`, by name."""
    variants: dict[str, Callable[[dict[str, Any]], None]] = {
        "huge_sla": lambda d: d["policy"]["sla"]["rules"][0]["limit"]["rule"].update(n=10**30),
        "big_sla": lambda d: d["policy"]["sla"]["rules"][0]["limit"]["rule"].update(n=10**7),
        "long_text": lambda d: d.update(description="长" * 1_000_000),
        "junk_history": lambda d: d["history"].extend(
            {"type": "grids.grid_event.Teleported", "at": "x"} for _ in range(10_000)
        ),
        "unknown_keys": lambda d: d.update({f"k{i}": i for i in range(10_000)}),
        "deep_junk": lambda d: d.update(junk=_nested(500)),
        "bad_instants": lambda d: [e.update(at=e["at"][:19]) for e in d["history"]],
    }
    documents = {}
    for name, spoil in variants.items():
        document = copy.deepcopy(good)
        spoil(document)
        documents[name] = document
    return documents


def hostile_snapshots(good: dict[str, Any], later: list[Any]) -> dict[str, Any]:
    """The hostile variants of a snapshot and its later event documents, by name."""
    limit = lambda d: d["policy"]["sla"]["rules"][0]["limit"]["rule"]  # noqa: E731
    variants: dict[str, Callable[[dict[str, Any], list[Any]], object]] = {
        "huge_sla": lambda d, _: limit(d).update(n=10**30),
        "big_sla": lambda d, _: limit(d).update(n=10**7),
        "long_text": lambda d, _: d.update(description="长" * 1_000_000),
        "unknown_keys": lambda d, _: d.update({f"k{i}": i for i in range(10_000)}),
        "deep_junk": lambda d, _: d.update(junk=_nested(500)),
        "bad_version": lambda d, _: d.update(version=10**30),
        "bad_instants": lambda d, _: d.update(created="2026-03-16T09:00", last_changed="x"),
        "junk_later": lambda _, rows: rows.extend(
            {**rows[-1], "type": "grids.grid_event.Teleported"} for _ in range(10_000)
        ),
    }
    pairs = {}
    for name, spoil in variants.items():
        document, rows = copy.deepcopy(good), copy.deepcopy(later)
        spoil(document, rows)
        pairs[name] = (document, rows)
    return pairs


def resume_ms(pair: tuple[dict[str, Any], list[Any]], repeat: int) -> float:
    """The best of `repeat` reads of a snapshot and its later events, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        with contextlib.suppress(ValidationError):
            resume_documents(pair[0], pair[1], GridEvent)
        best = min(best, time.perf_counter() - began)
    return best * 1000


def decode_ms(document: dict[str, Any], repeat: int) -> float:
    """The best of `repeat` decodes, in milliseconds (a refusal counts as a decode)."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        with contextlib.suppress(ValidationError):
            from_dict(document, GridEvent)
        best = min(best, time.perf_counter() - began)
    return best * 1000


def main() -> None:
    # The policy in full, as a document from a client that names no registered one would
    # carry it: the hostile durations sit inside it.
    with use_registry(Registry(())):
        _main()


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="best of 3 instead of 20")
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 20)
    event = worked_event()
    good = json.loads(json.dumps(to_dict(event), ensure_ascii=False))
    assert from_dict(good, GridEvent) == event
    base = decode_ms(good, repeat)
    size = len(json.dumps(good, ensure_ascii=False))
    print(f"good document: {len(event.history)} events, {size:,} characters, {base:.2f} ms")
    ratios = []
    for name, document in hostile(good).items():
        try:
            from_dict(document, GridEvent)
        except ValidationError as error:
            said = str(error).splitlines()[0][:90]
        else:  # pragma: no cover - a hostile document must be refused
            raise AssertionError(f"{name} was accepted")
        ms = decode_ms(document, repeat)
        chars = len(json.dumps(document, ensure_ascii=False))
        print(f"{name:>13}: {ms:8.2f} ms, {chars:>10,} characters — {said}")
        ratios.append(f"{name}={ms / base:.2f}")
    print("ratios: " + " ".join(ratios))

    at = 6
    good_pair = json.loads(
        json.dumps(
            [snapshot(replay(event.history[:at])), event_documents(event, since=at)],
            ensure_ascii=False,
        )
    )
    assert resume_documents(*good_pair, GridEvent).version == event.version
    base = resume_ms(good_pair, repeat)
    size = len(json.dumps(good_pair, ensure_ascii=False))
    print(
        f"good snapshot at version {at} + {len(good_pair[1])} events: {size:,} characters, "
        f"{base:.2f} ms"
    )
    ratios = []
    for name, pair in hostile_snapshots(*good_pair).items():
        try:
            resume_documents(*pair, GridEvent)
        except ValidationError as error:
            said = str(error).splitlines()[0][:90]
        else:  # a snapshot's fields carry no bound of the command that set them
            said = "ACCEPTED: no bound on this field when read from a snapshot"
        ms = resume_ms(pair, repeat)
        chars = len(json.dumps(pair, ensure_ascii=False))
        print(f"{name:>13}: {ms:8.2f} ms, {chars:>10,} characters — {said}")
        ratios.append(f"{name}={ms / base:.2f}")
    print("snapshot ratios: " + " ".join(ratios))


if __name__ == "__main__":
    main()
