from __future__ import annotations

from typing import Any

import attrs
import pytest

from jiceng.decisions import MeetingKind, RollKind
from jiceng.decisions.kinds import (
    INQUIRY,
    MEETING_KINDS,
    PARTY_MEMBERS_MEETING,
    REFERENDUM,
    VILLAGERS_ASSEMBLY,
)
from jiceng.decisions.thresholds import Base
from jiceng.exceptions import ValidationError
from tests.decisions.village import round_trip


def test_every_built_in_kind_has_a_unique_name_and_a_source() -> None:
    names = [k.name for k in MEETING_KINDS]
    assert len(names) == len(set(names)) == 14
    assert all(k.source.citation and k.rolls for k in MEETING_KINDS)


def test_the_villagers_assembly_carries_articles_21_and_22() -> None:
    kind = VILLAGERS_ASSEMBLY
    assert (
        str(kind.notice)
        == "提前通知 (notice): 10日 (10 calendar days) — 村民委员会组织法(2018) 第21条"
    )
    assert [str(t.label) for t in kind.quorum.tests] == [  # type: ignore[union-attr]
        "应到会人员的过半数 (more than half of the members on the roll)",
        "户的三分之二以上 (at least 2/3 of the households)",
    ]
    assert [r.roll for r in kind.requisitions] == [RollKind.ADULTS, RollKind.REPRESENTATIVES]
    assert str(kind.requisitions[0].label) == (
        "十分之一以上的十八周岁以上的村(居)民 (at least 1/10 of the adult villagers or residents)"
    )
    assert str(kind) == "村民会议 (villagers' assembly)"


def test_the_party_meeting_counts_its_majority_over_all_members() -> None:
    assert PARTY_MEMBERS_MEETING.majority.of is Base.MEMBERS  # type: ignore[union-attr]


def test_an_inquiry_takes_no_votes_and_a_referendum_uses_the_assembly_rules() -> None:
    assert INQUIRY.majority is None
    assert INQUIRY.quorum is None
    assert REFERENDUM.quorum == VILLAGERS_ASSEMBLY.quorum


def test_a_kind_name_is_an_identifier() -> None:
    with pytest.raises(ValidationError, match="identifier"):
        MeetingKind(
            name="村民 会议", label=INQUIRY.label, rolls=INQUIRY.rolls, source=INQUIRY.source
        )


def test_kinds_survive_serialisation() -> None:
    for kind in MEETING_KINDS:
        assert round_trip(kind) == kind


def test_a_kind_meets_on_roll_kind_members() -> None:
    with pytest.raises(ValidationError, match="expected a RollKind member") as caught:
        MeetingKind(
            name="x",
            label=INQUIRY.label,
            rolls={"adults"},  # type: ignore[arg-type]
            source=INQUIRY.source,
        )
    assert [p.startswith("rolls[") for p in caught.value.paths] == [True]


def test_a_kind_takes_its_rules_as_rule_values() -> None:
    bad: list[dict[str, Any]] = [
        {"quorum": Base.MEMBERS},
        {"majority": "more than half"},
        {"notice": 10},
        {"requisitions": ("1/10",)},
        {"cadence": "weekly"},
        {"appraisal": True},
    ]
    for fields in bad:
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(VILLAGERS_ASSEMBLY, **fields)
        (path,) = caught.value.paths
        assert path.startswith(next(iter(fields)))
