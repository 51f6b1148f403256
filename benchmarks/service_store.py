"""The reference service's store path on SQLite, and entity documents against plain cattrs.

A grid event with 14 events (reported, handled, reopened, handled again, evaluated),
under the 巨鹿 preset's policy. Timed, best of `--repeat`:

  store     per entity: append its 14 event documents in one transaction
            (`EventStore.append`, SQLAlchemy Core), load them back in version order
            and `replay_documents` them into the entity (checked, field by field);
  read      per read of a stored entity: its snapshot and the rows after it (none)
            through `resume_documents`, against `replay` (its 14 rows through
            `replay_documents`), both loaded from the store; printed as a ratio;
  raw       the same 14 rows inserted and selected with the standard library's sqlite3
            and `json`, into dicts, with no check and no replay;
  to_dict   `jiceng.serde.to_dict(entity)`, the whole entity document;
  from_dict `jiceng.serde.from_dict(document, GridEvent)`: checked and replayed;
  cattrs    a plain `cattrs.Converter` unstructuring and structuring the same event
            documents as plain attrs records (type, schema, entity, version, at, data):
            the same data, without checks, types or replay.

    PYTHONPATH=examples/service python benchmarks/service_store.py           # 2,000 entities
    PYTHONPATH=examples/service python benchmarks/service_store.py --quick   # 200 entities
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples" / "service"))

from jiceng import Actor
from jiceng.grids import Channel, GridEvent, Priority
from jiceng.presets import julu
from jiceng.serde import (
    event_documents,
    from_dict,
    replay_documents,
    resume_documents,
    snapshot,
    to_dict,
)
from jiceng_service import EventStore, make_engine

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
MEMBER = Actor.person("gm-1", "刘江棉")
CENTER = Actor.department("center", "街道指挥中心")
WATER = Actor.department("xzj-sw", "县水务局")


def fourteen(id: str) -> GridEvent:
    """The grid event of docs/grids.md: 14 events, a rework included."""
    e = GridEvent.report(
        id=id,
        policy=julu.POLICY,
        grid="130529100001001",
        channel=Channel.PATROL,
        description="下水道堵塞，污水漫溢",
        location="幸福路12号",
        by=MEMBER,
        at=T0,
    )
    e = e.register(by=CENTER, at=T0.add(minutes=10))
    e = e.classify(category="request", priority=Priority.NORMAL, by=CENTER, at=T0.add(minutes=12))
    e = e.dispatch(to="xzj-sw", by=CENTER, at=T0.add(minutes=15))
    e = e.start(by=WATER, at=T0.add(days=1))
    e = e.handle(evidence=("photo-1.jpg",), by=WATER, at=T0.add(days=2))
    e = e.verify(by=MEMBER, at=T0.add(days=2, hours=2))
    e = e.close(by=CENTER, at=T0.add(days=2, hours=3))
    e = e.reopen(reason="仍有积水", by=MEMBER, at=T0.add(days=3))
    e = e.dispatch(to="xzj-sw", by=CENTER, at=T0.add(days=3, hours=1))
    e = e.handle(evidence=("photo-2.jpg",), by=WATER, at=T0.add(days=4))
    e = e.verify(by=MEMBER, at=T0.add(days=4, hours=1))
    e = e.close(by=CENTER, at=T0.add(days=4, hours=2))
    e = e.evaluate(by=MEMBER, at=T0.add(days=4, hours=3), comment="已疏通")
    assert e.version == 14, e.version
    return e


@attrs.define
class Row:
    """An event document as a plain attrs record: what plain cattrs structures."""

    type: str
    schema: int
    entity: str
    version: int
    at: str
    data: dict[str, Any]


def best(repeat: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="200 entities, best of 2")
    args = parser.parse_args()
    n, repeat = (200, 2) if args.quick else (args.entities, args.repeat)

    entity = fourteen("WG-0")
    documents = event_documents(entity)
    document = to_dict(entity)
    size = len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    rows_size = len(json.dumps(documents, ensure_ascii=False, separators=(",", ":")).encode())
    plain = cattrs.Converter()
    records = plain.structure(documents, list[Row])

    with tempfile.TemporaryDirectory() as directory:
        store = EventStore(make_engine(f"sqlite:///{directory}/store.db"))
        store.create_tables()
        raw = sqlite3.connect(f"{directory}/raw.db")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute(
            "CREATE TABLE events (entity_type TEXT, entity_id TEXT, version INTEGER, "
            "type TEXT, schema INTEGER, at TEXT, data TEXT, "
            "PRIMARY KEY (entity_type, entity_id, version))"
        )
        rounds = iter(range(10**9))

        def store_path() -> None:
            r = next(rounds)
            for i in range(n):
                kind = f"grids.grid_event.{r}.{i}"  # the same entity, stored anew
                store.append(kind, documents)
                back = replay_documents(store.load(kind, "WG-0"), GridEvent)
                assert back.version == 14

        def raw_path() -> None:
            r = next(rounds)
            for i in range(n):
                id, kind = "WG-0", f"grids.grid_event.{r}.{i}"
                with raw:
                    raw.executemany(
                        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [
                            (
                                kind,
                                id,
                                d["version"],
                                d["type"],
                                d["schema"],
                                d["at"],
                                json.dumps(d["data"], ensure_ascii=False),
                            )
                            for d in documents
                        ],
                    )
                got = [
                    {
                        "type": t,
                        "schema": s,
                        "entity": e,
                        "version": v,
                        "at": a,
                        "data": json.loads(data),
                    }
                    for e, v, t, s, a, data in raw.execute(
                        "SELECT entity_id, version, type, schema, at, data FROM events "
                        "WHERE entity_type = ? AND entity_id = ? ORDER BY version",
                        (kind, id),
                    )
                ]
                assert len(got) == 14

        store.append("grids.grid_event", documents, snapshot(entity))

        def read_replayed() -> None:
            for _ in range(n):
                back = replay_documents(store.load("grids.grid_event", "WG-0"), GridEvent)
                assert back.version == 14

        def read_resumed() -> None:
            for _ in range(n):
                stored = store.snapshot("grids.grid_event", "WG-0")
                assert stored is not None
                later = store.load("grids.grid_event", "WG-0", after=stored["version"])
                back = resume_documents(stored, later, GridEvent)
                assert back.version == 14

        t_store = best(repeat, store_path)
        t_raw = best(repeat, raw_path)
        t_replayed = best(repeat, read_replayed)
        t_resumed = best(repeat, read_resumed)
        store.engine.dispose()
        raw.close()

    t_to = best(repeat, lambda: [to_dict(entity) for _ in range(n)] and None)
    t_from = best(repeat, lambda: [from_dict(document, GridEvent) for _ in range(n)] and None)
    t_plain_to = best(repeat, lambda: [plain.unstructure(records) for _ in range(n)] and None)
    t_plain_from = best(
        repeat, lambda: [plain.structure(documents, list[Row]) for _ in range(n)] and None
    )
    assert from_dict(document, GridEvent) == entity

    def line(name: str, seconds: float, what: str) -> None:
        print(f"{name:<10} {seconds / n * 1e6:10.0f} µs/entity {n * 14 / seconds:12,.0f} {what}/s")

    snapshot_size = len(
        json.dumps(snapshot(entity), ensure_ascii=False, separators=(",", ":")).encode()
    )
    print(
        f"grid event, 14 events: entity document {size:,} B, event rows {rows_size:,} B, "
        f"snapshot {snapshot_size:,} B"
    )
    print(f"{n:,} entities, best of {repeat}")
    line("store", t_store, "event rows")
    line("raw", t_raw, "event rows")
    print(f"{'read':<10} {t_resumed / n * 1e6:10.0f} µs/entity from the snapshot")
    print(f"{'replay':<10} {t_replayed / n * 1e6:10.0f} µs/entity from its 14 rows")
    line("to_dict", t_to, "events")
    line("from_dict", t_from, "events")
    line("cattrs-to", t_plain_to, "events")
    line("cattrs-from", t_plain_from, "events")
    print(f"documents/s: to_dict={n / t_to:,.0f} from_dict={n / t_from:,.0f}")
    print(
        f"ratios: store/raw={t_store / t_raw:.1f} replay/read={t_replayed / t_resumed:.1f} "
        f"to_dict/cattrs={t_to / t_plain_to:.1f} "
        f"from_dict/cattrs={t_from / t_plain_from:.1f}"
    )


if __name__ == "__main__":
    main()
