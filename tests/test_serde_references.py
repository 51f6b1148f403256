"""Policies and rule books by reference: compact documents that still read back exactly."""

from __future__ import annotations

import json
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest

from jiceng import Actor
from jiceng.exceptions import ValidationError
from jiceng.grids import Channel, GridEvent, GridEventPolicy, Priority
from jiceng.plugins import default_registry
from jiceng.presets import loudi
from jiceng.serde import (
    REFERENCED,
    entity_schema,
    from_dict,
    to_dict,
    use_registry,
)

T0 = pendulum.datetime(2020, 3, 2, 9, tz="Asia/Shanghai")
OFFICE = Actor.department("sm-center", "上梅街道指挥中心")
HEAD = Actor.person("bh-1", "楼栋长")


def through_json(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False))


def loop(policy: GridEventPolicy = loudi.POLICY) -> GridEvent:
    """A grid event of 14 events: reported, sent round the loop twice, verified."""
    event = GridEvent.report(
        id="SM-2020-0001",
        policy=policy,
        grid=loudi.SHANGMEI + "001001001",
        channel=Channel.PATROL,
        description="楼道堆放杂物，消防通道堵塞",
        by=HEAD,
        at=T0,
    )
    event = event.register(by=OFFICE, at=T0).classify(
        category="patrol", priority=Priority.URGENT, by=OFFICE, at=T0
    )
    when = T0
    for round_ in range(2):
        event = event.dispatch(to="xh-cg", by=OFFICE, at=when.add(hours=1))
        event = event.start(by=OFFICE, at=when.add(hours=2))
        event = event.handle(evidence=(f"photo-{round_}",), by=OFFICE, at=when.add(hours=3))
        if round_ == 0:
            event = event.verify(by=OFFICE, at=when.add(hours=4))
            event = event.close(by=OFFICE, at=when.add(hours=5))
            event = event.reopen(by=HEAD, at=when.add(hours=6), reason="又堆上了")
        when = when.add(hours=6)
    event = event.verify(by=OFFICE, at=when.add(hours=4))
    return event.close(by=OFFICE, at=when.add(hours=5))


def test_a_registered_policy_is_written_as_its_name_and_version() -> None:
    event = loop()
    assert len(event.history) == 14
    document = to_dict(event)
    reference = {"ref": "loudi.shangmei", "version": "loudi@1"}
    assert document["policy"] == reference
    assert document["history"][0]["policy"] == reference
    assert from_dict(through_json(document), GridEvent) == event


def test_a_grid_event_of_14_events_fits_in_4_kb_of_compact_json() -> None:
    text = json.dumps(to_dict(loop()), ensure_ascii=False, separators=(",", ":"))
    assert len(text.encode()) <= 4096


def test_a_policy_no_registry_holds_is_written_by_value() -> None:
    own = attrs.evolve(loudi.POLICY, name="my.policy")
    document = to_dict(loop(own))
    assert document["policy"]["name"] == "my.policy"
    assert from_dict(through_json(document), GridEvent) == loop(own)


def test_a_registry_passed_in_writes_and_reads_its_own_policies() -> None:
    own = attrs.evolve(loudi.POLICY, name="my.policy")
    registry = default_registry().register(_Plugin(own))
    with use_registry(registry):
        document = through_json(to_dict(loop(own)))
        assert document["policy"]["ref"] == "my.policy"
        assert from_dict(document, GridEvent) == loop(own)
    with pytest.raises(ValidationError) as raised:
        from_dict(document, GridEvent)
    assert "policy.ref" in raised.value.paths


@attrs.frozen
class _Plugin:
    policy: GridEventPolicy
    name: str = "my-plugin"
    version: str = "1"

    @property
    def contributions(self) -> Any:
        from jiceng.plugins import Contributions

        return Contributions(grid_event_policies=(self.policy,))


def test_a_changed_policy_is_not_read_silently_in_place_of_the_old_one() -> None:
    document = through_json(to_dict(loop()))
    document["policy"]["version"] = "loudi@0"
    with pytest.raises(ValidationError) as raised:
        from_dict(document, GridEvent)
    assert "policy.version" in raised.value.paths
    assert "written under other rules" in str(raised.value)


def test_a_resolver_gives_the_policies_a_store_kept() -> None:
    document = through_json(to_dict(loop()))
    asked: list[tuple[str, str, str | None]] = []

    def resolve(cls: type[Any], name: str, version: str | None) -> Any:
        asked.append((cls.__name__, name, version))
        return loudi.POLICY if name == "loudi.shangmei" else None

    with use_registry(resolve):
        assert from_dict(document, GridEvent) == loop()
    assert asked[0] == ("GridEventPolicy", "loudi.shangmei", "loudi@1")
    document["policy"]["ref"] = document["history"][0]["policy"]["ref"] = "gone"
    with use_registry(resolve), pytest.raises(ValidationError) as raised:
        from_dict(document, GridEvent)
    assert "policy.ref" in raised.value.paths


@pytest.mark.parametrize(
    ("reference", "path"),
    [
        ({"ref": 5}, "policy.ref"),
        ({"ref": ""}, "policy.ref"),
        ({"ref": "loudi.shangmei", "version": 2}, "policy.version"),
        ({"ref": "loudi.shangmei", "colour": "red"}, "policy.colour"),
    ],
)
def test_a_bad_reference_is_named_by_its_path(reference: dict[str, Any], path: str) -> None:
    document = through_json(to_dict(loop()))
    document["policy"] = reference
    with pytest.raises(ValidationError) as raised:
        from_dict(document, GridEvent)
    assert path in raised.value.paths


def test_a_reference_without_a_version_reads_the_registrys_value() -> None:
    document = through_json(to_dict(loop()))
    document["policy"] = {"ref": "loudi.shangmei"}
    assert from_dict(document, GridEvent).policy is loudi.POLICY


def test_the_schema_allows_a_reference_or_the_value() -> None:
    schema = entity_schema(GridEvent)
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(through_json(to_dict(loop()))))
    own = attrs.evolve(loudi.POLICY, name="my.policy")
    assert not list(validator.iter_errors(through_json(to_dict(loop(own)))))


def test_only_data_is_referenced() -> None:
    names = {cls.__name__ for cls in REFERENCED}
    assert {"GridEventPolicy", "PetitionPolicy", "RuleBook", "Procedure"} <= names
    assert not names & {"TransitionGuard", "TransitionListener", "WorkCalendar"}


def test_many_registries_in_turn_each_write_against_their_own_policies() -> None:
    own = attrs.evolve(loudi.POLICY, name="my.policy")
    for _ in range(20):  # more than the indexes kept at once
        registry = default_registry().register(_Plugin(own))
        with use_registry(registry):
            assert to_dict(loop(own))["policy"] == {"ref": "my.policy", "version": "my-plugin@1"}
