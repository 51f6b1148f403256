"""The petitioner's address (住址): recorded on registration (信访工作条例(2022) 第19条), and the
written notice it makes possible (第23条第2款: 但信访人的姓名（名称）、住址不清的除外)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jiceng import replay
from jiceng.exceptions import ValidationError
from jiceng.petitions import Channel, Petition, PetitionState
from jiceng.petitions.events import Registered
from jiceng.serde import from_dict, replay_documents, schema_version, to_dict
from tests.petitions.helpers import BUREAU, CLERK, LAND, OFFICE, VILLAGER, WEEKENDS, day

HOME = "东州市城西县青溪镇李家村3组12号"
GOLDEN = Path(__file__).parents[1] / "golden" / "v1"


def register(address: Any = None, *, id: str = "XF-A") -> Petition:
    return Petition.register(
        id=id,
        channel=Channel.LETTER,
        petitioners=[VILLAGER],
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=day(0),
        address=address,
        calendar=WEEKENDS,
    )


def action(petition: Petition) -> str:
    step = petition.next_step()
    assert step is not None
    return step.action.zh


# -- recording it -------------------------------------------------------------------------


def test_the_address_a_petition_states_is_recorded_on_registration() -> None:
    petition = register(HOME)
    assert petition.address == HOME
    registered = petition.history[0]
    assert isinstance(registered, Registered)
    assert registered.address == HOME
    assert replay(petition.history) == petition


def test_a_petition_registered_without_an_address_records_none() -> None:
    petition = register()
    assert petition.address is None
    assert replay(petition.history) == petition


def test_an_address_of_200_characters_is_recorded() -> None:
    assert register("址" * 200).address == "址" * 200


def test_an_address_of_201_characters_is_refused() -> None:
    with pytest.raises(ValidationError, match="at most 200 characters") as caught:
        register("址" * 201)
    assert caught.value.paths == ("register.address",)


@pytest.mark.parametrize("address", ["", "   ", 12], ids=["empty", "blank", "number"])
def test_an_empty_blank_or_non_text_address_is_refused_none_says_there_is_none(
    address: Any,
) -> None:
    with pytest.raises(ValidationError) as caught:
        register(address)
    assert caught.value.paths == ("register.address",)


# -- what it changes: the written notice (第23条第2款) ---------------------------------------


def test_a_petition_with_an_address_is_owed_the_written_notice() -> None:
    petition = register(HOME)
    assert petition.written_notice_owed
    assert action(petition) == "转送、交办或受理并书面告知"


def test_a_petition_without_an_address_is_owed_no_written_notice() -> None:
    petition = register()
    assert not petition.written_notice_owed
    assert action(petition) == "转送、交办或受理（住址未载明或者不清，不书面告知）"


def test_after_a_transfer_the_next_step_leaves_the_notice_out_without_an_address() -> None:
    with_address = register(HOME).transfer(to=BUREAU, by=CLERK, at=day(2))
    without = register().transfer(to=BUREAU, by=CLERK, at=day(2))
    assert action(with_address) == "书面告知受理，或者提出异议"
    assert action(without) == "受理（住址未载明或者不清，不书面告知），或者提出异议"


def test_without_an_address_the_time_limits_and_overdue_are_the_same() -> None:
    # Only the notice falls away: routing (第22条) and handling (第34条) are still owed in time.
    for at in (day(15), day(16)):
        assert register().overdue(at) == register(HOME).overdue(at)
    assert register().overdue(day(16))
    assert register().deadline == register(HOME).deadline
    accepted = register().accept(by=CLERK, at=day(3))
    assert accepted.state is PetitionState.HANDLING
    assert accepted.deadline == register(HOME).accept(by=CLERK, at=day(3)).deadline
    assert accepted.overdue(day(64))


def test_once_accepted_the_next_step_is_the_same_with_or_without_an_address() -> None:
    with_address = register(HOME).accept(by=CLERK, at=day(3))
    without = register().accept(by=CLERK, at=day(3))
    assert without.next_step() == with_address.next_step()


# -- stored documents --------------------------------------------------------------------


def test_a_petition_with_an_address_survives_a_json_round_trip() -> None:
    petition = register(HOME).accept(by=CLERK, at=day(3))
    document = json.loads(json.dumps(to_dict(petition), ensure_ascii=False))
    assert document["address"] == HOME
    assert document["history"][0]["address"] == HOME
    assert from_dict(document, Petition) == petition


def test_documents_stored_before_addresses_read_with_no_address() -> None:
    assert schema_version("petitions.petition") == 2
    assert schema_version("petitions.petition.Registered") == 2
    stored = json.loads((GOLDEN / "06-petitions.petition.json").read_text())
    assert "address" not in stored["entity"]
    petition = from_dict(stored["entity"], Petition)
    assert petition.address is None
    assert not petition.written_notice_owed
    assert replay_documents(stored["events"]) == petition
    assert to_dict(petition)["address"] is None  # written again at version 2, naming it


def test_a_document_whose_history_holds_an_overlong_address_is_refused() -> None:
    document = to_dict(register(HOME))
    document["history"][0]["address"] = "址" * 201
    document["address"] = "址" * 201
    with pytest.raises(ValidationError, match="at most 200 characters"):
        from_dict(document, Petition)


def test_a_document_whose_address_differs_from_its_history_is_refused() -> None:
    document = to_dict(register(HOME))
    document["address"] = "别处"
    with pytest.raises(ValidationError, match="address"):
        from_dict(document, Petition)
